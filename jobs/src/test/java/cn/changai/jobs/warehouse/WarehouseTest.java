package cn.changai.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publication by journal and renames, recovery after a crash, and the writer lock. */
class WarehouseTest {

  @TempDir Path root;

  private Warehouse warehouse() throws IOException {
    return new Warehouse(root.toString(), new Configuration());
  }

  private Path write(String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void publishReplacesStagedPeriodsAndRemovesEmptiedOnesLeavingOthers() throws IOException {
    Warehouse w = warehouse();
    write("tables/t/period=2024/a.parquet", "old 2024");
    write("tables/t/period=2025/a.parquet", "old 2025");
    write("tables/t/period=2023/a.parquet", "old 2023");
    write("_staging/r1/t/period=2025/b.parquet", "new 2025");

    w.publish("t", new org.apache.hadoop.fs.Path(w.staging("r1"), "t"), List.of("2024", "2025"), "r1");

    assertThat(root.resolve("tables/t/period=2024")).doesNotExist();
    assertThat(root.resolve("tables/t/period=2025/b.parquet")).hasContent("new 2025");
    assertThat(root.resolve("tables/t/period=2025/a.parquet")).doesNotExist();
    assertThat(root.resolve("tables/t/period=2023/a.parquet")).hasContent("old 2023");
    assertThat(root.resolve("_journal")).isEmptyDirectory();
  }

  @Test
  void recoveryRollsAJournalForwardFromEveryHalfWayState() throws IOException {
    Warehouse w = warehouse();
    // Move 0 not started, move 1 half-way (old in trash, new still staged), move 2 done,
    // move 3 an emptied period whose folder was not removed yet.
    write("tables/t/period=2021/x", "old 2021");
    write("_staging/r9/t/period=2021/x", "new 2021");
    write("_trash/r9/1/x", "old 2022");
    write("_staging/r9/t/period=2022/x", "new 2022");
    write("tables/t/period=2023/x", "new 2023");
    write("tables/t/period=2024/x", "old 2024");
    write("_journal/r9.json", "{\"run_id\":\"r9\",\"moves\":["
        + "{\"target\":\"tables/t/period=2021\",\"staged\":\"_staging/r9/t/period=2021\",\"replaced\":true},"
        + "{\"target\":\"tables/t/period=2022\",\"staged\":\"_staging/r9/t/period=2022\",\"replaced\":true},"
        + "{\"target\":\"tables/t/period=2023\",\"staged\":\"_staging/r9/t/period=2023\",\"replaced\":true},"
        + "{\"target\":\"tables/t/period=2024\",\"staged\":\"_staging/r9/t/period=2024\",\"replaced\":false}]}");

    w.recover();

    assertThat(root.resolve("tables/t/period=2021/x")).hasContent("new 2021");
    assertThat(root.resolve("tables/t/period=2022/x")).hasContent("new 2022");
    assertThat(root.resolve("tables/t/period=2023/x")).hasContent("new 2023");
    assertThat(root.resolve("tables/t/period=2024")).doesNotExist();
    assertThat(root.resolve("_journal")).isEmptyDirectory();
    assertThat(root.resolve("_staging")).isEmptyDirectory();
    assertThat(root.resolve("_trash")).isEmptyDirectory();
  }

  @Test
  void swapsBegunAndNotFinishedAreMarkedUntilTheRecoveryFinishesThem() throws IOException {
    Warehouse w = warehouse();
    // Each commit marks its swaps and unmarks them when done: none is left.
    write("tables/t/period=2024/x", "old 2024");
    write("_staging/r1/t/period=2024/x", "new 2024");
    w.publish("t", new org.apache.hadoop.fs.Path(w.staging("r1"), "t"), List.of("2024"), "r1");
    assertThat(w.stoppedWhileSwapping()).isEmpty();
    assertThat(root.resolve("_swapping")).isEmptyDirectory();
    // A run killed between two swaps leaves its journal and its mark: the tables are mixed (2021
    // new, 2022 old) until the next run's recovery completes the swaps and removes the mark.
    write("tables/t/period=2021/x", "new 2021");
    write("tables/t/period=2022/x", "old 2022");
    write("_staging/r9/t/period=2022/x", "new 2022");
    write("_swapping/r9", "");
    write("_journal/r9.json", "{\"run_id\":\"r9\",\"moves\":["
        + "{\"target\":\"tables/t/period=2021\",\"staged\":\"_staging/r9/t/period=2021\",\"replaced\":true},"
        + "{\"target\":\"tables/t/period=2022\",\"staged\":\"_staging/r9/t/period=2022\",\"replaced\":true}]}");
    assertThat(w.stoppedWhileSwapping()).containsExactly("r9");
    assertThat(w.recover()).containsExactly("r9");
    assertThat(root.resolve("tables/t/period=2022/x")).hasContent("new 2022");
    assertThat(w.stoppedWhileSwapping()).isEmpty();
    // A mark whose journal is gone (by hand) is removed with the other leftovers.
    write("_swapping/r8", "");
    w.recover();
    assertThat(w.stoppedWhileSwapping()).isEmpty();
  }

  @Test
  void recoveryRemovesTheTemporaryFilesOfARecordAndALockFileCutByAKill() throws IOException {
    Warehouse w = warehouse();
    // kill -9 while a run record, or the lock file, was being written: the temporary is left.
    write("runs/r1.json", "{}");
    write("runs/.r2.json.tmp", "{\"run_id\":");
    write("_lock.0a1b.tmp", "{\"pid\":");
    write("_lock", "{}");
    write("tables/t/period=2025/.part.tmp", "a table's file is not the recovery's to judge");

    w.recover();

    assertThat(root.resolve("runs/.r2.json.tmp")).doesNotExist();
    assertThat(root.resolve("_lock.0a1b.tmp")).doesNotExist();
    assertThat(root.resolve("runs/r1.json")).hasContent("{}");
    assertThat(root.resolve("_lock")).hasContent("{}");
    assertThat(root.resolve("tables/t/period=2025/.part.tmp")).exists();
  }

  @Test
  void recoveryWithoutAJournalDiscardsStagingAndKeepsThePublishedTables() throws IOException {
    Warehouse w = warehouse();
    write("tables/t/period=2025/x", "published");
    write("_staging/r2/t/period=2025/x", "half written");

    w.recover();

    assertThat(root.resolve("tables/t/period=2025/x")).hasContent("published");
    assertThat(root.resolve("_staging")).isEmptyDirectory();
  }

  @Test
  void aFailedRunFreesWhatItStagedUnlessItsCommitBegan() throws IOException {
    Warehouse w = warehouse();
    write("tables/t/period=2025/x", "published");
    write("_staging/r6/t/period=2025/x", "staged by a run that failed");
    write("_journal/r6.json.tmp", "{\"run_id\":\"r6\",\"mo");
    write("_staging/r8/t/period=2025/x", "staged by a run whose commit began");
    write("_journal/r8.json", "{\"run_id\":\"r8\",\"moves\":[]}");
    w.holdCommits();

    w.discard("r6");
    w.discard("r8");

    assertThat(w.holdsCommits()).isFalse();
    assertThat(root.resolve("_staging/r6")).doesNotExist();
    assertThat(root.resolve("_journal/r6.json.tmp")).doesNotExist();
    assertThat(root.resolve("tables/t/period=2025/x")).hasContent("published");
    // Recovery finishes a begun commit from its staging: that stays.
    assertThat(root.resolve("_staging/r8/t/period=2025/x")).exists();
    assertThat(root.resolve("_journal/r8.json")).exists();
  }

  @Test
  void anEmptyACutOrAnUnfinishedJournalIsDiscardedWithAMessageNamingItAndNothingIsPublished() throws IOException {
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
    log.start();
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Warehouse.class);
    logger.addAppender(log);
    try {
      Warehouse w = warehouse();
      write("tables/t/period=2025/x", "published");
      write("_staging/r3/t/period=2025/x", "staged");
      write("_journal/r3.json", "");
      write("_journal/r4.json", "{\"run_id\":\"r4\",\"moves\":[{\"tar");
      write("_journal/r5.json.tmp", "{\"run_id\":\"r5\",\"moves\":[]}");

      w.recover();

      assertThat(root.resolve("tables/t/period=2025/x")).hasContent("published");
      assertThat(root.resolve("_journal")).isEmptyDirectory();
      assertThat(root.resolve("_staging")).isEmptyDirectory();
      assertThat(log.list.stream().map(e -> e.getFormattedMessage()).filter(m -> m.startsWith("Discarding")).toList())
          .containsExactlyInAnyOrder(
              "Discarding the journal file:" + root.resolve("_journal/r3.json")
                  + ": it is empty, left by a run that stopped before publishing anything",
              "Discarding the journal file:" + root.resolve("_journal/r4.json")
                  + ": it is cut or unreadable (29 bytes), left by a run that stopped before publishing anything",
              "Discarding the journal file:" + root.resolve("_journal/r5.json.tmp")
                  + ": it is unfinished (26 bytes), left by a run that stopped before publishing anything");
    } finally {
      logger.detachAppender(log);
    }
  }

  @Test
  void heldCommitsPublishNothingUntilTheOneCommitYetTheRunReadsWhatItStaged() throws IOException {
    Warehouse w = warehouse();
    write("tables/t/period=2023/a.parquet", "old 2023");
    write("tables/t/period=2024/a.parquet", "old 2024");
    write("tables/t/period=2025/a.parquet", "old 2025");
    write("reports/2025/index.html", "old page");
    write("_staging/r7/t/period=2025/b.parquet", "new 2025");
    write("_staging/r7/u/period=2025/c.parquet", "new table");
    write("_staging/r7/reports/2025/index.html", "new page");
    w.holdCommits();

    // Two stages' commits: t loses 2024 and gets a new 2025; u is new; then a report page.
    w.publish("t", new org.apache.hadoop.fs.Path(w.staging("r7"), "t"), List.of("2024", "2025"), "r7");
    w.publish("u", new org.apache.hadoop.fs.Path(w.staging("r7"), "u"), List.of("2025"), "r7");
    w.commit("r7", List.of(new Warehouse.Move("reports/2025/index.html", "_staging/r7/reports/2025/index.html", true)));
    w.cleanUp("r7"); // a stage's clean-up must not drop what the commit will publish

    // Published: nothing changed yet.
    assertThat(root.resolve("tables/t/period=2024/a.parquet")).hasContent("old 2024");
    assertThat(root.resolve("tables/t/period=2025/a.parquet")).hasContent("old 2025");
    assertThat(root.resolve("tables/u")).doesNotExist();
    assertThat(root.resolve("reports/2025/index.html")).hasContent("old page");
    assertThat(root.resolve("_journal")).doesNotExist();
    // Seen by the run: the held folders in place of the published ones.
    assertThat(w.periods("t")).containsExactly("2023", "2025");
    assertThat(w.hasTable("u")).isTrue();
    assertThat(w.periods("u")).containsExactly("2025");
    assertThat(w.periodFolder("t", "2024")).isNull();
    assertThat(w.files("t", null)).extracting(f -> f.period() + ":" + f.status().getPath().getName())
        .containsExactly("2023:a.parquet", "2025:b.parquet");

    w.commitHeld("r7", () -> { });

    assertThat(w.holdsCommits()).isFalse();
    assertThat(root.resolve("tables/t/period=2023/a.parquet")).hasContent("old 2023");
    assertThat(root.resolve("tables/t/period=2024")).doesNotExist();
    assertThat(root.resolve("tables/t/period=2025/b.parquet")).hasContent("new 2025");
    assertThat(root.resolve("tables/t/period=2025/a.parquet")).doesNotExist();
    assertThat(root.resolve("tables/u/period=2025/c.parquet")).hasContent("new table");
    assertThat(root.resolve("reports/2025/index.html")).hasContent("new page");
    assertThat(root.resolve("_journal")).isEmptyDirectory();
    assertThat(root.resolve("_staging/r7")).doesNotExist();
    assertThat(root.resolve("_trash/r7")).doesNotExist();
  }

  @Test
  void aHeldCommitWhoseStagedFolderWasRemovedDuringTheRunPublishesNothing() throws IOException {
    Warehouse w = warehouse();
    write("tables/t/period=2025/a.parquet", "old t");
    write("tables/u/period=2025/a.parquet", "old u");
    write("_staging/r5/t/period=2025/b.parquet", "new t");
    write("_staging/r5/u/period=2025/b.parquet", "new u");
    w.holdCommits();
    w.publish("t", new org.apache.hadoop.fs.Path(w.staging("r5"), "t"), List.of("2025"), "r5");
    w.publish("u", new org.apache.hadoop.fs.Path(w.staging("r5"), "u"), List.of("2025"), "r5");
    // Someone removes one staged table before the commit.
    org.apache.hadoop.fs.FileUtil.fullyDelete(root.resolve("_staging/r5/u").toFile());

    assertThatThrownBy(() -> w.commitHeld("r5", () -> { }))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("_staging/r5/u/period=2025 is no longer there")
        .hasMessageContaining("nothing was published");

    assertThat(root.resolve("tables/t/period=2025/a.parquet")).hasContent("old t");
    assertThat(root.resolve("tables/u/period=2025/a.parquet")).hasContent("old u");
    assertThat(w.pastCommitPoint("r5")).isFalse();
  }

  /** Folders made immutable by a test ({@code chattr +i}), made mutable again after it so the folder can go. */
  private final List<Path> immutable = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void mutableAgain() throws Exception {
    for (Path folder : immutable) {
      new ProcessBuilder("chattr", "-i", folder.toString()).start().waitFor();
    }
  }

  /**
   * Makes a folder unwritable to every user, root included ({@code chattr +i}; skipped where the
   * file system or the user cannot): chmod binds no root, and the tests run as root.
   */
  private void unwritable(Path folder) throws Exception {
    Process chattr = new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(chattr.waitFor() == 0, "chattr +i is not available here");
    immutable.add(folder);
  }

  @Test
  void aCommitIntoAFolderThatCannotBeWrittenIsRefusedBeforeItsCommitPointNamingTheFolder() throws Exception {
    Warehouse w = warehouse();
    write("tables/t/period=2025/a.parquet", "old t");
    write("tables/u/period=2025/a.parquet", "old u");
    write("_staging/r6/t/period=2025/b.parquet", "new t");
    write("_staging/r6/u/period=2025/b.parquet", "new u");
    unwritable(root.resolve("tables/u"));
    w.holdCommits();
    w.publish("t", new org.apache.hadoop.fs.Path(w.staging("r6"), "t"), List.of("2025"), "r6");
    w.publish("u", new org.apache.hadoop.fs.Path(w.staging("r6"), "u"), List.of("2025"), "r6");

    // t sorts first: found only at u's swap, t would be new and u old until a run could write u.
    assertThatThrownBy(() -> w.commitHeld("r6", () -> { }))
        .isInstanceOf(java.nio.file.FileSystemException.class)
        .hasMessage(root.resolve("tables/u") + ": cannot publish run r6 into this folder (Operation not permitted);"
            + " nothing was published");

    assertThat(root.resolve("tables/t/period=2025/a.parquet")).hasContent("old t");
    assertThat(root.resolve("tables/u/period=2025/a.parquet")).hasContent("old u");
    assertThat(w.pastCommitPoint("r6")).isFalse();
    assertThat(w.stoppedWhileSwapping()).isEmpty();
  }

  @Test
  void aPublishedFolderThatCannotBeWrittenIsRefusedBeforeItsCommitPoint() throws Exception {
    // Moved to the trash, a folder is written too (its '..' changes), though its parent is writable.
    Warehouse w = warehouse();
    write("tables/t/period=2024/a.parquet", "old 2024");
    write("tables/t/period=2025/a.parquet", "old 2025");
    write("_staging/r8/t/period=2024/b.parquet", "new 2024");
    write("_staging/r8/t/period=2025/b.parquet", "new 2025");
    unwritable(root.resolve("tables/t/period=2025"));

    assertThatThrownBy(() -> w.publish("t", new org.apache.hadoop.fs.Path(w.staging("r8"), "t"), List.of("2024", "2025"),
        "r8"))
        .hasMessage(root.resolve("tables/t/period=2025") + ": cannot publish run r8 into this folder"
            + " (Operation not permitted); nothing was published");

    assertThat(root.resolve("tables/t/period=2024/a.parquet")).hasContent("old 2024");
    assertThat(w.pastCommitPoint("r8")).isFalse();
  }

  @Test
  void aHeldCommitWhoseStagedFilesChangedDuringTheRunPublishesNothing() throws IOException {
    Warehouse w = warehouse();
    write("tables/t/period=2025/a.parquet", "old t");
    write("_staging/r5/t/period=2025/b.parquet", "new t");
    write("_staging/r5/t/period=2025/c.parquet", "more new t");
    write("_staging/r5/reports/2025/ranking.csv", "new ranking");
    w.holdCommits();
    w.publish("t", new org.apache.hadoop.fs.Path(w.staging("r5"), "t"), List.of("2025"), "r5");
    w.commit("r5", List.of(new Warehouse.Move("reports/2025/ranking.csv", "_staging/r5/reports/2025/ranking.csv", true)));
    // A cleaner of old files takes one file of a staged folder: the folder is there, a table's rows are not.
    Files.delete(root.resolve("_staging/r5/t/period=2025/c.parquet"));

    assertThatThrownBy(() -> w.commitHeld("r5", () -> { }))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("_staging/r5/t/period=2025 changed while the run was working (c.parquet is gone)")
        .hasMessageContaining("nothing was published");
    assertThat(root.resolve("tables/t/period=2025/a.parquet")).hasContent("old t");
    assertThat(root.resolve("reports/2025/ranking.csv")).doesNotExist();
    assertThat(w.pastCommitPoint("r5")).isFalse();

    // A staged file cut short is refused the same way; one staged again by a later stage is taken as it is then.
    Warehouse again = warehouse();
    write("_staging/r6/reports/2025/ranking.csv", "new ranking");
    write("_staging/r6/reports/2025/index.html", "first page");
    again.holdCommits();
    again.commit("r6", List.of(new Warehouse.Move("reports/2025/ranking.csv", "_staging/r6/reports/2025/ranking.csv", true),
        new Warehouse.Move("reports/2025/index.html", "_staging/r6/reports/2025/index.html", true)));
    write("_staging/r6/reports/2025/index.html", "the page written again");
    again.commit("r6", List.of(new Warehouse.Move("reports/2025/index.html", "_staging/r6/reports/2025/index.html", true)));
    write("_staging/r6/reports/2025/ranking.csv", "new");
    assertThatThrownBy(() -> again.commitHeld("r6", () -> { }))
        .hasMessageContaining("ranking.csv changed while the run was working (the file was 11 bytes and is 3)");

    // Written again with the same length (bytes overwritten in place, later): refused too.
    Warehouse third = warehouse();
    Path page = write("_staging/r7/reports/2025/index.html", "first page");
    third.holdCommits();
    third.commit("r7", List.of(new Warehouse.Move("reports/2025/index.html", "_staging/r7/reports/2025/index.html", true)));
    write("_staging/r7/reports/2025/index.html", "other page");
    Files.setLastModifiedTime(page, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertThatThrownBy(() -> third.commitHeld("r7", () -> { }))
        .hasMessageContaining("index.html changed while the run was working (the file was written again)");
    assertThat(root.resolve("reports/2025/index.html")).doesNotExist();
  }

  @Test
  void aFileReplacedByReplaceFileIsNeverAbsent() throws IOException {
    Warehouse w = warehouse();
    write("runs/r1.json", "{\"status\":\"failed\"}");
    write("runs/.r1.json.tmp", "{\"status\":\"succeeded\"}");
    write("_trash", "not a folder"); // nothing goes through the trash
    w.replaceFile(new org.apache.hadoop.fs.Path(root.resolve("runs/.r1.json.tmp").toUri()),
        new org.apache.hadoop.fs.Path(root.resolve("runs/r1.json").toUri()));
    assertThat(root.resolve("runs/r1.json")).hasContent("{\"status\":\"succeeded\"}");
    assertThat(root.resolve("runs/.r1.json.tmp")).doesNotExist();
  }

  @Test
  void aPublishedFileIsReplacedInOneRenameNeverPassingThroughTheTrash() throws IOException {
    Warehouse w = warehouse();
    write("reports/2025/ranking.csv", "old ranking");
    write("_staging/r4/reports/2025/ranking.csv", "new ranking");
    // A file where the trash folder would be: any move through the trash fails.
    write("_trash", "not a folder");

    w.commit("r4", List.of(new Warehouse.Move("reports/2025/ranking.csv", "_staging/r4/reports/2025/ranking.csv", true)));

    assertThat(root.resolve("reports/2025/ranking.csv")).hasContent("new ranking");
    assertThat(root.resolve("_staging/r4/reports/2025/ranking.csv")).doesNotExist();
    assertThat(root.resolve("_journal")).isEmptyDirectory();
  }

  @Test
  void aCommitLeavesNoTemporaryJournal() throws IOException {
    Warehouse w = warehouse();
    write("_staging/r6/t/period=2025/x", "new");
    w.publish("t", new org.apache.hadoop.fs.Path(w.staging("r6"), "t"), List.of("2025"), "r6");
    assertThat(root.resolve("tables/t/period=2025/x")).hasContent("new");
    assertThat(root.resolve("_journal")).isEmptyDirectory();
  }

  @Test
  void aLiveHolderIsRefusedByNameAndADeadOneIsTakenOver() throws Exception {
    Warehouse w = warehouse();
    try (Lock first = Lock.acquire(w, "run")) {
      assertThatThrownBy(() -> Lock.acquire(w, "ingest"))
          .isInstanceOf(Lock.HeldException.class)
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("(run)");
    }
    // A lock file left by a process that no longer exists on this host.
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    new com.fasterxml.jackson.databind.ObjectMapper().writeValue(root.resolve("_lock").toFile(),
        Map.of("pid", dead.pid(), "host", host, "started_at", "2026-01-01T00:00:00Z", "command", "run",
            "run_id", "20260101T000000Z-0a1b2c"));
    try (Lock taken = Lock.acquire(w, "run", "20260101T000100Z-3d4e5f")) {
      Lock.Holder now = Lock.read(w.fs(), new org.apache.hadoop.fs.Path(w.root(), "_lock")).orElseThrow();
      assertThat(now.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(now.runId()).isEqualTo("20260101T000100Z-3d4e5f");
      // The dead holder, named so that the taker can record its run as died.
      assertThat(taken.diedHolding()).containsExactly(
          new Lock.Holder(dead.pid(), host, "2026-01-01T00:00:00Z", "run", "20260101T000000Z-0a1b2c"));
    }
    try (Lock again = Lock.acquire(w, "run")) {
      assertThat(again.diedHolding()).as("a lock released as a run ends is no dead holder's").isEmpty();
    }
    assertThat(root.resolve("_lock")).doesNotExist();
  }

  @Test
  void aHolderThatDiesAsItTakesOverTheLockOfADeadOnePassesBothOn() throws Exception {
    // Run A died holding the lock; run B took it over and was killed before it could record A as
    // died (the record is written after recovery, some moments later). B's lock file replaced A's:
    // the next taker knew only of B, and A was never recorded (found by scripts/kill-soak's
    // reasoning about its windows; NightlyRunProcessTest kills two runs at "locked").
    Warehouse w = warehouse();
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    json.writeValue(root.resolve("_lock").toFile(), Map.of("pid", dead.pid(), "host", host,
        "started_at", "2026-01-01T00:00:00Z", "command", "run", "run_id", "20260101T000000Z-aaaaaa"));
    Lock.Holder a = new Lock.Holder(dead.pid(), host, "2026-01-01T00:00:00Z", "run", "20260101T000000Z-aaaaaa");
    String written;
    try (Lock b = Lock.acquire(w, "run", "20260101T000100Z-bbbbbb")) {
      assertThat(b.diedHolding()).containsExactly(a);
      written = Files.readString(root.resolve("_lock"));
    }
    // B dies holding it: its lock file stays as it wrote it, naming a process that has ended.
    Map<String, Object> body = new java.util.LinkedHashMap<>(json.readValue(written, Map.class));
    body.put("pid", dead.pid());
    Files.writeString(root.resolve("_lock"), json.writeValueAsString(body));
    Lock.Holder b = new Lock.Holder(dead.pid(), host, (String) body.get("started_at"), "run", "20260101T000100Z-bbbbbb");
    try (Lock c = Lock.acquire(w, "run", "20260101T000200Z-cccccc")) {
      assertThat(c.diedHolding()).containsExactly(a, b);
    }
    try (Lock again = Lock.acquire(w, "run")) {
      assertThat(again.diedHolding()).as("C released the lock: nothing left to record").isEmpty();
    }
  }
  @Test
  void rowsReadTheColumnsAskedOnTheDriverAndRefuseAFileWithoutOne() throws IOException {
    Warehouse w = warehouse();
    assertThat(w.rows(Tables.REJECTED_SUBMISSIONS, List.of("2025"), List.of("period", "reason_code"), r -> true)).isEmpty();

    org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(root.resolve("tables/rejected_submissions").toUri());
    TableFiles.write(table, Tables.REJECTED_SUBMISSIONS.schema(), List.of(
        org.apache.spark.sql.RowFactory.create("E1", "2025/E1", "BAD_MANIFEST", "why", "2025"),
        org.apache.spark.sql.RowFactory.create(null, "2024/X", "NOT_A_FOLDER", "why", "2024")), new Configuration());
    // By hand: one row a period, the period from the folder, a null kept as null.
    assertThat(w.rows(Tables.REJECTED_SUBMISSIONS, List.of("2024", "2025"), List.of("period", "enterprise_id", "reason_code"),
        r -> true)).map(org.apache.spark.sql.Row::toString).containsExactly("[2024,null,NOT_A_FOLDER]", "[2025,E1,BAD_MANIFEST]");
    // Only the rows kept as they are read come back.
    assertThat(w.rows(Tables.REJECTED_SUBMISSIONS, List.of("2024", "2025"), List.of("period", "enterprise_id", "reason_code"),
        r -> r.getString(2).equals("BAD_MANIFEST"))).map(org.apache.spark.sql.Row::toString)
        .containsExactly("[2025,E1,BAD_MANIFEST]");
    assertThat(w.rows(Tables.REJECTED_SUBMISSIONS, List.of("2023"), List.of("period"), r -> true)).isEmpty();

    // A period written otherwise, without a column read, fails naming the file and the column.
    org.apache.spark.sql.types.StructType older = new org.apache.spark.sql.types.StructType()
        .add("path", org.apache.spark.sql.types.DataTypes.StringType, false)
        .add("period", org.apache.spark.sql.types.DataTypes.StringType, false);
    TableFiles.write(table, older, List.of(org.apache.spark.sql.RowFactory.create("2023/E2", "2023")), new Configuration());
    assertThatThrownBy(() -> w.rows(Tables.REJECTED_SUBMISSIONS, List.of("2023", "2025"), List.of("period", "reason_code"), r -> true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("period=2023/part-00000-").hasMessageContaining(".snappy.parquet has no column reason_code");
  }
}
