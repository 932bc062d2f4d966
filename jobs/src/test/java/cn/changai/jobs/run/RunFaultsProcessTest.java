package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.testing.ChangaiProcess;
import cn.changai.jobs.testing.ChangaiProcess.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by a signal or by a full disk, as real processes on an empty inbox (no Spark):
 * one line on the console, the documented exit code, the run recorded when the warehouse can take
 * it, and the lock released, so that the next run starts without taking anything over.
 */
class RunFaultsProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLE = Path.of("..", "sample-data", "inbox").toAbsolutePath().normalize();
  private static final List<String> LIGHT = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1");

  @TempDir Path tmp;

  /** The small file systems a test mounted, unmounted after it. */
  private final List<Path> mounted = new ArrayList<>();

  /**
   * A tmpfs of the given size at {@code tmp/name}; the test is skipped where none can be mounted
   * (it needs root and CAP_SYS_ADMIN).
   */
  private Path smallDisk(String name, String size) throws Exception {
    Path disk = Files.createDirectories(tmp.resolve(name));
    Assumptions.assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk.toString()),
        "cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)");
    mounted.add(disk);
    return disk;
  }

  /**
   * An ext4 file system in a loop-mounted image at {@code tmp/name}, which {@link #readOnlyNow}
   * turns read-only; the test is skipped where none can be made (it needs root and a loop device).
   */
  private Path ext4Disk(String name) throws Exception {
    Path image = tmp.resolve(name + ".img");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(64L << 20);
    }
    Path disk = Files.createDirectories(tmp.resolve(name));
    Assumptions.assumeTrue(sh("mkfs.ext4", "-q", "-F", "-m", "0", image.toString())
        && sh("mount", "-o", "loop,errors=remount-ro", image.toString(), disk.toString()),
        "cannot mount an ext4 image here (needs root, a loop device and mkfs.ext4)");
    mounted.add(disk);
    Assumptions.assumeTrue(Files.exists(errorTrigger(disk)), "this kernel has no ext4 trigger_fs_error");
    return disk;
  }

  /** The ext4 sysfs file that raises a file-system error on the disk mounted at {@code disk}. */
  private static Path errorTrigger(Path disk) throws Exception {
    Process source = new ProcessBuilder("findmnt", "-n", "-o", "SOURCE", disk.toString()).start();
    String device = new String(source.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    assertThat(source.waitFor()).isZero();
    return Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "trigger_fs_error");
  }

  /**
   * Makes an ext4 disk read-only at once, as the kernel does on an error (errors=remount-ro):
   * {@code mount -o remount,ro} refuses while a file on it is open for writing, as a run's are.
   */
  private static void readOnlyNow(Path disk) throws Exception {
    assertThat(sh("sync", "-f", disk.toString())).isTrue();
    Files.writeString(errorTrigger(disk), "test");
    assertThat(sh("touch", disk.resolve("probe").toString())).isFalse();
  }

  @AfterEach
  void unmount() throws Exception {
    for (Path disk : mounted) {
      sh("umount", "-l", disk.toString());
    }
  }

  private Result stopWith(String signal, Path inbox, Path warehouse) throws Exception {
    List<String> flags = new ArrayList<>(LIGHT);
    flags.add("-Dchangai.pause.at=locked");
    ChangaiProcess run = ChangaiProcess.start(tmp, flags, "run", "--inbox", inbox.toString(), "--warehouse",
        warehouse.toString());
    run.awaitOutput("PAUSED locked");
    run.signal(signal);
    return run.await(2);
  }

  private static JsonNode onlyRecord(Path warehouse) throws Exception {
    try (Stream<Path> files = Files.list(warehouse.resolve("runs"))) {
      List<Path> records = files.filter(p -> !p.getFileName().toString().equals("state.json")).toList();
      assertThat(records).hasSize(1);
      return JSON.readTree(records.get(0).toFile());
    }
  }

  @Test
  void sigtermAndSigintStopTheRunRecordItAsInterruptedAndReleaseTheLock() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    for (String signal : List.of("TERM", "INT")) {
      Path warehouse = tmp.resolve("warehouse-" + signal);
      Result stopped = stopWith(signal, inbox, warehouse);

      int code = signal.equals("TERM") ? 128 + 15 : 128 + 2;
      assertThat(stopped.exit()).as(stopped.output()).isEqualTo(code);
      JsonNode record = onlyRecord(warehouse);
      String runId = record.path("run_id").asText();
      assertThat(stopped.output()).contains("changai run: stopped by SIG" + signal + " during planning; run " + runId
          + " recorded as interrupted").doesNotContain("\tat ");
      assertThat(record.path("status").asText()).isEqualTo("interrupted");
      assertThat(record.path("exit_code").asInt()).isEqualTo(code);
      assertThat(warehouse.resolve("tables/runs/run-" + runId + ".parquet")).isNotEmptyFile();
      assertThat(warehouse.resolve("_lock")).doesNotExist();
      assertThat(warehouse.resolve("_staging/" + runId)).doesNotExist();
    }
  }

  @Test
  void anEmptyLockAndAnEmptyJournalNoLongerBlockRunsTheyAreNamedAndCleared() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Path warehouse = Files.createDirectories(tmp.resolve("warehouse-empty-files"));
    // What a crash in the milliseconds between creating and writing them leaves.
    Files.createFile(warehouse.resolve("_lock"));
    Files.createDirectories(warehouse.resolve("_journal"));
    Files.createFile(warehouse.resolve("_journal/20261201T020000Z-abcdef.json"));
    Files.createDirectories(warehouse.resolve("_staging/20261201T020000Z-abcdef/workers/period=2025"));

    Result run = ChangaiProcess.run(tmp, LIGHT, "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString());

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("Taking over the lock file " + warehouse.toRealPath().resolve("_lock")
            + ": it is empty (a run stopped while taking the lock)")
        .contains("Discarding the journal file:" + warehouse.resolve("_journal/20261201T020000Z-abcdef.json")
            + ": it is empty, left by a run that stopped before publishing anything")
        .contains("Nothing to do");
    assertThat(warehouse.resolve("_journal")).isEmptyDirectory();
    assertThat(warehouse.resolve("_staging")).isEmptyDirectory();
    assertThat(warehouse.resolve("_lock")).doesNotExist();
  }

  @Test
  void aKillWhileTheRunsRowIsWrittenLeavesNothingInThePublishedTable() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Path warehouse = tmp.resolve("warehouse-runs-row");
    List<String> flags = new ArrayList<>(LIGHT);
    flags.add("-Dchangai.pause.at=runs-row-staged");
    ChangaiProcess run = ChangaiProcess.start(tmp, flags, "run", "--inbox", inbox.toString(), "--warehouse",
        warehouse.toString());
    run.awaitOutput("PAUSED runs-row-staged");
    run.kill(); // SIGKILL with the row written in staging, not yet moved in

    String runId = onlyRecord(warehouse).path("run_id").asText();
    assertThat(warehouse.resolve("_staging/" + runId + "/runs/run-" + runId + ".parquet")).isNotEmptyFile();
    assertThat(warehouse.resolve("tables/runs")).doesNotExist();

    Result next = ChangaiProcess.run(tmp, LIGHT, "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString());
    assertThat(next.exit()).as(next.output()).isZero();
    assertThat(warehouse.resolve("_staging")).isEmptyDirectory();
    try (Stream<Path> rows = Files.list(warehouse.resolve("tables/runs"))) {
      // Only the second run's row: the killed run's row was never published.
      List<String> names = rows.map(p -> p.getFileName().toString()).toList();
      assertThat(names).hasSize(1);
      assertThat(names.get(0)).isNotEqualTo("run-" + runId + ".parquet").matches("run-\\d{8}T\\d{6}Z-[0-9a-f]{6}\\.parquet");
    }
  }

  @Test
  void aFailureWithTheWarehouseWritableIsOneLineExitOneAFailedRecordAndTheLockReleased() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Path warehouse = Files.createDirectories(tmp.resolve("warehouse-damaged"));
    // A journal to roll forward into a table folder that someone replaced by a file.
    Files.createDirectories(warehouse.resolve("tables"));
    Files.writeString(warehouse.resolve("tables/t"), "not a folder");
    Files.createDirectories(warehouse.resolve("_staging/r9/t/period=2025"));
    Files.createDirectories(warehouse.resolve("_journal"));
    Files.writeString(warehouse.resolve("_journal/r9.json"), "{\"run_id\":\"r9\",\"moves\":[{\"target\":"
        + "\"tables/t/period=2025\",\"staged\":\"_staging/r9/t/period=2025\",\"replaced\":true}]}");

    Result failed = ChangaiProcess.run(tmp, LIGHT, "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString());

    assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
    JsonNode record = onlyRecord(warehouse);
    // Hadoop's local file system refuses to make the folder tables/t/ where a file is.
    String error = "Destination exists and is not a directory: " + warehouse.resolve("tables/t")
        + " (during recovery, warehouse " + warehouse + ")";
    String line = "changai run: failed: " + error + "; run " + record.path("run_id").asText()
        + " recorded as failed\nRun again with -v to see the stack trace.";
    assertThat(failed.output()).contains(line).doesNotContain("\tat ");
    assertThat(record.path("status").asText()).isEqualTo("failed");
    assertThat(record.path("exit_code").asInt()).isEqualTo(1);
    assertThat(record.path("error").asText()).isEqualTo(error);
    assertThat(warehouse.resolve("_lock")).doesNotExist();
    assertThat(warehouse.resolve("_journal/r9.json")).exists(); // kept: the next run finishes it once mended
  }

  @Test
  void aReadOnlyWarehouseEndsInOneLineNamingThePathAndExitOne() throws Exception {
    Path disk = smallDisk("read-only", "64k");
    Path warehouse = Files.createDirectories(disk.resolve("warehouse"));
    assertThat(sh("mount", "-o", "remount,ro", disk.toString())).isTrue();
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));

    Result run = ChangaiProcess.run(tmp, LIGHT, "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString());

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("changai run: failed: read-only file system: " + warehouse.resolve("_lock.guard")
        + ": Read-only file system (before the run started, taking the lock of warehouse " + warehouse
        + "); the run could not be recorded\nRun again with -v to see the stack trace.").doesNotContain("\tat ");
  }

  /** Runs a command; false when it fails or is not on this machine (mkfs.ext4 may not be). */
  private static boolean sh(String... command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (java.io.IOException notHere) {
      return false;
    }
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  /** What a test does to a paused run's temporary folder. */
  private interface Fault {
    void at(ChangaiProcess run) throws Exception;
  }

  /**
   * The sample's nightly run with Java's temporary folder at {@code temporary}, paused at
   * {@code point} while {@code fault} is done, then resumed to its end.
   */
  private Result runWithFaultAt(String point, Path temporary, Path warehouse, Fault fault) throws Exception {
    Path resume = Files.createDirectories(tmp.resolve("resume"));
    List<String> flags = new ArrayList<>(LIGHT);
    flags.add("-Djava.io.tmpdir=" + temporary);
    flags.add("-Dchangai.pause.at=" + point);
    flags.add("-Dchangai.pause.resume=" + resume);
    ChangaiProcess run = ChangaiProcess.start(tmp, flags, "run", "--inbox", SAMPLE.toString(), "--warehouse",
        warehouse.toString());
    run.awaitOutput("PAUSED " + point);
    fault.at(run);
    Files.createFile(resume.resolve(point));
    return run.await(2);
  }

  /** Fills a disk to its last block. */
  private static void fill(Path disk) throws Exception {
    sh("dd", "if=/dev/zero", "of=" + disk.resolve("filler"), "bs=64k");
  }

  @Test
  void aFullDiskEndsInOneLineExitOneAndTheLockReleased() throws Exception {
    // 16 pages of 4 KiB, 15 of them taken: room for _lock, none for the run record.
    Path disk = smallDisk("disk", "64k");
    Files.write(disk.resolve("filler"), new byte[15 * 4096]);
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Path warehouse = disk.resolve("warehouse");

    Result full = ChangaiProcess.run(tmp, LIGHT, "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString());

    assertThat(full.exit()).as(full.output()).isEqualTo(1);
    assertThat(full.output()).contains("changai run: failed: disk full: No space left on device (while recording the run, warehouse "
        + warehouse + "); the run could not be recorded: disk full: No space left on device\n"
        + "Run again with -v to see the stack trace.").doesNotContain("\tat ");
    assertThat(warehouse.resolve("_lock")).doesNotExist();
    try (Stream<Path> left = Files.list(warehouse.resolve("runs"))) {
      assertThat(left).isEmpty(); // no cut record, no temporary file
    }
  }

  @Test
  void aFullTemporaryFolderIsNamedBeforeSparkStartsAndTheRunIsRecorded() throws Exception {
    Path temporary = smallDisk("full-tmp", "64k");
    Files.write(temporary.resolve("filler"), new byte[16 * 4096 - 1]);
    Path warehouse = tmp.resolve("warehouse");
    List<String> flags = new ArrayList<>(LIGHT);
    flags.add("-Djava.io.tmpdir=" + temporary);

    Result run = ChangaiProcess.run(tmp, flags, "run", "--inbox", SAMPLE.toString(), "--warehouse", warehouse.toString());

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    JsonNode record = onlyRecord(warehouse);
    assertThat(run.output()).contains("changai run: failed: disk full: " + temporary
        + ": Java's temporary folder cannot take a file (No space left on device); make it writable with room to"
        + " spare, or choose another with CHANGAI_JAVA_OPTS=-Djava.io.tmpdir=DIR (while starting Spark on local[*], warehouse "
        + warehouse + "); run " + record.path("run_id").asText() + " recorded as failed\n")
        .doesNotContain("\tat ").doesNotContain("Running Spark");
    assertThat(record.path("status").asText()).isEqualTo("failed");
    assertThat(warehouse.resolve("_lock")).doesNotExist();
  }

  @Test
  void aLocalFolderThatBreaksAsSparkStartsEndsInOneLineAndExitOneNotSparksSilentFiftyThree() throws Exception {
    // The disk soak made the temporary folder's disk read-only in the second between the check of
    // the folders and Spark's start: Spark, finding no local folder it could use, ended the process
    // with System.exit(53), without a word. Here the temporary folder, where Spark's local folder
    // is, becomes a file at that moment.
    Path temporary = Files.createDirectories(tmp.resolve("breaking-tmp"));
    Path warehouse = tmp.resolve("warehouse");
    Result failed = runWithFaultAt("spark-starting", temporary, warehouse, run -> {
      sh("rm", "-rf", temporary.toString());
      Files.writeString(temporary, "no folder");
    });

    assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
    // Named: the run's own folder in it (changai-<pid>), where Snappy unpacks its library.
    assertThat(failed.output()).contains("changai run: failed: " + temporary + "/changai-")
        .contains(": Java's temporary folder cannot take a file (Not a directory)")
        .contains("choose another with CHANGAI_JAVA_OPTS=-Djava.io.tmpdir=DIR; Spark ended the process as it started, so the run"
            + " could not be recorded (the next command records it as died)\nRun again with -v to see the stack trace.\n")
        .doesNotContain("\tat ");
    // The lock it left names the run, which the next command records as died.
    Result next = ChangaiProcess.run(tmp, LIGHT, "runs", "--warehouse", warehouse.toString());
    assertThat(next.output()).containsPattern("run\\s+died");
  }

  @Test
  void aTemporaryFolderThatFillsAsTheWorkbookIsWrittenIsNamedInTheClosingLineAlone() throws Exception {
    Path temporary = smallDisk("filling-tmp", "16m");
    Path warehouse = tmp.resolve("warehouse");
    // The workbook's streaming sheets are written in the temporary folder, which fills first.
    Result failed = runWithFaultAt("before-report", temporary, warehouse, run -> fill(temporary));

    assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output()).contains("changai run: failed: disk full: ").contains("(during report, warehouse " + warehouse)
        .doesNotContain("\tat ")
        // POI's own lines about its sheets' writers and its zip: some ten before the closing line.
        .doesNotContain("SXSSFWorkbook").doesNotContain("ZipContentTypeManager");
    assertThat(warehouse.resolve("reports")).doesNotExist();
  }

  @Test
  void aTemporaryFolderThatFillsDuringTheRunIsNamedInTheClosingLineAloneAndNothingIsPublished() throws Exception {
    Path temporary = smallDisk("filling-tmp", "16m");
    Path warehouse = tmp.resolve("warehouse");
    // Ingest is staged; the temporary folder fills before compute's shuffle writes its blocks there.
    Result failed = runWithFaultAt("before-compute", temporary, warehouse, run -> fill(temporary));

    assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
    JsonNode record = onlyRecord(warehouse);
    assertThat(failed.output()).contains("changai run: failed: disk full: No space left on device; the temporary folder "
        + temporary + " (0 MiB left) is full: make room, or choose another with CHANGAI_JAVA_OPTS=-Djava.io.tmpdir=DIR"
        + " (Spark's own: SPARK_LOCAL_DIRS=DIR) (during compute, warehouse " + warehouse + "); run "
        + record.path("run_id").asText() + " recorded as failed\nRun again with -v to see the stack trace.")
        .doesNotContain("\tat ")
        // Spark's own lines about each task's writer: some forty before the closing line.
        .doesNotContain("DiskBlockObjectWriter").doesNotContain("TaskContextImpl").doesNotContain("Suppressing exception");
    // Nothing published: only the runs table, with the failed run's row.
    try (Stream<Path> tables = Files.list(warehouse.resolve("tables"))) {
      assertThat(tables.map(p -> p.getFileName().toString())).containsExactly("runs");
    }
    assertThat(warehouse.resolve("reports")).doesNotExist();
  }

  @Test
  void aTemporaryFolderMadeReadOnlyDuringTheRunEndsInTheClosingLineAlone() throws Exception {
    Path temporary = ext4Disk("read-only-tmp");
    Path warehouse = tmp.resolve("warehouse");
    // Scored and staged; the report's broadcasts and Spark's clean-up at the end meet a read-only folder.
    Result failed = runWithFaultAt("before-report", temporary, warehouse, run -> {
      readOnlyNow(temporary);
      // A collection lets Spark's cleaner delete the shuffle files of the stages done, as it does
      // whenever the collector runs: each file it cannot delete was a warning of its own.
      sh(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(run.pid()), "GC.run");
      Thread.sleep(1000);
    });

    assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
    JsonNode record = onlyRecord(warehouse);
    assertThat(failed.output()).contains("changai run: failed: read-only file system: " + temporary)
        .contains("(during report, warehouse " + warehouse + "); run " + record.path("run_id").asText()
            + " recorded as failed\nRun again with -v to see the stack trace.\n")
        .endsWith("Run again with -v to see the stack trace.\n")
        // Spark's own lines about the blocks it could not store and the folders it could not
        // delete, some sixty of them, the last ones after the closing line.
        .doesNotContain("BlockManager").doesNotContain("TorrentBroadcast").doesNotContain("JavaUtils")
        .doesNotContain("SparkEnv").doesNotContain("ShutdownHookManager").doesNotContain("IndexShuffleBlockResolver")
        .doesNotContain(" ERROR ");
    assertThat(record.path("status").asText()).isEqualTo("failed");
  }

  @Test
  void aDiskThatFillsPastTheCommitPointSaysTheNextRunCompletesThePublication() throws Exception {
    Path disk = smallDisk("commit-disk", "16m");
    Path warehouse = disk.resolve("warehouse");
    Path resume = Files.createDirectories(tmp.resolve("resume"));
    List<String> flags = new ArrayList<>(LIGHT);
    flags.add("-Dchangai.pause.at=after-journal");
    flags.add("-Dchangai.pause.resume=" + resume);
    ChangaiProcess run = ChangaiProcess.start(tmp, flags, "run", "--inbox", SAMPLE.toString(), "--warehouse",
        warehouse.toString());
    run.awaitOutput("PAUSED after-journal");
    String runId;
    try (Stream<Path> journals = Files.list(warehouse.resolve("_journal"))) {
      runId = journals.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).findFirst().orElseThrow()
          .replace(".json", "");
    }
    // The journal is written: fill what is left of the disk, then let the run go on to its swaps
    // (renames, which need no room) and its record (which does).
    fill(disk);
    Files.createFile(resume.resolve("after-journal"));
    Result failed = run.await(2);

    assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output()).contains("changai run: failed: disk full: ")
        .contains("; its results had reached the commit point: the next run completes their publication"
            + " and records the run as succeeded\n")
        .doesNotContain("\tat ");
    assertThat(warehouse.resolve("_lock")).doesNotExist();

    // Room again: the next run completes the publication first, then finds nothing to do.
    Files.delete(disk.resolve("filler"));
    Result next = ChangaiProcess.run(tmp, LIGHT, "run", "--inbox", SAMPLE.toString(), "--warehouse", warehouse.toString());
    assertThat(next.exit()).as(next.output()).isEqualTo(3);
    assertThat(next.output()).contains("Completing the publication");
    assertThat(warehouse.resolve("reports").resolve("2025").resolve("index.html")).exists();
    try (Stream<Path> journals = Files.list(warehouse.resolve("_journal"))) {
      assertThat(journals).isEmpty();
    }
    // The runs table holds the row the commit staged (succeeded, exit 3 for the sample's two
    // refusals), not one saying failed.
    RunsTable.Row row = RunsTable.read(new cn.changai.jobs.warehouse.Warehouse(warehouse.toString(),
        new org.apache.hadoop.conf.Configuration()), runId).orElseThrow();
    assertThat(row.status()).isEqualTo("succeeded");
    assertThat(row.exitCode()).isEqualTo(3);
  }

  @Test
  void aDiskThatFillsDuringTheRunGetsBackWhatTheRunStagedSoItsRecordFitsAndNothingIsPublished() throws Exception {
    // The sample's tables take about 0.4 MB and its reports 2.5 MB: the report stage fills 1.5 MB.
    Path warehouse = smallDisk("small-disk", "1536k").resolve("warehouse");

    Result run = ChangaiProcess.run(tmp, LIGHT, "run", "--inbox", SAMPLE.toString(), "--warehouse", warehouse.toString());

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    JsonNode record = onlyRecord(warehouse);
    assertThat(run.output()).contains("changai run: failed: disk full: ")
        .contains("; run " + record.path("run_id").asText() + " recorded as failed\n").doesNotContain("\tat ");
    assertThat(record.path("status").asText()).isEqualTo("failed");
    assertThat(record.path("error").asText()).startsWith("disk full: ");
    try (Stream<Path> staged = Files.list(warehouse.resolve("_staging"))) {
      assertThat(staged).isEmpty();
    }
    // Only the runs table holds a row: the failed run's own.
    try (Stream<Path> tables = Files.list(warehouse.resolve("tables"))) {
      assertThat(tables.map(p -> p.getFileName().toString())).containsExactly("runs");
    }
    assertThat(warehouse.resolve("reports")).doesNotExist();
    assertThat(warehouse.resolve("_lock")).doesNotExist();
  }
}
