package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import cn.changai.jobs.run.RunRecords;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole sample inbox ingested once: every total, deliberate fault and per-enterprise count of
 * sample-data/README.md, and the reconciliation read = accepted + rejected down to the tables.
 */
class SampleInboxIngestTest {

  private static final Path SAMPLE = Path.of("..", "sample-data", "inbox").toAbsolutePath().normalize();

  /**
   * The README's table "Enterprises and periods" for the accepted submissions: enterprise, period,
   * data rows, rows accepted, industrial (W), front-line (F), studios.
   */
  private static final String[] ACCEPTED = {
    "913100004EGYLCJ3YE 2024 360 360 309 189 2", "913100004EGYLCJ3YE 2025 371 371 320 198 2",
    "91310000BP0J7HHQ27 2024 220 220 191 112 2", "91310000BP0J7HHQ27 2025 242 242 209 125 2",
    "9131000061M0NUEL8E 2024 8 8 8 7 0", "9131000061M0NUEL8E 2025 8 8 8 7 0",
    "91310000KG5MUTX941 2024 170 170 152 90 1", "91310000KG5MUTX941 2025 181 177 160 94 1",
    "91310000KR00LCT9HA 2024 120 120 101 60 0", "91310000KR00LCT9HA 2025 127 127 108 64 1",
    "91310000EUPC8PLLBC 2025 100 100 88 45 0",
    "91310000PFA8X8CLF4 2024 320 320 269 152 2", "91310000PFA8X8CLF4 2025 330 330 277 162 2",
    "91310000B2XRY7BQC8 2024 200 200 172 115 2", "91310000B2XRY7BQC8 2025 210 210 180 120 2",
    "91310000QN3M39E0EM 2024 140 140 117 76 1", "91310000QN3M39E0EM 2025 148 148 122 80 1",
    "91310000HQUH9XP5U4 2024 15 15 12 9 0", "91310000HQUH9XP5U4 2025 15 15 12 9 0",
    "91310000LNUA40P403 2024 420 420 351 198 3", "91310000LNUA40P403 2025 428 428 359 200 3",
    "91310000G076RG33JD 2024 240 240 193 113 2", "91310000G076RG33JD 2025 257 252 203 118 2",
    "913100007TDHX8A12P 2024 170 170 144 90 1", "913100007TDHX8A12P 2025 175 175 149 93 1",
    "913100002Q787L00BW 2024 110 110 97 56 1", "913100002Q787L00BW 2025 119 119 105 60 1",
    "913100004LT4AKJ37K 2025 134 134 111 65 1",
  };

  private static IngestResult result;
  private static List<Row> enterprises;
  private static List<Row> workers;
  private static List<Row> studios;
  private static List<Row> rejectedRows;
  private static List<Row> warnings;
  private static List<Row> rejectedSubmissions;

  @BeforeAll
  static void ingestTheSample(@TempDir Path temp) throws Exception {
    assertThat(SAMPLE.resolve("2025")).isDirectory();
    SparkSession spark = SharedSpark.session();
    Warehouse warehouse = new Warehouse(temp.resolve("warehouse").toString(), spark.sparkContext().hadoopConfiguration());
    result = new IngestJob(spark, SAMPLE.toString(), warehouse, Set.of(), RunRecords.newRunId()).run();
    enterprises = read(spark, warehouse, IngestTables.ENTERPRISES);
    workers = read(spark, warehouse, IngestTables.WORKERS);
    studios = read(spark, warehouse, IngestTables.STUDIOS);
    rejectedRows = read(spark, warehouse, IngestTables.REJECTED_ROWS);
    warnings = read(spark, warehouse, IngestTables.WARNINGS);
    rejectedSubmissions = read(spark, warehouse, IngestTables.REJECTED_SUBMISSIONS);
  }

  private static List<Row> read(SparkSession spark, Warehouse warehouse, String table) {
    return spark.read().schema(IngestTables.TABLES.get(table)).parquet(warehouse.table(table).toString()).collectAsList();
  }

  private static List<SubmissionResult> inPeriod(String period) {
    return result.submissions().stream().filter(s -> s.ref().period().equals(period)).collect(Collectors.toList());
  }

  private static long count(List<Row> rows, String period) {
    return rows.stream().filter(r -> period.equals(r.getAs("period"))).count();
  }

  private static Map<String, Integer> reasonCounts(List<Row> rows, String period) {
    Map<String, Integer> counts = new TreeMap<>();
    rows.stream().filter(r -> period.equals(r.getAs("period")))
        .forEach(r -> counts.merge(r.getAs("reason_code"), 1, Integer::sum));
    return counts;
  }

  @Test
  void submissionsPerPeriod() {
    assertThat(inPeriod("2024")).hasSize(14);
    assertThat(inPeriod("2024")).filteredOn(s -> s.status() == Status.ACCEPTED).hasSize(13);
    assertThat(inPeriod("2024")).filteredOn(s -> s.status() == Status.REJECTED).hasSize(1);
    assertThat(inPeriod("2025")).hasSize(16);
    assertThat(inPeriod("2025")).filteredOn(s -> s.status() == Status.ACCEPTED).hasSize(15);
    assertThat(inPeriod("2025")).filteredOn(s -> s.status() == Status.REJECTED).hasSize(1);
    assertThat(result.listing().rejections()).isEmpty();
    assertThat(result.periodsRewritten()).containsExactly("2024", "2025");
    assertThat(count(enterprises, "2024")).isEqualTo(13);
    assertThat(count(enterprises, "2025")).isEqualTo(15);
  }

  @Test
  void theTwoRejectedSubmissions() {
    assertThat(rejectedSubmissions).extracting(r -> r.getAs("period") + " " + r.getAs("enterprise_id") + " "
        + r.getAs("reason_code")).containsExactlyInAnyOrder(
            "2024 913100004LT4AKJ37K BAD_FIELD", "2025 913100005NUUXG9NC9 BAD_ENTERPRISE_ID");
    assertThat(rejectedSubmissions).filteredOn(r -> "BAD_FIELD".equals(r.getAs("reason_code")))
        .singleElement().satisfies(r -> assertThat((String) r.getAs("reason")).contains("shipbuilding"));
    // Their rows are counted as rejected with them: 130 in 2024, 36 in 2025.
    assertThat(result.sum(Status.REJECTED, SubmissionResult.Counts::workersRead)).isEqualTo(130 + 36);
    for (SubmissionResult s : result.submissions()) {
      if (s.status() == Status.REJECTED) {
        assertThat(s.counts().workersRead()).isEqualTo(s.ref().period().equals("2024") ? 130 : 36);
        assertThat(s.counts().workersRejected()).isEqualTo(s.counts().workersRead());
      }
    }
  }

  @Test
  void rowsAcceptedAndRejectedPerPeriod() {
    assertThat(inPeriod("2024").stream().filter(s -> s.status() == Status.ACCEPTED)
        .mapToInt(s -> s.counts().workersRead()).sum()).isEqualTo(2493);
    assertThat(inPeriod("2025").stream().filter(s -> s.status() == Status.ACCEPTED)
        .mapToInt(s -> s.counts().workersRead()).sum()).isEqualTo(2845);
    assertThat(count(workers, "2024")).isEqualTo(2493);
    assertThat(count(workers, "2025")).isEqualTo(2836);
    assertThat(count(rejectedRows, "2024")).isZero();
    assertThat(count(rejectedRows, "2025")).isEqualTo(9);
    assertThat(count(studios, "2024")).isEqualTo(17);
    assertThat(count(studios, "2025")).isEqualTo(19);
    assertThat(count(warnings, "2024")).isZero();
    assertThat(count(warnings, "2025")).isEqualTo(4);
    assertThat(workers.stream().filter(r -> "2024".equals(r.getAs("period")) && (Boolean) r.getAs("industrial_worker")))
        .hasSize(2116);
    assertThat(workers.stream().filter(r -> "2025".equals(r.getAs("period")) && (Boolean) r.getAs("industrial_worker")))
        .hasSize(2411);
    assertThat(workers.stream().filter(r -> "2024".equals(r.getAs("period")) && (Boolean) r.getAs("industrial_worker")
        && (Boolean) r.getAs("frontline"))).hasSize(1267);
    assertThat(workers.stream().filter(r -> "2025".equals(r.getAs("period")) && (Boolean) r.getAs("industrial_worker")
        && (Boolean) r.getAs("frontline"))).hasSize(1440);
  }

  @Test
  void everyDeliberateRowFault() {
    assertThat(reasonCounts(rejectedRows, "2025")).isEqualTo(Map.of(
        "DUPLICATE_ID", 2, "DATE_AFTER_PERIOD_END", 1, "BAD_CODE", 1, "BAD_DATE", 1,
        "PARTY_JOINED_NOT_MEMBER", 1, "PERSONAL_DATA", 1, "MISSING_VALUE", 1, "BAD_BOOLEAN", 1));
    assertThat(rejectedRows).extracting(r -> r.getAs("enterprise_id") + " " + r.getAs("file") + " " + r.getAs("line")
        + " " + r.getAs("column") + " " + r.getAs("reason_code")).containsExactlyInAnyOrder(
            "91310000G076RG33JD workers.csv 32 worker_id DUPLICATE_ID",
            "91310000G076RG33JD workers.csv 77 hire_date DATE_AFTER_PERIOD_END",
            "91310000G076RG33JD workers.csv 141 skill_level BAD_CODE",
            "91310000G076RG33JD workers.csv 180 worker_id DUPLICATE_ID",
            "91310000G076RG33JD workers.csv 219 hire_date BAD_DATE",
            "91310000KG5MUTX941 workers.csv 37 party_joined PARTY_JOINED_NOT_MEMBER",
            "91310000KG5MUTX941 workers.csv 73 worker_id PERSONAL_DATA",
            "91310000KG5MUTX941 workers.csv 109 industrial_worker MISSING_VALUE",
            "91310000KG5MUTX941 workers.csv 146 frontline BAD_BOOLEAN");
    // The fake identity number is stored masked: 18 asterisks where it stood.
    assertThat(rejectedRows).filteredOn(r -> "PERSONAL_DATA".equals(r.getAs("reason_code"))).singleElement()
        .satisfies(r -> assertThat((String) r.getAs("raw")).startsWith("******************,").doesNotContainPattern("\\d{17}"));
    assertThat(rejectedRows).allSatisfy(r -> assertThat((String) r.getAs("raw")).doesNotContainPattern("\\d{17}[\\dX]"));
  }

  @Test
  void everyDeliberateWarning() {
    assertThat(warnings).extracting(r -> r.getAs("period") + " " + r.getAs("enterprise_id") + " " + r.getAs("file")
        + " " + r.getAs("line") + " " + r.getAs("column") + " " + r.getAs("reason_code")).containsExactlyInAnyOrder(
            "2025 913100007TDHX8A12P workers.csv 3 studio_id STUDIO_NOT_FOUND",
            "2025 91310000HQUH9XP5U4 说明.txt null null IGNORED_FILE",
            "2025 91310000KR00LCT9HA enterprise.json null remark UNKNOWN_FIELD",
            "2025 91310000QN3M39E0EM workers.csv 11 mentor_id MENTOR_NOT_FOUND");
  }

  @Test
  void reasonTotalsOfTheRun() {
    Map<String, Integer> reasons = result.reasons();
    assertThat(reasons).isEqualTo(Map.ofEntries(
        Map.entry("BAD_FIELD", 1), Map.entry("BAD_ENTERPRISE_ID", 1),
        Map.entry("DUPLICATE_ID", 2), Map.entry("DATE_AFTER_PERIOD_END", 1), Map.entry("BAD_CODE", 1),
        Map.entry("BAD_DATE", 1), Map.entry("PARTY_JOINED_NOT_MEMBER", 1), Map.entry("PERSONAL_DATA", 1),
        Map.entry("MISSING_VALUE", 1), Map.entry("BAD_BOOLEAN", 1),
        Map.entry("STUDIO_NOT_FOUND", 1), Map.entry("IGNORED_FILE", 1), Map.entry("UNKNOWN_FIELD", 1),
        Map.entry("MENTOR_NOT_FOUND", 1)));
  }

  @Test
  void everyAcceptedEnterpriseReconciles() {
    Map<String, Row> byKey = new HashMap<>();
    enterprises.forEach(e -> byKey.put(e.getAs("period") + " " + e.getAs("enterprise_id"), e));
    assertThat(byKey).hasSize(ACCEPTED.length);
    for (String line : ACCEPTED) {
      String[] f = line.split(" ");
      String id = f[0];
      String period = f[1];
      Row e = byKey.get(period + " " + id);
      assertThat(e).as(line).isNotNull();
      int read = e.getAs("workers_read");
      int accepted = e.getAs("workers_accepted");
      int rejected = e.getAs("workers_rejected");
      assertThat(read).as(line).isEqualTo(Integer.parseInt(f[2]));
      assertThat(accepted).as(line).isEqualTo(Integer.parseInt(f[3]));
      assertThat(read).as(line).isEqualTo(accepted + rejected);
      List<Row> mine = workers.stream()
          .filter(w -> period.equals(w.getAs("period")) && id.equals(w.getAs("enterprise_id")))
          .collect(Collectors.toList());
      assertThat(mine).as(line).hasSize(accepted);
      assertThat(rejectedRows.stream().filter(r -> period.equals(r.getAs("period")) && id.equals(r.getAs("enterprise_id"))
          && "workers.csv".equals(r.getAs("file")))).as(line).hasSize(rejected);
      assertThat(mine.stream().filter(w -> (Boolean) w.getAs("industrial_worker"))).as(line)
          .hasSize(Integer.parseInt(f[4]));
      assertThat(mine.stream().filter(w -> (Boolean) w.getAs("industrial_worker") && (Boolean) w.getAs("frontline")))
          .as(line).hasSize(Integer.parseInt(f[5]));
      int studiosRead = e.getAs("studios_read");
      int studiosAccepted = e.getAs("studios_accepted");
      assertThat(studiosRead).as(line).isEqualTo(Integer.parseInt(f[6])).isEqualTo(studiosAccepted);
      assertThat(studios.stream().filter(s -> period.equals(s.getAs("period")) && id.equals(s.getAs("enterprise_id"))))
          .as(line).hasSize(studiosAccepted);
    }
  }

  @Test
  void theGb18030SubmissionIsReadWithItsChineseNames() {
    // 2025 申康制药 is written in GB18030 with Chinese headers and code names.
    SubmissionResult s = result.submissions().stream()
        .filter(r -> r.ref().key().equals("2025/91310000B2XRY7BQC8")).findFirst().orElseThrow();
    assertThat(s.charsets()).containsEntry("workers.csv", "GB18030").containsEntry("studios.csv", "GB18030");
    assertThat(workers.stream().filter(w -> "91310000B2XRY7BQC8".equals(w.getAs("enterprise_id"))
        && "2025".equals(w.getAs("period"))).map(w -> (String) w.getAs("skill_level")).collect(Collectors.toSet()))
        .isSubsetOf(Set.of("none", "junior", "intermediate", "senior", "technician", "senior_technician",
            "special_technician", "chief_technician"));
    assertThat(Files.exists(SAMPLE.resolve("2025/91310000B2XRY7BQC8/workers.csv"))).isTrue();
  }
}
