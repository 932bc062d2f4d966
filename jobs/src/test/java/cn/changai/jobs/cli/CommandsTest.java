package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.changai.indicators.Catalogue;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.testing.ChangaiProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compute, indicators and sql commands: output, usage errors before Spark, CSV safety. */
class CommandsTest {

  @TempDir Path tmp;

  /** Runs a command line; returns exit code, stdout and stderr. */
  private static String[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      System.out.flush();
      System.err.flush();
      return new String[] {Integer.toString(code), outBytes.toString(StandardCharsets.UTF_8),
          errBytes.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void indicatorsPrintsTheCatalogueAsATable() {
    String[] r = run("indicators");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).startsWith("Indicator catalogue, version " + Catalogue.VERSION + " (" + Catalogue.all().size() + " indicators)");
    for (var i : Catalogue.all()) {
      assertThat(r[1]).contains(i.id() + "  " + i.part().name());
    }
    assertThat(r[1]).contains("C07  C     九      headcount ratio  100    higher  新员工师带徒覆盖率");
  }

  @Test
  void indicatorsJsonIsForMachines() throws Exception {
    String[] r = run("indicators", "--json");
    assertThat(r[0]).isEqualTo("0");
    JsonNode json = new ObjectMapper().readTree(r[1]);
    assertThat(json.get("catalogue_version").asText()).isEqualTo(Catalogue.VERSION);
    assertThat(json.get("indicators")).hasSize(Catalogue.all().size());
    JsonNode b06 = json.get("indicators").get(Catalogue.all().indexOf(Catalogue.byId("B06").orElseThrow()));
    assertThat(b06.get("id").asText()).isEqualTo("B06");
    assertThat(b06.get("kind").asText()).isEqualTo("headcount_ratio");
    assertThat(b06.get("scale").asDouble()).isEqualTo(100.0);
    assertThat(b06.get("formula").get("type").asText()).isEqualTo("pooled_mean_ratio");
    assertThat(b06.get("formula").get("denominator_count").get("name").asText()).isEqualTo("known_wages");
    assertThat(json.get("indicators").get(Catalogue.all().indexOf(Catalogue.byId("C02").orElseThrow())).get("formula").get("needs").get(0).get("measure").asText())
        .isEqualTo("count of studios where type = 'model_worker'");
  }

  @Test
  void everyNewCommandsHelpEndsWithAWorkedExample() {
    for (String command : List.of("compute", "indicators", "sql")) {
      String[] r = run(command, "--help");
      assertThat(r[0]).isEqualTo("0");
      String help = r[1].stripTrailing();
      assertThat(help).as(command).contains("Example:");
      assertThat(help.substring(help.lastIndexOf("Example:"))).as(command).contains("changai " + command);
    }
  }

  @Test
  void computeRefusesABadMinimumBaseBeforeSpark() {
    String[] r = run("compute", "--warehouse", tmp.toString(), "--min-base", "0");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("changai compute: Invalid value for --min-base: 0 (must be 1 or more)");
  }

  @Test
  void computeRefusesAWarehouseWithoutIngestedTables() {
    String[] r = run("compute", "--warehouse", tmp.toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("changai compute: Cannot compute: warehouse " + tmp
        + " holds no ingested enterprises and workers (run changai ingest first)");
    String[] missing = run("compute", "--warehouse", tmp.resolve("nowhere").toString());
    assertThat(missing[0]).isEqualTo("2");
    assertThat(missing[2]).startsWith("changai compute: Cannot compute: no such warehouse: " + tmp.resolve("nowhere"));
  }

  @Test
  void computeRefusesAPeriodNobodySubmitted() throws Exception {
    Files.createDirectories(tmp.resolve("tables/enterprises/period=2025"));
    Files.createDirectories(tmp.resolve("tables/enterprises/period=2025H1"));
    Files.createDirectories(tmp.resolve("tables/workers/period=2025"));
    String[] r = run("compute", "--warehouse", tmp.toString(), "--period", "2024,2025");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("changai compute: Cannot compute period 2024: no enterprise submitted for it in "
        + tmp + " (periods held: 2025, 2025H1)");
    String[] bad = run("compute", "--warehouse", tmp.toString(), "--period", "2025Q5");
    assertThat(bad[0]).isEqualTo("2");
    assertThat(bad[2]).contains("'2025Q5' is not a period");
  }

  @Test
  void aCommandThatFailsOnceItHoldsTheLockIsRecordedAsFailedAndSaysSo() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("SPARK_LOCAL_DIRS") == null,
        "SPARK_LOCAL_DIRS overrides spark.local.dir");
    Path warehouse = tmp.resolve("w");
    Files.createDirectories(warehouse.resolve("tables/enterprises/period=2025"));
    Files.createDirectories(warehouse.resolve("tables/workers/period=2025"));
    // Spark's local folder beneath a file: the check before Spark starts fails, the lock held.
    Path local = Files.writeString(tmp.resolve("a-file"), "x").resolve("local");

    String[] r = run("compute", "--warehouse", warehouse.toString(), "--conf", "spark.local.dir=" + local);

    assertThat(r[0]).isEqualTo("1");
    List<Path> records;
    try (var files = Files.list(warehouse.resolve("runs"))) {
      records = files.toList();
    }
    assertThat(records).hasSize(1);
    JsonNode record = new ObjectMapper().readTree(records.get(0).toFile());
    String runId = record.path("run_id").asText();
    String error = local + ": Spark's local folder cannot take a file (";
    assertThat(r[2]).startsWith("changai compute: failed: " + error)
        .contains(" (warehouse " + warehouse + "); run " + runId + " recorded as failed\n");
    assertThat(record.path("command").asText()).isEqualTo("compute");
    assertThat(record.path("status").asText()).isEqualTo("failed");
    assertThat(record.path("exit_code").asInt()).isEqualTo(1);
    assertThat(record.path("error").asText()).startsWith(error).endsWith(" (warehouse " + warehouse + ")");
    assertThat(warehouse.resolve("_lock")).doesNotExist();
    String[] runs = run("runs", "--warehouse", warehouse.toString());
    assertThat(runs[1]).containsPattern(runId + " +compute +failed +1 ");
  }

  @Test
  void sqlRefusesAnEmptyQueryAndAWarehouseWithoutTables() {
    String[] empty = run("sql", "--warehouse", tmp.toString(), " ");
    assertThat(empty[0]).isEqualTo("2");
    assertThat(empty[2]).startsWith("changai sql: Invalid query: it is empty");
    String[] none = run("sql", "--warehouse", tmp.toString(), "SELECT 1");
    assertThat(none[0]).isEqualTo("2");
    assertThat(none[2]).startsWith("changai sql: Cannot query: no published tables in " + tmp);
  }

  @Test
  void sqlWarnsWhileARunThatStoppedHalfWayThroughItsSwapsLeavesTheTablesMixed() throws Exception {
    // What a run killed between two of its swaps leaves: its mark (and its journal, which the next
    // run rolls forward). A commit in progress holds the readers' gate alone, so a query that holds
    // it and finds a mark knows the tables are part old, part new. (Spark is not started here: a
    // query in this JVM would stop the shared session when it ends.)
    Files.createDirectories(tmp.resolve("w/_swapping"));
    Files.createFile(tmp.resolve("w/_swapping/20261207T010203Z-abc123"));
    cn.changai.jobs.warehouse.Warehouse w =
        new cn.changai.jobs.warehouse.Warehouse(tmp.resolve("w").toString(), new org.apache.hadoop.conf.Configuration());
    ByteArrayOutputStream mixed = new ByteArrayOutputStream();
    SqlQuery.warnIfMixed(w, new PrintStream(mixed, true, StandardCharsets.UTF_8));
    assertThat(mixed.toString(StandardCharsets.UTF_8)).isEqualTo("changai sql: warning: run 20261207T010203Z-abc123"
        + " stopped while publishing: the tables are part old, part new until the next changai run completes its"
        + " publication (its first step)" + System.lineSeparator());
    Files.delete(tmp.resolve("w/_swapping/20261207T010203Z-abc123"));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    SqlQuery.warnIfMixed(w, new PrintStream(whole, true, StandardCharsets.UTF_8));
    assertThat(whole.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void csvNeutralisesFormulasInTextCellsOnly() throws Exception {
    SparkSession spark = SharedSpark.session();
    StructType schema = new StructType().add("text", DataTypes.StringType).add("number", DataTypes.DoubleType)
        .add("count", DataTypes.LongType);
    List<Row> rows = List.of(RowFactory.create("=1+2", -5.0, -3L), RowFactory.create("+x", 0.1, 7L),
        RowFactory.create("-y", 1e7, 0L), RowFactory.create("@z", null, 1L), RowFactory.create("\tt", 2.5, 2L),
        RowFactory.create("\rr", 100.0, 3L), RowFactory.create("上海, \"甲\"", 33.333333333333336, 4L),
        RowFactory.create(null, 1.0, 5L), RowFactory.create("", 1.5, 6L), RowFactory.create("\u0085=x", 2.0, 8L),
        RowFactory.create("\u0000@y", 3.0, 9L));
    Dataset<Row> data = spark.createDataFrame(rows, schema).coalesce(1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    SqlQuery.printCsv(data, out);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\r\n",
        "text,number,count",
        "'=1+2,-5,-3",
        "'+x,0.1,7",
        "'-y,10000000,0",
        "'@z,,1",
        "'\tt,2.5,2",
        "\"'\rr\",100,3",
        "\"上海, \"\"甲\"\"\",33.333333333333336,4",
        ",1,5",
        "\"\",1.5,6",
        "'\u0085=x,2,8",
        "'\u0000@y,3,9",
        ""));
  }

  @Test
  void ingestOfAPeriodWithoutAFolderIsRefusedBeforeAnythingIsWritten() throws Exception {
    Files.createDirectories(tmp.resolve("in/2025"));
    String[] r = run("ingest", "--inbox", tmp.resolve("in").toString(), "--warehouse", tmp.resolve("w").toString(),
        "--period", "2025,2052");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("changai ingest: Invalid value for --period: no folder of period 2052 under ");
    assertThat(tmp.resolve("w")).doesNotExist();
  }

  @Test
  void runsListsARunThatDiedHoldingTheLockBeforeTheNextCommandRecordsItAndOneGoingOn() throws Exception {
    // The morning after a run was killed with -9, before the next night: its lock file names it,
    // and the newest record is the night before's success. Listed as died, newest first.
    Path warehouse = tmp.resolve("killed");
    Path runs = Files.createDirectories(warehouse.resolve("runs"));
    Files.writeString(runs.resolve("20261206T020000Z-aaaaaa.json"), "{\"run_id\":\"20261206T020000Z-aaaaaa\","
        + "\"command\":\"run\",\"status\":\"succeeded\",\"exit_code\":0,\"duration_ms\":300}");
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(warehouse.resolve("_lock"), "{\"pid\":999999999,\"host\":\"" + host + "\","
        + "\"started_at\":\"2026-12-07T02:00:00Z\",\"command\":\"run\",\"run_id\":\"20261207T020000Z-bbbbbb\","
        + "\"token\":\"t\"}");
    String[] r = run("runs", "--warehouse", warehouse.toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).containsPattern("20261207T020000Z-bbbbbb +run +died +- +- ");
    assertThat(r[1].indexOf("20261207T020000Z-bbbbbb")).isLessThan(r[1].indexOf("20261206T020000Z-aaaaaa"));
    assertThat(r[1]).contains("nothing it staged was published");
    // From the lock: no exit, no duration, no periods, and counts unknown (it may have read rows
    // it never published). Once the next command records it (a record as RunRecords.writeDied
    // writes: no counts), listed the same; it showed 0 accepted, 0 rejected.
    String diedRow = "20261207T020000Z-bbbbbb +run +died +- +- +- +- +-\n";
    assertThat(r[1]).containsPattern(diedRow);
    Path recordedDied = Files.createDirectories(tmp.resolve("recorded-died/runs"));
    Files.writeString(recordedDied.resolve("20261207T020000Z-bbbbbb.json"), "{\"run_id\":\"20261207T020000Z-bbbbbb\","
        + "\"command\":\"run\",\"status\":\"died\",\"started_at\":\"2026-12-07T02:00:00Z\",\"pid\":999999999,"
        + "\"host\":\"" + host + "\",\"found_by\":\"20261208T020000Z-ffffff\"}");
    // A run that read rows: its counts, grouped in thousands.
    Files.writeString(recordedDied.resolve("20261208T020000Z-ffffff.json"), "{\"run_id\":\"20261208T020000Z-ffffff\","
        + "\"command\":\"run\",\"status\":\"succeeded\",\"exit_code\":0,\"duration_ms\":300,"
        + "\"periods_touched\":[\"2025\"],\"ingest\":{\"workers_accepted\":1234,\"workers_rejected\":0}}");
    r = run("runs", "--warehouse", recordedDied.getParent().toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).containsPattern(diedRow).containsPattern("20261208T020000Z-ffffff +run +succeeded +0 +0\\.3s +2025 +1,234 +0\n");

    // A first run killed: no record at all, yet a run happened.
    Path first = Files.createDirectories(tmp.resolve("first"));
    Files.copy(warehouse.resolve("_lock"), first.resolve("_lock"));
    r = run("runs", "--warehouse", first.toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).containsPattern("20261207T020000Z-bbbbbb +run +died ");

    // A run going on (this process holds it): running.
    Files.writeString(warehouse.resolve("_lock"), "{\"pid\":" + ProcessHandle.current().pid() + ",\"host\":\"" + host
        + "\",\"started_at\":\"" + java.time.Instant.now() + "\",\"command\":\"ingest\","
        + "\"run_id\":\"20261207T030000Z-cccccc\",\"token\":\"t\"}");
    r = run("runs", "--warehouse", warehouse.toString());
    assertThat(r[1]).containsPattern("20261207T030000Z-cccccc +ingest +running +- +- ");

    // Once recorded (the run ended, or the next command took its lock over), listed once, from its record.
    Files.writeString(runs.resolve("20261207T030000Z-cccccc.json"), "{\"run_id\":\"20261207T030000Z-cccccc\","
        + "\"command\":\"ingest\",\"status\":\"succeeded\",\"exit_code\":0,\"duration_ms\":300}");
    r = run("runs", "--warehouse", warehouse.toString());
    assertThat(r[1]).containsPattern("20261207T030000Z-cccccc +ingest +succeeded ").doesNotContain("running");

    // A run killed in the middle of its swaps, then the run that was completing them killed too:
    // the first has no record until its publication is completed, and the tables are part old, part new.
    Files.createDirectories(warehouse.resolve("_journal"));
    Files.writeString(warehouse.resolve("_journal/20261207T040000Z-dddddd.json"), "{\"run_id\":\"20261207T040000Z-dddddd\"}");
    Files.createDirectories(warehouse.resolve("_swapping"));
    Files.writeString(warehouse.resolve("_swapping/20261207T040000Z-dddddd"), "");
    Files.writeString(warehouse.resolve("_lock"), "{\"pid\":999999999,\"host\":\"" + host + "\","
        + "\"started_at\":\"2026-12-07T05:00:00Z\",\"command\":\"run\",\"run_id\":\"20261207T050000Z-eeeeee\","
        + "\"token\":\"t\"}");
    r = run("runs", "--warehouse", warehouse.toString());
    assertThat(r[1]).containsPattern("20261207T050000Z-eeeeee +run +died ")
        .contains("run 20261207T040000Z-dddddd stopped while publishing: the tables are part old, part new");
  }

  @Test
  void runsListsTheRunsALockFileNamesAsDiedBeforeItsHolderUntilTheyAreRecorded() throws Exception {
    // Run A was killed; run B took its lock over and was killed before recording A: B's lock file
    // names A under died_before. Both are listed as died, B (the newer) first; once the next
    // command records A, A is listed from its record alone.
    Path warehouse = tmp.resolve("killed-twice");
    Path runs = Files.createDirectories(warehouse.resolve("runs"));
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(warehouse.resolve("_lock"), "{\"pid\":999999998,\"host\":\"" + host + "\","
        + "\"started_at\":\"2026-12-07T02:05:00Z\",\"command\":\"run\",\"run_id\":\"20261207T020500Z-bbbbbb\","
        + "\"token\":\"t\",\"died_before\":[{\"pid\":999999997,\"host\":\"" + host + "\","
        + "\"started_at\":\"2026-12-07T02:00:00Z\",\"command\":\"run\",\"run_id\":\"20261207T020000Z-aaaaaa\"}]}");
    String[] r = run("runs", "--warehouse", warehouse.toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).containsPattern("20261207T020500Z-bbbbbb +run +died +- +- +- +- +-\n")
        .containsPattern("20261207T020000Z-aaaaaa +run +died +- +- +- +- +-\n")
        .contains("run 20261207T020000Z-aaaaaa died holding the warehouse's lock (pid 999999997, started"
            + " 2026-12-07T02:00:00Z) before the run above took it over: nothing it staged was published");
    assertThat(r[1].indexOf("20261207T020500Z-bbbbbb")).isLessThan(r[1].indexOf("20261207T020000Z-aaaaaa"));

    Files.writeString(runs.resolve("20261207T020000Z-aaaaaa.json"), "{\"run_id\":\"20261207T020000Z-aaaaaa\","
        + "\"command\":\"run\",\"status\":\"died\",\"started_at\":\"2026-12-07T02:00:00Z\"}");
    r = run("runs", "--warehouse", warehouse.toString());
    assertThat(r[1]).containsPattern("20261207T020000Z-aaaaaa +run +died ").doesNotContain("before the run above");
    assertThat(r[1].split("20261207T020000Z-aaaaaa", -1)).hasSize(2);
  }

  @Test
  void aStageRefusedByItsCheckLeavesTheLockOfARunThatDiedForTheNextCommandToRecord() throws Exception {
    // A run killed with -9 left its lock; then compute, score or report, refused by its check of
    // the warehouse (exit 2), looked at that lock. It took it over and deleted the lock file on
    // release, so the next run could no longer record the dead run as died.
    Path warehouse = Files.createDirectories(tmp.resolve("died"));
    Files.createFile(warehouse.resolve("_lock.guard"));
    String host = java.net.InetAddress.getLocalHost().getHostName();
    String lock = "{\"pid\":999999999,\"host\":\"" + host + "\",\"started_at\":\"2026-12-07T02:00:00Z\","
        + "\"command\":\"run\",\"run_id\":\"20261207T020000Z-bbbbbb\",\"token\":\"t\"}";
    Files.writeString(warehouse.resolve("_lock"), lock);
    for (String command : List.of("compute", "score", "report")) {
      String[] r = run(command, "--warehouse", warehouse.toString());
      assertThat(r[0]).as(command + ": " + r[2]).isEqualTo("2");
      assertThat(r[2]).as(command).doesNotContain("Taking over");
      assertThat(warehouse.resolve("_lock")).as(command).hasContent(lock);
    }
    try (cn.changai.jobs.warehouse.Lock next = cn.changai.jobs.warehouse.Lock.acquire(
        new cn.changai.jobs.warehouse.Warehouse(warehouse.toString(), new org.apache.hadoop.conf.Configuration()), "run")) {
      assertThat(next.diedHolding()).extracting(cn.changai.jobs.warehouse.Lock.Holder::runId)
          .containsExactly("20261207T020000Z-bbbbbb");
    }
  }

  @Test
  void runsListsThePeriodsAStandaloneScoreScored() throws Exception {
    // score's record names its periods as objects with their figures, not as names.
    Path runs = Files.createDirectories(tmp.resolve("scored/runs"));
    Files.writeString(runs.resolve("20261207T000000Z-abcdef.json"), "{\"run_id\":\"20261207T000000Z-abcdef\","
        + "\"command\":\"score\",\"status\":\"succeeded\",\"exit_code\":0,\"duration_ms\":300,"
        + "\"periods\":[{\"period\":\"2024H2\",\"rows\":33},{\"period\":\"2025\",\"rows\":31}]}");
    String[] r = run("runs", "--warehouse", runs.getParent().toString());
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).containsPattern("20261207T000000Z-abcdef +score +succeeded +0 +0\\.3s +2024H2,2025 ");
  }

  @Test
  void aPathWhoseBytesAreNoTextIsRefusedRatherThanAnotherFolderUsed() throws Exception {
    // The JVM hands such an argument over with U+FFFD in place of the bytes: another path.
    Path inbox = Files.createDirectories(tmp.resolve("in/2025"));
    String[] r = run("run", "--inbox", inbox.getParent().toString(), "--warehouse", tmp.resolve("bad\uFFFDdir").toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("changai run: Invalid value for --warehouse: '" + tmp.resolve("bad\uFFFDdir")
        + "' holds bytes that are not UTF-8 text (shown as \uFFFD), so it cannot be named exactly");
    assertThat(tmp.resolve("bad\uFFFDdir")).doesNotExist();
  }

  @Test
  void aTildeTheShellLeftAsItIsIsRefusedRatherThanMadeAFolderOfThatName() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("in/2025"));
    String[] r = run("run", "--inbox", inbox.getParent().toString(), "--warehouse=~/wh", "--dry-run");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("changai run: Cannot use warehouse ~/wh: the shell left ~ as it is (it expands it only at"
        + " a word's start, not after --warehouse=); write --warehouse ~/wh or $HOME/wh");
    assertThat(Path.of("~")).doesNotExist();
  }

  @Test
  void aFolderOfOtherFilesOrAWarehouseWithATablesFileIsNoWarehouseToWriteTo() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("in/2025"));
    // A home folder by mistake: files of its own, no runs/ folder.
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve("notes.txt"), "mine");
    Files.createDirectories(home.resolve("photos"));
    String[] r = run("run", "--inbox", inbox.getParent().toString(), "--warehouse", home.toString(), "--dry-run");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("changai run: Cannot use warehouse " + home + ": the folder holds other files ('notes.txt',"
        + " 'photos') and no warehouse; give a new or empty folder");
    // A warehouse whose tables is a file.
    Path broken = Files.createDirectories(tmp.resolve("broken/runs"));
    Files.writeString(broken.resolveSibling("tables"), "x");
    r = run("ingest", "--inbox", inbox.getParent().toString(), "--warehouse", broken.getParent().toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("its 'tables' is a file, where a warehouse has a folder");
    assertThat(Files.readString(home.resolve("notes.txt"))).isEqualTo("mine");
    // A warehouse (it has runs/) may hold a file of the operator's beside it; an empty folder is a new one.
    Files.createDirectories(home.resolve("runs"));
    assertThat(run("run", "--inbox", inbox.getParent().toString(), "--warehouse", home.toString(), "--dry-run")[0]).isEqualTo("0");
    assertThat(run("run", "--inbox", inbox.getParent().toString(), "--warehouse", Files.createDirectories(tmp.resolve("empty"))
        .toString(), "--dry-run")[0]).isEqualTo("0");
    // A new folder in which a command started at the same instant is taking the lock: its lock's
    // temporary file is the warehouse's, and this command goes on to wait for the lock or exit 4.
    Path racing = Files.createDirectories(tmp.resolve("racing"));
    Files.writeString(racing.resolve("_lock.c0ffbd97a13e3868.tmp"), "");
    assertThat(run("run", "--inbox", inbox.getParent().toString(), "--warehouse", racing.toString(), "--dry-run")[0])
        .isEqualTo("0");
    // The root of a file system of its own: lost+found is the file system's.
    Path mount = Files.createDirectories(tmp.resolve("mount/lost+found")).getParent();
    assertThat(run("run", "--inbox", inbox.getParent().toString(), "--warehouse", mount.toString(), "--dry-run")[0])
        .isEqualTo("0");
  }

  @Test
  void aWarehousePathSparkWouldReadAsAPatternOrALinkToNothingIsRefusedBeforeAnyWork() throws Exception {
    // Spark reads './w[a]' as the pattern matching './wa': a run would ingest into w[a], then
    // compute from wa (or fail), and changai sql would answer from wa.
    Path inbox = Files.createDirectories(tmp.resolve("in-glob/2025"));
    Files.createDirectories(tmp.resolve("wa/runs"));
    for (String name : List.of("w[a]", "w{a,b}", "w*", "w?")) {
      String warehouse = tmp.resolve(name).toString();
      for (String[] args : List.of(
          new String[] {"run", "--inbox", inbox.getParent().toString(), "--warehouse", warehouse},
          new String[] {"sql", "--warehouse", warehouse, "SELECT 1"},
          new String[] {"report", "--warehouse", warehouse},
          new String[] {"runs", "--warehouse", warehouse})) {
        String[] r = run(args);
        assertThat(r[0]).as(String.join(" ", args)).isEqualTo("2");
        assertThat(r[2]).as(String.join(" ", args)).startsWith("changai " + args[0] + ": Cannot use warehouse " + warehouse
            + ": Spark reads a path with any of * ? [ ] { } \\ as a pattern; give a path without them");
      }
      assertThat(tmp.resolve(name)).doesNotExist();
    }
    // A symbolic link to nothing: Hadoop takes it for absent, then could not create the lock in it.
    Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
    String[] r = run("run", "--inbox", inbox.getParent().toString(), "--warehouse", dangling.toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("changai run: Cannot use warehouse " + dangling + ": a symbolic link to "
        + tmp.resolve("nowhere") + ", which does not exist; create that folder, or give another");
  }

  @Test
  void sqlOutputThatCannotBeWrittenIsAFailureNotAQuietCut() throws Exception {
    // stdout on /dev/full: every write fails. The result is lost, so the exit is 1 with one line.
    Path err = tmp.resolve("err.txt");
    Process p = sqlProcess(cn.changai.jobs.testing.SampleRun.warehouse().toString(), "--csv", "SELECT * FROM workers")
        .redirectOutput(new java.io.File("/dev/full")).redirectError(err.toFile()).start();
    assertThat(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(Files.readString(err)).contains("changai sql: failed: the result could not be written whole to standard"
        + " output (a full disk, say)");
  }

  @Test
  void aReaderThatClosesThePipeEarlyEndsTheQueryQuietlyWithItsCode() throws Exception {
    // changai sql ... | head -1: head exits after one line, the next write fails (EPIPE), and sql
    // said "failed: the result could not be written whole" and exited 1. The sample's workers as
    // CSV are 655 KB, ten times a pipe's buffer: the query is still writing when the reader goes.
    Path err = tmp.resolve("err.txt");
    Process p = sqlProcess(cn.changai.jobs.testing.SampleRun.warehouse().toString(), "--csv", "SELECT * FROM workers")
        .redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(err.toFile()).start();
    String header;
    try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      header = reader.readLine();
    }
    assertThat(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(header).startsWith("enterprise_id,worker_id,");
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(err)).doesNotContain("failed").doesNotContain("\tat ").doesNotContain("Exception");
    // validate, whose code is the sample's refusals (3), keeps it; its report (7 KB) fits a pipe's
    // buffer, so here the reader goes before it starts writing.
    Process validate = process("validate", "--inbox", Path.of("..", "sample-data", "inbox").toString())
        .redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.PIPE).start();
    validate.getInputStream().close();
    String validateErr = new String(validate.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(validate.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(validate.exitValue()).as(validateErr).isEqualTo(3);
    assertThat(validateErr).doesNotContain("could not be written");
  }

  @Test
  void aQueryThatFailsOnItsOwnValuesIsTheUsersErrorNotTheProgramsAndSaysWhy() throws Exception {
    // In a process of its own: the query's session, closed at its end, would be the tests' shared one.
    String warehouse = cn.changai.jobs.testing.SampleRun.warehouse().toString();
    // The sample's worker ids are text (E0001...): as numbers they fail Spark's ANSI cast.
    Process cast = sqlProcess(warehouse, "SELECT CAST(worker_id AS INT) FROM workers").start();
    String castErr = new String(cast.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(cast.waitFor()).isEqualTo(2);
    assertThat(castErr).contains("changai sql: Query failed on its values: [CAST_INVALID_INPUT]").doesNotContain("\tat ");
    Process raised = sqlProcess(warehouse, "SELECT raise_error('no such unit') FROM enterprises").start();
    String raisedErr = new String(raised.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(raised.waitFor()).isEqualTo(2);
    assertThat(raisedErr).contains("changai sql: Query failed on its values: [USER_RAISED_EXCEPTION] no such unit");
  }

  /** {@code changai sql} in a JVM of its own, with the tests' class path. */
  private static ProcessBuilder sqlProcess(String warehouse, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("sql", "--warehouse", warehouse));
    command.addAll(List.of(args));
    return process(command.toArray(String[]::new));
  }

  /** {@code changai} with these arguments in a JVM of its own, its output discarded unless redirected. */
  private static ProcessBuilder process(String... args) throws IOException {
    List<String> command = ChangaiProcess.command(List.of(), args);
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
  }

  @Test
  void aTableFileGoneUnderAQuerySaysThatARunPublishedMeanwhile() {
    // What Spark raised when a commit swapped the tables under a query that ran past its 30 s.
    RuntimeException gone = new RuntimeException("Exception thrown in awaitResult: ", new java.io.FileNotFoundException(
        "File file:/w/tables/workers/period=2025/kept-00001-e9db6b3f.snappy.parquet does not exist"));
    assertThat(SqlQuery.publishedMeanwhile(gone)).hasMessage("a run published new tables while this query read them"
        + " (a run's commit waits at most 30 s for queries to finish); run the query again").hasCause(gone);
    assertThat(SqlQuery.publishedMeanwhile(new RuntimeException("boom", new IllegalStateException("x")))).isNull();
  }

  @Test
  void aReportPrintedOntoAFullDiskFailsWhileAWarehouseWritersSummaryOnlyWarns() throws Exception {
    // validate's output is its product: cut, it is exit 1 (it was 3, the sample's refusals, as if
    // the whole report had been written). generate's product is the inbox: its code stands.
    Path err = tmp.resolve("validate-err.txt");
    Process validate = process("validate", "--inbox", Path.of("..", "sample-data", "inbox").toString())
        .redirectOutput(new java.io.File("/dev/full")).redirectError(err.toFile()).start();
    assertThat(validate.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(validate.exitValue()).isEqualTo(1);
    assertThat(Files.readString(err)).contains("changai validate: failed: standard output could not be written"
        + " whole (a full disk, say)");

    Path indicatorsErr = tmp.resolve("indicators-err.txt");
    Process indicators = process("indicators").redirectOutput(new java.io.File("/dev/full"))
        .redirectError(indicatorsErr.toFile()).start();
    assertThat(indicators.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(indicators.exitValue()).isEqualTo(1);
    assertThat(Files.readString(indicatorsErr)).contains("changai indicators: failed: standard output");

    Path generated = tmp.resolve("generated");
    Path generateErr = tmp.resolve("generate-err.txt");
    Process generate = process("generate", "--out", generated.toString(), "--enterprises", "2", "--workers", "20",
        "--periods", "2025", "--seed", "1").redirectOutput(new java.io.File("/dev/full"))
        .redirectError(generateErr.toFile()).start();
    assertThat(generate.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(generate.exitValue()).isZero();
    assertThat(Files.readString(generateErr)).contains("changai generate: warning: standard output could not be"
        + " written whole (a full disk, say); the summary printed is cut, the exit code stands");
    assertThat(generated.resolve("2025")).isDirectory();
  }

  @Test
  void sqlRegistersEveryTableFolderAsAView() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path tables = tmp.resolve("tables");
    spark.createDataFrame(List.of(RowFactory.create("a", "2025"), RowFactory.create("b", "2025H1")),
            new StructType().add("x", DataTypes.StringType).add("period", DataTypes.StringType))
        .write().partitionBy("period").parquet(tables.resolve("custom").toString());
    Files.createDirectories(tables.resolve("empty_folder"));
    Files.createDirectories(tables.resolve("not-a-name"));
    Map<String, String> found = SqlQuery.tables(tmp.toString());
    assertThat(found).containsOnlyKeys("custom", "empty_folder");
    SqlQuery.register(spark, found);
    List<Row> rows = SqlQuery.query(spark, "SELECT x, period FROM custom ORDER BY x", found.keySet()).collectAsList();
    assertThat(rows).extracting(r -> r.getString(0) + "/" + r.getString(1)).containsExactly("a/2025", "b/2025H1");
    assertThatThrownBy(() -> SqlQuery.query(spark, "SELECT * FROM no_such_table", found.keySet()))
        .isInstanceOf(UsageError.class).hasMessageContaining("no_such_table")
        .hasMessageEndingWith(" Tables of this warehouse: custom, empty_folder.");
  }

  @Test
  void aCleanInboxsTablesOfFindingsAreEmptyViews(@org.junit.jupiter.api.io.TempDir Path clean) throws Exception {
    SparkSession spark = SharedSpark.session();
    // Ingest of an inbox without a single reject or warning publishes no table of findings.
    spark.createDataFrame(List.of(), cn.changai.jobs.warehouse.Tables.ENTERPRISES.schema()).write()
        .partitionBy("period").parquet(clean.resolve("tables/enterprises").toString());
    Map<String, String> found = SqlQuery.tables(clean.toString());
    assertThat(found).containsOnlyKeys("enterprises", "rejected_rows", "rejected_submissions", "warnings");
    Map<String, String> named = SqlQuery.named(found, "SELECT count(*) FROM rejected_rows");
    SqlQuery.register(spark, named);
    assertThat(SqlQuery.query(spark, "SELECT count(*), min(reason_code) FROM rejected_rows", found.keySet())
        .collectAsList()).extracting(r -> r.getLong(0) + "/" + r.get(1)).containsExactly("0/null");
    spark.catalog().dropTempView("rejected_rows");
  }

  @Test
  void aSyntaxErrorNamesTheParsersMessageAndPosition() {
    // "SELEC" is no keyword: the parser stops at its first character; in the second query at the
    // quote that opens a text never closed, 26 characters into line 1 (counted from 0).
    assertThatThrownBy(() -> SqlQuery.checkSyntax("SELEC unit_name FROM scores"))
        .isInstanceOf(UsageError.class)
        .hasMessage("Invalid query: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, pos 0)");
    assertThatThrownBy(() -> SqlQuery.checkSyntax("SELECT a FROM t WHERE x = 'open"))
        .isInstanceOf(UsageError.class).hasMessageEndingWith("(line 1, pos 26)");
    SqlQuery.checkSyntax("SELECT unit_name FROM scores WHERE period = '2025'");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
    "INSERT OVERWRITE DIRECTORY '/w/tables/scores' USING parquet SELECT 1 AS a|InsertIntoDir",
    "INSERT INTO scores SELECT * FROM scores|InsertIntoStatement",
    "WITH x AS (SELECT 1) INSERT INTO scores SELECT * FROM x|InsertIntoStatement",
    "CREATE TABLE t USING parquet LOCATION '/w/tables/evil' AS SELECT 1 AS a|CreateTableAsSelect",
    "SET spark.sql.ansi.enabled=false|SetCommand", "ADD JAR /tmp/x.jar|AddJarsCommand", "CACHE TABLE scores|CacheTable",
    "DROP TABLE scores|DropTable", "CREATE TEMPORARY VIEW v AS SELECT 1|CreateViewCommand",
    "LOAD DATA LOCAL INPATH '/etc/passwd' INTO TABLE scores|LoadData",
    "SELECT reflect('java.lang.System', 'exit', 1)|reflect", "SELECT JAVA_METHOD('java.lang.Math', 'abs', -1)|reflect",
    "EXECUTE IMMEDIATE 'INSERT OVERWRITE DIRECTORY ''/w/tables/workers'' USING parquet SELECT 1'|UnresolvedExecuteImmediate",
    "execute immediate 'SELECT 1'|UnresolvedExecuteImmediate", "DECLARE v INT|CreateVariable", "SET VAR v = 1|SetVariable",
    // A program of the operating system on the rows: a shell (a red-team sweep ran id and read /etc/passwd).
    "SELECT TRANSFORM(a) USING 'id' AS (b) FROM (SELECT 1 AS a)|ScriptTransformation",
    "WITH x AS (SELECT TRANSFORM(a) USING 'cat /etc/passwd' FROM (SELECT 1 AS a)) SELECT * FROM x|ScriptTransformation",
    "SELECT * FROM scores WHERE unit_id IN (SELECT TRANSFORM(unit_id) USING 'sh' FROM scores)|ScriptTransformation",
    "SELECT (SELECT max(b) FROM (SELECT TRANSFORM(1) USING 'touch /tmp/x' AS (b))) AS c|ScriptTransformation"})
  void aStatementThatWouldWriteOrChangeSomethingIsRefusedBeforeSparkStarts(String query, String named) {
    assertThatThrownBy(() -> SqlQuery.checkSyntax(query)).isInstanceOf(UsageError.class)
        .hasMessage("Invalid query: changai sql only reads the published tables; this statement would write or change"
            + " something (" + named + ")");
  }

  @Test
  void readingAndDescribingStatementsAreQueries() {
    for (String query : List.of("WITH x AS (SELECT 1 AS a) SELECT * FROM x", "VALUES (1)", "TABLE scores",
        "FROM scores SELECT *", "SHOW TABLES", "DESCRIBE scores", "EXPLAIN SELECT * FROM scores", "SELECT 'INSERT INTO x'")) {
      SqlQuery.checkSyntax(query);
    }
  }

  @Test
  void anInboxAndAWarehouseThatOverlapAreRefusedBeforeAnythingStarts() throws Exception {
    Path inbox = java.nio.file.Files.createDirectories(tmp.resolve("in"));
    java.nio.file.Files.createDirectories(tmp.resolve("t"));
    Path link = java.nio.file.Files.createSymbolicLink(tmp.resolve("link"), inbox);
    String[] same = run("run", "--inbox", inbox.toString(), "--warehouse", inbox.toString());
    assertThat(same[0]).isEqualTo("2");
    assertThat(same[2]).contains("the inbox " + inbox + " and the warehouse " + inbox + " are the same folder");
    // Inside, through .. and through a link; and the other way round for ingest.
    for (String warehouse : List.of(inbox + "/wh", tmp + "/t/../in/wh")) {
      String[] inside = run("run", "--inbox", inbox.toString(), "--warehouse", warehouse);
      assertThat(inside[0]).isEqualTo("2");
      assertThat(inside[2]).contains("overlap: the warehouse is inside the inbox; keep them apart");
    }
    assertThat(run("run", "--inbox", link.toString(), "--warehouse", inbox + "/w2")[0]).isEqualTo("2");
    String[] outside = run("ingest", "--inbox", inbox.toString(), "--warehouse", tmp.toString());
    assertThat(outside[0]).isEqualTo("2");
    assertThat(outside[2]).contains("overlap: the inbox is inside the warehouse");
    assertThat(tmp.resolve("in").resolve("runs")).doesNotExist();
  }

  @Test
  void aRelativePathWithAColonIsAUsageErrorThatSaysHowToWriteIt() throws Exception {
    // in:1 is a folder name Linux takes, and a URI of scheme "in" to Hadoop.
    for (String[] args : List.of(new String[] {"validate", "--inbox", "in:1"},
        new String[] {"runs", "--warehouse", "w:1"}, new String[] {"run", "--inbox", "in:1", "--warehouse", "w"})) {
      String[] r = run(args);
      assertThat(r[0]).as(String.join(" ", args)).isEqualTo("2");
      assertThat(r[2]).as(String.join(" ", args)).contains("is not a path Hadoop can read")
          .contains("give it as ./" + args[2]).doesNotContain("java.net");
    }
  }

  @Test
  void aMistypedMasterOrSettingIsAUsageErrorBeforeSparkStartsAndNothingIsRecorded() throws Exception {
    Path inbox = java.nio.file.Files.createDirectories(tmp.resolve("inbox"));
    Path warehouse = tmp.resolve("warehouse");
    for (String[] args : List.of(new String[] {"--master", "bogus"}, new String[] {"--master", "local[0]"},
        new String[] {"--conf", "spark.master=yarnn"}, new String[] {"--conf", "spark.sql.shuffle.partitions=abc"},
        new String[] {"--conf", "=x"}, new String[] {"--conf", "spark.executor.memory=lots"},
        new String[] {"--conf", "spark.executor.cores=abc"}, new String[] {"--conf", "spark.driver.maxResultSize=huge"},
        // Settings naming classes, which Spark loads only once started.
        new String[] {"--conf", "spark.serializer=bad"},
        new String[] {"--conf", "spark.sql.extensions=org.apache.spark.sql.NoSuchExtensions"},
        // The launcher's jar carries no YARN or Kubernetes support: spark-submit does.
        new String[] {"--master", "yarn"}, new String[] {"--master", "k8s://https://127.0.0.1:1"},
        // A standalone master needs its port (Spark failed on it after its start, a failed run recorded).
        new String[] {"--master", "spark://host"}, new String[] {"--master", "spark://host:port"},
        new String[] {"--master", "spark://a:7077,b"},
        // Task threads no JVM would start (local[99999] ran 48 s, then advised a larger heap).
        new String[] {"--master", "local[99999]"}, new String[] {"--master", "local[2000, 3]"},
        new String[] {"--master", "local[123456789012345678901234567890]"},
        new String[] {"--conf", "spark.master=local[5000]"})) {
      String[] r = run("run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString(), args[0], args[1]);
      assertThat(r[0]).as(String.join(" ", args)).isEqualTo("2");
      assertThat(r[2]).as(String.join(" ", args)).startsWith("changai run: Invalid value for " + args[0] + ": ");
    }
    assertThat(run("run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString(), "--master", "local[99999]")[2])
        .startsWith("changai run: Invalid value for --master: 'local[99999]' asks for more than 1024 task threads;"
            + " local[*] takes one per core (");
    assertThat(warehouse).doesNotExist();
    for (String master : List.of("spark://127.0.0.1:7077", "spark://a.example:7077,b.example:7078", "spark://[::1]:7077",
        "local", "local[2]", "local[*,3]")) {
      cn.changai.jobs.spark.SparkOptions options = new cn.changai.jobs.spark.SparkOptions();
      options.master = master;
      options.check(UsageError::new);
    }
    cn.changai.jobs.spark.SparkOptions kryo = new cn.changai.jobs.spark.SparkOptions();
    kryo.conf.put("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    kryo.check(UsageError::new);
    String[] sql = run("sql", "--warehouse", tmp.toString(), "--conf", "spark.sql.ansi.enabled=maybe", "SELECT 1");
    assertThat(sql[0]).isEqualTo("2");
    assertThat(sql[2]).contains("spark.sql.ansi.enabled=maybe");
  }

  @Test
  void aNonsenseMemorySizeIsAUsageErrorNamingTheValueBeforeSparkStarts() throws Exception {
    // Spark's converter took spark.driver.memory=-1g (a size of -1,024 MiB) and 0; the run went on
    // with the launcher's 4 GiB. Below 450 MiB an executor made Spark fail once started, the run
    // recorded as failed. This JVM (surefire's) has a 3 GiB heap: -Xmx3g in the root pom.
    Path inbox = java.nio.file.Files.createDirectories(tmp.resolve("inbox"));
    Path warehouse = tmp.resolve("warehouse");
    String driverFloor = "the driver's heap must be at least 512 MiB, Spark's least (e.g. spark.driver.memory=4g;"
        + " a number without a unit is MiB)";
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("spark.driver.memory=-1g", "a memory size cannot be negative");
    expected.put("spark.driver.memory=0", driverFloor);
    expected.put("spark.driver.memory=1k", driverFloor);
    // 511 MiB: a number without a unit is MiB.
    expected.put("spark.driver.memory=511", driverFloor);
    expected.put("spark.driver.memory=abc", "[INVALID_CONF_VALUE.TYPE_MISMATCH] The value 'abc'");
    expected.put("spark.driver.memory=10x", "[INVALID_CONF_VALUE.TYPE_MISMATCH] The value '10x'");
    expected.put("spark.driver.memory=1000000g", "more than this machine's memory (");
    // 1 GiB asked of a JVM already running with 3 GiB: the setting would have done nothing.
    expected.put("spark.driver.memory=1g", "this JVM's heap was fixed at 3,072 MiB when it started, and the setting"
        + " would do nothing: scripts/changai sizes the heap from it; under spark-submit, give --driver-memory 1g"
        + " before the jar");
    expected.put("spark.executor.memory=-2g", "a memory size cannot be negative");
    expected.put("spark.executor.memory=0", "Spark needs at least 450 MiB for an executor (e.g. spark.executor.memory=4g)");
    expected.put("spark.executor.memory=449m", "Spark needs at least 450 MiB for an executor (e.g. spark.executor.memory=4g)");
    expected.put("spark.driver.maxResultSize=-1g", "a memory size cannot be negative");
    expected.put("spark.executor.memoryOverhead=-1", "a memory size cannot be negative");
    for (Map.Entry<String, String> c : expected.entrySet()) {
      String[] r = run("run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString(), "--conf", c.getKey());
      assertThat(r[0]).as(c.getKey()).isEqualTo("2");
      assertThat(r[2]).as(c.getKey()).startsWith("changai run: Invalid value for --conf: " + c.getKey() + ": " + c.getValue());
    }
    assertThat(warehouse).doesNotExist();
    // Sizes that make sense: this JVM's own heap (in three spellings), an executor of 450 MiB, no
    // limit on results (0).
    for (String good : List.of("spark.driver.memory=3g", "spark.driver.memory=3G", "spark.driver.memory=3072",
        "spark.executor.memory=450m", "spark.driver.maxResultSize=0")) {
      cn.changai.jobs.spark.SparkOptions options = new cn.changai.jobs.spark.SparkOptions();
      String[] kv = good.split("=", 2);
      options.conf.put(kv[0], kv[1]);
      options.check(UsageError::new);
    }
  }

  /**
   * A first run fills an empty warehouse and holds its lock: compute, score and report started
   * meanwhile find no data yet, and say the run holds the warehouse (exit 4), not "run ingest
   * first" (exit 2). Once the lock is free the check's own answer comes back.
   */
  @Test
  void aStageStartedWhileAFirstRunHoldsTheEmptyWarehouseExitsFourNamingIt() throws Exception {
    Path warehouse = java.nio.file.Files.createDirectories(tmp.resolve("filling"));
    cn.changai.jobs.warehouse.Warehouse w = new cn.changai.jobs.warehouse.Warehouse(warehouse.toString(),
        new org.apache.hadoop.conf.Configuration());
    try (cn.changai.jobs.warehouse.Lock running = cn.changai.jobs.warehouse.Lock.acquire(w, "run")) {
      for (String command : List.of("compute", "score", "report")) {
        String[] r = run(command, "--warehouse", warehouse.toString());
        assertThat(r[0]).as(command + ": " + r[2]).isEqualTo("4");
        assertThat(r[2]).as(command).contains("locked by another run").contains("(run)");
      }
    }
    assertThat(run("compute", "--warehouse", warehouse.toString())[0]).isEqualTo("2");
  }

  @Test
  void validatingAPeriodTheInboxDoesNotHoldSaysSo() throws Exception {
    Path inbox = java.nio.file.Files.createDirectories(tmp.resolve("in").resolve("2024").resolve("x"));
    String[] r = run("validate", "--inbox", tmp.resolve("in").toString(), "--period", "2023");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("changai validate: No submission folders of period 2023 under " + tmp.resolve("in"));
    assertThat(r[1]).doesNotContain("would be accepted");
    assertThat(inbox).exists();
  }

  @Test
  void rebuildingAPeriodNeitherTheInboxNorTheWarehouseHoldsIsAUsageError() throws Exception {
    Path inbox = java.nio.file.Files.createDirectories(tmp.resolve("in").resolve("2024"));
    // Folders of other names are no periods the inbox holds: not listed as such.
    java.nio.file.Files.createDirectories(tmp.resolve("in").resolve("archive"));
    java.nio.file.Files.createDirectories(tmp.resolve("in").resolve(".git"));
    String[] r = run("run", "--inbox", inbox.getParent().toString(), "--warehouse", tmp.resolve("wh").toString(),
        "--rebuild", "2023");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("Invalid value for --rebuild: period 2023 is neither in the inbox nor in the warehouse"
        + " (they hold 2024)");
    assertThat(tmp.resolve("wh")).doesNotExist();
    // A period the warehouse holds that left the inbox: a rebuild would only compute it again.
    java.nio.file.Files.createDirectories(tmp.resolve("wh").resolve("tables").resolve("enterprises").resolve("period=2023"));
    String[] gone = run("run", "--inbox", inbox.getParent().toString(), "--warehouse", tmp.resolve("wh").toString(),
        "--rebuild", "2023");
    assertThat(gone[0]).isEqualTo("2");
    assertThat(gone[2]).contains("Invalid value for --rebuild: period 2023 has no folder in the inbox "
        + inbox.getParent() + "; a rebuild reads the period's submissions from there");
    // Its folder there but empty: ingest would rewrite nothing and the run say it had rebuilt it.
    String[] empty = run("run", "--inbox", inbox.getParent().toString(), "--warehouse", tmp.resolve("wh").toString(),
        "--rebuild", "2024");
    assertThat(empty[0]).isEqualTo("2");
    assertThat(empty[2]).contains("Invalid value for --rebuild: period 2024's folder in the inbox " + inbox.getParent()
        + " is empty; a rebuild reads the period's submissions from there");
  }

  @Test
  void anEmptyPathIsAUsageErrorNamingTheOption() {
    String[] run = run("run", "--inbox", "", "--warehouse", "x");
    assertThat(run[0]).isEqualTo("2");
    assertThat(run[2]).contains("Invalid value for --inbox: it is empty");
    String[] runs = run("runs", "--warehouse", " ");
    assertThat(runs[0]).isEqualTo("2");
    assertThat(runs[2]).contains("Invalid value for --warehouse: it is empty");
  }

  @Test
  void aQueryRegistersTheTablesItNames() {
    Map<String, String> tables = new java.util.LinkedHashMap<>();
    for (String name : List.of("scores", "workers", "warnings", "enterprises")) {
      tables.put(name, "/w/tables/" + name);
    }
    assertThat(SqlQuery.named(tables, "SELECT w.skill_level FROM Workers w JOIN `enterprises` e USING (enterprise_id)"))
        .containsOnlyKeys("workers", "enterprises");
    // scores_2 and my_warnings are other words; a name in text costs an unused view, no harm.
    assertThat(SqlQuery.named(tables, "SELECT 1 AS scores_2, 'warnings' AS my_warnings")).containsOnlyKeys("warnings");
    assertThat(SqlQuery.named(tables, "SELECT 1")).isEmpty();
    assertThat(SqlQuery.named(tables, "  show tables")).isEqualTo(tables);
  }

  @Test
  void textTableAlignsChineseByDisplayWidth() {
    String table = new TextTable(List.of("id", "名称")).add(List.of("A01", "思想")).add(List.of("B1", "x")).render();
    assertThat(table).isEqualTo("id   名称\n---  ----\nA01  思想\nB1   x\n");
    assertThat(SqlQuery.text(1.0E7, "")).isEqualTo("10000000");
    assertThat(SqlQuery.text(new java.math.BigDecimal("239000.0000"), "")).isEqualTo("239000.0000");
    assertThat(SqlQuery.text(scala.jdk.javaapi.CollectionConverters.asScala(List.of("a", "b")).toSeq(), ""))
        .isEqualTo("a;b");
  }
}
