package cn.changai.jobs.ingest;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.StudioRow.studio;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static cn.changai.jobs.ingest.Submissions.read;
import static cn.changai.jobs.ingest.Submissions.rejectionCodes;
import static cn.changai.jobs.ingest.Submissions.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One submission folder as a whole: the required files, stray files, links and pipes, and what the
 * warehouse already holds (unchanged, replaced, refused).
 */
class SubmissionReaderTest {

  /** The template's submitted_at, 2026-01-10T09:30:00+08:00. */
  private static final Instant SUBMITTED = Instant.parse("2026-01-10T01:30:00Z");

  @TempDir Path temp;
  private InboxFixture inbox;
  private Path outside;

  @BeforeEach
  void setUp() throws IOException {
    inbox = new InboxFixture(temp.resolve("inbox"));
    outside = Files.createDirectories(temp.resolve("outside"));
  }

  private InboxFixture.Submission valid() {
    return inbox.valid("2025", ID_A, worker("W1").csv(), worker("W2").csv());
  }

  /** A roster outside the inbox whose every value is recognisable if it leaks. */
  private Path secretRoster() throws IOException {
    Path secret = outside.resolve("secret.csv");
    Files.writeString(secret, InboxFixture.WORKERS_HEADER + "\n"
        + worker("LEAKED42").with("honours", "SECRET_HONOUR").csv() + "\n", StandardCharsets.UTF_8);
    return secret;
  }

  private static void assertNothingFrom(SubmissionResult result, String marker) {
    assertThat(result.workers()).isEmpty();
    assertThat(String.valueOf(result.rejectedRows())).doesNotContain(marker);
    assertThat(String.valueOf(result.warnings())).doesNotContain(marker);
    assertThat(String.valueOf(result.rejections())).doesNotContain(marker);
    assertThat(String.valueOf(result.counts())).doesNotContain(marker);
  }

  // ---- Files ----------------------------------------------------------------------------------

  @Test
  void workersCsvIsRequired() {
    SubmissionResult result = read(valid().delete("workers.csv"));
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.MISSING_FILE);
    assertThat(result.rejections().get(0).reason()).isEqualTo("workers.csv is missing");
    assertThat(result.rejections().get(0).path()).endsWith("/2025/" + ID_A + "/workers.csv");
  }

  @Test
  void enterpriseJsonIsRequired() {
    SubmissionResult result = read(valid().delete("enterprise.json"));
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.MISSING_FILE);
    assertThat(result.rejections().get(0).reason()).isEqualTo("enterprise.json is missing");
    // The roster was still read, so its rows are counted as rejected with the submission.
    assertThat(result.counts().workersRead()).isEqualTo(2);
    assertThat(result.counts().workersRejected()).isEqualTo(2);
  }

  @Test
  void anEmptyFolderMissesBoth() {
    SubmissionResult result = read(inbox.submission("2025", ID_A));
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.MISSING_FILE, ReasonCode.MISSING_FILE);
  }

  @Test
  void withoutStudiosCsvThereAreNoStudios() {
    SubmissionResult result = read(valid());
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.studios()).isEmpty();
    assertThat(result.counts().studiosRead()).isZero();
    assertThat(result.fileHashes()).containsOnlyKeys("enterprise.json", "workers.csv");
  }

  @Test
  void otherFilesAndFoldersAreIgnoredWithAWarning() throws IOException {
    InboxFixture.Submission s = valid().text("说明.txt", "请查收").text(".DS_Store", "x").text("Workers.csv", "x");
    Files.createDirectories(s.dir().resolve("attachments"));
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.warnings()).extracting(Issue::code).containsOnly(ReasonCode.IGNORED_FILE);
    assertThat(result.warnings()).extracting(Issue::file)
        .containsExactlyInAnyOrder("说明.txt", ".DS_Store", "Workers.csv", "attachments");
    assertThat(result.fileHashes()).containsOnlyKeys("enterprise.json", "workers.csv");
    assertThat(result.workers()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"studios.csv", "workers.csv", "enterprise.json"})
  void aFolderNamedAsAContractFileRefusesTheSubmission(String name) throws IOException {
    // A studios.csv folder (an archive unpacked one level off) ignored would read as no studios.
    InboxFixture.Submission s = inbox.submission("2025", ID_A);
    if (!name.equals("enterprise.json")) {
      s.enterprise(InboxFixture.enterprise("2025", ID_A));
    }
    if (!name.equals("workers.csv")) {
      s.workers(worker("W1").csv());
    }
    Files.createDirectories(s.dir().resolve(name).resolve("inner"));
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.NOT_REGULAR_FILE);
    assertThat(result.rejections().get(0).reason())
        .isEqualTo("'" + name + "' is a folder, where the contract names a file; nothing in it is read");
    assertThat(result.workers()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"91310000AB0000001X", "91310000ab00000018", "91310000AB000001", "not-a-code"})
  void aFolderThatIsNoCreditCodeIsRejected(String folder) {
    InboxFixture.Submission s = inbox.valid("2025", folder, worker("W1").csv());
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.BAD_ENTERPRISE_ID);
    assertThat(result.rejections().get(0).reason()).contains("'" + folder + "'");
  }

  @Test
  void rowsReadAreAcceptedPlusRejected() {
    InboxFixture.Submission s = inbox.valid("2025", ID_A, worker("W1").csv(), worker("W2").with("gender", "?").csv(),
            worker("W3").csv(), worker("W3").csv(), worker("W5").with("mentor_id", "W1").csv())
        .studios(studio("S1").csv(), studio("S2").with("achievements_converted", "9").csv());
    SubmissionResult.Counts c = read(s).counts();
    // W2 (bad code) and both W3 are rejected; S2 converted more than achieved.
    assertThat(c.workersRead()).isEqualTo(5);
    assertThat(c.workersAccepted()).isEqualTo(2);
    assertThat(c.workersRejected()).isEqualTo(3);
    assertThat(c.studiosRead()).isEqualTo(2);
    assertThat(c.studiosAccepted()).isEqualTo(1);
    assertThat(c.studiosRejected()).isEqualTo(1);
    assertThat(c.reasons()).containsEntry("BAD_CODE", 1).containsEntry("DUPLICATE_ID", 2)
        .containsEntry("OUT_OF_RANGE", 1).hasSize(3);
  }

  @Test
  void everyRowOfARepeatedIdIsRejectedWithHowManyRowsCarryItAndNoMentorLinkMayPointToIt() {
    // Lines 2-7: W1, W2, W1, W3, W1, W2; line 8 is W4 whose mentor is W1, line 9 W5 whose mentor is W3.
    InboxFixture.Submission s = inbox.valid("2025", ID_A, worker("W1").csv(), worker("W2").csv(), worker("W1").csv(),
        worker("W3").csv(), worker("W1").csv(), worker("W2").csv(), worker("W4").with("mentor_id", "W1").csv(),
        worker("W5").with("mentor_id", "W3").csv());
    SubmissionResult result = read(s);
    assertThat(result.rejectedRows()).extracting(Issue::line, Issue::code, Issue::reason).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(2, ReasonCode.DUPLICATE_ID, "worker_id 'W1' appears on 3 rows of the file; all are rejected"),
        org.assertj.core.groups.Tuple.tuple(3, ReasonCode.DUPLICATE_ID, "worker_id 'W2' appears on 2 rows of the file; all are rejected"),
        org.assertj.core.groups.Tuple.tuple(4, ReasonCode.DUPLICATE_ID, "worker_id 'W1' appears on 3 rows of the file; all are rejected"),
        org.assertj.core.groups.Tuple.tuple(6, ReasonCode.DUPLICATE_ID, "worker_id 'W1' appears on 3 rows of the file; all are rejected"),
        org.assertj.core.groups.Tuple.tuple(7, ReasonCode.DUPLICATE_ID, "worker_id 'W2' appears on 2 rows of the file; all are rejected"));
    // W4 is kept without its mentor: W1 names no accepted worker. W5's mentor W3 is accepted.
    assertThat(result.warnings()).extracting(Issue::line, Issue::code).containsExactly(
        org.assertj.core.groups.Tuple.tuple(8, ReasonCode.MENTOR_NOT_FOUND));
    assertThat(result.counts().workersRead()).isEqualTo(8);
    assertThat(result.counts().workersAccepted()).isEqualTo(3);
  }

  @Test
  void aFileThisUserMayNotReadIsRefusedNamingThePermissionAndTheFileButNoAccount() throws IOException {
    // Another account uploaded under umask 077: workers.csv is rw------- and not this user's.
    // Java's stream says so as "FileNotFoundException: <path> (Permission denied)", which the
    // reason quoted as it was. This process may read any file when it runs as root, so the file
    // system here refuses the open as Hadoop's local one does for another user.
    InboxFixture.Submission submission = valid();
    java.nio.file.Path workers = submission.dir().resolve("workers.csv");
    Files.setPosixFilePermissions(workers, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    org.apache.hadoop.fs.FileSystem denying = new org.apache.hadoop.fs.FilterFileSystem(Submissions.fs(temp)) {
      @Override
      public org.apache.hadoop.fs.FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
        if (f.getName().equals("workers.csv")) {
          throw new java.io.FileNotFoundException(workers + " (Permission denied)");
        }
        return super.open(f, bufferSize);
      }
    };
    SubmissionRef ref = Submissions.scan(inbox.root(), "2025").submissions().get(0);
    SubmissionResult result = SubmissionReader.read(denying, ref, null);

    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.READ_ERROR);
    // The reason is published: it names the permissions, never an account (often a person's name).
    String expected = "cannot read " + workers + ": permission denied (rw-------): this run's user may not read it;"
        + " its owner can make it readable (chmod g+r for a group both share, or a+r)";
    // JUnit names the temporary folder with a random number, which now and then has an identity
    // number's shape and is masked as any would be: the folder's own name is not compared.
    String afterTemp = expected.substring(("cannot read " + temp).length());
    assertThat(result.rejections().get(0).reason()).startsWith("cannot read /").endsWith(afterTemp)
        .hasSameSizeAs(expected);
    assertThat(result.rejections().get(0).reason()).doesNotContain(System.getProperty("user.name"));
    // Any other fault keeps Java's words.
    assertThat(SubmissionReader.unreadable(new IOException("Input/output error"))).isEqualTo(
        "cannot read: java.io.IOException: Input/output error");
  }

  @Test
  void aFolderMovedAwayAfterTheListingIsRefusedAsUnreadableAndItsPrintsAreNotVouchedFor() throws IOException {
    InboxFixture.Submission gone = valid();
    InboxFixture.Submission other = inbox.valid("2025", InboxFixture.ID_B, worker("B1").csv());
    java.nio.file.Path root = inbox.root();
    Inbox listing = Submissions.scan(root, "2025");
    assertThat(listing.submissions()).hasSize(2);
    // An operator moves the folder aside between the listing and its read, and back later.
    Files.move(gone.dir(), outside.resolve("aside"));
    java.util.List<SubmissionResult> results = listing.submissions().stream()
        .map(ref -> SubmissionReader.read(Submissions.fs(root), ref, null)).toList();

    SubmissionResult refused = results.stream().filter(r -> r.ref().enterpriseId().equals(ID_A)).findFirst().orElseThrow();
    assertThat(refused.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(refused)).containsExactly(ReasonCode.READ_ERROR);
    IngestResult ingest = new IngestResult("run", root.toString(), "w", Instant.EPOCH, Instant.EPOCH, results,
        listing, new java.util.TreeSet<>(), java.util.Map.of(), java.util.Map.of());
    // The next night reads the period again rather than trust the plan's prints of a folder not read.
    assertThat(ingest.submissionsRead()).containsExactly("2025/" + InboxFixture.ID_B);
  }

  // ---- Links and pipes ------------------------------------------------------------------------

  @Test
  void aSymlinkedWorkersCsvRejectsTheSubmissionAndIsNeverRead() throws IOException {
    InboxFixture.Submission s = inbox.submission("2025", ID_A).enterprise(InboxFixture.enterprise("2025", ID_A))
        .symlink("workers.csv", secretRoster());
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.NOT_REGULAR_FILE);
    assertThat(result.rejections().get(0).path()).endsWith("/" + ID_A + "/workers.csv");
    assertThat(result.rejections().get(0).reason()).contains("workers.csv", "link");
    assertThat(result.fileHashes()).isEmpty();
    assertThat(result.counts().workersRead()).isZero();
    assertNothingFrom(result, "LEAKED42");
    assertNothingFrom(result, "SECRET_HONOUR");
  }

  @Test
  void aSymlinkedEnterpriseJsonRejectsTheSubmission() throws IOException {
    Path json = outside.resolve("e.json");
    Files.writeString(json, InboxFixture.enterprise("2025", ID_A).toPrettyString());
    InboxFixture.Submission s = inbox.submission("2025", ID_A).workers(worker("W1").csv()).symlink("enterprise.json", json);
    SubmissionResult result = read(s);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.NOT_REGULAR_FILE);
    assertThat(result.enterprise()).isNull();
  }

  @Test
  void aSymlinkOfAnyNameRejectsTheSubmission() {
    InboxFixture.Submission s = valid();
    s.symlink("notes.txt", s.dir().resolve("workers.csv"));
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.NOT_REGULAR_FILE);
    assertThat(result.workers()).isEmpty();
  }

  @Test
  void aSymlinkedFolderInsideTheSubmissionRejectsIt() {
    InboxFixture.Submission s = valid();
    s.symlink("more", outside);
    assertThat(rejectionCodes(read(s))).containsExactly(ReasonCode.NOT_REGULAR_FILE);
  }

  @Test
  void aLinkDeepInsideASubFolderRejectsTheSubmission() throws IOException {
    // The contract refuses a submission holding a link anywhere, not only at its top.
    InboxFixture.Submission s = valid();
    java.nio.file.Path deeper = java.nio.file.Files.createDirectories(s.dir().resolve("sub/deeper"));
    java.nio.file.Files.createSymbolicLink(deeper.resolve("workers.csv"), outside);
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.NOT_REGULAR_FILE);
    assertThat(result.rejections().get(0).reason()).contains("sub/deeper/workers.csv", "folder 'sub'");
    assertThat(result.counts().workersAccepted()).isZero();
  }

  @Test
  void aDanglingSymlinkRejectsTheSubmission() {
    // The link points nowhere: it must still be seen, not skipped as if it were not there.
    InboxFixture.Submission s = valid();
    s.symlink("notes.txt", outside.resolve("gone.txt"));
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.NOT_REGULAR_FILE);
  }

  @Test
  void aDanglingSymlinkedWorkersCsvIsALinkNotAMissingFile() {
    InboxFixture.Submission s = inbox.submission("2025", ID_A).enterprise(InboxFixture.enterprise("2025", ID_A))
        .symlink("workers.csv", outside.resolve("gone.csv"));
    assertThat(rejectionCodes(read(s))).containsExactly(ReasonCode.NOT_REGULAR_FILE);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aSymlinkToAPipeIsNeverOpened() {
    // Opening a pipe for reading blocks until a writer comes: if the link were followed, the test
    // would hang and time out.
    Path pipe = outside.resolve("pipe");
    assumeTrue(InboxFixture.mkfifo(pipe), "mkfifo is not available");
    InboxFixture.Submission s = inbox.submission("2025", ID_A).enterprise(InboxFixture.enterprise("2025", ID_A))
        .symlink("workers.csv", pipe);
    assertThat(rejectionCodes(read(s))).containsExactly(ReasonCode.NOT_REGULAR_FILE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"workers.csv", "studios.csv", "upload.tmp"})
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPipeInTheSubmissionRejectsItWithoutReadingIt(String name) {
    InboxFixture.Submission s = inbox.submission("2025", ID_A).enterprise(InboxFixture.enterprise("2025", ID_A));
    if (!name.equals("workers.csv")) {
      s.workers(worker("W1").csv());
    }
    assumeTrue(InboxFixture.mkfifo(s.dir().resolve(name)), "mkfifo is not available");
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.NOT_REGULAR_FILE);
    assertThat(result.rejections().get(0).reason()).contains(name);
  }

  // ---- What the warehouse holds ---------------------------------------------------------------

  @Test
  void fileHashesAreTheSha256OfTheBytes() throws Exception {
    InboxFixture.Submission s = valid().studios(studio("S1").csv());
    SubmissionResult result = read(s);
    for (String name : new String[] {"enterprise.json", "workers.csv", "studios.csv"}) {
      assertThat(result.fileHashes()).containsEntry(name, sha256(Files.readAllBytes(s.dir().resolve(name))));
    }
    assertThat(result.contentHash()).matches("[0-9a-f]{64}");
  }

  @Test
  void theContentHashChangesWithAnyContractFileAndOnlyWithThem() {
    InboxFixture.Submission s = valid();
    String first = read(s).contentHash();
    assertThat(read(s).contentHash()).isEqualTo(first);
    s.text("说明.txt", "a note");
    assertThat(read(s).contentHash()).isEqualTo(first);
    s.workers(worker("W1").csv(), worker("W2").with("training_hours", "13").csv());
    String second = read(s).contentHash();
    assertThat(second).isNotEqualTo(first);
    s.studios();
    assertThat(read(s).contentHash()).isNotEqualTo(second);
  }

  @Test
  void theSameContentAsHeldIsUnchanged() {
    InboxFixture.Submission s = valid();
    String hash = read(s).contentHash();
    SubmissionResult result = read(s, new HeldSubmission(hash, SUBMITTED));
    assertThat(result.status()).isEqualTo(Status.UNCHANGED);
    assertThat(result.contentHash()).isEqualTo(hash);
    assertThat(result.workers()).isEmpty();
    assertThat(result.rejections()).isEmpty();
  }

  /** Prints of the submission's files with the given hashes, by file name, as they are on disk now (size, change stamp). */
  private static java.util.Map<String, HeldSubmission.FilePrint> prints(InboxFixture.Submission s,
      java.util.Map<String, String> hashes) {
    java.util.Map<String, HeldSubmission.FilePrint> prints = new java.util.TreeMap<>();
    hashes.forEach((name, sha) -> {
      java.io.File file = s.dir().resolve(name).toFile();
      try {
        org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toURI());
        prints.put(name, new HeldSubmission.FilePrint(file.length(), Entries.changeStamp(fs, path, fs.getFileStatus(path)), sha));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return prints;
  }

  /** The content hash by its definition: SHA-256 of "name hash" lines in name order. */
  private static String contentHash(java.util.Map<String, String> hashes) throws Exception {
    StringBuilder manifest = new StringBuilder();
    new java.util.TreeMap<>(hashes).forEach((name, sha) -> manifest.append(name).append(' ').append(sha).append('\n'));
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aHeldSubmissionWhoseFilesKeepTheirPrintsIsUnchangedWithoutReadingThem() throws Exception {
    InboxFixture.Submission s = valid();
    // Hashes no file has: were the files read, the content would differ from the held one.
    java.util.Map<String, String> recorded = java.util.Map.of("enterprise.json", "a".repeat(64), "workers.csv", "b".repeat(64));
    SubmissionResult result = read(s, new HeldSubmission(contentHash(recorded), SUBMITTED, prints(s, recorded)));
    assertThat(result.status()).isEqualTo(Status.UNCHANGED);
    assertThat(result.fileHashes()).isEqualTo(recorded);
  }

  @Test
  void aPrintWhoseTimeChangedIsNotTakenAndTheFileIsRead() throws Exception {
    InboxFixture.Submission s = valid();
    java.util.Map<String, String> recorded = java.util.Map.of("enterprise.json", "a".repeat(64), "workers.csv", "b".repeat(64));
    java.util.Map<String, HeldSubmission.FilePrint> prints = new java.util.TreeMap<>(prints(s, recorded));
    HeldSubmission.FilePrint workers = prints.get("workers.csv");
    prints.put("workers.csv", new HeldSubmission.FilePrint(workers.size(), workers.modified() - 1000, workers.sha256()));
    SubmissionResult result = read(s, new HeldSubmission(contentHash(recorded), SUBMITTED, prints));
    // Read, workers.csv is other than recorded: same submitted_at, other content.
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.CONFLICTS_WITH_HELD);
  }

  @Test
  void aSubmissionParsedDespiteAPrintRecordsTheHashesOfWhatItRead() throws Exception {
    InboxFixture.Submission s = valid();
    // SHA-256 of each file's bytes, made here.
    java.util.Map<String, String> real = new java.util.TreeMap<>();
    for (String name : java.util.List.of("enterprise.json", "workers.csv")) {
      real.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(s.dir().resolve(name)))));
    }
    java.util.Map<String, HeldSubmission.FilePrint> prints = prints(s, java.util.Map.of("enterprise.json", "a".repeat(64)));
    SubmissionResult result = read(s, new HeldSubmission("0".repeat(64), SUBMITTED.minusSeconds(1), prints));
    // workers.csv is new to the warehouse: the submission is parsed, enterprise.json with it.
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.rejections()).isEmpty();
    assertThat(result.fileHashes()).isEqualTo(real);
  }

  @Test
  void aLaterSubmissionReplacesTheHeldOne() {
    SubmissionResult result = read(valid(), new HeldSubmission("0".repeat(64), SUBMITTED.minusSeconds(1)));
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.workers()).hasSize(2);
  }

  @Test
  void anEarlierSubmissionIsRefusedAndTheHeldOneStays() {
    Instant held = SUBMITTED.plusSeconds(60);
    SubmissionResult result = read(valid(), new HeldSubmission("0".repeat(64), held));
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.OLDER_THAN_HELD);
    assertThat(result.rejections().get(0).reason()).contains(SUBMITTED.toString(), held.toString());
    assertThat(result.workers()).isEmpty();
    assertThat(result.counts().workersAccepted()).isZero();
  }

  @Test
  void theSameTimeWithOtherContentConflicts() {
    SubmissionResult result = read(valid(), new HeldSubmission("0".repeat(64), SUBMITTED));
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.CONFLICTS_WITH_HELD);
  }

  @Test
  void anInvalidSubmissionIsRejectedForItsFaultNotComparedWithTheHeldOne() {
    InboxFixture.Submission s = valid();
    s.enterprise(InboxFixture.enterprise("2025", ID_A).put("industry", "shipbuilding"));
    SubmissionResult result = read(s, new HeldSubmission("0".repeat(64), SUBMITTED.plusSeconds(60)));
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.BAD_FIELD);
  }

  @Test
  void warningsOfARejectedSubmissionAreKeptInTheResult() {
    InboxFixture.Submission s = valid().text("说明.txt", "note");
    s.enterprise(InboxFixture.enterprise("2025", ID_A).put("industry", "shipbuilding"));
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(warnings(result)).containsExactly("说明.txt null null IGNORED_FILE");
  }

  // ---- Limits that keep a task's memory bounded -------------------------------------------------

  @Test
  void aSubmissionWithMoreThanOneHundredThousandRejectedRowsIsRefusedWhole() {
    // 100,000 rows with a bad skill level are rejected one by one; one more refuses the submission.
    String[] bad = new String[SubmissionReader.MAX_REJECTED_ROWS + 1];
    for (int i = 0; i < bad.length; i++) {
      bad[i] = worker("W" + i).with("skill_level", "guru").csv();
    }
    SubmissionResult atLimit = read(inbox.valid("2025", ID_A, java.util.Arrays.copyOf(bad, bad.length - 1)));
    assertThat(atLimit.status()).isEqualTo(Status.ACCEPTED);
    assertThat(atLimit.rejectedRows()).hasSize(100_000);
    assertThat(atLimit.counts().workersRead()).isEqualTo(100_000);

    SubmissionResult over = read(inbox.valid("2024", ID_A, bad));
    assertThat(over.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(over)).containsExactly(ReasonCode.TOO_MANY_REJECTED_ROWS);
    // Line 100,002 is the 100,001st data row.
    assertThat(over.rejections().get(0).reason())
        .isEqualTo("workers.csv: more than 100,000 rows of the submission are rejected (line 100002 is one too many);"
            + " check the file against the contract");
    assertThat(over.rejectedRows()).isEmpty();
    assertThat(over.counts().workersRead()).isZero();
    assertThat(over.contentHash()).isNotNull();
  }

  @Test
  void aCsvFileOverTwoHundredFiftySixMebibytesIsRefusedBeforeItIsRead() throws Exception {
    InboxFixture.Submission s = inbox.valid("2025", ID_A, worker("W1").csv());
    byte[] roster = Files.readAllBytes(s.dir().resolve("workers.csv"));
    // A sparse file: the roster, then zeros up to 256 MiB and one byte, without writing them.
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(
        inbox.root().resolve("2025").resolve(ID_A).resolve("workers.csv").toFile(), "rw")) {
      file.setLength((256L << 20) + 1);
    }
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.FILE_TOO_LARGE);
    assertThat(result.rejections().get(0).reason())
        .isEqualTo("workers.csv is 268,435,457 bytes, more than the 268,435,456 one file may have");
    // Known by its size and its two ends (the roster and zeros; zeros), not read whole.
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    expected.update("oversized 268435457\n".getBytes(StandardCharsets.UTF_8));
    expected.update(java.util.Arrays.copyOf(roster, 1 << 20));
    expected.update(new byte[1 << 20]);
    assertThat(result.fileHashes()).containsEntry("workers.csv", HexFormat.of().formatHex(expected.digest()));
  }

  @Test
  void anOversizedEnterpriseJsonIsRefusedWithoutBeingReadWhole() throws Exception {
    InboxFixture.Submission s = valid();
    byte[] json = Files.readAllBytes(s.dir().resolve("enterprise.json"));
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(s.dir().resolve("enterprise.json").toFile(), "rw")) {
      file.setLength(300L << 20);
    }
    SubmissionResult result = read(s);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.BAD_JSON);
    assertThat(result.rejections().get(0).reason()).isEqualTo("enterprise.json is larger than 67108864 bytes");
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    expected.update(("oversized " + (300L << 20) + "\n").getBytes(StandardCharsets.UTF_8));
    expected.update(java.util.Arrays.copyOf(json, 1 << 20));
    expected.update(new byte[1 << 20]);
    assertThat(result.fileHashes()).containsEntry("enterprise.json", HexFormat.of().formatHex(expected.digest()));
  }

  /**
   * A file that grows between the look at its size and the end of its read, as an upload still
   * being written does: ten more rows are appended as the reader opens it.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"workers.csv,false", "enterprise.json,false", "workers.csv,true"})
  void aFileThatGrowsWhileItIsReadRefusesTheSubmissionForNow(String name, boolean held) throws IOException {
    InboxFixture.Submission s = valid();
    Path file = s.dir().resolve(name);
    long before = Files.size(file);
    String more = (worker("W9").csv() + "\n").repeat(10);
    // A submission the warehouse holds (another content, earlier) is hashed first, then parsed:
    // the file grows as the parse opens it, its second opening.
    int growsAt = held ? 2 : 1;
    java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.hadoop.fs.FileSystem growing = new org.apache.hadoop.fs.FilterFileSystem(Submissions.fs(temp)) {
      @Override
      public org.apache.hadoop.fs.FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
        if (f.getName().equals(name) && opened.incrementAndGet() == growsAt) {
          Files.writeString(file, more, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        }
        return super.open(f, bufferSize);
      }
    };
    SubmissionRef ref = Submissions.scan(inbox.root(), "2025").submissions().get(0);
    SubmissionResult result = SubmissionReader.read(growing, ref,
        held ? new HeldSubmission("0".repeat(64), SUBMITTED.minusSeconds(1)) : null);
    assertThat(opened.get()).isGreaterThanOrEqualTo(growsAt);
    // One refusal: not also one for the hash made before the parse, which no longer matches.
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.READ_ERROR);
    assertThat(result.rejections().get(0).reason()).isEqualTo(String.format(
        "%s changed while it was being read (%,d bytes when the read began, %,d at its end: an upload still under way?); "
            + "it is read again once it no longer changes", name, before, before + more.length()));
    assertThat(result.workers()).isEmpty();
  }

  @Test
  void aFileSwappedForALinkAfterTheListingRefusesTheSubmissionAndNothingOfTheTargetIsKept() throws IOException {
    InboxFixture.Submission s = valid();
    Path file = s.dir().resolve("workers.csv");
    Path secret = secretRoster();
    java.util.concurrent.atomic.AtomicBoolean swapped = new java.util.concurrent.atomic.AtomicBoolean();
    org.apache.hadoop.fs.FileSystem swapping = new org.apache.hadoop.fs.FilterFileSystem(Submissions.fs(temp)) {
      @Override
      public org.apache.hadoop.fs.FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
        if (f.getName().equals("workers.csv") && !swapped.getAndSet(true)) {
          Files.delete(file);
          Files.createSymbolicLink(file, secret);
        }
        return super.open(f, bufferSize);
      }
    };
    SubmissionRef ref = Submissions.scan(inbox.root(), "2025").submissions().get(0);
    SubmissionResult result = SubmissionReader.read(swapping, ref, null);
    assertThat(swapped).isTrue();
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.NOT_REGULAR_FILE);
    assertThat(result.rejections().get(0).reason()).isEqualTo(
        "workers.csv became a symbolic link or special file while it was being read; what it leads to is not used");
    assertNothingFrom(result, "LEAKED42");
    assertNothingFrom(result, "SECRET_HONOUR");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
