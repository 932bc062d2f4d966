package cn.changai.jobs.ingest;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.ID_B;
import static cn.changai.jobs.InboxFixture.ID_C;
import static cn.changai.jobs.InboxFixture.StudioRow.studio;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import cn.changai.jobs.run.RunRecords;
import cn.changai.jobs.warehouse.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest in Spark on a tiny inbox: the tables written, the counts, supersession, a second run on
 * the same inbox, and the run record.
 *
 * <p>The fixture inbox:
 *
 * <ul>
 *   <li>2025/A, a group: W1 (everything set, studio S1), W2 (gender X: rejected, line 3), W3 (a
 *       mentor W404 who does not exist: warning, link dropped); studio S1 led by W1.
 *   <li>2025/B, a subsidiary of A: B1, B2.
 *   <li>2024/A: A1.
 *   <li>2025/C: industry "shipbuilding", rejected whole.
 * </ul>
 */
class IngestJobTest {

  private static final String T0 = "2026-01-10T09:30:00+08:00";
  private static final String T1 = "2026-01-11T09:30:00+08:00";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SparkSession spark;

  @TempDir Path temp;
  private InboxFixture inbox;
  private Path warehouse;

  @BeforeAll
  static void startSpark() {
    spark = SharedSpark.session();
  }

  @BeforeEach
  void setUp() {
    inbox = new InboxFixture(temp.resolve("inbox"));
    warehouse = temp.resolve("warehouse");
    writeA2025(T0);
    ObjectNode b = InboxFixture.subsidiary("2025", ID_B).put("parent_id", ID_A);
    inbox.submission("2025", ID_B).enterprise(b).workers(worker("B1").csv(), worker("B2").with("frontline", "N").csv());
    inbox.valid("2024", ID_A, worker("A1").with("hire_date", "2024-12-31").csv());
    inbox.valid("2025", ID_C, worker("C1").csv())
        .enterprise(InboxFixture.enterprise("2025", ID_C).put("industry", "shipbuilding"));
  }

  private void writeA2025(String submittedAt) {
    inbox.submission("2025", ID_A)
        .enterprise(InboxFixture.enterprise("2025", ID_A).put("submitted_at", submittedAt))
        .workers(
            worker("W1").with("party_member", "Y").with("party_joined", "2020/7/1").with("skill_level", "高级工")
                .with("birth_year", "1980").with("hire_date", "2010-05-01").with("annual_wage_yuan", "120000")
                .with("training_hours", "").with("honours", "上海工匠；大国工匠").with("mass_org_post", "Y")
                .with("studio_id", "S1").csv(),
            worker("W2").with("gender", "X").with("mentor_id", "W1").csv(),
            worker("W3").with("mentor_id", "W404").with("annual_wage_yuan", "").csv())
        .studios(studio("S1").with("type", "craftsman").with("level", "national").with("established", "2019-01-01")
            .with("leader_id", "W1").with("achievements", "4").with("achievements_converted", "1")
            .with("funding_wan_yuan", "20.5").csv());
  }

  private IngestResult ingest() throws IOException {
    return ingest(Set.of());
  }

  /** An ingest told which submission folders gained or lost other files, as the nightly run tells it. */
  private IngestResult ingest(Set<String> othersChanged) throws IOException {
    Warehouse target = new Warehouse(warehouse.toString(), spark.sparkContext().hadoopConfiguration());
    IngestResult result = new IngestJob(spark, inbox.root().toString(), target, Set.of(), RunRecords.newRunId())
        .rereading(othersChanged).run();
    RunRecords.writeIngest(target, "ingest", result);
    return result;
  }

  /** The schema Spark finds in the files of a published table. */
  private StructType fileSchema(String name) {
    return spark.read().parquet(warehouse.resolve("tables").resolve(name).toString()).schema();
  }

  /** Every table read once, with its schema (a table may have no period left). */
  private Tables tables() {
    Map<String, List<Row>> tables = new LinkedHashMap<>();
    for (Map.Entry<String, StructType> t : IngestTables.TABLES.entrySet()) {
      tables.put(t.getKey(), spark.read().schema(t.getValue())
          .parquet(warehouse.resolve("tables").resolve(t.getKey()).toString()).collectAsList());
    }
    return new Tables(tables);
  }

  /** The rows of every table at one moment, filtered in memory to keep Spark actions few. */
  private record Tables(Map<String, List<Row>> rows) {

    List<Row> of(String table) {
      return rows.get(table);
    }

    /** Rows of one period (and enterprise, unless null). */
    List<Row> of(String table, String period, String enterpriseId) {
      return rows.get(table).stream()
          .filter(r -> period.equals(r.getAs("period")))
          .filter(r -> enterpriseId == null || enterpriseId.equals(r.getAs("enterprise_id")))
          .collect(Collectors.toList());
    }

    List<String> workerIds(String period, String enterpriseId) {
      return of("workers", period, enterpriseId).stream().map(r -> (String) r.getAs("worker_id")).sorted()
          .collect(Collectors.toList());
    }

    Row enterprise(String period, String enterpriseId) {
      List<Row> found = of("enterprises", period, enterpriseId);
      assertThat(found).hasSize(1);
      return found.get(0);
    }

    Row worker(String workerId) {
      return rows.get("workers").stream().filter(r -> workerId.equals(r.getAs("worker_id"))).findFirst().orElseThrow();
    }

    /** Every table as sorted row texts. */
    Map<String, List<String>> texts() {
      Map<String, List<String>> texts = new LinkedHashMap<>();
      rows.forEach((name, list) -> texts.put(name, sortedTexts(list)));
      return texts;
    }

    List<String> refusals() {
      return rows.get("rejected_submissions").stream()
          .map(r -> r.getAs("enterprise_id") + " " + r.getAs("reason_code")).sorted().collect(Collectors.toList());
    }
  }

  private static List<String> sortedTexts(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  private static SubmissionResult result(IngestResult run, String period, String id) {
    return run.submissions().stream().filter(s -> s.ref().key().equals(period + "/" + id)).findFirst().orElseThrow();
  }

  @Test
  void identityAndMobileNumbersInFolderNamesAreMaskedInTheTablesAndTheRecord() throws Exception {
    inbox.valid("2025", "110105194912310021", worker("X1").csv());
    // A resident identity number in full that also passes the credit code's check (by hand: its
    // check digit 5 by ISO 7064 MOD 11-2, and 5 again by GB 32100's weights).
    inbox.valid("2025", "110105194901010005", worker("X2").csv());
    java.nio.file.Files.createDirectories(inbox.root().resolve("13912345678"));
    java.nio.file.Files.createDirectories(inbox.root().resolve("__HIVE_DEFAULT_PARTITION__"));
    // Names no partition folder can take as they are: too long for one, and DuckDB's null.
    java.nio.file.Files.createDirectories(inbox.root().resolve("x".repeat(250)));
    java.nio.file.Files.createDirectories(inbox.root().resolve("null"));
    IngestResult run = ingest();

    // By hand: the enterprise folder is no credit code, the two top folders are no periods.
    assertThat(tables().of("rejected_submissions")).extracting(r -> r.getAs("period") + " " + r.getAs("enterprise_id")
        + " " + r.getAs("reason_code") + " " + ((String) r.getAs("path")).replaceAll(".*/inbox/", ""))
        .containsExactlyInAnyOrder(
            "2025 ****************** BAD_ENTERPRISE_ID 2025/******************",
            "2025 ****************** BAD_ENTERPRISE_ID 2025/******************",
            "*********** null BAD_PERIOD_FOLDER ***********",
            "%5F_HIVE_DEFAULT_PARTITION__ null BAD_PERIOD_FOLDER __HIVE_DEFAULT_PARTITION__",
            Inbox.recordedPeriod("x".repeat(250)) + " null BAD_PERIOD_FOLDER " + "x".repeat(250),
            "%6Eull null BAD_PERIOD_FOLDER null",
            "2025 " + ID_C + " BAD_FIELD 2025/" + ID_C + "/enterprise.json");
    String record = java.nio.file.Files.readString(warehouse.resolve("runs").resolve(run.runId() + ".json"));
    assertThat(record).doesNotContain("110105194912310021", "110105194901010005", "13912345678").contains("******************");
    assertThat(IngestSummary.format(run)).doesNotContain("110105194912310021", "110105194901010005", "13912345678");

    // Looked at again, the masked folders' refusals are replaced, not added beside the old ones.
    // Once the two folders that are no period leave the inbox, their refusals go with them.
    List<String> first = tables().refusals();
    ingest();
    assertThat(tables().refusals()).isEqualTo(first);
    java.nio.file.Files.delete(inbox.root().resolve("13912345678"));
    java.nio.file.Files.delete(inbox.root().resolve("__HIVE_DEFAULT_PARTITION__"));
    java.nio.file.Files.delete(inbox.root().resolve("x".repeat(250)));
    java.nio.file.Files.delete(inbox.root().resolve("null"));
    ingest();
    assertThat(tables().refusals()).containsExactly(
        "****************** BAD_ENTERPRISE_ID", "****************** BAD_ENTERPRISE_ID", ID_C + " BAD_FIELD");
  }

  @Test
  void theTablesHoldTheHandExpectedRowsAndASecondRunChangesNothing() throws Exception {
    IngestResult run = ingest();

    assertThat(run.submissions()).extracting(s -> s.ref().key() + " " + s.status()).containsExactly(
        "2024/" + ID_A + " ACCEPTED", "2025/" + ID_A + " ACCEPTED", "2025/" + ID_B + " ACCEPTED",
        "2025/" + ID_C + " REJECTED");
    assertThat(run.periodsRewritten()).containsExactly("2024", "2025");
    assertThat(run.exitCode()).isEqualTo(IngestResult.SUBMISSION_REJECTED);
    for (SubmissionResult s : run.submissions()) {
      SubmissionResult.Counts c = s.counts();
      assertThat(c.workersRead()).as(s.ref().key()).isEqualTo(c.workersAccepted() + c.workersRejected());
      assertThat(c.studiosRead()).as(s.ref().key()).isEqualTo(c.studiosAccepted() + c.studiosRejected());
    }

    // The types in the Parquet files.
    StructType schema = fileSchema("workers");
    assertThat(schema.apply("worker_id").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(schema.apply("industrial_worker").dataType()).isEqualTo(DataTypes.BooleanType);
    assertThat(schema.apply("party_joined").dataType()).isEqualTo(DataTypes.DateType);
    assertThat(schema.apply("hire_date").dataType()).isEqualTo(DataTypes.DateType);
    assertThat(schema.apply("birth_year").dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(schema.apply("annual_wage_yuan").dataType()).isEqualTo(DataTypes.createDecimalType(18, 4));
    assertThat(schema.apply("training_hours").dataType()).isEqualTo(DataTypes.createDecimalType(18, 4));
    assertThat(schema.apply("honours").dataType()).isInstanceOf(org.apache.spark.sql.types.ArrayType.class);
    assertThat(((org.apache.spark.sql.types.ArrayType) schema.apply("honours").dataType()).elementType())
        .isEqualTo(DataTypes.StringType);
    assertThat(schema.apply("period").dataType()).isEqualTo(DataTypes.StringType);
    StructType enterprisesSchema = fileSchema("enterprises");
    assertThat(enterprisesSchema.apply("submitted_at").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(enterprisesSchema.apply("ideology_participants").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(enterprisesSchema.apply("innovation_funding_wan_yuan").dataType())
        .isEqualTo(DataTypes.createDecimalType(18, 4));

    Tables t = tables();
    assertThat(t.of("workers")).hasSize(5);
    assertThat(t.workerIds("2025", ID_A)).containsExactly("W1", "W3");
    assertThat(t.workerIds("2025", ID_B)).containsExactly("B1", "B2");
    assertThat(t.workerIds("2024", ID_A)).containsExactly("A1");
    assertThat(t.workerIds("2025", ID_C)).isEmpty();

    Row w1 = t.worker("W1");
    assertThat((String) w1.getAs("enterprise_id")).isEqualTo(ID_A);
    assertThat((Boolean) w1.getAs("industrial_worker")).isTrue();
    assertThat((Boolean) w1.getAs("party_member")).isTrue();
    assertThat((LocalDate) w1.getAs("party_joined")).isEqualTo(LocalDate.of(2020, 7, 1));
    assertThat((String) w1.getAs("skill_level")).isEqualTo("senior");
    assertThat((Integer) w1.getAs("birth_year")).isEqualTo(1980);
    assertThat((String) w1.getAs("gender")).isEqualTo("M");
    assertThat((LocalDate) w1.getAs("hire_date")).isEqualTo(LocalDate.of(2010, 5, 1));
    assertThat((BigDecimal) w1.getAs("annual_wage_yuan")).isEqualTo(new BigDecimal("120000.0000"));
    assertThat((BigDecimal) w1.getAs("training_hours")).isEqualTo(new BigDecimal("0.0000"));
    assertThat(w1.getList(w1.fieldIndex("honours"))).containsExactly("shanghai_craftsman", "national_craftsman");
    assertThat((Boolean) w1.getAs("mass_org_post")).isTrue();
    assertThat((String) w1.getAs("studio_id")).isEqualTo("S1");
    assertThat((Integer) w1.getAs("line")).isEqualTo(2);
    assertThat((String) w1.getAs("period")).isEqualTo("2025");
    Row w3 = t.worker("W3");
    assertThat((Object) w3.getAs("mentor_id")).isNull();
    assertThat((Object) w3.getAs("annual_wage_yuan")).isNull();
    assertThat((Object) w3.getAs("party_joined")).isNull();
    assertThat(w3.getList(w3.fieldIndex("honours"))).isEmpty();
    assertThat((Integer) w3.getAs("line")).isEqualTo(4);

    assertThat(t.of("studios")).singleElement().satisfies(s -> {
      assertThat((String) s.getAs("enterprise_id")).isEqualTo(ID_A);
      assertThat((String) s.getAs("studio_id")).isEqualTo("S1");
      assertThat((String) s.getAs("type")).isEqualTo("craftsman");
      assertThat((String) s.getAs("level")).isEqualTo("national");
      assertThat((LocalDate) s.getAs("established")).isEqualTo(LocalDate.of(2019, 1, 1));
      assertThat((String) s.getAs("leader_id")).isEqualTo("W1");
      assertThat((Integer) s.getAs("achievements")).isEqualTo(4);
      assertThat((Integer) s.getAs("achievements_converted")).isEqualTo(1);
      assertThat((BigDecimal) s.getAs("funding_wan_yuan")).isEqualTo(new BigDecimal("20.5000"));
    });
    assertThat(t.of("rejected_rows")).singleElement().satisfies(r -> {
      assertThat((String) r.getAs("enterprise_id")).isEqualTo(ID_A);
      assertThat((String) r.getAs("file")).isEqualTo("workers.csv");
      assertThat((Integer) r.getAs("line")).isEqualTo(3);
      assertThat((String) r.getAs("column")).isEqualTo("gender");
      assertThat((String) r.getAs("reason_code")).isEqualTo("BAD_CODE");
      assertThat((String) r.getAs("raw")).isEqualTo(worker("W2").with("gender", "X").with("mentor_id", "W1").csv());
      assertThat((String) r.getAs("period")).isEqualTo("2025");
    });
    assertThat(t.of("warnings")).singleElement().satisfies(r -> {
      assertThat((String) r.getAs("enterprise_id")).isEqualTo(ID_A);
      assertThat((Integer) r.getAs("line")).isEqualTo(4);
      assertThat((String) r.getAs("column")).isEqualTo("mentor_id");
      assertThat((String) r.getAs("reason_code")).isEqualTo("MENTOR_NOT_FOUND");
    });
    assertThat(t.of("rejected_submissions")).singleElement().satisfies(r -> {
      assertThat((String) r.getAs("enterprise_id")).isEqualTo(ID_C);
      assertThat((String) r.getAs("reason_code")).isEqualTo("BAD_FIELD");
      assertThat((String) r.getAs("period")).isEqualTo("2025");
      assertThat((String) r.getAs("path")).endsWith("/2025/" + ID_C + "/enterprise.json");
    });

    // enterprises: one row per accepted submission, with its figures and counts.
    assertThat(t.of("enterprises")).hasSize(3);
    Row a = t.enterprise("2025", ID_A);
    assertThat((String) a.getAs("level")).isEqualTo("group");
    assertThat((Object) a.getAs("parent_id")).isNull();
    assertThat((Instant) a.getAs("submitted_at")).isEqualTo(Instant.parse("2026-01-10T01:30:00Z"));
    assertThat((Long) a.getAs("ideology_participants")).isEqualTo(3400L);
    assertThat((BigDecimal) a.getAs("innovation_funding_wan_yuan")).isEqualTo(new BigDecimal("150.0000"));
    assertThat((Integer) a.getAs("workers_read")).isEqualTo(3);
    assertThat((Integer) a.getAs("workers_accepted")).isEqualTo(2);
    assertThat((Integer) a.getAs("workers_rejected")).isEqualTo(1);
    assertThat((Integer) a.getAs("studios_read")).isEqualTo(1);
    assertThat((Integer) a.getAs("studios_accepted")).isEqualTo(1);
    assertThat((Integer) a.getAs("studios_rejected")).isEqualTo(0);
    assertThat((Integer) a.getAs("warnings")).isEqualTo(1);
    assertThat((String) a.getAs("run_id")).isEqualTo(run.runId());
    Row b = t.enterprise("2025", ID_B);
    assertThat((String) b.getAs("level")).isEqualTo("subsidiary");
    assertThat((String) b.getAs("parent_id")).isEqualTo(ID_A);
    assertThat((Long) b.getAs("congress_levels_required")).isEqualTo(2L);
    assertThat((Integer) b.getAs("workers_read")).isEqualTo(2);
    assertThat((Integer) b.getAs("workers_accepted")).isEqualTo(2);

    // The run record says what was read: hashes of the bytes, and the counts.
    assertThat(runRecords()).containsExactly(run.runId() + ".json");
    JsonNode record = JSON.readTree(warehouse.resolve("runs").resolve(run.runId() + ".json").toFile());
    assertThat(record.get("run_id").asText()).isEqualTo(run.runId());
    assertThat(record.get("totals").get("submissions").asInt()).isEqualTo(4);
    assertThat(record.get("totals").get("accepted").asInt()).isEqualTo(3);
    assertThat(record.get("totals").get("rejected").asInt()).isEqualTo(1);
    assertThat(record.get("totals").get("workers_accepted").asInt()).isEqualTo(5);
    JsonNode entry = null;
    for (JsonNode s : record.get("submissions")) {
      if (s.get("period").asText().equals("2025") && s.get("enterprise_id").asText().equals(ID_A)) {
        entry = s;
      }
    }
    assertThat(entry).isNotNull();
    Path dir = inbox.root().resolve("2025").resolve(ID_A);
    assertThat(entry.get("status").asText()).isEqualTo("accepted");
    assertThat(entry.get("content_hash").asText()).isEqualTo((String) a.getAs("content_hash"));
    assertThat(entry.get("files").get("workers.csv").get("sha256").asText())
        .isEqualTo(sha256(Files.readAllBytes(dir.resolve("workers.csv"))));
    assertThat(entry.get("files").get("enterprise.json").get("sha256").asText())
        .isEqualTo(sha256(Files.readAllBytes(dir.resolve("enterprise.json"))));
    assertThat(entry.get("files").get("workers.csv").get("charset").asText()).isEqualTo("UTF-8");
    assertThat(entry.get("counts").get("workers_read").asInt()).isEqualTo(3);
    assertThat(entry.get("counts").get("workers_accepted").asInt()).isEqualTo(2);
    assertThat(entry.get("counts").get("workers_rejected").asInt()).isEqualTo(1);
    assertThat(entry.get("counts").get("reasons").get("BAD_CODE").asInt()).isEqualTo(1);
    assertThat(entry.get("counts").get("reasons").get("MENTOR_NOT_FOUND").asInt()).isEqualTo(1);
    assertThat(warehouse.resolve("_staging").resolve(run.runId())).doesNotExist();

    // The same inbox again: nothing is rewritten and every table keeps its content.
    Map<String, List<String>> before = t.texts();
    assertThat(before.values().stream().mapToInt(List::size).sum()).isEqualTo(3 + 5 + 1 + 1 + 1 + 1);
    IngestResult second = ingest();
    assertThat(second.periodsRewritten()).isEmpty();
    assertThat(second.submissions()).extracting(SubmissionResult::status)
        .containsExactly(Status.UNCHANGED, Status.UNCHANGED, Status.UNCHANGED, Status.REJECTED);
    // The counts of unchanged submissions are those held.
    assertThat(result(second, "2025", ID_A).counts().workersRead()).isEqualTo(3);
    assertThat(result(second, "2025", ID_A).counts().workersRejected()).isEqualTo(1);
    assertThat(tables().texts()).isEqualTo(before);
    assertThat(runRecords()).containsExactlyInAnyOrder(run.runId() + ".json", second.runId() + ".json");
  }

  @Test
  void aPublishedTableOfOtherTypesIsRefusedNamingTheFileAndColumn() throws Exception {
    ingest();
    // An older Changai wrote money as decimal(20,4): rewrite the 2024 partition of enterprises so.
    Path period = warehouse.resolve("tables").resolve("enterprises").resolve("period=2024");
    Path old = temp.resolve("old-enterprises");
    spark.read().parquet(period.toString())
        .withColumn("innovation_funding_wan_yuan", org.apache.spark.sql.functions.col("innovation_funding_wan_yuan").cast("decimal(20,4)"))
        .write().parquet(old.toString());
    try (var files = java.nio.file.Files.walk(period)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    java.nio.file.Files.move(old, period);

    assertThatThrownBy(this::ingest)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("table enterprises is not as ingest writes it (another version of Changai? ingest the"
            + " inbox into a new warehouse): column innovation_funding_wan_yuan is decimal(20,4), expected decimal(18,4), in ")
        .hasMessageContaining("period=2024/part-");
  }

  @Test
  void aPeriodWithoutFindingsOrStudiosHasAFileOfNoRowsInEachTable() throws IOException {
    ingest();
    // 2024 holds A alone: one clean worker, no studios.csv, so no studio, reject, warning or refusal.
    Tables t = tables();
    assertThat(t.workerIds("2024", null)).containsExactly("A1");
    for (String table : List.of("studios", "rejected_rows", "warnings", "rejected_submissions")) {
      assertThat(t.of(table, "2024", null)).as(table).isEmpty();
    }
    // Yet each table has the period's folder and one file in it, so a reader's glob finds it empty.
    for (String table : IngestTables.TABLES.keySet()) {
      try (Stream<Path> files = Files.list(warehouse.resolve("tables").resolve(table).resolve("period=2024"))) {
        assertThat(files.filter(f -> f.getFileName().toString().endsWith(".parquet"))).as(table).hasSize(1);
      }
    }
    // A second run over the same inbox adds no file.
    ingest();
    try (Stream<Path> files = Files.list(warehouse.resolve("tables").resolve("rejected_rows").resolve("period=2024"))) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".parquet"))).hasSize(1);
    }
  }

  @Test
  void aFileBesideAnUnchangedSubmissionIsWarnedOfOnceItCameAndForgottenOnceItWent() throws IOException {
    ingest();
    Tables first = tables();
    assertThat(first.of("warnings", "2025", ID_B)).isEmpty();
    Path notes = inbox.root().resolve("2025").resolve(ID_B).resolve("notes.txt");
    Files.writeString(notes, "call me");

    // Told nothing (a plain ingest keeps no state): B's contract files are unchanged, so is B.
    assertThat(result(ingest(), "2025", ID_B).status()).isEqualTo(Status.UNCHANGED);
    assertThat(tables().of("warnings", "2025", ID_B)).isEmpty();

    // Told that files beside B's came or went (the nightly run's digest tells it): B is read again
    // and accepted as it is (its submitted_at the held one's, no conflict), with today's warning.
    IngestResult told = ingest(Set.of("2025/" + ID_B));
    assertThat(result(told, "2025", ID_B).status()).isEqualTo(Status.ACCEPTED);
    assertThat(result(told, "2025", ID_A).status()).isEqualTo(Status.UNCHANGED);
    assertThat(told.superseded()).isEmpty();
    assertThat(IngestSummary.format(told)).doesNotContain("Superseded");
    Tables warned = tables();
    assertThat(warned.of("warnings", "2025", ID_B)).extracting(r -> r.getAs("reason_code") + " " + r.getAs("file"))
        .containsExactly("IGNORED_FILE notes.txt");
    assertThat((Integer) warned.enterprise("2025", ID_B).getAs("warnings")).isEqualTo(1);
    assertThat(warned.workerIds("2025", ID_B)).containsExactly("B1", "B2");
    assertThat(warned.refusals()).isEqualTo(first.refusals());
    for (String table : List.of("enterprises", "workers", "studios", "rejected_rows", "warnings")) {
      assertThat(sortedTexts(warned.of(table, "2025", ID_A))).as(table).isEqualTo(sortedTexts(first.of(table, "2025", ID_A)));
    }

    // The file taken away: read again, the warning goes.
    Files.delete(notes);
    ingest(Set.of("2025/" + ID_B));
    Tables gone = tables();
    assertThat(gone.of("warnings", "2025", ID_B)).isEmpty();
    assertThat((Integer) gone.enterprise("2025", ID_B).getAs("warnings")).isZero();
    assertThat(gone.workerIds("2025", ID_B)).containsExactly("B1", "B2");
  }

  @Test
  void aLaterSubmissionReplacesItsRowsWholeAndAnEarlierOrConflictingOneIsRefused() throws IOException {
    ingest();
    Tables first = tables();

    // A resubmits 2025 a day later: a new roster, no studios.
    InboxFixture.Submission a = inbox.submission("2025", ID_A).delete("studios.csv")
        .enterprise(InboxFixture.enterprise("2025", ID_A).put("submitted_at", T1))
        .workers(worker("W7").csv(), worker("W8").with("skill_level", "技师").csv());
    IngestResult second = ingest();
    assertThat(result(second, "2025", ID_A).status()).isEqualTo(Status.ACCEPTED);
    assertThat(result(second, "2025", ID_B).status()).isEqualTo(Status.UNCHANGED);
    assertThat(result(second, "2024", ID_A).status()).isEqualTo(Status.UNCHANGED);
    assertThat(second.periodsRewritten()).containsExactly("2025");
    // The earlier submission is recorded as superseded: in the result, the summary and the record.
    assertThat(second.superseded()).containsOnlyKeys("2025/" + ID_A);
    assertThat(second.superseded().get("2025/" + ID_A).submittedAt()).isEqualTo(Instant.parse("2026-01-10T01:30:00Z"));
    assertThat(IngestSummary.format(second)).contains("Superseded (replaced whole by a later submission):\n  2025/"
        + ID_A + "  submitted 2026-01-10T01:30:00Z, replaced by the one submitted 2026-01-11T01:30:00Z\n");
    JsonNode record = JSON.readTree(warehouse.resolve("runs").resolve(second.runId() + ".json").toFile());
    JsonNode entryA = null;
    for (JsonNode entry : record.path("submissions")) {
      if (entry.path("enterprise_id").asText().equals(ID_A) && entry.path("period").asText().equals("2025")) {
        entryA = entry;
      }
    }
    assertThat(entryA.path("superseded").path("submitted_at").asText()).isEqualTo("2026-01-10T01:30:00Z");
    assertThat(record.toString()).containsOnlyOnce("\"superseded\"");
    Tables replaced = tables();
    assertThat(replaced.workerIds("2025", ID_A)).containsExactly("W7", "W8");
    assertThat(replaced.of("studios", "2025", ID_A)).isEmpty();
    assertThat(replaced.of("rejected_rows", "2025", ID_A)).isEmpty();
    assertThat(replaced.of("warnings", "2025", ID_A)).isEmpty();
    Row enterpriseA = replaced.enterprise("2025", ID_A);
    assertThat((Instant) enterpriseA.getAs("submitted_at")).isEqualTo(Instant.parse("2026-01-11T01:30:00Z"));
    assertThat((Integer) enterpriseA.getAs("workers_read")).isEqualTo(2);
    assertThat((Integer) enterpriseA.getAs("studios_read")).isEqualTo(0);
    // Other enterprises and periods are untouched.
    for (String table : IngestTables.TABLES.keySet()) {
      assertThat(sortedTexts(replaced.of(table, "2025", ID_B))).as(table)
          .isEqualTo(sortedTexts(first.of(table, "2025", ID_B)));
      assertThat(sortedTexts(replaced.of(table, "2024", null))).as(table)
          .isEqualTo(sortedTexts(first.of(table, "2024", null)));
    }
    assertThat(replaced.refusals()).isEqualTo(first.refusals());
    Map<String, List<String>> afterReplace = replaced.texts();

    // An older submitted_at with other content is refused; what is held stays.
    a.enterprise(InboxFixture.enterprise("2025", ID_A).put("submitted_at", T0)).workers(worker("W9").csv());
    IngestResult third = ingest();
    assertThat(result(third, "2025", ID_A).status()).isEqualTo(Status.REJECTED);
    assertThat(result(third, "2025", ID_A).rejections()).extracting(Rejection::code)
        .containsExactly(ReasonCode.OLDER_THAN_HELD);
    assertThat(third.periodsRewritten()).containsExactly("2025");
    Tables afterOlder = tables();
    for (String table : List.of("enterprises", "workers", "studios", "rejected_rows", "warnings")) {
      assertThat(afterOlder.texts().get(table)).as(table).isEqualTo(afterReplace.get(table));
    }
    assertThat(afterOlder.refusals()).containsExactly(ID_A + " OLDER_THAN_HELD", ID_C + " BAD_FIELD");

    // The same submitted_at as held, with other content, conflicts.
    a.enterprise(InboxFixture.enterprise("2025", ID_A).put("submitted_at", T1));
    IngestResult fourth = ingest();
    assertThat(result(fourth, "2025", ID_A).rejections()).extracting(Rejection::code)
        .containsExactly(ReasonCode.CONFLICTS_WITH_HELD);
    Tables afterConflict = tables();
    for (String table : List.of("enterprises", "workers", "studios", "rejected_rows", "warnings")) {
      assertThat(afterConflict.texts().get(table)).as(table).isEqualTo(afterReplace.get(table));
    }
    assertThat(afterConflict.refusals()).containsExactly(ID_A + " CONFLICTS_WITH_HELD", ID_C + " BAD_FIELD");

    // C's refused folder leaves the inbox: its refusal stays on record until C is looked at
    // again. A, resubmitted later still, is accepted and loses its refusal.
    try (Stream<Path> walk = Files.walk(inbox.root().resolve("2025").resolve(ID_C))) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    a.enterprise(InboxFixture.enterprise("2025", ID_A).put("submitted_at", "2026-01-12T09:30:00+08:00"));
    IngestResult fifth = ingest();
    assertThat(result(fifth, "2025", ID_A).status()).isEqualTo(Status.ACCEPTED);
    assertThat(tables().refusals()).containsExactly(ID_C + " BAD_FIELD");
  }

  private List<String> runRecords() throws IOException {
    try (Stream<Path> files = Files.list(warehouse.resolve("runs"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).collect(Collectors.toList());
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
