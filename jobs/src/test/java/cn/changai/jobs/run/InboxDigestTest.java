package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox digest that decides which periods a run processes: reused prints, files it leaves for
 * ingest to hash, and the completed digest the run records. Expected digests are worked out here
 * from the manifest's definition (one line per entry, a contract file's line ending in its hash).
 */
class InboxDigestTest {

  private static final String ID = "91310000MA1FL8XQ2B";
  private static final String JSON = "{\"enterprise_id\": \"" + ID + "\"}";
  private static final String CSV = "worker_id,industrial_worker\nW1,true\n";

  @TempDir Path inbox;
  private FileSystem fs;

  @BeforeEach
  void inboxWithOneSubmission() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
    Files.createDirectories(inbox.resolve("2025").resolve(ID));
    Files.writeString(inbox.resolve("2025").resolve(ID).resolve("enterprise.json"), JSON);
    Files.writeString(inbox.resolve("2025").resolve(ID).resolve("workers.csv"), CSV);
  }

  @Test
  void aFirstRunHashesNothingAndItsPeriodIsChangedUntilCompleted() throws IOException {
    InboxDigest digest = digest(Map.of());

    assertThat(digest.periods()).containsExactly(Map.entry("2025", InboxDigest.CHANGED));
    assertThat(digest.files()).containsOnlyKeys("2025/" + ID + "/enterprise.json", "2025/" + ID + "/workers.csv",
        "2025/" + ID + "/", InboxDigest.FOLDERS_PRINTED);
    assertThat(digest.files().get("2025/" + ID + "/workers.csv").sha256()).isNull();
    assertThat(digest.files().get("2025/" + ID + "/enterprise.json").sha256()).isNull();
    // The folder's print: no other names, the hash of none.
    assertThat(digest.files().get("2025/" + ID + "/")).isEqualTo(new InboxDigest.FilePrint(0, 0, sha("")));

    // Ingest hashed workers.csv; enterprise.json it did not read is hashed on completion.
    InboxDigest done = digest.completed(fs, Map.of("2025/" + ID + "/workers.csv", sha(CSV)));
    assertThat(done.files().get("2025/" + ID + "/enterprise.json").sha256()).isEqualTo(sha(JSON));
    assertThat(done.files().get("2025/" + ID + "/workers.csv").sha256()).isEqualTo(sha(CSV));
    assertThat(done.periods()).containsExactly(Map.entry("2025", manifestDigest(sha(JSON), sha(CSV))));
  }

  @Test
  void completionTakesIngestsHashAsItWasRead() throws IOException {
    // A file rewritten between the plan and ingest: ingest's hash is of what it read, and is kept.
    InboxDigest done = digest(Map.of()).completed(fs, Map.of("2025/" + ID + "/workers.csv", "ab12"));
    assertThat(done.periods().get("2025")).isEqualTo(manifestDigest(sha(JSON), "ab12"));
  }

  @Test
  void completionTakesIngestsHashOverAPrintTrustedForItsSizeAndTime() throws IOException {
    // workers.csv rewritten with its size and time kept, read again by ingest because its
    // submission's enterprise.json changed: the state records what ingest read, not the old print.
    InboxDigest first = digest(Map.of()).completed(fs, Map.of());
    Path csv = inbox.resolve("2025").resolve(ID).resolve("workers.csv");
    FileTime then = Files.getLastModifiedTime(csv);
    String sameSize = CSV.replace("true", "TRUE");
    Files.writeString(csv, sameSize);
    Files.setLastModifiedTime(csv, then);
    Files.writeString(inbox.resolve("2025").resolve(ID).resolve("enterprise.json"), JSON + " ");

    InboxDigest done = digest(first.files()).completed(fs, Map.of("2025/" + ID + "/workers.csv", sha(sameSize)));
    assertThat(done.files().get("2025/" + ID + "/workers.csv").sha256()).isEqualTo(sha(sameSize));
    assertThat(done.periods().get("2025")).isEqualTo(manifestDigest(sha(JSON + " "), sha(sameSize)));
  }

  @Test
  void aFileGoneBeforeCompletionLeavesItsPeriodToBeLookedAtAgain() throws IOException {
    InboxDigest digest = digest(Map.of());
    Files.delete(inbox.resolve("2025").resolve(ID).resolve("enterprise.json"));

    InboxDigest done = digest.completed(fs, Map.of("2025/" + ID + "/workers.csv", sha(CSV)));
    assertThat(done.files()).containsOnlyKeys("2025/" + ID + "/workers.csv", "2025/" + ID + "/",
        InboxDigest.FOLDERS_PRINTED);
    assertThat(done.periods()).containsExactly(Map.entry("2025", InboxDigest.CHANGED));
    // Recorded so, the period is planned again whatever the next digest, even another CHANGED.
    RunState state = RunState.NONE.withPeriods("r1", "c", "w", 10, done.periods(), done.files());
    assertThat(state.changedPeriods(Map.of("2025", InboxDigest.CHANGED))).containsExactly("2025");
    assertThat(state.changedPeriods(Map.of("2025", "ab12"))).containsExactly("2025");
  }

  @Test
  void aSubmissionIngestDidNotSeeInAPeriodItReadLeavesThatPeriodToBeLookedAtAgain() throws IOException {
    // The plan hashed a resubmission of the same sizes; its folder was out of the inbox when
    // ingest listed the period, and back when the run completed its digest: ingest never read it.
    InboxDigest first = digest(Map.of()).completed(fs, Map.of());
    Path json = inbox.resolve("2025").resolve(ID).resolve("enterprise.json");
    FileTime then = Files.getLastModifiedTime(json);
    Files.writeString(json, JSON.replace("\": \"", "\" :\""));
    Files.setLastModifiedTime(json, FileTime.fromMillis(then.toMillis() + 60_000));
    InboxDigest plan = digest(first.files());
    assertThat(plan.periods().get("2025")).isNotEqualTo(InboxDigest.CHANGED).isNotEqualTo(first.periods().get("2025"));

    InboxDigest unseen = plan.completed(fs, Map.of(), java.util.Set.of("2025"), java.util.Set.of());
    assertThat(unseen.periods()).containsExactly(Map.entry("2025", InboxDigest.CHANGED));
    assertThat(unseen.files()).doesNotContainKeys("2025/" + ID + "/enterprise.json", "2025/" + ID + "/workers.csv");
    // Recorded so, the next run plans the period again, its folder back as it was.
    RunState state = RunState.NONE.withPeriods("r1", "c", "w", 10, unseen.periods(), unseen.files());
    assertThat(state.changedPeriods(digest(unseen.files()).periods())).containsExactly("2025");

    // Seen by ingest (read, or found unchanged), the same digest is recorded as the plan made it;
    // and a period ingest did not read keeps the plan's prints.
    assertThat(plan.completed(fs, Map.of(), java.util.Set.of("2025"), java.util.Set.of("2025/" + ID)).periods())
        .isEqualTo(plan.periods());
    assertThat(plan.completed(fs, Map.of(), java.util.Set.of("2024"), java.util.Set.of()).periods())
        .isEqualTo(plan.periods());
  }

  @Test
  void anUnchangedOrMerelyTouchedInboxIsTheSamePeriodDigest() throws IOException {
    InboxDigest first = digest(Map.of()).completed(fs, Map.of());

    assertThat(digest(first.files()).periods()).isEqualTo(first.periods());

    // A touch (or a copy) changes the modification time only: hashed again, the same digest.
    Path csv = inbox.resolve("2025").resolve(ID).resolve("workers.csv");
    Files.setLastModifiedTime(csv, FileTime.fromMillis(Files.getLastModifiedTime(csv).toMillis() + 60_000));
    InboxDigest touched = digest(first.files());
    assertThat(touched.periods()).isEqualTo(first.periods());
    assertThat(touched.files().get("2025/" + ID + "/workers.csv").sha256()).isEqualTo(sha(CSV));
  }

  @Test
  void aChangedFileChangesItsPeriod() throws IOException {
    InboxDigest first = digest(Map.of()).completed(fs, Map.of());
    Path csv = inbox.resolve("2025").resolve(ID).resolve("workers.csv");
    FileTime then = Files.getLastModifiedTime(csv);

    // Same size, other bytes: hashed here, another digest.
    String sameSize = CSV.replace("true", "TRUE");
    Files.writeString(csv, sameSize);
    Files.setLastModifiedTime(csv, FileTime.fromMillis(then.toMillis() + 60_000));
    assertThat(digest(first.files()).periods().get("2025"))
        .isEqualTo(manifestDigest(sha(JSON), sha(sameSize))).isNotEqualTo(first.periods().get("2025"));

    // Another size: changed without reading it.
    Files.writeString(csv, CSV + "W2,false\n");
    InboxDigest resized = digest(first.files());
    assertThat(resized.periods()).containsExactly(Map.entry("2025", InboxDigest.CHANGED));
    assertThat(resized.files().get("2025/" + ID + "/enterprise.json").sha256()).isEqualTo(sha(JSON));
  }

  @Test
  void aFileRewrittenWithItsSizeAndModificationTimeKeptChangesItsPeriod() throws IOException {
    // A resubmission unpacked from an archive that keeps the times its maker set (a zip written with
    // fixed times, cp -p, tar): the corrected roster has the old one's size (TRUE for true) and
    // the same modification time, yet other bytes. Taken at the print's old hash, the run said
    // "Nothing to do" and the later submission was never read.
    InboxDigest first = digest(Map.of()).completed(fs, Map.of());
    Path csv = inbox.resolve("2025").resolve(ID).resolve("workers.csv");
    FileTime then = Files.getLastModifiedTime(csv);
    String sameSize = CSV.replace("true", "TRUE");
    Files.writeString(csv, sameSize);
    Files.setLastModifiedTime(csv, then);

    InboxDigest again = digest(first.files());
    assertThat(again.files().get("2025/" + ID + "/workers.csv").sha256()).isEqualTo(sha(sameSize));
    assertThat(again.periods().get("2025"))
        .isEqualTo(manifestDigest(sha(JSON), sha(sameSize))).isNotEqualTo(first.periods().get("2025"));
  }

  @Test
  void aFileOrFolderComingOrGoingBesideTheContractsFilesIsSeenAndNamed() throws IOException {
    Path folder = inbox.resolve("2025").resolve(ID);
    String key = "2025/" + ID;
    InboxDigest first = digest(Map.of()).completed(fs, Map.of());
    assertThat(first.othersChanged()).isEmpty();

    // A stray file: its period changes and the submission is named, to be read again.
    Files.writeString(folder.resolve("notes.txt"), "hello");
    InboxDigest added = digest(first.files()).completed(fs, Map.of());
    assertThat(added.othersChanged()).containsExactly(key);
    assertThat(added.periods().get("2025")).isNotEqualTo(first.periods().get("2025"));
    assertThat(added.files().get(key + "/")).isEqualTo(new InboxDigest.FilePrint(1, 0, sha("notes.txt")));

    // Nothing else changes: nothing to read again.
    assertThat(digest(added.files()).othersChanged()).isEmpty();
    // A folder beside it, then both gone.
    Files.createDirectories(folder.resolve("attachments"));
    InboxDigest withFolder = digest(added.files()).completed(fs, Map.of());
    assertThat(withFolder.othersChanged()).containsExactly(key);
    assertThat(withFolder.files().get(key + "/")).isEqualTo(new InboxDigest.FilePrint(2, 0, sha("attachments\nnotes.txt")));
    Files.delete(folder.resolve("notes.txt"));
    Files.delete(folder.resolve("attachments"));
    assertThat(digest(withFolder.files()).othersChanged()).containsExactly(key);

    // A contract file's change is no change of the others; nor is a state written before folders
    // were printed: the submission is not named.
    Files.writeString(folder.resolve("workers.csv"), CSV + "W2,false\n");
    assertThat(digest(first.files()).othersChanged()).isEmpty();
    Files.writeString(folder.resolve("notes.txt"), "hello");
    Map<String, InboxDigest.FilePrint> older = new java.util.TreeMap<>(first.files());
    older.remove(key + "/");
    older.remove(InboxDigest.FOLDERS_PRINTED);
    assertThat(digest(older).othersChanged()).isEmpty();
    // A state that prints folders but not this one: it was not in the inbox then (it left and came
    // back), so what lies beside its files is not known to be what the warehouse's warnings say.
    Map<String, InboxDigest.FilePrint> without = new java.util.TreeMap<>(first.files());
    without.remove(key + "/");
    assertThat(digest(without).othersChanged()).containsExactly(key);
    // The run gives ingest the contract files' prints alone.
    assertThat(NightlyRun.hashedPrints(added)).containsOnlyKeys(key + "/enterprise.json", key + "/workers.csv");
  }

  @Test
  void aNewSubmissionChangesOnlyItsPeriod() throws IOException {
    Files.createDirectories(inbox.resolve("2024").resolve(ID));
    Files.writeString(inbox.resolve("2024").resolve(ID).resolve("enterprise.json"), JSON);
    InboxDigest first = digest(Map.of()).completed(fs, Map.of());

    Path added = inbox.resolve("2024").resolve("91310000MA1FL8XQ2C");
    Files.createDirectories(added);
    Files.writeString(added.resolve("enterprise.json"), JSON);
    InboxDigest next = digest(first.files());
    assertThat(next.periods()).containsEntry("2024", InboxDigest.CHANGED)
        .containsEntry("2025", first.periods().get("2025"));
    assertThat(next.periods().get("2024")).isNotEqualTo(first.periods().get("2024"));
  }

  @Test
  void namesHoldingPersonalDataAreNotKeptInTheStateYetAChangeUnderThemIsSeen() throws IOException {
    // A top-level folder and a submission folder named with a mobile number, two top-level folders
    // masked alike (the same length of digits), and a file under one of them.
    Files.createDirectories(inbox.resolve("139,1234,5678"));
    Files.createDirectories(inbox.resolve("13912345678"));
    Files.createDirectories(inbox.resolve("13812345678"));
    Path personal = Files.createDirectories(inbox.resolve("2025").resolve("tel 139 1234 5678"));
    Files.writeString(personal.resolve("workers.csv"), CSV);
    InboxDigest first = digest(Map.of()).completed(fs, Map.of());
    RunState state = RunState.NONE.withPeriods("r1", "c", "w", 10, first.periods(), first.files());

    // By hand: the state's keys are the masked names (13 asterisks for 139,1234,5678; 11 for the
    // two masked alike, one key for both) and 2025; its prints are the submission's two files and
    // its folder's, none of the personal folder.
    assertThat(state.periods()).containsOnlyKeys("*".repeat(13), "*".repeat(11), "2025");
    assertThat(state.files()).containsOnlyKeys("2025/" + ID + "/enterprise.json", "2025/" + ID + "/workers.csv",
        "2025/" + ID + "/", InboxDigest.FOLDERS_PRINTED);
    assertThat(state.toString()).doesNotContain("1234");

    // The next night, unchanged: nothing to do, though the personal folder's file has no print.
    InboxDigest same = digest(state.files());
    assertThat(state.changedPeriods(same.periods())).isEmpty();
    // A change under the personal submission folder changes 2025; one of the two folders masked
    // alike gone changes their shared key, and the other (still there) is planned again.
    Files.writeString(personal.resolve("workers.csv"), CSV + "W2,true\n");
    Files.delete(inbox.resolve("13812345678"));
    assertThat(state.changedPeriods(digest(state.files()).periods())).containsExactly("13912345678", "2025");
  }

  private InboxDigest digest(Map<String, InboxDigest.FilePrint> known) throws IOException {
    org.apache.hadoop.fs.Path root = fs.makeQualified(new org.apache.hadoop.fs.Path(inbox.toString()));
    return InboxDigest.of(fs, root, known);
  }

  /** The digest of the period 2025 holding the one submission, from its manifest's definition. */
  private static String manifestDigest(String jsonHash, String csvHash) {
    return sha("2025/" + ID + " folder\n"
        + "2025/" + ID + "/enterprise.json file " + jsonHash + "\n"
        + "2025/" + ID + "/workers.csv file " + csvHash + "\n");
  }

  private static String sha(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
