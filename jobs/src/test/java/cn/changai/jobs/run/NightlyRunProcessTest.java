package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.testing.ChangaiProcess;
import cn.changai.jobs.testing.ChangaiProcess.Result;
import cn.changai.jobs.testing.TableSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly run as analysts run it: real {@code changai run} processes on a small inbox. A run
 * killed with SIGKILL at several points leaves the published tables intact and readable, and the
 * next run completes the work; a changed submission recomputes only its period; the no-op path
 * starts no Spark; a second run while one holds the warehouse exits 4.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyRunProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A group with two subsidiaries, in both periods of the sample inbox. */
  private static final List<String> ENTERPRISES =
      List.of("91310000PFA8X8CLF4", "91310000B2XRY7BQC8", "91310000QN3M39E0EM");
  private static final String CHANGED = "2025/91310000QN3M39E0EM";

  @TempDir static Path tmp;
  static Path inbox;
  /** The warehouse right after the first run, to start each crash from. */
  static Path firstRun;
  static Map<String, List<String>> before;
  static Map<String, List<String>> after;

  @BeforeAll
  static void firstRunThenAChange() throws Exception {
    inbox = tmp.resolve("inbox");
    for (String period : List.of("2024", "2025")) {
      for (String id : ENTERPRISES) {
        copy(Path.of("../sample-data/inbox", period, id), inbox.resolve(period).resolve(id));
      }
    }
    Path warehouse = tmp.resolve("warehouse");
    Result first = run(List.of(), "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString());
    assertThat(first.exit()).as(first.output()).isZero();
    // Spark's note on a setting the program made itself is no warning for the analyst (LocalDirNote).
    assertThat(first.output()).doesNotContain("spark.local.dir");
    before = snapshot(warehouse);
    firstRun = tmp.resolve("first-run");
    copy(warehouse, firstRun);
    changeOneSubmission();
  }

  @Test
  @Order(1)
  void stoppedAnywhereBeforeItsCommitARunLeavesTheLastGoodWarehouseByteForByteAndTheNextRunCompletes()
      throws Exception {
    // Paused after each stage and just before the commit, each time checked against the first
    // run's files (tables, report pages, ranking files, state, runs row), then killed before the
    // commit; the next run does the work.
    after = crashAndResume(List.of("ingest-staged", "before-compute", "before-score", "before-report", "before-commit"),
        null);
    assertThat(after).isNotEqualTo(before);
    // The change: one worker fewer in 2025, 2024 untouched.
    assertThat(only(after.get("workers"), "2025")).hasSize(only(before.get("workers"), "2025").size() - 1);
    after.forEach((table, rows) -> assertThat(only(rows, "2024")).as(table).isEqualTo(only(before.get(table), "2024")));
    JsonNode record = latestRecord(tmp.resolve("crash-before-commit"));
    assertThat(record.path("status").asText()).isEqualTo("succeeded");
    // The killed run wrote no record; the run that took its lock over records it as died (the
    // lock file named it), with no exit code and no end, and changai runs lists it.
    Path done = tmp.resolve("crash-before-commit");
    List<JsonNode> died = new ArrayList<>();
    try (Stream<Path> files = Files.list(done.resolve("runs"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("state.json")).toList()) {
        JsonNode run = JSON.readTree(file.toFile());
        if (run.path("status").asText().equals("died")) {
          died.add(run);
        }
      }
    }
    assertThat(died).singleElement().satisfies(d -> {
      assertThat(d.path("command").asText()).isEqualTo("run");
      assertThat(d.path("found_by").asText()).isEqualTo(record.path("run_id").asText());
      assertThat(d.has("exit_code")).isFalse();
      assertThat(d.path("note").asText()).contains("nothing it staged was published");
    });
    Result listed = run(List.of(), "runs", "--warehouse", done.toString());
    assertThat(listed.output()).containsPattern(died.get(0).path("run_id").asText() + "\\s+run\\s+died\\s+-\\s+-\\s");
    assertThat(record.path("periods_touched").toString()).isEqualTo("[\"2025\"]");
    // The record keeps the submissions' history: the three of 2025 looked at, two unchanged, and
    // the changed one with its hashes and the submission it superseded.
    List<String> looked = new ArrayList<>();
    record.path("submissions").forEach(e -> looked.add(e.path("period").asText() + "/" + e.path("enterprise_id").asText()
        + " " + e.path("status").asText()));
    assertThat(looked).containsExactlyInAnyOrder(
        "2025/91310000PFA8X8CLF4 unchanged", "2025/91310000B2XRY7BQC8 unchanged", "2025/91310000QN3M39E0EM accepted");
    JsonNode changed = java.util.stream.StreamSupport.stream(record.path("submissions").spliterator(), false)
        .filter(e -> e.path("status").asText().equals("accepted")).findFirst().orElseThrow();
    assertThat(changed.path("content_hash").asText()).hasSize(64);
    assertThat(changed.path("files").path("workers.csv").path("sha256").asText()).hasSize(64);
    assertThat(changed.path("superseded").path("submitted_at").asText()).isNotEmpty().isNotEqualTo("2026-03-01T02:00:00Z");
    assertThat(changed.path("superseded").path("content_hash").asText()).hasSize(64)
        .isNotEqualTo(changed.path("content_hash").asText());
  }

  @Test
  @Order(2)
  void withNothingChangedTheRunExitsAtOnceWithoutStartingSpark() throws Exception {
    Path done = tmp.resolve("crash-before-commit");
    Result noop = run(List.of(), "-v", "run", "--inbox", inbox.toString(), "--warehouse", done.toString());

    assertThat(noop.exit()).isZero();
    assertThat(noop.output()).contains("Nothing to do");
    // With -v Spark logs at INFO: any SparkContext would announce itself.
    // No bound on its time: a shared machine made a 15 s bound fail (the log says what matters).
    assertThat(noop.output()).doesNotContain("Running Spark version").doesNotContain("SparkContext");
    assertThat(snapshot(done)).isEqualTo(after);
  }

  @Test
  @Order(3)
  void killedRightAfterTheJournalTheNextRunRollsForwardAndASecondRunMeanwhileExitsFour() throws Exception {
    crashAndResume("after-journal", victim -> {
      Result second = run(List.of(), "run", "--inbox", inbox.toString(), "--warehouse",
          tmp.resolve("crash-after-journal").toString());
      assertThat(second.exit()).isEqualTo(4);
      assertThat(second.output()).contains("locked by another run").contains("pid " + victim.pid());
    });
    // The killed run's results are published; the run that completed them records it too, so that
    // changai runs lists it with the runs table's status.
    Path target = tmp.resolve("crash-after-journal");
    JsonNode victimRecord = recordWrittenByRecovery(target);
    String victimId = victimRecord.path("run_id").asText();
    assertThat(victimRecord.path("command").asText()).isEqualTo("run");
    assertThat(victimRecord.path("periods_touched").toString()).isEqualTo("[\"2025\"]");
    Result listed = run(List.of(), "runs", "--warehouse", target.toString());
    assertThat(listed.output()).containsPattern(victimId + "\\s+run\\s+succeeded\\s+0 ");
  }

  @Test
  @Order(4)
  void killedBetweenTwoSwapsTheNextRunRollsForward() throws Exception {
    crashAndResume("between-swaps", null);
  }

  @Test
  @Order(5)
  void sigtermWithSparkRunningStopsTheRunRecordsItAsInterruptedAndReleasesTheLock() throws Exception {
    Path target = tmp.resolve("sigterm");
    stoppedBySigterm(target, "before-compute", "run", "changai run: stopped by SIGTERM after ingest; run ");
    // What comes next is as after any run that stopped half-way: the tests above resume from there.
  }

  @Test
  @Order(6)
  void killedOnceEverythingIsSwappedButBeforeItsRecordTheNextRunCompletesTheRecord() throws Exception {
    // The commit publishes the record with the tables, and the run writes it again once everything
    // is swapped, before the journal goes: a kill in between leaves the journal, and the run that
    // finds it says in the record that it completed the publication.
    crashAndResume("swapped", null);
    JsonNode record = recordWrittenByRecovery(tmp.resolve("crash-swapped"));
    assertThat(record.path("periods_touched").toString()).isEqualTo("[\"2025\"]");
    // The whole record the run staged with its commit, not one remade from its runs row: the
    // stages it ran, its plan and its ingest's counts (one changed submission of 2025).
    assertThat(record.path("stages_ms").has("report")).isTrue();
    assertThat(record.path("plan_reason").asText()).isNotEmpty();
    assertThat(record.path("periods_reported").toString()).isEqualTo("[\"2025\"]");
    assertThat(record.path("note").asText()).contains("completed the publication of its results");
  }

  /**
   * The record of the killed run, which the latest run wrote when it completed its publication:
   * status succeeded, and the id of the run that completed it.
   */
  private static JsonNode recordWrittenByRecovery(Path target) throws IOException {
    JsonNode recovery = latestRecord(target);
    String victimId = recovery.path("publication_completed_of").path(0).asText();
    assertThat(victimId).isNotEmpty().isNotEqualTo(recovery.path("run_id").asText());
    JsonNode victimRecord = JSON.readTree(target.resolve("runs").resolve(victimId + ".json").toFile());
    assertThat(victimRecord.path("run_id").asText()).isEqualTo(victimId);
    assertThat(victimRecord.path("status").asText()).isEqualTo("succeeded");
    assertThat(victimRecord.path("publication_completed_by").asText()).isEqualTo(recovery.path("run_id").asText());
    return victimRecord;
  }

  @Test
  @Order(7)
  void sigtermDuringTheCommitWhileAQueryHoldsTheReadersGateFinishesThePublicationAtOnceWithItsRecord()
      throws Exception {
    // A query (changai sql) holds the readers' gate; the commit would wait up to 30 s for it. A
    // SIGTERM then lets the commit finish without waiting: every table new, the run recorded as
    // it ended (succeeded, exit 0), the lock released, within seconds.
    Path target = tmp.resolve("sigterm-commit");
    copy(firstRun, target);
    Path resume = Files.createDirectories(tmp.resolve("resume-sigterm-commit"));
    ChangaiProcess victim = ChangaiProcess.start(tmp, List.of("-Dchangai.pause.at=after-journal",
        "-Dchangai.pause.resume=" + resume), "run", "--inbox", inbox.toString(), "--warehouse", target.toString());
    try (java.nio.channels.FileChannel gate = java.nio.channels.FileChannel.open(target.resolve("_readers.guard"),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.READ,
        java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock reading = gate.lock(0, Long.MAX_VALUE, true)) {
      victim.awaitOutput("PAUSED after-journal");
      Files.createFile(resume.resolve("after-journal"));
      Thread.sleep(1500); // the commit now waits for the gate
      assertThat(victim.isAlive()).isTrue();
      long signalled = System.nanoTime();
      victim.signal("TERM");
      Result ended = victim.await(2);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);

      assertThat(ended.exit()).as(ended.output()).isZero();
      assertThat(seconds).as(ended.output()).isLessThan(15);
      assertThat(ended.output()).contains("SIGTERM: the run is publishing its results; it finishes that first")
          .contains("publishes without waiting for them").doesNotContain("exiting now");
    }
    JsonNode record = latestRecord(target);
    assertThat(record.path("status").asText()).isEqualTo("succeeded");
    assertThat(target.resolve("_lock")).doesNotExist();
    assertThat(target.resolve("_journal")).isEmptyDirectory();
    assertThat(snapshot(target)).isEqualTo(after);
  }

  @Test
  @Order(7)
  void sigtermBeforeTheCommitWhileAQueryHoldsTheReadersGateStopsAtOnceAndPublishesItsRow() throws Exception {
    // A query (changai sql) holds the readers' gate when a SIGTERM stops the run before its commit.
    // The row recording the run as interrupted waited up to 30 s for the query, and the 30 s
    // watchdog ended the process half-way through that row's commit: "The run did not stop within
    // 30 s of SIGTERM: exiting now", no closing line, a journal left for the next run.
    Path target = tmp.resolve("sigterm-reader");
    copy(firstRun, target);
    ChangaiProcess victim = ChangaiProcess.start(tmp, List.of("-Dchangai.pause.at=before-score"), "run",
        "--inbox", inbox.toString(), "--warehouse", target.toString());
    try (java.nio.channels.FileChannel gate = java.nio.channels.FileChannel.open(target.resolve("_readers.guard"),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.READ,
        java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock reading = gate.lock(0, Long.MAX_VALUE, true)) {
      victim.awaitOutput("PAUSED before-score");
      victim.signal("TERM");
      Result stopped = victim.await(2);

      // No bound on time (a shared machine stretches it): the watchdog's line says the fault.
      assertThat(stopped.exit()).as(stopped.output()).isEqualTo(143);
      JsonNode record = latestRecord(target);
      assertThat(stopped.output()).contains("recorded as interrupted").doesNotContain("exiting now");
      assertThat(record.path("status").asText()).isEqualTo("interrupted");
      assertThat(target.resolve("tables/runs/run-" + record.path("run_id").asText() + ".parquet")).exists();
    }
    assertThat(target.resolve("_lock")).doesNotExist();
    try (var journals = Files.list(target.resolve("_journal"))) {
      assertThat(journals.toList()).isEmpty();
    }
  }

  @Test
  @Order(8)
  void aStageRunAloneAndStoppedBySigtermPublishesNothingIsRecordedAsInterruptedAndReleasesTheLock() throws Exception {
    // changai ingest on its own, as an analyst might run it from a scheduler: SIGTERM once its
    // task has staged the tables. It stops as a run does: nothing published, the command recorded.
    Path target = tmp.resolve("sigterm-ingest");
    JsonNode record = stoppedBySigterm(target, "ingest-staged", "ingest", "changai ingest: stopped by SIGTERM; run ");
    assertThat(record.path("command").asText()).isEqualTo("ingest");
    assertThat(withoutRunRecords(TableSnapshot.files(target))).isEqualTo(withoutRunRecords(TableSnapshot.files(firstRun)));
  }

  @Test
  @Order(9)
  void aSigtermOnceTheRunHasPublishedLetsItEndAsItWouldHave() throws Exception {
    // A scheduler's timeout that comes as the run ends: exit 0 and its record as published, one
    // line saying so; no "recorded as interrupted", no stack trace (the handler once cancelled the
    // jobs of a Spark context being stopped).
    Path target = tmp.resolve("sigterm-published");
    copy(firstRun, target);
    Path resume = Files.createDirectories(tmp.resolve("resume-published"));
    ChangaiProcess victim = ChangaiProcess.start(tmp, List.of("-Dchangai.pause.at=published",
        "-Dchangai.pause.resume=" + resume), "run", "--inbox", inbox.toString(), "--warehouse", target.toString());
    victim.awaitOutput("PAUSED published");
    victim.signal("TERM");
    victim.awaitOutput("the run has published its results; it ends as it would have");
    Files.createFile(resume.resolve("published"));
    Result ended = victim.await(2);

    assertThat(ended.exit()).as(ended.output()).isZero();
    assertThat(ended.output()).doesNotContain("recorded as interrupted").doesNotContain("Exception in thread")
        .doesNotContain("\tat ");
    assertThat(latestRecord(target).path("status").asText()).isEqualTo("succeeded");
    assertThat(snapshot(target)).isEqualTo(after);
  }

  /**
   * Starts the command on a copy of the first run's warehouse, sends SIGTERM at the pause point,
   * and checks the stop: exit 143, its one line (starting {@code line}, then the run id), no stack
   * trace, the record {@code interrupted} with exit code 143, the lock released. Returns the record.
   */
  private static JsonNode stoppedBySigterm(Path target, String point, String command, String line) throws Exception {
    copy(firstRun, target);
    ChangaiProcess victim = ChangaiProcess.start(tmp, List.of("-Dchangai.pause.at=" + point), command,
        "--inbox", inbox.toString(), "--warehouse", target.toString());
    victim.awaitOutput("PAUSED " + point);
    victim.signal("TERM");
    Result stopped = victim.await(2);

    assertThat(stopped.exit()).as(stopped.output()).isEqualTo(143);
    JsonNode record = latestRecord(target);
    assertThat(stopped.output()).contains(line + record.path("run_id").asText() + " recorded as interrupted")
        .doesNotContain("\tat ");
    assertThat(record.path("status").asText()).isEqualTo("interrupted");
    assertThat(record.path("exit_code").asInt()).isEqualTo(143);
    assertThat(target.resolve("_lock")).doesNotExist();
    return record;
  }

  private static Map<String, String> withoutRunRecords(Map<String, String> files) {
    Map<String, String> kept = new java.util.TreeMap<>(files);
    kept.keySet().removeIf(f -> f.startsWith("runs/") || f.startsWith("tables/runs/"));
    return kept;
  }

  /** Something to do while the victim waits at its pause point. */
  private interface WhilePaused {
    void accept(ChangaiProcess victim) throws Exception;
  }

  private Map<String, List<String>> crashAndResume(String point, WhilePaused meanwhile) throws Exception {
    return crashAndResume(List.of(point), meanwhile);
  }

  /**
   * Starts a run on a copy of the first run's warehouse that pauses at each point in turn (the
   * published files checked unchanged at each but the commit's own), kills it with SIGKILL at the
   * last, checks what it left, and runs again.
   */
  private Map<String, List<String>> crashAndResume(List<String> points, WhilePaused meanwhile) throws Exception {
    String point = points.get(points.size() - 1);
    Path target = tmp.resolve("crash-" + point);
    copy(firstRun, target);
    Map<String, String> lastGood = TableSnapshot.files(firstRun);
    Path resume = Files.createDirectories(tmp.resolve("resume-" + point));
    ChangaiProcess victim = ChangaiProcess.start(tmp, List.of("-Dchangai.pause.at=" + String.join(",", points),
        "-Dchangai.pause.resume=" + resume), "run", "--inbox", inbox.toString(), "--warehouse", target.toString());
    try {
      for (String at : points) {
        victim.awaitOutput("PAUSED " + at);
        if (!at.equals("after-journal") && !at.equals("between-swaps") && !at.equals("swapped")) {
          assertThat(TableSnapshot.files(target)).as("at " + at).isEqualTo(lastGood);
        }
        if (at.equals(point) && meanwhile != null) {
          meanwhile.accept(victim);
        }
        if (!at.equals(point)) {
          Files.createFile(resume.resolve(at));
        }
      }
    } finally {
      victim.kill(); // SIGKILL
    }

    Map<String, List<String>> killed = snapshot(target);
    if (point.equals("between-swaps")) {
      // Each table's periods are whole: either as before or as after the change.
      killed.forEach((table, rows) -> {
        for (String period : List.of("2024", "2025")) {
          assertThat(only(rows, period)).as(table + " " + period)
              .isIn(only(before.get(table), period), only(after.get(table), period));
        }
      });
    } else if (point.equals("swapped")) {
      assertThat(killed).isEqualTo(after);
    } else {
      assertThat(killed).isEqualTo(before);
    }

    Result resumed = run(List.of(), "run", "--inbox", inbox.toString(), "--warehouse", target.toString());
    assertThat(resumed.exit()).as(resumed.output()).isZero();
    Map<String, List<String>> done = snapshot(target);
    if (after != null) {
      assertThat(done).isEqualTo(after);
    }
    assertThat(target.resolve("_lock")).doesNotExist();
    return done;
  }

  // ---- the inbox change: a later submitted_at and one worker's training hours ----

  private static void changeOneSubmission() throws IOException {
    Path folder = inbox.resolve(CHANGED);
    Path json = folder.resolve("enterprise.json");
    String text = Files.readString(json, StandardCharsets.UTF_8);
    String changed = text.replaceFirst("\"submitted_at\"\\s*:\\s*\"[^\"]+\"", "\"submitted_at\": \"2026-03-01T10:00:00+08:00\"");
    assertThat(changed).isNotEqualTo(text);
    Files.writeString(json, changed, StandardCharsets.UTF_8);
    Path workers = folder.resolve("workers.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(workers, StandardCharsets.UTF_8));
    lines.remove(lines.size() - 1); // one worker left
    Files.write(workers, lines, StandardCharsets.UTF_8);
  }

  @Test
  @Order(10)
  void aWarehouseInAFolderNamedInChineseIsUsedLikeAnyOther() throws Exception {
    // Hadoop leaves such characters unescaped in its URIs, which the JDK refused ("Bad escape")
    // where the lock, the readers' gate and the commit's renames use the local file system.
    Path target = tmp.resolve("产改 数据").resolve("仓库");
    Result first = run(List.of(), "run", "--inbox", inbox.toString(), "--warehouse", target.toString());
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(snapshot(target)).isEqualTo(after);
    Result again = run(List.of(), "run", "--inbox", inbox.toString(), "--warehouse", target.toString());
    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output()).contains("Nothing to do");
  }

  @Test
  @Order(11)
  void twoRunsKilledOneAfterTheOtherAsTheyTakeTheLockAreBothRecordedAsDied() throws Exception {
    // The second run is killed just after it took over the lock of the first (which died), before
    // it recorded the first as died: its own lock file had replaced the one naming the first, so
    // the third run recorded only the second and the first vanished from changai runs. An empty
    // inbox: nothing to do, no Spark, and the lock is still taken and taken over.
    Path empty = Files.createDirectories(tmp.resolve("died-twice-inbox"));
    Path target = tmp.resolve("died-twice");
    List<String> killed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ChangaiProcess victim = ChangaiProcess.start(tmp, List.of("-Dchangai.pause.at=locked"), "run",
          "--inbox", empty.toString(), "--warehouse", target.toString());
      try {
        victim.awaitOutput("PAUSED locked");
        killed.add(JSON.readTree(target.resolve("_lock").toFile()).path("run_id").asText());
      } finally {
        victim.kill();
      }
    }
    assertThat(target.resolve("runs")).as("neither killed run wrote a record").doesNotExist();

    Result third = run(List.of(), "run", "--inbox", empty.toString(), "--warehouse", target.toString());
    assertThat(third.exit()).as(third.output()).isZero();
    JsonNode record = latestRecord(target);
    for (String id : killed) {
      assertThat(target.resolve("runs").resolve(id + ".json")).as("the record of killed run " + id).exists();
      JsonNode died = JSON.readTree(target.resolve("runs").resolve(id + ".json").toFile());
      assertThat(died.path("status").asText()).as(id).isEqualTo("died");
      assertThat(died.path("found_by").asText()).as(id).isEqualTo(record.path("run_id").asText());
    }
    Result listed = run(List.of(), "runs", "--warehouse", target.toString());
    for (String id : killed) {
      assertThat(listed.output()).containsPattern(id + "\\s+run\\s+died\\s");
    }
    assertThat(target.resolve("_lock")).doesNotExist();
  }

  private static Result run(List<String> flags, String... args) throws Exception {
    return ChangaiProcess.run(tmp, flags, args);
  }

  private static Map<String, List<String>> snapshot(Path warehouse) throws IOException {
    return TableSnapshot.of(warehouse);
  }

  private static List<String> only(List<String> rows, String period) {
    return TableSnapshot.only(rows, period);
  }

  private static void copy(Path from, Path to) throws IOException {
    TableSnapshot.copy(from, to);
  }

  private static JsonNode latestRecord(Path warehouse) throws IOException {
    try (Stream<Path> files = Files.list(warehouse.resolve("runs"))) {
      Path latest = files.filter(p -> !p.getFileName().toString().equals("state.json"))
          .filter(p -> p.toString().endsWith(".json")).max(Path::compareTo).orElseThrow();
      return JSON.readTree(latest.toFile());
    }
  }
}
