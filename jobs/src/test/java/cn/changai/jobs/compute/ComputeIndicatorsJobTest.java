package cn.changai.jobs.compute;

import static cn.changai.jobs.compute.TinyWarehouse.figures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.changai.domain.Period;
import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Components;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Kind;
import cn.changai.indicators.Measure;
import cn.changai.indicators.TreeWarning;
import cn.changai.indicators.UnitLevel;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.compute.TinyWarehouse.Worker;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute job on a tiny warehouse, every expectation worked by hand in the comments. Periods:
 * 2025 (a three-level group G1 ← S1 ← B1, an orphan O1 whose parent PX did not submit, a group E0
 * without worker rows), 2025H1 (H) and 2025Q3 (Q) for the windows of A03 and C07.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComputeIndicatorsJobTest {

  private static final double EPS = 1e-9;

  @TempDir static Path warehouseDir;

  private SparkSession spark;
  private Warehouse warehouse;
  private ComputeResult result;
  private final Map<String, Row> values = new HashMap<>();
  private final Map<String, Row> skills = new HashMap<>();

  @BeforeAll
  void computeOnce() throws Exception {
    spark = SharedSpark.session();
    TinyWarehouse tiny = new TinyWarehouse();
    // 2025: G1, a group with five industrial workers (w1..w5) and one office worker (w6) who counts nowhere.
    tiny.enterprise("2025", "G1", null, "group", "automotive", figures(
        "ideology_participants", 12, "frontline_party_meeting_attendances", 6, "school_partnerships", 1,
        "order_class_trainees", 2, "competition_participants", 3, "innovation_achievements", 4,
        "achievements_converted", 1, "rationalization_proposals", 10, "proposals_adopted", 4,
        "congress_levels_required", 3, "congress_levels_established", 2, "employee_directors", 1,
        "employee_supervisors", 1, "dedicated_reform_staff", 1, "reform_in_party_assessment", true))
        .worker("2025", "G1", new Worker("w1").frontline().party(LocalDate.of(2025, 3, 1)).skill("senior")
            .wage("200000").hours("10").honours("shanghai_craftsman").massOrg().health().studio("ST1")
            .hired(LocalDate.of(2010, 5, 1)))
        .worker("2025", "G1", new Worker("w2").frontline().party(LocalDate.of(2024, 12, 31)).skill("technician")
            .wage("240000").hours("20.5").health().recuperation().hired(LocalDate.of(2015, 1, 1)))
        .worker("2025", "G1", new Worker("w3").frontline().skill("intermediate").wage("120000")
            .hired(LocalDate.of(2022, 12, 31)).mentor("w1").health())
        .worker("2025", "G1", new Worker("w4").skill("junior").wage(null).hours("8")
            .hired(LocalDate.of(2023, 1, 1)).mentor("w2").health().studio("ST1"))
        .worker("2025", "G1", new Worker("w5").wage("80000").hours("4").hired(LocalDate.of(2025, 12, 31)))
        .worker("2025", "G1", new Worker("w6").office().frontline().party(LocalDate.of(2025, 6, 1)).skill("senior")
            .wage("500000").hours("100").hired(LocalDate.of(2024, 1, 1)).mentor("w1").health().recuperation()
            .honours("national_model_worker").studio("ST1").massOrg())
        .studio("2025", "G1", "ST1", "model_worker")
        .studio("2025", "G1", "ST2", "craftsman");
    // S1 (subsidiary of G1): 10 workers, 3 party members; ideology figure unknown.
    tiny.enterprise("2025", "S1", "G1", "subsidiary", "automotive", figures(
            "school_partnerships", 0, "reform_in_party_assessment", false))
        .plainWorkers("2025", "S1", 10, 3);
    // B1 (branch of S1): 9 workers, 3 party members.
    tiny.enterprise("2025", "B1", "S1", "branch", "high_end_equipment", figures(
            "ideology_participants", 18, "school_partnerships", 2))
        .plainWorkers("2025", "B1", 9, 3);
    // O1: its parent PX did not submit. 10 workers, 5 party members, a craftsman studio only.
    tiny.enterprise("2025", "O1", "PX", "subsidiary", "biomedicine", figures("reform_in_party_assessment", true))
        .plainWorkers("2025", "O1", 10, 5)
        .studio("2025", "O1", "CR1", "craftsman");
    // E0: a group whose every row was rejected: no worker rows at all.
    tiny.enterprise("2025", "E0", null, "group", "other", figures());
    // 2025H1: window 2025-01-01..2025-06-30, reference date 2025-06-30.
    tiny.enterprise("2025H1", "H", null, "group", "automotive", figures())
        .worker("2025H1", "H", new Worker("h1").party(LocalDate.of(2025, 6, 30)).hired(LocalDate.of(2022, 6, 30)))
        .worker("2025H1", "H", new Worker("h2").party(LocalDate.of(2024, 12, 31)))
        .worker("2025H1", "H", new Worker("h3").hired(LocalDate.of(2022, 7, 1)).mentor("h1"))
        .worker("2025H1", "H", new Worker("h4").hired(LocalDate.of(2025, 6, 30)));
    // 2025Q3: window 2025-07-01..2025-09-30, reference date 2025-09-30.
    tiny.enterprise("2025Q3", "Q", null, "group", "automotive", figures())
        .worker("2025Q3", "Q", new Worker("q1").party(LocalDate.of(2025, 7, 1)))
        .worker("2025Q3", "Q", new Worker("q2").party(LocalDate.of(2025, 6, 30)))
        .worker("2025Q3", "Q", new Worker("q3").party(LocalDate.of(2025, 9, 30)))
        .worker("2025Q3", "Q", new Worker("q4").hired(LocalDate.of(2022, 9, 30)))
        .worker("2025Q3", "Q", new Worker("q5").hired(LocalDate.of(2022, 10, 1)).mentor("q1"));
    tiny.write(spark, warehouseDir);

    warehouse = new Warehouse(warehouseDir.toString(), spark.sparkContext().hadoopConfiguration());
    result = new ComputeIndicatorsJob(spark, warehouse, new TreeSet<>(), 10, "run-1").run();
    for (Row r : spark.read().parquet(warehouse.table(ComputeTables.INDICATOR_VALUES).toString()).collectAsList()) {
      values.put(key(r.getAs("period"), r.getAs("unit_level"), r.getAs("unit_id"), r.getAs("indicator_id")), r);
    }
    for (Row r : spark.read().parquet(warehouse.table(ComputeTables.SKILL_DISTRIBUTION).toString()).collectAsList()) {
      skills.put(key(r.getAs("period"), r.getAs("unit_level"), r.getAs("unit_id"), r.getAs("skill_level")), r);
    }
  }

  private static String key(String... parts) {
    return String.join("/", parts);
  }

  private Row row(String period, String level, String unit, String indicator) {
    Row r = values.get(key(period, level, unit, indicator));
    assertThat(r).as(key(period, level, unit, indicator)).isNotNull();
    return r;
  }

  private Double value(String period, String level, String unit, String indicator) {
    return row(period, level, unit, indicator).getAs("value");
  }

  @Test
  void everyIndicatorOfOneEnterpriseFromItsRows() {
    // G1: W = w1..w5 (5), F = w1, w2, w3 (3). Known wages: w1, w2, w3, w5.
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("A01", 2.4);           // 12 participants / 5
    expected.put("A02", 40.0);          // party members w1, w2 (w6 is no industrial worker): 2 / 5 × 100
    expected.put("A03", 20.0);          // joined in 2025: w1 (w2 joined 2024-12-31): 1 / 5 × 100
    expected.put("A04", 100.0 / 3);     // F with a mass-organisation post: w1: 1 / 3 × 100
    expected.put("A05", 200.0);         // 6 attendances / 3 F × 100
    expected.put("B01", 100.0);         // 1 partnership ≥ 1
    expected.put("B02", 40.0);          // 2 trainees / 5 × 100
    expected.put("B03", 8.5);           // (10 + 20.5 + 0 + 8 + 4) = 42.5 hours / 5
    expected.put("B04", 80.0);          // w1..w4 hold a level: 4 / 5 × 100
    expected.put("B05", 40.0);          // senior w1, technician w2: 2 / 5 × 100
    expected.put("B06", 137.5);         // (440,000 / 2 = 220,000) / (640,000 / 4 = 160,000) × 100
    expected.put("C01", 60.0);          // 3 / 5 × 100
    expected.put("C02", 100.0);         // ST1 is a model_worker studio
    expected.put("C03", 40.0);          // w1, w4 in a studio: 2 / 5 × 100
    expected.put("C04", 25.0);          // 1 / 4 × 100
    expected.put("C05", 40.0);          // 4 / 10 × 100
    expected.put("C06", 200.0);         // w1 honoured: 1 / 5 × 1000
    expected.put("C07", 50.0);          // new hires w4 (2023-01-01), w5 (2025-12-31); w3 (2022-12-31) is out; w4 mentored: 1 / 2 × 100
    expected.put("D01", 100.0);         // reform true
    expected.put("D02", 200.0 / 3);     // 2 / 3 × 100
    expected.put("D03", 100.0);         // 1 director and 1 supervisor
    expected.put("D04", 80.0);          // w1..w4: 4 / 5 × 100
    expected.put("D05", 20.0);          // w2: 1 / 5 × 100
    expected.put("D06", 200.0);         // 1 / 5 × 1000
    // Every indicator of the catalogue has its hand-worked value here, in any order.
    assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(Catalogue.all().stream().map(i -> i.id()).toList());
    for (Map.Entry<String, Double> x : expected.entrySet()) {
      assertThat(value("2025", "enterprise", "G1", x.getKey())).as(x.getKey()).isCloseTo(x.getValue(), within(EPS));
    }
    Row b03 = row("2025", "enterprise", "G1", "B03");
    assertThat((Double) b03.getAs("numerator")).isEqualTo(42.5);
    assertThat((Double) b03.getAs("denominator")).isEqualTo(5.0);
    assertThat((Boolean) b03.getAs("low_base")).isTrue(); // 5 < 10
    Row c07 = row("2025", "enterprise", "G1", "C07");
    assertThat((Double) c07.getAs("numerator")).isEqualTo(1.0);
    assertThat((Double) c07.getAs("denominator")).isEqualTo(2.0);
    Row b06 = row("2025", "enterprise", "G1", "B06");
    assertThat((Double) b06.getAs("numerator")).isEqualTo(220_000.0);
    assertThat((Double) b06.getAs("denominator")).isEqualTo(160_000.0);
    assertThat((Boolean) row("2025", "enterprise", "G1", "C04").getAs("low_base")).isFalse(); // figure ratio
    assertThat((Boolean) row("2025", "enterprise", "G1", "C02").getAs("low_base")).isFalse(); // unit share
    Row a02 = row("2025", "enterprise", "G1", "A02");
    assertThat((String) a02.getAs("unit_name")).isEqualTo("企业G1");
    assertThat((String) a02.getAs("catalogue_version")).isEqualTo(Catalogue.VERSION);
    assertThat((String) a02.getAs("run_id")).isEqualTo("run-1");
    assertThat((Integer) a02.getAs("members_reporting")).isEqualTo(1);
    assertThat((Integer) a02.getAs("members_total")).isEqualTo(1);
  }

  @Test
  void lowBaseAtNineAndTen() {
    // S1: 3 of 10 party members → 30, enough; B1: 3 of 9 → 33.3, low_base.
    assertThat(value("2025", "enterprise", "S1", "A02")).isCloseTo(30.0, within(EPS));
    assertThat((Boolean) row("2025", "enterprise", "S1", "A02").getAs("low_base")).isFalse();
    assertThat(value("2025", "enterprise", "B1", "A02")).isCloseTo(100.0 / 3, within(EPS));
    assertThat((Boolean) row("2025", "enterprise", "B1", "A02").getAs("low_base")).isTrue();
  }

  @Test
  void enterpriseWithoutWorkerRowsHasZeroDenominatorsAndNullValues() {
    Row a02 = row("2025", "enterprise", "E0", "A02");
    assertThat((Double) a02.getAs("numerator")).isEqualTo(0.0);
    assertThat((Double) a02.getAs("denominator")).isEqualTo(0.0);
    assertThat((Double) a02.getAs("value")).isNull();
    assertThat((Boolean) a02.getAs("low_base")).isTrue();
    // Its unknown figure: A01 leaves it out entirely.
    Row a01 = row("2025", "enterprise", "E0", "A01");
    assertThat((Double) a01.getAs("denominator")).isNull();
    assertThat((Integer) a01.getAs("members_reporting")).isZero();
    // No studios.csv: in scope for C02, without a model-worker studio: 0 / 1.
    assertThat(value("2025", "enterprise", "E0", "C02")).isEqualTo(0.0);
    assertThat(value("2025", "group", "E0", "A02")).isNull();
    assertThat(values.values()).noneMatch(r -> r.getAs("value") != null && ((Double) r.getAs("value")).isNaN());
  }

  @Test
  void threeLevelGroupPoolsItsMembers() {
    // Group G1 = G1 + S1 + B1. A02: (2 + 3 + 3) / (5 + 10 + 9) × 100 = 8 / 24 × 100.
    Row a02 = row("2025", "group", "G1", "A02");
    assertThat((Double) a02.getAs("numerator")).isEqualTo(8.0);
    assertThat((Double) a02.getAs("denominator")).isEqualTo(24.0);
    assertThat((Double) a02.getAs("value")).isCloseTo(100.0 / 3, within(EPS));
    assertThat((Integer) a02.getAs("members_total")).isEqualTo(3);
    assertThat((String) a02.getAs("unit_name")).isEqualTo("企业G1");
    // A01: S1's figure is null, so S1 is out of both sides: (12 + 18) / (5 + 9) = 30 / 14.
    Row a01 = row("2025", "group", "G1", "A01");
    assertThat((Double) a01.getAs("numerator")).isEqualTo(30.0);
    assertThat((Double) a01.getAs("denominator")).isEqualTo(14.0);
    assertThat((Double) a01.getAs("value")).isCloseTo(30.0 / 14, within(EPS));
    assertThat((Integer) a01.getAs("members_reporting")).isEqualTo(2);
    assertThat((Integer) a01.getAs("members_total")).isEqualTo(3);
    // Unit shares: B01 G1 yes (1), S1 no (0), B1 yes (2): 2 / 3; C02 only G1 has a model-worker studio: 1 / 3.
    assertThat(value("2025", "group", "G1", "B01")).isCloseTo(200.0 / 3, within(EPS));
    assertThat(value("2025", "group", "G1", "C02")).isCloseTo(100.0 / 3, within(EPS));
  }

  @Test
  void parentThatDidNotSubmitIsReportedAndTheUnitIsItsOwnRoot() {
    assertThat(result.treeWarnings()).singleElement().satisfies(w -> {
      assertThat(w.period()).isEqualTo("2025");
      assertThat(w.enterpriseId()).isEqualTo("O1");
      assertThat(w.problem()).isEqualTo(TreeWarning.Problem.PARENT_MISSING);
      assertThat(w.parentId()).isEqualTo("PX");
    });
    // O1 is in no group (it is no group itself), but in its industry and the system.
    assertThat(values.keySet()).noneMatch(k -> k.startsWith("2025/group/O1/") || k.startsWith("2025/group/PX/"));
    assertThat(value("2025", "industry", "biomedicine", "A02")).isCloseTo(50.0, within(EPS)); // 5 / 10
    assertThat((String) row("2025", "industry", "biomedicine", "A02").getAs("unit_name")).isEqualTo("生物医药");
    // Periods come in time order: 2025H1, 2025Q3, 2025.
    assertThat(result.periodIds()).containsExactly("2025H1", "2025Q3", "2025");
    assertThat(result.periods().get(2).units()).containsEntry(UnitLevel.ENTERPRISE, 5).containsEntry(UnitLevel.GROUP, 2)
        .containsEntry(UnitLevel.INDUSTRY, 4).containsEntry(UnitLevel.SYSTEM, 1);
  }

  @Test
  void systemAndIndustryPoolEveryEnterprise() {
    // System 2025 A02: (2 + 3 + 3 + 5 + 0) / (5 + 10 + 9 + 10 + 0) × 100 = 13 / 34 × 100.
    Row a02 = row("2025", "system", "all", "A02");
    assertThat((String) a02.getAs("unit_name")).isEqualTo("全系统");
    assertThat((Double) a02.getAs("value")).isCloseTo(1300.0 / 34, within(EPS));
    assertThat((Integer) a02.getAs("members_total")).isEqualTo(5);
    // Automotive = G1 + S1: (2 + 3) / (5 + 10) × 100.
    assertThat(value("2025", "industry", "automotive", "A02")).isCloseTo(100.0 / 3, within(EPS));
    assertThat((String) row("2025", "industry", "other", "A02").getAs("unit_name")).isEqualTo("其他");
    // C02: one model-worker studio among five units (O1's studio is a craftsman studio): 1 / 5 × 100.
    assertThat(value("2025", "system", "all", "C02")).isCloseTo(20.0, within(EPS));
    // D01: in scope G1 (true), S1 (false), O1 (true); B1 and E0 left it null: 2 / 3, reporting 3 of 5.
    Row d01 = row("2025", "system", "all", "D01");
    assertThat((Double) d01.getAs("value")).isCloseTo(200.0 / 3, within(EPS));
    assertThat((Integer) d01.getAs("members_reporting")).isEqualTo(3);
    // B06 pooled: high-skill known wages only G1's w1, w2: 440,000 / 2 = 220,000;
    // all known wages: 640,000 (G1, 4) + 29 × 100,000 (S1, B1, O1) = 3,540,000 / 33.
    Row b06 = row("2025", "system", "all", "B06");
    assertThat((Double) b06.getAs("numerator")).isCloseTo(220_000.0, within(1e-6));
    assertThat((Double) b06.getAs("denominator")).isCloseTo(3_540_000.0 / 33, within(1e-6));
    assertThat((Double) b06.getAs("value")).isCloseTo(220_000.0 * 33 / 3_540_000 * 100, within(EPS));
    assertThat((Boolean) b06.getAs("low_base")).as("2 high-skill known wages < 10").isTrue();
  }

  @Test
  void periodWindowsOfHalfYearAndQuarter() {
    // 2025H1 (H): joined 2025-06-30 in, 2024-12-31 out → A03 1 / 4 × 100;
    // new hires after 2022-06-30 and up to 2025-06-30: h3 (2022-07-01, mentored), h4 (2025-06-30); h1 (2022-06-30) out.
    assertThat(value("2025H1", "enterprise", "H", "A03")).isCloseTo(25.0, within(EPS));
    assertThat(value("2025H1", "enterprise", "H", "C07")).isCloseTo(50.0, within(EPS));
    assertThat((Double) row("2025H1", "enterprise", "H", "C07").getAs("denominator")).isEqualTo(2.0);
    // 2025Q3 (Q): joined 2025-07-01 and 2025-09-30 in, 2025-06-30 out → 2 / 5 × 100;
    // new hires after 2022-09-30: q5 (2022-10-01, mentored) only → 1 / 1 × 100.
    assertThat(value("2025Q3", "enterprise", "Q", "A03")).isCloseTo(40.0, within(EPS));
    assertThat(value("2025Q3", "enterprise", "Q", "C07")).isCloseTo(100.0, within(EPS));
    assertThat((Double) row("2025Q3", "enterprise", "Q", "C07").getAs("denominator")).isEqualTo(1.0);
    // 2025 (G1): joined 2025-03-01 in, 2024-12-31 out.
    assertThat((Double) row("2025", "enterprise", "G1", "A03").getAs("numerator")).isEqualTo(1.0);
  }

  @Test
  void skillDistributionHasEightLevelsPerUnit() {
    // Units: 2025 12 (5 enterprises, 2 groups, 4 industries, system), 2025H1 4, 2025Q3 4 → 20 units × 8 levels.
    assertThat(skills).hasSize(20 * 8);
    // G1: w1 senior, w2 technician, w3 intermediate, w4 junior, w5 none: 1 each of 5 = 20%.
    assertThat((Long) skills.get("2025/enterprise/G1/senior").getAs("count")).isEqualTo(1L);
    assertThat((Double) skills.get("2025/enterprise/G1/senior").getAs("share")).isCloseTo(20.0, within(EPS));
    assertThat((Long) skills.get("2025/enterprise/G1/chief_technician").getAs("count")).isZero();
    assertThat((Double) skills.get("2025/enterprise/G1/chief_technician").getAs("share")).isEqualTo(0.0);
    // System: none = 1 (w5) + 10 + 9 + 10 = 30 of 34.
    assertThat((Long) skills.get("2025/system/all/none").getAs("count")).isEqualTo(30L);
    assertThat((Double) skills.get("2025/system/all/none").getAs("share")).isCloseTo(3000.0 / 34, within(EPS));
    // E0 has no industrial workers: zero counts, unknown shares.
    assertThat((Double) skills.get("2025/enterprise/E0/none").getAs("share")).isNull();
  }

  @Test
  void publishedWithTheDocumentedSchemaAndPartitions() throws Exception {
    Path table = warehouseDir.resolve("tables").resolve(ComputeTables.INDICATOR_VALUES);
    assertThat(Files.list(table).map(p -> p.getFileName().toString()).sorted().toList())
        .contains("period=2025", "period=2025H1", "period=2025Q3");
    assertThat(warehouseDir.resolve("_staging").resolve("run-1")).doesNotExist();
    assertThat(spark.read().schema(ComputeTables.INDICATOR_VALUES_SCHEMA).parquet(table.toString()).count())
        .isEqualTo((12 + 4 + 4) * (long) Catalogue.all().size());
    assertThat(result.rowsWritten()).containsEntry(ComputeTables.INDICATOR_VALUES, (12 + 4 + 4) * (long) Catalogue.all().size());
  }

  @Test
  void recomputingOnePeriodReplacesOnlyItsPartitions(@TempDir Path other) throws Exception {
    copy(warehouseDir.resolve("tables"), other.resolve("tables"));
    Warehouse copy = new Warehouse(other.toString(), spark.sparkContext().hadoopConfiguration());
    new ComputeIndicatorsJob(spark, copy, new TreeSet<>(List.of("2025Q3")), 10, "run-2").run();
    Map<String, java.util.Set<String>> runs = new HashMap<>();
    for (Row r : spark.read().parquet(copy.table(ComputeTables.INDICATOR_VALUES).toString())
        .select("period", "run_id").distinct().collectAsList()) {
      runs.computeIfAbsent(r.getString(0), p -> new TreeSet<>()).add(r.getString(1));
    }
    assertThat(runs).containsEntry("2025", java.util.Set.of("run-1")).containsEntry("2025H1", java.util.Set.of("run-1"))
        .containsEntry("2025Q3", java.util.Set.of("run-2"));
  }

  @Test
  void duckDbReadsThePublishedParquet() throws Exception {
    String glob = warehouseDir.resolve("tables").resolve(ComputeTables.INDICATOR_VALUES) + "/**/*.parquet";
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT period, count(*) AS n, count(value) AS known, sum(value) AS total,"
          + " count(*) FILTER (WHERE low_base) AS low FROM read_parquet('" + glob + "', hive_partitioning = true,"
          + " hive_types = {'period': VARCHAR}) GROUP BY period ORDER BY period");
      Map<String, Object[]> duck = new LinkedHashMap<>();
      while (rs.next()) {
        duck.put(rs.getString("period"), new Object[] {rs.getLong("n"), rs.getLong("known"), rs.getDouble("total"),
            rs.getLong("low")});
      }
      assertThat(duck.keySet()).containsExactly("2025", "2025H1", "2025Q3");
      for (String period : duck.keySet()) {
        List<Row> rows = values.values().stream().filter(r -> r.getAs("period").equals(period)).toList();
        Object[] d = duck.get(period);
        assertThat(d[0]).as(period).isEqualTo((long) rows.size());
        assertThat(d[1]).as(period).isEqualTo(rows.stream().filter(r -> r.getAs("value") != null).count());
        assertThat((Double) d[2]).as(period).isCloseTo(rows.stream().filter(r -> r.getAs("value") != null)
            .mapToDouble(r -> (Double) r.getAs("value")).sum(), within(1e-6));
        assertThat(d[3]).as(period).isEqualTo(rows.stream().filter(r -> (Boolean) r.getAs("low_base")).count());
      }
      // One value, read back exactly: the system's A02 of 2025, 13 / 34 × 100.
      ResultSet one = st.executeQuery("SELECT value, typeof(period) FROM read_parquet('" + glob + "', hive_partitioning = true,"
          + " hive_types = {'period': VARCHAR}) WHERE period = '2025' AND unit_level = 'system' AND indicator_id = 'A02'");
      assertThat(one.next()).isTrue();
      assertThat(one.getDouble(1)).isCloseTo(1300.0 / 34, within(EPS));
      assertThat(one.getString(2)).isEqualTo("VARCHAR");
    }
  }

  @Test
  void duckDbReadsTheWideTableOneRowPerUnitAColumnPerIndicator() throws Exception {
    String glob = warehouseDir.resolve("tables").resolve(Tables.INDICATOR_WIDE.name()) + "/**/*.parquet";
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      String from = " FROM read_parquet('" + glob + "', hive_partitioning = true, hive_types = {'period': VARCHAR})";
      // One row per unit: 12 units in 2025, 4 in 2025H1 and in 2025Q3 (as indicator_values above).
      ResultSet count = st.executeQuery("SELECT count(*), count(DISTINCT (period, unit_level, unit_id))" + from);
      assertThat(count.next()).isTrue();
      assertThat(count.getLong(1)).isEqualTo(20L);
      assertThat(count.getLong(2)).isEqualTo(20L);
      // G1 has 5 industrial workers, 3 front-line, 4 with known wages, 2 new hires: every headcount
      // indicator is low base and null here; unit shares and figure ratios are not.
      ResultSet g1 = st.executeQuery("SELECT A02, C04, D02, C02, array_to_string(low_base_indicators, ',')" + from
          + " WHERE period = '2025' AND unit_level = 'enterprise' AND unit_id = 'G1'");
      assertThat(g1.next()).isTrue();
      assertThat(g1.getObject(1)).isNull();
      assertThat(g1.getDouble(2)).isEqualTo(25.0);
      assertThat(g1.getDouble(3)).isCloseTo(200.0 / 3, within(EPS));
      assertThat(g1.getDouble(4)).isEqualTo(100.0);
      // Every headcount ratio has a base of 5 workers or fewer here, under the minimum of 10.
      assertThat(g1.getString(5)).isEqualTo(Catalogue.all().stream().filter(i -> i.kind() == Kind.HEADCOUNT_RATIO)
          .map(Indicator::id).collect(java.util.stream.Collectors.joining(",")));
      // S1: 3 of 10 party members, enough; the system's A02 of 2025: 13 / 34 × 100.
      ResultSet s1 = st.executeQuery("SELECT A02" + from + " WHERE period = '2025' AND unit_id = 'S1'"
          + " AND unit_level = 'enterprise'");
      assertThat(s1.next()).isTrue();
      assertThat(s1.getDouble(1)).isCloseTo(30.0, within(EPS));
      ResultSet system = st.executeQuery("SELECT A02, len(low_base_indicators)" + from
          + " WHERE period = '2025' AND unit_level = 'system'");
      assertThat(system.next()).isTrue();
      assertThat(system.getDouble(1)).isCloseTo(1300.0 / 34, within(EPS));
    }
    assertThat(result.rowsWritten()).containsEntry(Tables.INDICATOR_WIDE.name(), 20L);
  }

  @Test
  void runRecordAndSummarySayWhatWasDone() throws Exception {
    String path = cn.changai.jobs.run.RunRecords.writeCompute(warehouse, "compute", result);
    com.fasterxml.jackson.databind.JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Files.readString(Path.of(path)));
    assertThat(path).as("a plain path, printed as such").startsWith("/").endsWith("/runs/run-1.json");
    assertThat(record.get("run_id").asText()).isEqualTo("run-1");
    assertThat(record.get("min_base").asInt()).isEqualTo(10);
    assertThat(record.get("periods_rewritten").toString()).isEqualTo("[\"2025H1\",\"2025Q3\",\"2025\"]");
    assertThat(record.get("periods").get(2).get("units").toString())
        .isEqualTo("{\"enterprise\":5,\"group\":2,\"industry\":4,\"system\":1}");
    assertThat(record.get("tree_warnings").get(0).get("problem").asText()).isEqualTo("PARENT_MISSING");
    assertThat(record.get("rows_written").get(ComputeTables.INDICATOR_VALUES).asLong())
        .isEqualTo((12 + 4 + 4) * (long) Catalogue.all().size());
    String summary = ComputeSummary.format(result);
    assertThat(summary.lines().filter(l -> l.startsWith("2025 ")).map(l -> List.of(l.split(" +")).subList(0, 6)))
        .containsExactly(List.of("2025", "5", "2", "4", "1", Integer.toString(12 * Catalogue.all().size()))); // 12 units
    assertThat(summary).contains("Tree warnings (1):\n  2025 PARENT_MISSING  O1: parent PX did not submit for 2025; treated as its own root");
  }

  @Test
  void oneFusedAggregationGivesEveryWorkerMeasureOfAnEnterprise() {
    // Every worker measure of the catalogue and of the skill distribution, in one groupBy over workers.
    List<Period> periods = Stream.of("2025", "2025H1", "2025Q3").map(p -> Period.parse(p).orElseThrow()).toList();
    List<Measure.RowTotal> measures = Components.workerMeasures(Catalogue.measures());
    Dataset<Row> workers = spark.read().schema(Tables.WORKERS.schema()).parquet(warehouse.table("workers").toString());
    Dataset<Row> totals = ComputeIndicatorsJob.perEnterprise(workers, periods, measures);
    assertThat(totals.columns()).containsExactlyElementsOf(Stream.concat(Stream.of("period", "enterprise_id", "rows"),
        measures.stream().map(Measure::name)).toList());
    Map<String, Row> byEnterprise = new HashMap<>();
    totals.collectAsList().forEach(r -> byEnterprise.put(r.getString(0) + "/" + r.getString(1), r));
    assertThat(byEnterprise).hasSize(6); // G1, S1, B1, O1 in 2025, H, Q; E0 has no rows
    assertThat(byEnterprise.values().stream().mapToLong(r -> r.getLong(2)).sum()).isEqualTo(6 + 10 + 9 + 10 + 4 + 5);
    // G1 by hand. W = w1..w5; F = w1, w2, w3; party members w1, w2, joined in 2025 w1 only;
    // new hires (after 2022-12-31, up to 2025-12-31) w4, w5, mentored w4; known wages w1, w2, w3, w5:
    // 200,000 + 240,000 + 120,000 + 80,000, high-skill (senior and up) w1, w2: 440,000;
    // hours 10 + 20.5 + 0 + 8 + 4; skill levels one each of none, junior, intermediate, senior, technician.
    Row g1 = byEnterprise.get("2025/G1");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("industrial_workers", 5L);
    expected.put("frontline_workers", 3L);
    expected.put("party_members", 2L);
    expected.put("new_party_members", 1L);
    expected.put("frontline_mass_org_posts", 1L);
    expected.put("training_hours", new java.math.BigDecimal("42.5000"));
    expected.put("certified_workers", 4L);
    expected.put("high_skill_workers", 2L);
    expected.put("high_skill_wage_sum", new java.math.BigDecimal("440000.0000"));
    expected.put("high_skill_known_wages", 2L);
    expected.put("wage_sum", new java.math.BigDecimal("640000.0000"));
    expected.put("known_wages", 4L);
    expected.put("studio_members", 2L);
    expected.put("honoured_workers", 1L);
    expected.put("mentored_new_hires", 1L);
    expected.put("new_hires", 2L);
    expected.put("health_checked", 4L);
    expected.put("recuperated", 1L);
    expected.put("skill_none", 1L);
    expected.put("skill_junior", 1L);
    expected.put("skill_intermediate", 1L);
    expected.put("skill_senior", 1L);
    expected.put("skill_technician", 1L);
    expected.put("skill_senior_technician", 0L);
    expected.put("skill_special_technician", 0L);
    expected.put("skill_chief_technician", 0L);
    // Each kind of test (boolean, set, non-empty array, one of, none of, date in the period, within
    // months of its end) and both sums; a new indicator's measure is held by its expected value in
    // everyIndicatorOfOneEnterpriseFromItsRows.
    assertThat(measures.stream().map(Measure::name).toList()).containsAll(expected.keySet());
    Map<String, Measure.RowTotal> byName = new HashMap<>();
    measures.forEach(m -> byName.put(m.name(), m));
    for (Map.Entry<String, Object> x : expected.entrySet()) {
      assertThat(byName.get(x.getKey()).total(ComputeIndicatorsJob.aggregated(g1, g1.fieldIndex(x.getKey())))).as(x.getKey()).isEqualTo(x.getValue());
    }
    // A sum comes as its whole and fractional parts (42.5 hours: 42 and 0.5000), each exact.
    Row hours = g1.getAs("training_hours");
    assertThat(hours.getLong(0)).isEqualTo(42L);
    assertThat(hours.getDecimal(1)).isEqualTo(new java.math.BigDecimal("0.5000"));
    // A measure no row meets: a count is 0, a sum null, which reads as 0.
    Row s1 = byEnterprise.get("2025/S1");
    assertThat((Long) s1.getAs("high_skill_workers")).isZero();
    Row noWages = s1.getAs("high_skill_wage_sum");
    assertThat(noWages.isNullAt(0) && noWages.isNullAt(1)).isTrue();
    assertThat(byName.get("high_skill_wage_sum").total(null)).isEqualTo(new java.math.BigDecimal("0.0000"));
  }

  @Test
  void decimalSumsStayExactAtFourteenIntegerDigits() {
    // Three industrial workers' wages: 12,345,678,901,234.5678 + 0.0001 + 87,654,321,098,765.4321,
    // exactly 100,000,000,000,000.0000, beyond a double's 15.9 digits; a fourth wage is unknown.
    Measure.RowTotal wageSum = Components.workerMeasures(Catalogue.measures()).stream()
        .filter(m -> m.name().equals("wage_sum")).findFirst().orElseThrow();
    List<Row> rows = Stream.of("12345678901234.5678", "0.0001", "87654321098765.4321", null)
        .map(w -> org.apache.spark.sql.RowFactory.create("E", true, w == null ? null : new java.math.BigDecimal(w), "2025"))
        .toList();
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("enterprise_id", "string").add("industrial_worker", "boolean").add("annual_wage_yuan", "decimal(18,4)")
        .add("period", "string");
    Row total = ComputeIndicatorsJob.perEnterprise(spark.createDataFrame(rows, schema),
        List.of(Period.parse("2025").orElseThrow()), List.of(wageSum)).collectAsList().get(0);
    assertThat(wageSum.total(ComputeIndicatorsJob.aggregated(total, total.fieldIndex("wage_sum")))).isEqualTo(new java.math.BigDecimal("100000000000000.0000"));
    assertThat(total.getLong(2)).isEqualTo(4);
  }

  @Test
  void everyDecimalIsSummedExactlyFromItsWholeAndFractionalParts() {
    // One worker each: values a double does not hold, negatives (whose integer part rounds toward
    // zero), the last digit of scale 4, zero, and the largest decimal(18,4). Each enterprise's sum
    // is its one value, worked out by hand.
    String[] values = {"0.0001", "-0.0001", "0.1000", "0.3000", "0.0000", "12345.6789", "-12345.6789",
        "-0.5000", "-1.0000", "999999999.9999", "-1000000000.0001", "12345678901234.5678",
        "99999999999999.9999", "-99999999999999.9999"};
    Measure.RowTotal wageSum = Components.workerMeasures(Catalogue.measures()).stream()
        .filter(m -> m.name().equals("wage_sum")).findFirst().orElseThrow();
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("enterprise_id", "string").add("industrial_worker", "boolean").add("annual_wage_yuan", "decimal(18,4)")
        .add("period", "string");
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(org.apache.spark.sql.RowFactory.create("E" + i, true, new java.math.BigDecimal(values[i]), "2025"));
    }
    List<Period> windows = List.of(Period.parse("2025").orElseThrow());
    for (Row r : ComputeIndicatorsJob.perEnterprise(spark.createDataFrame(rows, schema), windows, List.of(wageSum))
        .collectAsList()) {
      String value = values[Integer.parseInt(r.getString(1).substring(1))];
      assertThat(wageSum.total(ComputeIndicatorsJob.aggregated(r, 3))).as(value).isEqualTo(new java.math.BigDecimal(value));
    }
    // And 200,000 values stepping by 0.0001 across zero, summed per enterprise, against Spark's
    // own exact decimal(28,4) sum of the same rows.
    Dataset<Row> many = spark.range(0, 200_000).selectExpr("concat('E', id % 7) AS enterprise_id",
        "true AS industrial_worker", "CAST(id * 0.0001 - 10 AS decimal(18,4)) AS annual_wage_yuan", "'2025' AS period");
    Map<String, java.math.BigDecimal> exact = new HashMap<>();
    many.groupBy("enterprise_id").agg(org.apache.spark.sql.functions.sum("annual_wage_yuan")).collectAsList()
        .forEach(r -> exact.put(r.getString(0), r.getDecimal(1).setScale(4)));
    List<Row> ours = ComputeIndicatorsJob.perEnterprise(many, windows, List.of(wageSum)).collectAsList();
    assertThat(ours).hasSize(7);
    for (Row r : ours) {
      assertThat(wageSum.total(ComputeIndicatorsJob.aggregated(r, 3))).as(r.getString(1)).isEqualTo(exact.get(r.getString(1)));
    }
  }

  @Test
  void refusesAnInputTableOfAnotherSchemaBeforeComputing(@TempDir Path other) throws Exception {
    // A workers table whose annual_wage_yuan is a double, not the decimal ingest writes.
    copy(warehouseDir.resolve("tables").resolve("enterprises"), other.resolve("tables").resolve("enterprises"));
    spark.read().parquet(warehouseDir.resolve("tables").resolve("workers").toString())
        .withColumn("annual_wage_yuan", org.apache.spark.sql.functions.col("annual_wage_yuan").cast("double"))
        .write().partitionBy("period").parquet(other.resolve("tables").resolve("workers").toString());
    Warehouse bad = new Warehouse(other.toString(), spark.sparkContext().hadoopConfiguration());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new ComputeIndicatorsJob(spark, bad, new TreeSet<>(), 10, "run-3").run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("table workers is not as ingest writes it (another version of Changai? ingest the inbox"
            + " into a new warehouse): column annual_wage_yuan is double, expected decimal(18,4), in ")
        .hasMessageContaining("period=");
    assertThat(other.resolve("tables").resolve(ComputeTables.INDICATOR_VALUES)).doesNotExist();
  }

  private static void copy(Path from, Path to) throws Exception {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
