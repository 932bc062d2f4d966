package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReportJob} on Parquet tables written by {@link WarehouseFixture}. */
class ReportJobTest {

  @TempDir static Path dir;
  private static SparkSession spark;
  private static Warehouse warehouse;

  /** The hand-worked period as 2025, and as 2024 without scores and skill distribution. */
  @BeforeAll
  static void writeTables() throws Exception {
    spark = SharedSpark.session();
    PeriodData p2025 = HandFixture.period();
    PeriodData p2024 = new PeriodData("2024", p2025.indicators(), p2025.scores(), p2025.skills(), p2025.enterprises(),
        p2025.rejectedSubmissions(), p2025.rejectedRows(), p2025.warnings(),
        Set.of(PeriodData.SCORES, PeriodData.SKILL_DISTRIBUTION));
    WarehouseFixture.write(spark, dir, List.of(p2024, p2025));
    warehouse = new Warehouse(dir.toString(), spark.sparkContext().hadoopConfiguration());
  }

  private ReportJob job(List<String> periods, String runId) {
    return new ReportJob(spark, warehouse, periods, 10, runId);
  }

  @Test
  void readsTheHistoryOfEveryPeriodForChangeAndTrend() throws Exception {
    History.Window window = HistoryReader.read(warehouse).window("2025");
    assertThat(window.previous()).isEqualTo("2024");
    assertThat(window.periods()).containsExactly("2024", "2025");
    // 2024 holds the same indicator rows as 2025 (ENT1's A02 is 30, ENT2's is low base) and no scores.
    assertThat(window.indicator("2024", "enterprise", "ENT1", "A02")).isEqualTo(new History.Point(30.0, false));
    assertThat(window.indicator("2024", "enterprise", "ENT2", "A02")).isEqualTo(new History.Point(50.0, true));
    assertThat(window.indicator("2024", "system", "all", "A02").value()).isEqualTo(56.0 / 260.0 * 100);
    assertThat(window.score("2024", "enterprises", "enterprise", "ENT1")).isNull();
    assertThat(window.score("2025", "enterprises", "enterprise", "ENT1"))
        .isEqualTo(new History.ScorePoint(80.0, 70.0, 80.0, 90.0, 80.0, 1));
    // The industry rankings are kept too (the workbook's industry sheet compares within one).
    assertThat(window.score("2025", "industry:automotive", "enterprise", "ENT1"))
        .isEqualTo(new History.ScorePoint(80.0, 70.0, 80.0, 90.0, 80.0, 1));
  }

  @Test
  void readsBackWhatTheTablesHold() throws Exception {
    PeriodData expected = HandFixture.period();
    PeriodData read = job(List.of("2025"), "read").read("2025");
    assertThat(read.missingTables()).isEmpty();
    assertThat(read.indicators()).containsExactlyInAnyOrderElementsOf(expected.indicators());
    // Read in the registry's types: ranks' percentiles whole numbers, the indicators used a list.
    assertThat(read.scores()).containsExactlyInAnyOrderElementsOf(expected.scores());
    assertThat(read.scores()).extracting(ScoreRow::indicatorsUsed)
        .containsOnly(List.of("A01", "A02", "B01", "B05", "C01", "C02", "D03"));
    assertThat(read.scores()).filteredOn(s -> s.unitId().equals("GRP2") && s.scope().equals("enterprises"))
        .extracting(ScoreRow::rankP05, ScoreRow::rankMedian, ScoreRow::rankP95)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 3, 5));
    assertThat(read.skills()).containsExactlyInAnyOrderElementsOf(expected.skills());
    assertThat(read.enterprises()).containsExactlyInAnyOrderElementsOf(expected.enterprises());
    assertThat(read.rejectedSubmissions()).containsExactlyInAnyOrderElementsOf(expected.rejectedSubmissions());
    // Findings come back each once; the first of each group carries the group's size (two bad dates).
    assertThat(unweighted(read.rejectedRows())).containsExactlyInAnyOrderElementsOf(expected.rejectedRows());
    assertThat(read.rejectedRows()).extracting(PeriodData.IssueRow::weight).containsExactlyInAnyOrder(2L, 0L, 1L);
    assertThat(unweighted(read.warnings())).containsExactlyInAnyOrderElementsOf(expected.warnings());

    PeriodData older = job(List.of("2024"), "read").read("2024");
    assertThat(older.missingTables()).containsExactlyInAnyOrder(PeriodData.SCORES, PeriodData.SKILL_DISTRIBUTION);
    assertThat(older.scores()).isEmpty();
  }

  @Test
  void aWarehouseWhoseInboxNeverHadRejectsOrWarningsLacksNothing(@TempDir Path clean) throws Exception {
    // What ingest leaves from a clean inbox: no rejected_submissions, rejected_rows or warnings table at all.
    try (Stream<Path> files = Files.walk(dir.resolve("tables"))) {
      for (Path from : files.toList()) {
        Path to = clean.resolve("tables").resolve(dir.resolve("tables").relativize(from).toString());
        String table = dir.resolve("tables").relativize(from).getName(0).toString();
        if (!Set.of(PeriodData.REJECTED_SUBMISSIONS, PeriodData.REJECTED_ROWS, PeriodData.WARNINGS).contains(table)) {
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else {
            Files.copy(from, to);
          }
        }
      }
    }
    Warehouse w = new Warehouse(clean.toString(), spark.sparkContext().hadoopConfiguration());
    PeriodData read = new ReportJob(spark, w, List.of("2025"), 10, "clean").read("2025");
    assertThat(read.missingTables()).isEmpty();
    assertThat(read.rejectedSubmissions()).isEmpty();
    assertThat(read.rejectedRows()).isEmpty();
    assertThat(read.warnings()).isEmpty();
    assertThat(read.enterprises()).hasSameSizeAs(HandFixture.period().enterprises());
  }

  @Test
  void findsThePeriodsOfEveryTable() throws Exception {
    assertThat(ReportJob.periodsIn(warehouse)).containsExactly("2024", "2025");
  }

  @Test
  void replacesItsOwnPagesAndKeepsOtherFilesOfTheFolder() throws Exception {
    Path folder = dir.resolve("reports/2025");
    Files.createDirectories(folder.resolve("units"));
    Files.writeString(folder.resolve("ranking.csv"), "rank,name\n1,x\n");
    Files.writeString(folder.resolve("index.html"), "old index");
    Files.writeString(folder.resolve("units/STALE.html"), "a unit of an older run");
    Files.writeString(folder.resolve("changai-2025.xlsx"), "old workbook");

    ReportResult result = job(List.of("2024", "2025"), "publish").run();

    assertThat(Files.readString(folder.resolve("ranking.csv"))).isEqualTo("rank,name\n1,x\n");
    assertThat(folder.resolve("units/STALE.html")).doesNotExist();
    assertThat(Files.readString(folder.resolve("index.html"))).startsWith("<!DOCTYPE html>");
    try (Stream<Path> units = Files.list(folder.resolve("units"))) {
      assertThat(units.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "GRP1-group.html", "GRP2-group.html", "GRP1.html", "GRP2.html", "ENT1.html", "ENT2.html");
    }
    // GRP2 ranked 3rd of 3 among enterprises, between 1 and 5 under weight draws, median 3; the
    // footer lists the indicators used as the table holds them.
    assertThat(Files.readString(folder.resolve("units/GRP2.html"))).contains("区间 P5–P95：1–5，中位 3 ")
        .contains("使用指标 indicators used: A01, A02, B01, B05, C01, C02, D03");
    assertThat(folder.resolve("quality.html")).exists();
    assertThat(folder.resolve("audit.html")).exists();
    assertThat(Files.readAllBytes(folder.resolve("changai-2025.xlsx"))).startsWith('P', 'K');
    assertThat(dir.resolve("_staging/publish")).doesNotExist();
    assertThat(dir.resolve("_trash/publish")).doesNotExist();
    try (Stream<Path> all = Files.walk(dir.resolve("reports"))) {
      List<Path> files = all.filter(Files::isRegularFile).toList();
      assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".crc"));
      for (Path file : files.stream().filter(p -> !p.toString().endsWith(".xlsx")).toList()) {
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
            .doesNotContain(WarehouseFixture.RAW_MARKER);
      }
    }
    assertThat(result.periods()).extracting(ReportResult.PeriodReport::pages).containsExactly(9, 9);
    assertThat(result.format())
        .contains("2025: 9 pages (index.html, quality.html, audit.html, 2 group and 4 enterprise scorecards) in ")
        .contains("note: table scores has no data for period 2024; the pages show no ranking, composite or part scores");
    assertThat(Files.readString(dir.resolve("reports/2024/index.html"))).contains("本期缺少数据表");
  }

  @Test
  void readsTheIndicatorsUsedAsTheListTheTableHolds() throws Exception {
    Path sample = SampleWarehouse.root();
    Warehouse w = new Warehouse(sample.toString(), spark.sparkContext().hadoopConfiguration());
    PeriodData read = new ReportJob(spark, w, List.of("2025"), 10, "text").read("2025");
    // As Spark's own read of the table gives them (every ranked unit of the sample used the same
    // ones), in the table's order.
    List<List<String>> stored = spark.read().parquet(sample.resolve("tables/scores/period=2025").toString())
        .select("indicators_used").distinct().collectAsList().stream().map(r -> r.<String>getList(0)).toList();
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0)).hasSizeGreaterThan(20);
    assertThat(read.scores()).extracting(ScoreRow::indicatorsUsed).containsOnly(stored.get(0));
    // 2024 has no rejected rows and no warnings, so no folder for them: no rows, nothing missing.
    PeriodData older = new ReportJob(spark, w, List.of("2024"), 10, "text").read("2024");
    assertThat(older.missingTables()).isEmpty();
    assertThat(older.rejectedRows()).isEmpty();
    assertThat(SampleWarehouse.result().format()).doesNotContain("note:");
    assertThat(SampleWarehouse.result().periods()).extracting(ReportResult.PeriodReport::enterprises)
        .containsExactly(SampleFixture.enterprises2025() - 3, SampleFixture.enterprises2025());
  }

  private static List<PeriodData.IssueRow> unweighted(List<PeriodData.IssueRow> rows) {
    return rows.stream().map(r -> new PeriodData.IssueRow(r.enterpriseId(), r.file(), r.line(), r.column(),
        r.reasonCode(), r.reason())).toList();
  }
  @Test
  void storedValuesAreReadInTheRegistrysTypesAsSparksCastWould() {
    // By hand, as Spark casts: whole numbers widened or narrowed, nulls and equal types left alone;
    // a list stays a list.
    assertThat(ReportJob.cast(List.of("A01", "B02"), DataTypes.createArrayType(DataTypes.StringType, false),
        DataTypes.createArrayType(DataTypes.StringType, false), "scores", "indicators_used")).isEqualTo(List.of("A01", "B02"));
    assertThat(ReportJob.cast(7, DataTypes.IntegerType, DataTypes.DoubleType, "audit", "value")).isEqualTo(7.0);
    assertThat(ReportJob.cast(12L, DataTypes.LongType, DataTypes.IntegerType, "enterprises", "warnings")).isEqualTo(12);
    assertThat(ReportJob.cast(5, DataTypes.IntegerType, DataTypes.LongType, "skill_distribution", "count")).isEqualTo(5L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportJob.cast(22, DataTypes.IntegerType,
        DataTypes.createArrayType(DataTypes.StringType, false), "scores", "indicators_used"))
        .hasMessage("table scores: column indicators_used is int, which the report cannot read as array<string>");
    assertThat(ReportJob.cast(null, DataTypes.IntegerType, DataTypes.DoubleType, "scores", "rank_p05")).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> ReportJob.cast("x", DataTypes.StringType, DataTypes.DoubleType, "scores", "composite"))
        .hasMessage("table scores: column composite is string, which the report cannot read as double");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> ReportJob.cast(1L << 40, DataTypes.LongType, DataTypes.IntegerType, "enterprises", "warnings"))
        .isInstanceOf(ArithmeticException.class);
  }
}
