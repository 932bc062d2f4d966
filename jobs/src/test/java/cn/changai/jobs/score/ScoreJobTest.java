package cn.changai.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import cn.changai.indicators.score.Normalisation;
import cn.changai.indicators.score.Weights;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.warehouse.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the score job on a tiny warehouse: 2024 and 2025, two groups, five enterprises in two
 * industries. The 2025 enterprise values are those of the indicators module's tiny fixture, worked
 * out by hand there: U4 100 (rank 1), U2 and U3 58.333333 (rank 2), U1 0 (rank 4), U5 unranked.
 * In 2024 only A01 is known: U1 30, U2 20, U3 10, so ranks 1, 2, 3.
 */
class ScoreJobTest {

  private static final String EVIL_NAME = "=HYPERLINK(\"http://example.invalid\",\"点我\")";

  private static final StructType VALUES =
      new StructType()
          .add("unit_level", DataTypes.StringType)
          .add("unit_id", DataTypes.StringType)
          .add("unit_name", DataTypes.StringType)
          .add("indicator_id", DataTypes.StringType)
          .add("numerator", DataTypes.DoubleType)
          .add("denominator", DataTypes.DoubleType)
          .add("value", DataTypes.DoubleType)
          .add("low_base", DataTypes.BooleanType)
          .add("members_reporting", DataTypes.IntegerType)
          .add("members_total", DataTypes.IntegerType)
          .add("catalogue_version", DataTypes.StringType)
          .add("run_id", DataTypes.StringType)
          .add("period", DataTypes.StringType);

  private static final StructType ENTERPRISES =
      new StructType()
          .add("enterprise_id", DataTypes.StringType)
          .add("name", DataTypes.StringType)
          .add("level", DataTypes.StringType)
          .add("industry", DataTypes.StringType)
          .add("parent_id", DataTypes.StringType)
          .add("district", DataTypes.StringType)
          .add("period", DataTypes.StringType);

  @TempDir static Path dir;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static ScoreResult first;

  private static Row value(String period, String level, String id, String name, String indicator, Double value, boolean lowBase) {
    return RowFactory.create(level, id, name, indicator, value, value == null ? 0.0 : 1.0, value, lowBase, 1, 1, "1", "r0", period);
  }

  private static String name(String id) {
    return Map.of("U1", EVIL_NAME, "U2", "二号", "U3", "三号", "U4", "四号", "U5", "五号", "G1", "甲集团", "G2", "乙集团").get(id);
  }

  private static void add(List<Row> rows, String period, String id, Object... pairs) {
    String level = id.startsWith("G") ? "group" : "enterprise";
    for (int i = 0; i < pairs.length; i += 2) {
      String indicator = (String) pairs[i];
      Object v = pairs[i + 1];
      boolean lowBase = v instanceof String s && s.startsWith("low");
      Double number = v == null ? null : lowBase ? Double.valueOf(((String) v).substring(3)) : ((Number) v).doubleValue();
      rows.add(value(period, level, id, name(id), indicator, number, lowBase));
    }
  }

  @BeforeAll
  static void runJob() throws Exception {
    spark = SharedSpark.session();
    List<Row> rows = new ArrayList<>();
    add(rows, "2024", "G1", "A01", 1);
    add(rows, "2024", "G2", "A01", 2);
    add(rows, "2024", "U1", "A01", 30);
    add(rows, "2024", "U2", "A01", 20);
    add(rows, "2024", "U3", "A01", 10);
    add(rows, "2025", "G1", "A01", 3);
    add(rows, "2025", "G2", "A01", 2);
    add(rows, "2025", "U1", "A01", 10, "A02", 50, "B03", 8, "B04", 40, "C01", 0, "D04", 70);
    add(rows, "2025", "U2", "A01", 20, "A02", "low90", "B03", 8, "B04", 80, "C01", 25);
    add(rows, "2025", "U3", "A01", 30, "A02", 60, "B03", 8, "B04", 60, "C01", 50);
    add(rows, "2025", "U4", "A01", null, "A02", 70, "B03", 8, "B04", 80, "C01", 100);
    add(rows, "2025", "U5", "A01", null, "A02", "low40", "B03", 8);
    // Roll-ups are not ranked; an indicator unknown to the catalogue is ignored.
    rows.add(value("2025", "industry", "automotive", "汽车", "A01", 15.0, false));
    rows.add(value("2025", "system", "all", "全系统", "A01", 20.0, false));
    rows.add(value("2025", "enterprise", "U1", EVIL_NAME, "Z99", 1.0, false));
    spark.createDataFrame(rows, VALUES).coalesce(1).write().partitionBy("period")
        .parquet(dir.resolve("tables/indicator_values").toString());

    List<Row> enterprises = new ArrayList<>();
    for (String period : List.of("2024", "2025")) {
      enterprises.add(RowFactory.create("G1", "甲集团", "group", "automotive", null, "黄浦区", period));
      enterprises.add(RowFactory.create("G2", "乙集团", "group", "biomedicine", null, "黄浦区", period));
      enterprises.add(RowFactory.create("U1", EVIL_NAME, "subsidiary", "automotive", "G1", "黄浦区", period));
      enterprises.add(RowFactory.create("U2", "二号", "subsidiary", "automotive", "G1", "黄浦区", period));
      // U3 moves from automotive to biomedicine in 2025.
      enterprises.add(RowFactory.create("U3", "三号", "subsidiary", period.equals("2024") ? "automotive" : "biomedicine", "G2", "黄浦区", period));
    }
    enterprises.add(RowFactory.create("U4", "四号", "subsidiary", "biomedicine", "G2", "黄浦区", "2025"));
    enterprises.add(RowFactory.create("U5", "五号", "branch", "biomedicine", "G2", "黄浦区", "2025"));
    spark.createDataFrame(enterprises, ENTERPRISES).coalesce(1).write().partitionBy("period")
        .parquet(dir.resolve("tables/enterprises").toString());

    warehouse = new Warehouse(dir.toString(), spark.sparkContext().hadoopConfiguration());
    first = new ScoreJob(spark, warehouse, settings(Set.of()), "run-1").run();
  }

  private static ScoreSettings settings(Set<String> periods) {
    return new ScoreSettings(periods, Weights.defaults(), "default", Normalisation.MINMAX, 50, 1);
  }

  private static List<Row> scores(String period) {
    return spark.read().parquet(dir.resolve("tables/scores").toString())
        .filter("period = '" + period + "'")
        .orderBy("scope", "unit_id")
        .collectAsList();
  }

  private static Map<String, Row> enterprises2025() {
    return scores("2025").stream().filter(r -> r.<String>getAs("scope").equals("enterprises"))
        .collect(Collectors.toMap(r -> r.getAs("unit_id"), r -> r));
  }

  @Test
  void publishesScoresForEveryPeriodWithValues() {
    assertThat(first.periods()).extracting(ScoreResult.PeriodScores::period, ScoreResult.PeriodScores::previousPeriod)
        .containsExactly(tuple("2024", null), tuple("2025", "2024"));
    assertThat(scores("2024")).hasSize(2 + 3 + 3);
    // 2025: 2 groups, 5 enterprises, automotive U1 U2, biomedicine U3 U4 U5.
    List<Row> rows = scores("2025");
    assertThat(rows).extracting(r -> r.getAs("scope") + "/" + r.getAs("unit_id")).containsExactly(
        "enterprises/U1", "enterprises/U2", "enterprises/U3", "enterprises/U4", "enterprises/U5",
        "groups/G1", "groups/G2",
        "industry:automotive/U1", "industry:automotive/U2",
        "industry:biomedicine/U3", "industry:biomedicine/U4", "industry:biomedicine/U5");
    assertThat(rows).extracting(r -> r.getAs("method")).containsOnly("normalise=minmax;weights=equal-1;draws=50;seed=1");
    assertThat(first.warnings()).containsExactly("indicators not in catalogue " + cn.changai.indicators.Catalogue.VERSION + " are ignored: Z99");
  }

  @Test
  void scoresRanksTiersAndChangesAsWorkedOutByHand() {
    Map<String, Row> e = enterprises2025();
    assertThat(e.get("U4").<Double>getAs("composite")).isEqualTo(100.0);
    assertThat(e.get("U2").<Double>getAs("composite")).isEqualTo(58.333333);
    assertThat(e.get("U3").<Double>getAs("composite")).isEqualTo(58.333333);
    assertThat(e.get("U3").<Double>getAs("part_a")).isEqualTo(75.0);
    assertThat(e.get("U1").<Double>getAs("part_d")).isNull();
    assertThat(List.of("U4", "U2", "U3", "U1")).extracting(id -> e.get(id).getAs("rank")).containsExactly(1, 2, 2, 4);
    assertThat(List.of("U4", "U2", "U3", "U1")).extracting(id -> e.get(id).getAs("tier"))
        .containsExactly("优秀", "合格", "合格", "待改进");
    // 2024 ranks U1 1, U2 2, U3 3; U4 is new in 2025.
    assertThat(List.of("U4", "U2", "U3", "U1")).extracting(id -> e.get(id).getAs("rank_change"))
        .containsExactly(null, 0, 1, -3);
    assertThat(e.get("U2").getList(e.get("U2").fieldIndex("indicators_used"))).containsExactly("A01", "B04", "C01");
    Row u5 = e.get("U5");
    assertThat(u5.<Object>getAs("rank")).isNull();
    assertThat(u5.<Object>getAs("composite")).isNull();
    assertThat(u5.<Object>getAs("rank_median")).isNull();
    assertThat(u5.getList(u5.fieldIndex("indicators_used"))).isEmpty();
    assertThat(u5.<String>getAs("unranked_reason")).isEqualTo("无可用指标值 no usable value");
    assertThat(e.get("U2").<Object>getAs("unranked_reason")).isNull();
    // One composite per unit: U2 is 58.333333 among all enterprises and in automotive alike.
    Row u2Automotive = scores("2025").stream().filter(r -> r.getAs("scope").equals("industry:automotive")
        && r.getAs("unit_id").equals("U2")).findFirst().orElseThrow();
    assertThat(u2Automotive.<Double>getAs("composite")).isEqualTo(58.333333);
    assertThat(u2Automotive.<Integer>getAs("rank")).isEqualTo(1);
    // U4 is best on everything: rank 1 in every draw.
    assertThat(e.get("U4")).extracting(r -> r.getAs("rank_median"), r -> r.getAs("rank_p05"), r -> r.getAs("rank_p95"),
        r -> r.getAs("rank_unstable")).containsExactly(1, 1, 1, false);
    for (Row r : e.values()) {
      if (r.getAs("rank") != null) {
        assertThat(r.<Integer>getAs("rank_p05")).isLessThanOrEqualTo(r.getAs("rank_median"));
        assertThat(r.<Integer>getAs("rank_median")).isLessThanOrEqualTo(r.getAs("rank_p95"));
      }
    }
  }

  @Test
  void publishesTheAuditWithTheScores() {
    List<Row> audit = spark.read().parquet(dir.resolve("tables/audit").toString())
        .filter("period = '2025' AND unit_level = 'enterprise'").collectAsList();
    Map<String, Object> a01 = audit.stream()
        .filter(r -> "indicator".equals(r.getAs("section")) && "A01".equals(r.getAs("indicator_id")))
        .collect(Collectors.toMap(r -> r.getAs("statistic"), r -> r.isNullAt(r.fieldIndex("value")) ? "null" : r.getAs("value")));
    // A01: U1 10, U2 20, U3 30 usable, U4 and U5 null; three values are too few for kurtosis.
    assertThat(a01).containsEntry("usable", 3.0).containsEntry("low_base", 0.0).containsEntry("null", 2.0)
        .containsEntry("min", 10.0).containsEntry("median", 20.0).containsEntry("max", 30.0)
        .containsEntry("skewness", 0.0).containsEntry("kurtosis", "null").containsEntry("outliers", "null");
    // Part A's alpha: A01 normalised 0, 50, 100 (U1..U3), A02 0, 50, 100 (U1, U3, U4): variances
    // 2500 each, covariance over U1 and U3 (0, 100 against 0, 50) 2500: α = 2 (1 − 5000/10000) = 1.
    Row alphaA = audit.stream().filter(r -> "alpha".equals(r.getAs("section")) && "A".equals(r.getAs("other"))
        && "cronbach_alpha".equals(r.getAs("statistic"))).findFirst().orElseThrow();
    assertThat(alphaA.<Double>getAs("value")).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(audit).filteredOn(r -> "sensitivity".equals(r.getAs("section")))
        .extracting(r -> r.getAs("scope") + "/" + r.getAs("other") + "/" + r.getAs("statistic"))
        .contains("enterprises/weights/first_order", "industry:automotive/outliers/total_order");
  }

  @Test
  void writesTheThreeReports() throws Exception {
    Path folder = dir.resolve("reports/2025");
    assertThat(folder.resolve("ranking.csv")).exists();
    assertThat(folder.resolve("ranking.md")).exists();
    assertThat(folder.resolve("ranking.json")).exists();
    assertThat(folder.resolve(".ranking.csv.crc")).doesNotExist();
    assertThat(first.periods().get(1).reports()).hasSize(4);
    assertThat(folder.resolve("scoring-inputs.json")).exists();

    byte[] csv = Files.readAllBytes(folder.resolve("ranking.csv"));
    assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(csv, StandardCharsets.UTF_8).substring(1);
    List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text)).getRecords();
    assertThat(records).hasSize(12);
    CSVRecord top = records.stream().filter(r -> r.get(1).equals("enterprises")).findFirst().orElseThrow();
    assertThat(top.values()).startsWith("企业排名", "enterprises", "1", "四号", "U4", "企业", "100.00", "优秀", "100.00", "100.00", "100.00", "");
    CSVRecord u1 = records.stream().filter(r -> r.get(1).equals("enterprises") && r.get(4).equals("U1")).findFirst().orElseThrow();
    assertThat(u1.get(3)).isEqualTo("'" + EVIL_NAME);
    assertThat(u1.get(16)).isEqualTo("-3");

    String md = Files.readString(folder.resolve("ranking.md"));
    assertThat(md).contains("# 排名 Ranking 2025")
        .contains("| 1 | 四号 | 100.00 | 优秀 | 100.00 | 100.00 | 100.00 | — | 1–1 | 新 new |")
        .contains("| 2 | 二号 | 58.33 | 合格 | 50.00 | 100.00 | 25.00 | — |")
        .contains("| — | 五号 | — | 未排名 not ranked: 无可用指标值 no usable value | — | — | — | — | — | — |")
        .contains("B03 (one value for all units)");

    JsonNode json = new ObjectMapper().readTree(folder.resolve("ranking.json").toFile());
    assertThat(json.get("previous_period").asText()).isEqualTo("2024");
    JsonNode enterprises = json.get("scopes").get(1);
    assertThat(enterprises.get("scope").asText()).isEqualTo("enterprises");
    assertThat(enterprises.get("units").get(0).get("unit_id").asText()).isEqualTo("U4");
    assertThat(enterprises.get("units").get(1).get("composite").decimalValue()).isEqualByComparingTo("58.33");
    assertThat(enterprises.get("units").get(4).get("rank").isNull()).isTrue();
  }

  @Test
  void rescoringOnePeriodGivesTheSameRowsAndLeavesTheOthers() throws Exception {
    List<String> before2024 = scores("2024").stream().map(Row::toString).toList();
    List<String> before2025 = withoutRunId(scores("2025"));
    ScoreResult again = new ScoreJob(spark, warehouse, settings(Set.of("2025")), "run-2").run();
    assertThat(again.periods()).extracting(ScoreResult.PeriodScores::period).containsExactly("2025");
    assertThat(withoutRunId(scores("2025"))).isEqualTo(before2025);
    assertThat(scores("2024").stream().map(Row::toString).toList()).isEqualTo(before2024);
    assertThat(dir.resolve("_staging/run-2")).doesNotExist();
  }

  private static List<String> withoutRunId(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> values = new ArrayList<>();
      for (String field : r.schema().fieldNames()) {
        if (!field.equals("run_id")) {
          values.add(r.getAs(field));
        }
      }
      out.add(values.toString());
    }
    return out;
  }
}
