package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.ingest.IngestJob;
import cn.changai.jobs.ingest.IngestResult;
import cn.changai.jobs.ingest.IngestSummary;
import cn.changai.jobs.testing.SampleRun;
import cn.changai.jobs.testing.TableSnapshot;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A quiet night's refusals: those of rejected_submissions whose submission is still in the inbox. */
class StandingRefusalsTest {

  /** What {@link StandingRefusals#report} said: its exit code and its text. */
  private record Said(int exit, String text) {}

  private static Said report(Warehouse warehouse, Path inbox) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = StandingRefusals.report(warehouse, new org.apache.hadoop.fs.Path("file:" + inbox),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Said(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  /** The warehouse of one ingest of the fixture inbox. */
  private static Warehouse ingested(InboxFixture inbox, Path temp) throws Exception {
    Warehouse warehouse = new Warehouse(temp.resolve("warehouse").toString(),
        SharedSpark.session().sparkContext().hadoopConfiguration());
    new IngestJob(SharedSpark.session(), inbox.root().toString(), warehouse, Set.of(), RunRecords.newRunId()).run();
    return warehouse;
  }

  @Test
  void theSamplesTwoRefusalsStandWhileTheirFoldersAreInTheInbox() throws Exception {
    Warehouse warehouse = new Warehouse(SampleRun.warehouse().toString(),
        SharedSpark.session().sparkContext().hadoopConfiguration());
    // sample-data/README.md: 2024/913100004LT4AKJ37K names an industry not in the contract, and
    // 2025/913100005NUUXG9NC9 is no valid credit code; one reason each.
    List<StandingRefusals.Refusal> all = StandingRefusals.of(warehouse, period -> true, r -> true);
    assertThat(all).extracting(r -> r.period() + "/" + r.enterpriseId() + " " + r.reasonCode())
        .containsExactly("2024/913100004LT4AKJ37K BAD_FIELD", "2025/913100005NUUXG9NC9 BAD_ENTERPRISE_ID");
    // The path names the folder, or the file within it that was refused.
    assertThat(all).extracting(StandingRefusals.Refusal::path).allSatisfy(path -> assertThat(path).startsWith("file:/"))
        .satisfiesExactly(path -> assertThat(path).endsWith("/2024/913100004LT4AKJ37K/enterprise.json"),
            path -> assertThat(path).endsWith("/2025/913100005NUUXG9NC9"));

    // The sample run's inbox still holds both: the quiet night exits 3 and names them.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    org.apache.hadoop.fs.Path inbox = new org.apache.hadoop.fs.Path("file:" + SampleRun.warehouse().getParent().resolve("inbox"));
    int exit = StandingRefusals.report(warehouse, inbox, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(3);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
        "Still refused (the inbox holds them unchanged; exit 3):",
        "  2024/913100004LT4AKJ37K  BAD_FIELD: industry 'shipbuilding' is not an industry code of the contract",
        "  2025/913100005NUUXG9NC9  BAD_ENTERPRISE_ID: folder '913100005NUUXG9NC9' is not a valid unified social credit code",
        ""));

    // Run with another inbox, the sample's refusals are not in it: none stands, exit 0.
    ByteArrayOutputStream other = new ByteArrayOutputStream();
    assertThat(StandingRefusals.report(warehouse, new org.apache.hadoop.fs.Path("file:" + SampleRun.warehouse().getParent()
        .resolve("inbox-elsewhere")), new PrintStream(other, true, StandardCharsets.UTF_8))).isZero();
    assertThat(other.toString(StandardCharsets.UTF_8)).isEmpty();
    // The inbox's name as a prefix of another folder's is not the inbox ("inbox" and "inbox2").
    assertThat(StandingRefusals.report(warehouse, new org.apache.hadoop.fs.Path("file:" + SampleRun.warehouse().getParent()
        .resolve("inb")), new PrintStream(other, true, StandardCharsets.UTF_8))).isZero();

    // A refused folder taken out of the inbox is history: it no longer counts.
    assertThat(StandingRefusals.of(warehouse, period -> true, r -> !r.path().contains("/913100004LT4AKJ37K")))
        .extracting(StandingRefusals.Refusal::enterpriseId).containsExactly("913100005NUUXG9NC9");
    assertThat(StandingRefusals.of(warehouse, period -> true, r -> false)).isEmpty();
  }

  @Test
  void afterABusyNightTheRefusalsOfThePeriodsItDidNotReadStand() throws Exception {
    // A night that read 2025 only: 2024's refusal still stands, exit 3; one that read both has
    // reported them itself.
    Warehouse warehouse = new Warehouse(SampleRun.warehouse().toString(),
        SharedSpark.session().sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path inbox = new org.apache.hadoop.fs.Path("file:" + SampleRun.warehouse().getParent().resolve("inbox"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    java.util.Map<String, Object> record = new java.util.LinkedHashMap<>();
    assertThat(StandingRefusals.inPeriodsNotRead(warehouse, inbox, new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Set.of("2025"), record)).isEqualTo(3);
    // The run record says why it exits 3.
    assertThat(record).containsEntry("still_refused", java.util.Map.of("count", 1, "first",
        List.of(java.util.Map.of("period", "2024", "enterprise_id", "913100004LT4AKJ37K", "reason_code", "BAD_FIELD"))));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
        "Still refused in periods this run did not read (the inbox holds them unchanged; exit 3):",
        "  2024/913100004LT4AKJ37K  BAD_FIELD: industry 'shipbuilding' is not an industry code of the contract", ""));
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    assertThat(StandingRefusals.inPeriodsNotRead(warehouse, inbox, new PrintStream(none, true, StandardCharsets.UTF_8),
        Set.of("2024", "2025"), new java.util.HashMap<>())).isZero();
    assertThat(none.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aRefusalForAFileThatIsNotThereStandsWhileItsFolderIsInTheInbox(@TempDir Path temp) throws Exception {
    // MISSING_FILE names the workers.csv that is absent (here saved as Workers.CSV, the commonest
    // slip): the refusal stands while the submission's folder is in the inbox.
    InboxFixture inbox = new InboxFixture(temp.resolve("inbox"));
    inbox.valid("2025", InboxFixture.ID_A, InboxFixture.WorkerRow.worker("W1").csv());
    InboxFixture.Submission slip = inbox.valid("2025", InboxFixture.ID_B, InboxFixture.WorkerRow.worker("B1").csv());
    Files.move(slip.dir().resolve("workers.csv"), slip.dir().resolve("Workers.CSV"));
    Warehouse warehouse = ingested(inbox, temp);

    Said said = report(warehouse, inbox.root());
    assertThat(said.exit()).isEqualTo(3);
    assertThat(said.text()).contains("  2025/" + InboxFixture.ID_B + "  MISSING_FILE");

    Files.move(slip.dir(), temp.resolve("taken-out"));
    assertThat(report(warehouse, inbox.root())).isEqualTo(new Said(0, ""));
  }

  @Test
  void refusalsStandInTheInboxWhereverItNowIs(@TempDir Path temp) throws Exception {
    // The inbox moved, copied or reached through a link: its refused folders are still refused
    // (the table recorded the path the inbox had that night).
    Warehouse warehouse = new Warehouse(SampleRun.warehouse().toString(),
        SharedSpark.session().sparkContext().hadoopConfiguration());
    Path copy = temp.resolve("copied");
    TableSnapshot.copy(SampleRun.warehouse().getParent().resolve("inbox"), copy);
    Path link = Files.createSymbolicLink(temp.resolve("link"), copy);
    for (Path inbox : List.of(copy, link)) {
      Said said = report(warehouse, inbox);
      assertThat(said.exit()).as(inbox.toString()).isEqualTo(3);
      assertThat(said.text()).contains("2024/913100004LT4AKJ37K  BAD_FIELD", "2025/913100005NUUXG9NC9  BAD_ENTERPRISE_ID");
    }
  }

  @Test
  void aRefusedLinkStandsWhileItIsInTheInboxEvenWhenItsTargetIsGone(@TempDir Path temp) throws Exception {
    InboxFixture inbox = new InboxFixture(temp.resolve("inbox"));
    inbox.valid("2025", InboxFixture.ID_A, InboxFixture.WorkerRow.worker("W1").csv());
    InboxFixture elsewhere = new InboxFixture(temp.resolve("elsewhere"));
    Path target = elsewhere.valid("2025", InboxFixture.ID_B, InboxFixture.WorkerRow.worker("B1").csv()).dir();
    Path link = Files.createSymbolicLink(inbox.root().resolve("2025").resolve(InboxFixture.ID_B), target);
    Warehouse warehouse = ingested(inbox, temp);
    try (java.util.stream.Stream<Path> files = Files.walk(target)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }

    Said said = report(warehouse, inbox.root());
    assertThat(said.exit()).isEqualTo(3);
    assertThat(said.text()).contains("2025/" + InboxFixture.ID_B + "  NOT_REGULAR_FILE");
    Files.delete(link);
    assertThat(report(warehouse, inbox.root())).isEqualTo(new Said(0, ""));
  }

  @Test
  void aRefusalStandsByTheFolderOfItsSubmission() {
    assertThat(StandingRefusals.folder("/2025/ID/workers.csv")).isEqualTo("/2025/ID");
    assertThat(StandingRefusals.folder("/2025/ID/sub/link")).isEqualTo("/2025/ID");
    assertThat(StandingRefusals.folder("/2025/ID")).isEqualTo("/2025/ID");
    assertThat(StandingRefusals.folder("/junk")).isEqualTo("/junk");
  }

  /**
   * A folder named by an identity number is recorded masked (2025/******************), a path
   * that is not in the inbox as written: it stands while a folder of that masked name is there.
   */
  @Test
  void aFolderRecordedMaskedStandsWhileItIsInTheInbox(@TempDir Path temp) throws Exception {
    // The inbox's own path holds a number shaped like a mobile one: it is recorded masked too.
    InboxFixture inbox = new InboxFixture(temp.resolve("13912345678").resolve("inbox"));
    inbox.valid("2025", InboxFixture.ID_A, InboxFixture.WorkerRow.worker("W1").csv());
    inbox.valid("2025", "110105194912310021", InboxFixture.WorkerRow.worker("X1").csv());
    Warehouse warehouse = ingested(inbox, temp);

    Said said = report(warehouse, inbox.root());
    assertThat(said.exit()).isEqualTo(3);
    assertThat(said.text()).startsWith("Still refused (the inbox holds them unchanged; exit 3):\n"
        + "  2025/******************  BAD_ENTERPRISE_ID").doesNotContain("110105194912310021");

    Files.move(inbox.root().resolve("2025/110105194912310021"), temp.resolve("taken-out"));
    assertThat(report(warehouse, inbox.root())).isEqualTo(new Said(0, ""));
  }

  /** A folder whose name's bytes are no text is recorded as the JVM reads it (U+FFFD): it stands while there. */
  @Test
  void aFolderNamedInBytesThatAreNoTextStandsWhileItIsInTheInbox(@TempDir Path temp) throws Exception {
    InboxFixture inbox = new InboxFixture(temp.resolve("inbox"));
    inbox.valid("2025", InboxFixture.ID_A, InboxFixture.WorkerRow.worker("W1").csv());
    Process p = new ProcessBuilder("bash", "-c", "mkdir \"$1\"/$'x\\xff'", "bash", inbox.root().resolve("2025").toString())
        .start();
    assertThat(p.waitFor()).isZero();
    Warehouse warehouse = ingested(inbox, temp);
    String shown = new String(new byte[] {'x', (byte) 0xff},
        java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")));

    assertThat(report(warehouse, inbox.root())).isEqualTo(new Said(3, "Still refused (the inbox holds them unchanged; exit 3):\n"
        + "  2025/" + shown + "  BAD_ENTERPRISE_ID: folder '" + shown + "' is not a valid unified social credit code\n"));

    new ProcessBuilder("bash", "-c", "rmdir \"$1\"/$'x\\xff'", "bash", inbox.root().resolve("2025").toString()).start().waitFor();
    assertThat(report(warehouse, inbox.root())).isEqualTo(new Said(0, ""));
  }

  @Test
  void aHundredAndFiftyMisnamedFoldersAreOneLineOfTheTableAndAHundredAreListed(@TempDir Path temp) throws Exception {
    InboxFixture inbox = new InboxFixture(temp.resolve("inbox"));
    inbox.valid("2025", InboxFixture.ID_A, InboxFixture.WorkerRow.worker("W1").csv());
    for (int i = 0; i < 150; i++) {
      Files.createDirectories(inbox.root().resolve(String.format("junk%03d", i)));
    }
    Warehouse warehouse = new Warehouse(temp.resolve("warehouse").toString(),
        SharedSpark.session().sparkContext().hadoopConfiguration());
    IngestResult run = new IngestJob(SharedSpark.session(), inbox.root().toString(), warehouse, Set.of(),
        RunRecords.newRunId()).run();

    // By hand: the table has 2025 (one submission, accepted, one row), one line for the 150
    // folders that are no periods, and the total; no line per folder.
    String summary = IngestSummary.format(run);
    assertThat(summary.lines().filter(l -> l.matches("(2025|other|total|junk\\d+) +\\d.*")).map(l -> l.split(" +")))
        .map(List::of).containsExactly(
            List.of("2025", "1", "1", "0", "0", "1", "1", "0", "0"),
            List.of("other", "150", "0", "0", "150", "0", "0", "0", "0"),
            List.of("total", "151", "1", "0", "150", "1", "1", "0", "0"));
    assertThat(summary).contains("\nother: entries at the inbox root that are not period folders, refused whole.\n");
    // 150 refusals: the first 100 listed (junk000 to junk099), then one line counting the 50 others.
    List<String> listed = summary.lines().dropWhile(l -> !l.equals("Rejected submissions:")).skip(1)
        .takeWhile(l -> l.startsWith("  ")).toList();
    assertThat(listed).hasSize(101);
    assertThat(listed.get(0)).startsWith("  junk000  BAD_PERIOD_FOLDER: folder 'junk000' is not a period");
    assertThat(listed.get(99)).startsWith("  junk099  BAD_PERIOD_FOLDER");
    assertThat(listed.get(100)).isEqualTo("  … and 50 more (150 in all): table rejected_submissions lists every one");

    // The table keeps every one; a quiet night lists 100 of them and counts the rest.
    assertThat(StandingRefusals.of(warehouse, period -> true, r -> true)).hasSize(150)
        .extracting(StandingRefusals.Refusal::period).startsWith("junk000", "junk001").endsWith("junk149");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(StandingRefusals.report(warehouse, new org.apache.hadoop.fs.Path("file:" + inbox.root()),
        new PrintStream(bytes, true, StandardCharsets.UTF_8))).isEqualTo(3);
    List<String> still = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(still).hasSize(102).startsWith("Still refused (the inbox holds them unchanged; exit 3):",
        "  junk000  BAD_PERIOD_FOLDER: folder 'junk000' is not a period (YYYY, YYYYHn or YYYYQn from 1900)");
    assertThat(still.get(101)).isEqualTo("  … and 50 more (150 in all): table rejected_submissions lists every one");
  }
}
