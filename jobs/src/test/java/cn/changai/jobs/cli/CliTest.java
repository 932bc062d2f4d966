package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.InboxFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: help, version, and bad arguments refused before any work (exit code 2). */
class CliTest {

  @TempDir Path temp;
  private Path inbox;
  private Path warehouse;

  @BeforeEach
  void setUp() {
    InboxFixture fixture = new InboxFixture(temp.resolve("inbox"));
    fixture.valid("2025", InboxFixture.ID_A, InboxFixture.WorkerRow.worker("W1").csv());
    inbox = fixture.root();
    warehouse = temp.resolve("warehouse");
  }

  @Test
  void helpListsTheCommands() {
    Console.Run run = Console.run("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: changai", "ingest", "validate", "--version", "Exit codes");
    assertThat(run.out()).containsPattern("(?m)^\\s+ingest\\s+\\S").containsPattern("(?m)^\\s+validate\\s+\\S");
  }

  @Test
  void withoutACommandTheUsageIsPrintedAsAUsageError() {
    // A scheduler's entry that lost its command fails rather than passing as a run that did nothing.
    Console.Run run = Console.run();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("changai: no command given").contains("Usage: changai", "ingest", "validate");
  }

  @Test
  void versionNamesTheProgramTheContractAndSpark() {
    Console.Run run = Console.run("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("changai \\d+\\.\\d+\\.\\d+ \\(data contract 1\\)");
    assertThat(run.out()).contains("Spark 4.", "Java 17");
    assertThat(run.out()).doesNotContain("unknown");
    // Every command's help lists -V, --version: each prints the same.
    for (String command : new String[] {"run", "validate", "ingest", "compute", "score", "report", "sql", "runs",
        "indicators", "generate"}) {
      Console.Run sub = Console.run(command, "-V");
      assertThat(sub.exitCode()).as(command).isZero();
      assertThat(sub.out()).as(command).isEqualTo(run.out());
    }
  }

  @Test
  void eachCommandHasHelpWithAnExample() {
    Console.Run ingest = Console.run("ingest", "--help");
    assertThat(ingest.exitCode()).isZero();
    assertThat(ingest.out()).contains("--inbox", "--warehouse", "--period", "--master", "Example:", "changai ingest");
    Console.Run validate = Console.run("validate", "--help");
    assertThat(validate.exitCode()).isZero();
    assertThat(validate.out()).contains("--inbox", "--period", "--limit", "Example:", "changai validate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025X", "2025H3", "25", "2025-1", ",", ",,"})
  void aBadPeriodIsRefusedBeforeSparkStarts(String period) {
    long started = System.nanoTime();
    Console.Run run = Console.run("ingest", "--inbox", inbox.toString(), "--warehouse", warehouse.toString(),
        "--period", period);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("changai ingest: Invalid value for --period: '" + period + "'");
    assertThat(run.err()).contains("Try 'changai ingest --help'");
    assertThat(run.out()).isEmpty();
    // Nothing was started or written.
    assertThat(warehouse).doesNotExist();
    assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
  }

  @Test
  void aBadPeriodInAListIsNamed() {
    Console.Run run = Console.run("validate", "--inbox", inbox.toString(), "--period", "2024, 2025X");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'2025X'").doesNotContain("'2024'");
  }

  @Test
  void aMissingInboxIsNamed() {
    Path missing = temp.resolve("no-such-inbox");
    Console.Run ingest = Console.run("ingest", "--inbox", missing.toString(), "--warehouse", warehouse.toString());
    assertThat(ingest.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(ingest.err()).contains("Cannot read inbox: no such folder: " + missing);
    assertThat(warehouse).doesNotExist();
    Console.Run validate = Console.run("validate", "--inbox", missing.toString());
    assertThat(validate.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(validate.err()).contains("Cannot read inbox: no such folder: " + missing);
  }

  @Test
  void anInboxThatIsAFileIsNamed() throws IOException {
    Path file = Files.writeString(temp.resolve("inbox.txt"), "x");
    Console.Run run = Console.run("validate", "--inbox", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Cannot read inbox: not a folder: " + file);
  }

  @Test
  void aSubmissionFolderGivenAsTheInboxIsRefusedWithTheCommandThatChecksIt() {
    // Read as an inbox it holds no folders: "nothing to do" and exit 0 for a run, "every
    // submission would be accepted" for validate, where the analyst meant to check it.
    Path submission = inbox.resolve("2025").resolve(InboxFixture.ID_A);
    for (String command : new String[] {"validate", "run", "ingest"}) {
      Console.Run run = command.equals("validate") ? Console.run(command, "--inbox", submission.toString())
          : Console.run(command, "--inbox", submission.toString(), "--warehouse", warehouse.toString());
      assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).as(command).contains("Cannot read inbox " + submission + ": it holds ",
          "as one submission's folder does", command.equals("run")
              ? "its inbox is --inbox " + inbox.toAbsolutePath()
              : "--inbox " + inbox.toAbsolutePath() + " --period 2025");
      if (command.equals("run")) {
        // run has no --period: it is not offered.
        assertThat(run.err()).as(command).doesNotContain("--period");
      }
      assertThat(warehouse).doesNotExist();
    }
  }

  @Test
  void aPeriodFolderGivenAsTheInboxIsRefusedWithTheCommandForThatPeriod() throws IOException {
    Path period = inbox.resolve("2025");
    Console.Run run = Console.run("validate", "--inbox", period.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Cannot read inbox " + period + ": it is named as a period and holds no period folders",
        "--inbox " + inbox.toAbsolutePath() + " --period 2025");
    // Reached through a link of another name, the same folder.
    Path link = Files.createSymbolicLink(temp.resolve("cur"), period);
    Console.Run linked = Console.run("validate", "--inbox", link.toString());
    assertThat(linked.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(linked.err()).contains("Cannot read inbox " + link + ": it is named as a period");
    Console.Run nightly = Console.run("run", "--inbox", period.toString(), "--warehouse", warehouse.toString());
    assertThat(nightly.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(nightly.err()).contains("its inbox is --inbox " + inbox.toAbsolutePath()
        + " (a nightly run reads the periods that changed)").doesNotContain("--period");
  }

  @Test
  void aWarehouseThisUserMayNotOpenIsNamedSoNotTakenForAbsent() throws IOException {
    // A warehouse written under umask 077 by the scheduler's account, queried by an analyst: Java
    // takes a folder it may not enter for one that is absent, and sql said "no published tables
    // (run changai ingest first)", runs "No runs recorded" (exit 2). Root may open any folder, so
    // this runs only as another user (checked here by hand with runuser -u nobody).
    org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root opens any folder");
    Path closed = temp.resolve("closed");
    Files.createDirectories(closed.resolve("runs"));
    Files.createDirectories(closed.resolve("tables/workers/period=2025"));
    Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    try {
      for (String[] args : new String[][] {{"runs", "--warehouse", closed.toString()},
          {"sql", "--warehouse", closed.toString(), "SELECT 1"}}) {
        Console.Run run = Console.run(args);
        assertThat(run.exitCode()).as(args[0]).isEqualTo(ExitCodes.INTERNAL);
        assertThat(run.err()).as(args[0]).contains("failed: permission denied: " + closed
            + ": the warehouse folder belongs to ").doesNotContain("No runs recorded", "no published tables");
      }
      // Beyond a folder this user may not open, an inbox (and a warehouse) is no "no such folder".
      Console.Run validate = Console.run("validate", "--inbox", closed.resolve("inbox").toString());
      assertThat(validate.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(validate.err()).contains("Cannot read inbox " + closed.resolve("inbox") + ": permission denied: " + closed
          + " belongs to ").doesNotContain("no such folder");
      Console.Run sql = Console.run("sql", "--warehouse", closed.resolve("tables").toString(), "SELECT 1");
      assertThat(sql.exitCode()).isEqualTo(ExitCodes.INTERNAL);
      assertThat(sql.err()).contains("failed: permission denied: " + closed + ": a folder above the warehouse belongs to ");
    } finally {
      Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aWarehouseGivenAsTheInboxIsRefused() throws IOException {
    // A slip at 2 a.m.: --inbox names last night's warehouse. Read as an inbox, its tables/, runs/,
    // reports/ were each refused as a period folder (validate exit 3; a run started Spark, made a
    // new warehouse of those refusals and exited 3).
    Path old = temp.resolve("old-warehouse");
    Files.createDirectories(old.resolve("tables/workers/period=2025"));
    Files.createDirectories(old.resolve("runs"));
    Files.createDirectories(old.resolve("reports/2025"));
    Files.createFile(old.resolve("_lock.guard"));
    String refusal = "Cannot read inbox " + old + ": it is a warehouse (it holds runs and tables); an inbox holds period"
        + " folders (<inbox>/<period>/<enterprise_id>/)";
    Console.Run validate = Console.run("validate", "--inbox", old.toString());
    assertThat(validate.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(validate.err()).contains(refusal);
    Console.Run nightly = Console.run("run", "--inbox", old.toString(), "--warehouse", warehouse.toString());
    assertThat(nightly.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(nightly.err()).contains(refusal);
    assertThat(warehouse).doesNotExist();
  }

  @Test
  void anInboxWithAPeriodFolderIsTakenWhateverElseItHolds() throws IOException {
    // A stray workers.csv at an inbox's root is listed and ignored (docs/ingest.md), not a reason
    // to refuse the inbox.
    Files.writeString(inbox.resolve("workers.csv"), "worker_id\n");
    Console.Run run = Console.run("validate", "--inbox", inbox.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Every submission would be accepted.");
  }

  @Test
  void anEmptyInboxHasNothingToCheck() throws IOException {
    Path empty = Files.createDirectory(temp.resolve("empty"));
    Console.Run run = Console.run("validate", "--inbox", empty.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("No submission folders found under " + empty, "nothing to check")
        .doesNotContain("would be accepted");
  }

  @Test
  void aWarehouseThatIsAFileIsNamed() throws IOException {
    Path file = Files.writeString(temp.resolve("warehouse.txt"), "x");
    Console.Run run = Console.run("ingest", "--inbox", inbox.toString(), "--warehouse", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Cannot use warehouse: not a folder: " + file);
  }

  @Test
  void missingOrUnknownOptionsAreUsageErrors() {
    Console.Run missing = Console.run("ingest", "--inbox", inbox.toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("--warehouse");
    Console.Run unknown = Console.run("validate", "--inbox", inbox.toString(), "--bogus");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("--bogus");
    Console.Run command = Console.run("frobnicate");
    assertThat(command.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(command.err()).contains("frobnicate");
  }

  @Test
  void aNegativeLimitIsRefused() {
    Console.Run run = Console.run("validate", "--inbox", inbox.toString(), "--limit", "-1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--limit", "-1");
  }
}
