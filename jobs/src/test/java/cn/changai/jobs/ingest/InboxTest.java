package cn.changai.jobs.ingest;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.ID_B;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static cn.changai.jobs.ingest.Submissions.fs;
import static cn.changai.jobs.ingest.Submissions.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Listing an inbox: period folders, submission folders, and what does not belong there. */
class InboxTest {

  @TempDir Path temp;
  private InboxFixture inbox;
  private Path outside;

  @BeforeEach
  void setUp() throws IOException {
    inbox = new InboxFixture(temp.resolve("inbox"));
    outside = Files.createDirectories(temp.resolve("outside"));
  }

  @Test
  void listsEverySubmissionSortedByPeriodAndId() {
    inbox.valid("2025", ID_B, worker("W1").csv());
    inbox.valid("2025", ID_A, worker("W1").csv());
    inbox.valid("2024Q4", ID_A, worker("W1").csv());
    Inbox listing = scan(inbox.root());
    assertThat(listing.submissions()).extracting(SubmissionRef::key)
        .containsExactly("2024Q4/" + ID_A, "2025/" + ID_A, "2025/" + ID_B);
    assertThat(listing.submissions()).allSatisfy(r -> assertThat(r.regularFolder()).isTrue());
    assertThat(listing.submissions().get(1).path()).startsWith("file:").endsWith("/inbox/2025/" + ID_A);
    assertThat(listing.rejections()).isEmpty();
    assertThat(listing.warnings()).isEmpty();
    assertThat(listing.periods()).containsExactly("2024Q4", "2025");
  }

  @Test
  void anInboxUnderAnOddlyNamedFolderIsReadLikeAnyOther() throws IOException {
    InboxFixture odd = new InboxFixture(temp.resolve("收件 箱 100%"));
    InboxFixture.Submission s = odd.valid("2025", ID_A, worker("W1").csv()).text("备注 #1.txt", "x");
    Inbox listing = scan(odd.root());
    assertThat(listing.submissions()).extracting(SubmissionRef::key).containsExactly("2025/" + ID_A);
    SubmissionResult result = SubmissionReader.read(fs(odd.root()), listing.submissions().get(0), null);
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.workers()).hasSize(1);
    assertThat(result.warnings()).extracting(Issue::file).containsExactly("备注 #1.txt");
    assertThat(s.dir()).isDirectory();
  }

  @Test
  void onlyTheAskedPeriods() {
    inbox.valid("2025", ID_A, worker("W1").csv());
    inbox.valid("2024", ID_A, worker("W1").csv());
    inbox.submission("bad-period", ID_A);
    Inbox listing = scan(inbox.root(), "2024");
    assertThat(listing.submissions()).extracting(SubmissionRef::key).containsExactly("2024/" + ID_A);
    assertThat(listing.rejections()).isEmpty();
  }

  @Test
  void aFolderThatIsNoPeriodIsRejected() {
    inbox.valid("2025H3", ID_A, worker("W1").csv());
    inbox.submission("misc", ID_A);
    Inbox listing = scan(inbox.root());
    assertThat(listing.submissions()).isEmpty();
    assertThat(listing.rejections()).extracting(p -> p.period() + " " + p.rejection().code())
        .containsExactly("2025H3 BAD_PERIOD_FOLDER", "misc BAD_PERIOD_FOLDER");
    assertThat(listing.rejections().get(0).rejection().reason()).contains("'2025H3'");
  }

  @Test
  void strayFilesAreIgnored() throws IOException {
    inbox.valid("2025", ID_A, worker("W1").csv());
    Files.writeString(inbox.root().resolve("README.txt"), "x");
    Files.writeString(inbox.root().resolve("2025").resolve("汇总.xlsx"), "x");
    Inbox listing = scan(inbox.root());
    assertThat(listing.submissions()).hasSize(1);
    assertThat(listing.ignoredAtRoot()).containsExactly("README.txt");
    assertThat(listing.warnings()).singleElement().satisfies(w -> {
      assertThat(w.period()).isEqualTo("2025");
      assertThat(w.issue().code()).isEqualTo(ReasonCode.IGNORED_FILE);
      assertThat(w.issue().file()).isEqualTo("汇总.xlsx");
    });
  }

  @Test
  void filesAtTheRootAreListedWhateverPeriodsAreKeptAndNamesHoldingNumbersMasked() throws IOException {
    // The nightly run lists only the periods it reads again; the root's files are still the run's to list.
    inbox.valid("2025", ID_A, worker("W1").csv());
    inbox.valid("2024", ID_A, worker("W1").csv());
    Files.writeString(inbox.root().resolve("README.txt"), "x");
    Files.writeString(inbox.root().resolve("张三13912345678.txt"), "x");
    Inbox listing = scan(inbox.root(), "2024");
    assertThat(listing.submissions()).singleElement().satisfies(s -> assertThat(s.period()).isEqualTo("2024"));
    assertThat(listing.ignoredAtRoot()).containsExactlyInAnyOrder("README.txt", "张三***********.txt");
  }

  @Test
  void pastAHundredStrayFilesInAPeriodFolderTheRestAreCountedInOneWarning() throws IOException {
    inbox.valid("2025", ID_A, worker("W1").csv());
    for (int i = 0; i < 250; i++) {
      Files.writeString(inbox.root().resolve("2025").resolve(String.format("x%03d.txt", i)), "x");
    }
    Inbox listing = scan(inbox.root());
    // 250 stray files: 100 warnings one by one, and one for the other 150.
    assertThat(listing.warnings()).hasSize(101).allMatch(w -> w.issue().code() == ReasonCode.IGNORED_FILE);
    assertThat(listing.warnings().get(100).issue().file()).isEqualTo("…");
    assertThat(listing.warnings().get(100).issue().reason()).isEqualTo("150 more files in period folder 2025 that are"
        + " not submissions (250 in all) are ignored as well, not listed one by one");
  }

  @Test
  void aSymlinkedSubmissionFolderIsRejectedAndNeverRead() throws IOException {
    // A complete, valid submission outside the inbox, linked in under a valid id.
    InboxFixture elsewhere = new InboxFixture(outside.resolve("inbox"));
    InboxFixture.Submission real = elsewhere.valid("2025", ID_A, worker("LEAKED42").csv());
    Files.createDirectories(inbox.root().resolve("2025"));
    Files.createSymbolicLink(inbox.root().resolve("2025").resolve(ID_A), real.dir());

    Inbox listing = scan(inbox.root());
    assertThat(listing.submissions()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("2025/" + ID_A);
      assertThat(r.regularFolder()).isFalse();
    });
    SubmissionResult result = SubmissionReader.read(fs(inbox.root()), listing.submissions().get(0), null);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(result.rejections()).extracting(Rejection::code).containsExactly(ReasonCode.NOT_REGULAR_FILE);
    assertThat(result.fileHashes()).isEmpty();
    assertThat(result.enterprise()).isNull();
    assertThat(result.counts().workersRead()).isZero();
    assertThat(String.valueOf(result)).doesNotContain("LEAKED42");
  }

  @Test
  void aDanglingSymlinkedSubmissionFolderIsRejected() throws IOException {
    Files.createDirectories(inbox.root().resolve("2025"));
    Files.createSymbolicLink(inbox.root().resolve("2025").resolve(ID_A), outside.resolve("gone"));
    Inbox listing = scan(inbox.root());
    assertThat(listing.submissions()).singleElement().satisfies(r -> assertThat(r.regularFolder()).isFalse());
  }

  @Test
  void aSymlinkedPeriodFolderIsRejected() throws IOException {
    InboxFixture elsewhere = new InboxFixture(outside.resolve("inbox"));
    elsewhere.valid("2025", ID_A, worker("W1").csv());
    Files.createSymbolicLink(inbox.root().resolve("2025"), elsewhere.root().resolve("2025"));
    inbox.valid("2024", ID_A, worker("W1").csv());

    Inbox listing = scan(inbox.root());
    assertThat(listing.submissions()).extracting(SubmissionRef::key).containsExactly("2024/" + ID_A);
    assertThat(listing.rejections()).singleElement().satisfies(p -> {
      assertThat(p.period()).isEqualTo("2025");
      assertThat(p.enterpriseId()).isNull();
      assertThat(p.rejection().code()).isEqualTo(ReasonCode.NOT_REGULAR_FILE);
    });
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPipeInAPeriodFolderIsARejectedSubmission() throws IOException {
    Files.createDirectories(inbox.root().resolve("2025"));
    assumeTrue(InboxFixture.mkfifo(inbox.root().resolve("2025").resolve(ID_A)), "mkfifo is not available");
    Inbox listing = scan(inbox.root());
    assertThat(listing.submissions()).singleElement().satisfies(r -> assertThat(r.regularFolder()).isFalse());
    SubmissionResult result = SubmissionReader.read(fs(inbox.root()), listing.submissions().get(0), null);
    assertThat(result.rejections()).extracting(Rejection::code).containsExactly(ReasonCode.NOT_REGULAR_FILE);
  }
}
