package cn.changai.jobs.ingest;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.ID_B;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static cn.changai.jobs.ingest.Submissions.fs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import cn.changai.jobs.run.InboxDigest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders an uploader or a bad night can leave: links deep inside a submission, folders nobody may
 * list. As root, chmod 000 does not stop a listing, so an unreadable folder is a file system that
 * refuses to list the folders it is given, as HDFS or a read-protected mount would.
 */
class HostileFoldersTest {

  @TempDir Path temp;
  private InboxFixture inbox;

  @BeforeEach
  void setUp() {
    inbox = new InboxFixture(temp.resolve("inbox"));
  }

  private static org.apache.hadoop.fs.Path hadoop(Path path) {
    // As Entries.list names a sub-folder: file: and the path, no trailing slash.
    return new org.apache.hadoop.fs.Path("file:" + path);
  }

  @Test
  void aLinkDeepInASubFolderIsFoundWithoutBeingFollowed() throws IOException {
    InboxFixture.Submission s = inbox.valid("2025", ID_A, worker("W1").csv());
    Path deep = Files.createDirectories(s.dir().resolve("attachments/2025/scans"));
    Files.writeString(deep.resolve("note.txt"), "x");
    Files.createSymbolicLink(deep.resolve("passwd"), Path.of("/etc/passwd"));
    FileSystem fs = fs(inbox.root());
    org.apache.hadoop.fs.Path sub = hadoop(s.dir().resolve("attachments"));
    assertThat(Entries.firstLinkInside(fs, sub)).hasValueSatisfying(p -> assertThat(p.toString()).endsWith(
        "/inbox/2025/" + ID_A + "/attachments/2025/scans/passwd"));
    Rejection r = Entries.linkInside(fs, sub).orElseThrow();
    assertThat(r.code()).isEqualTo(ReasonCode.NOT_REGULAR_FILE);
    assertThat(r.path()).endsWith("/attachments/2025/scans/passwd");
    assertThat(r.reason()).isEqualTo("attachments/2025/scans/passwd is a symbolic link or special file inside folder"
        + " 'attachments'; links are never followed, and the submission is refused whole");
  }

  @Test
  void aSubFolderWithoutLinksHoldsNone() throws IOException {
    InboxFixture.Submission s = inbox.valid("2025", ID_A, worker("W1").csv());
    Files.createDirectories(s.dir().resolve("old/older"));
    Files.writeString(s.dir().resolve("old/older/workers.csv"), "x");
    assertThat(Entries.linkInside(fs(inbox.root()), hadoop(s.dir().resolve("old")))).isEmpty();
  }

  @Test
  @Timeout(20)
  void aLinkBackToTheSubmissionOrADeepNestDoesNotLoop() throws IOException {
    InboxFixture.Submission s = inbox.valid("2025", ID_A, worker("W1").csv());
    Files.createDirectories(s.dir().resolve("loop"));
    Files.createSymbolicLink(s.dir().resolve("loop/again"), s.dir());
    FileSystem fs = fs(inbox.root());
    assertThat(Entries.firstLinkInside(fs, hadoop(s.dir().resolve("loop"))).map(p -> p.getName())).contains("again");
    // 600 levels: a recursive walk would be fine here, but the walk must not depend on it.
    Path nest = s.dir().resolve("nest");
    Path bottom = nest;
    for (int i = 0; i < 600; i++) {
      bottom = bottom.resolve("d");
    }
    Files.createDirectories(bottom);
    assertThat(Entries.firstLinkInside(fs, hadoop(nest))).isEmpty();
    Files.createSymbolicLink(bottom.resolve("l"), Path.of("/"));
    assertThat(Entries.firstLinkInside(fs, hadoop(nest)).map(p -> p.getName())).contains("l");
  }

  @Test
  void aPipeInASubFolderIsFoundToo() throws IOException {
    InboxFixture.Submission s = inbox.valid("2025", ID_A, worker("W1").csv());
    Path sub = Files.createDirectories(s.dir().resolve("sub"));
    assumeTrue(InboxFixture.mkfifo(sub.resolve("pipe")), "mkfifo is not available");
    assertThat(Entries.firstLinkInside(fs(inbox.root()), hadoop(sub)).map(p -> p.getName())).contains("pipe");
  }

  /** A local file system that refuses to list the given folders, as a read-protected folder does. */
  private static final class Refusing extends FilterFileSystem {
    private final Set<String> refused;

    Refusing(Path... refused) throws IOException {
      super(FileSystem.getLocal(new Configuration()).getRawFileSystem());
      this.refused = java.util.Arrays.stream(refused).map(p -> p.toUri().getPath().replaceAll("/$", ""))
          .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public URI getUri() {
      // Another scheme than file: Entries lists through Hadoop, as on HDFS.
      return URI.create("refusing:///");
    }

    @Override
    public FileStatus[] listStatus(org.apache.hadoop.fs.Path folder) throws IOException {
      String path = folder.toUri().getPath();
      if (refused.contains(path)) {
        throw new AccessDeniedException(path);
      }
      return super.listStatus(folder);
    }
  }

  private static org.apache.hadoop.fs.Path unqualified(Path path) {
    return new org.apache.hadoop.fs.Path(path.toString());
  }

  @Test
  void anUnreadablePeriodFolderIsRefusedAndTheOthersGoOn() throws IOException {
    inbox.valid("2024", ID_A, worker("W1").csv());
    inbox.valid("2025", ID_B, worker("W1").csv());
    Path period = inbox.root().resolve("2024");
    Inbox listing = Inbox.scan(new Refusing(period), unqualified(inbox.root()), Set.of());
    assertThat(listing.submissions()).extracting(SubmissionRef::key).containsExactly("2025/" + ID_B);
    assertThat(listing.rejections()).singleElement().satisfies(p -> {
      assertThat(p.period()).isEqualTo("2024");
      assertThat(p.enterpriseId()).isNull();
      assertThat(p.rejection().code()).isEqualTo(ReasonCode.READ_ERROR);
      assertThat(p.rejection().path()).endsWith("/inbox/2024");
      assertThat(p.rejection().reason())
          .isEqualTo("period folder 2024 cannot be listed (permission denied), so none of its submissions is read");
    });
    assertThat(listing.periods()).containsExactly("2024", "2025");
  }

  @Test
  void anUnreadableSubmissionFolderIsRefusedWithItsCause() throws IOException {
    inbox.valid("2025", ID_A, worker("W1").csv());
    inbox.valid("2025", ID_B, worker("W1").csv());
    Refusing fs = new Refusing(inbox.root().resolve("2025").resolve(ID_A));
    Inbox listing = Inbox.scan(fs, unqualified(inbox.root()), Set.of());
    assertThat(listing.submissions()).extracting(SubmissionRef::key).containsExactly("2025/" + ID_A, "2025/" + ID_B);
    SubmissionResult refused = SubmissionReader.read(fs, listing.submissions().get(0), null);
    assertThat(refused.status()).isEqualTo(Status.REJECTED);
    assertThat(refused.rejections()).singleElement().satisfies(r -> {
      assertThat(r.code()).isEqualTo(ReasonCode.READ_ERROR);
      assertThat(r.reason()).isEqualTo("cannot read: cannot list folder '" + ID_A + "': permission denied");
    });
    assertThat(SubmissionReader.read(fs, listing.submissions().get(1), null).status()).isEqualTo(Status.ACCEPTED);
  }

  @Test
  void anUnreadableFolderInsideASubmissionMayHideALinkSoItIsAnError() throws IOException {
    InboxFixture.Submission s = inbox.valid("2025", ID_A, worker("W1").csv());
    Path sub = Files.createDirectories(s.dir().resolve("sub/locked"));
    assertThatThrownBy(() -> Entries.linkInside(new Refusing(sub), unqualified(s.dir().resolve("sub"))))
        .isInstanceOf(Entries.UnreadableFolderException.class)
        .hasMessage("cannot list folder 'locked': permission denied");
  }

  @Test
  void theNightlyDigestLooksPastAnUnreadableFolder() throws IOException {
    inbox.valid("2024", ID_A, worker("W1").csv());
    inbox.valid("2025", ID_A, worker("W1").csv());
    inbox.valid("2025", ID_B, worker("W1").csv());
    org.apache.hadoop.fs.Path root = unqualified(inbox.root());
    InboxDigest readable = InboxDigest.of(new Refusing(), root, Map.of()).completed(new Refusing(), Map.of());
    Refusing refusing = new Refusing(inbox.root().resolve("2024"), inbox.root().resolve("2025").resolve(ID_B));
    InboxDigest refused = InboxDigest.of(refusing, root, Map.of()).completed(refusing, Map.of());
    assertThat(refused.periods().keySet()).containsExactly("2024", "2025");
    assertThat(refused.periods().get("2024")).isNotEqualTo(readable.periods().get("2024"));
    assertThat(refused.periods().get("2025")).isNotEqualTo(readable.periods().get("2025"));
    // The readable submission's files and its folder's print; nothing of the unreadable ones.
    assertThat(refused.files().keySet()).containsExactlyInAnyOrder(
        "2025/" + ID_A + "/enterprise.json", "2025/" + ID_A + "/workers.csv", "2025/" + ID_A + "/", "/");
  }

  @Test
  void aLinkAppearingInASubFolderChangesTheNightlyDigest() throws IOException {
    InboxFixture.Submission s = inbox.valid("2025", ID_A, worker("W1").csv());
    Files.createDirectories(s.dir().resolve("sub"));
    FileSystem fs = fs(inbox.root());
    org.apache.hadoop.fs.Path root = fs.makeQualified(hadoop(inbox.root()));
    InboxDigest before = InboxDigest.of(fs, root, Map.of()).completed(fs, Map.of());
    assertThat(InboxDigest.of(fs, root, before.files()).periods()).isEqualTo(before.periods());
    Files.createSymbolicLink(s.dir().resolve("sub/l"), Path.of("/etc/passwd"));
    // The next night, every file as it was: only the link changes the period.
    InboxDigest after = InboxDigest.of(fs, root, before.files());
    assertThat(after.periods().get("2025")).isNotEqualTo(before.periods().get("2025")).isNotEqualTo(InboxDigest.CHANGED);
  }
  // ---- Names whose bytes are no text ------------------------------------------------------------

  /** Makes {@code name} in {@code folder} by bytes (Java cannot name what is no text): "x\\xff". */
  private static void makeByBytes(Path folder, String kind, String name) throws IOException, InterruptedException {
    String command = (kind.equals("folder") ? "mkdir " : "printf x > ") + "$'" + name + "'";
    Process p = new ProcessBuilder("bash", "-c", "cd \"$1\" && " + command, "bash", folder.toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  /** How the JVM reads a name of these bytes (U+FFFD for each that is no text). */
  private static String asRead(byte... bytes) {
    return new String(bytes, java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")));
  }

  @Test
  void namesWhoseBytesAreNoTextAreRefusedOrIgnoredAloneAndTheRestGoesOn() throws Exception {
    InboxFixture.Submission a = inbox.valid("2025", ID_A, worker("W1").csv());
    inbox.valid("2025", ID_B, worker("W1").csv());
    // 填报说明.txt in GBK, as a zip made on Chinese Windows unpacks; a folder of such names below.
    makeByBytes(a.dir(), "file", "\\xcc\\xee\\xb1\\xa8.txt");
    makeByBytes(a.dir(), "folder", "\\xb8\\xbd");
    Files.writeString(Files.list(a.dir()).filter(f -> !f.toString().contains(".")).findFirst().orElseThrow()
        .resolve("inner.txt"), "x");
    makeByBytes(inbox.root().resolve("2025"), "folder", "x\\xff");
    makeByBytes(inbox.root(), "folder", "20\\xff25");
    FileSystem fs = fs(inbox.root());
    org.apache.hadoop.fs.Path root = fs.makeQualified(hadoop(inbox.root()));

    Inbox listing = Inbox.scan(fs, root, Set.of());
    String badPeriod = asRead((byte) '2', (byte) '0', (byte) 0xff, (byte) '2', (byte) '5');
    assertThat(listing.rejections()).singleElement().satisfies(p -> {
      assertThat(p.period()).isEqualTo(badPeriod);
      assertThat(p.rejection().code()).isEqualTo(ReasonCode.BAD_PERIOD_FOLDER);
    });
    String badFolder = asRead((byte) 'x', (byte) 0xff);
    assertThat(listing.submissions()).extracting(SubmissionRef::key)
        .containsExactly("2025/" + ID_A, "2025/" + ID_B, "2025/" + badFolder);

    SubmissionResult accepted = SubmissionReader.read(fs, listing.submissions().get(0), null);
    assertThat(accepted.status()).isEqualTo(Status.ACCEPTED);
    assertThat(accepted.warnings()).extracting(Issue::code).containsExactly(ReasonCode.IGNORED_FILE, ReasonCode.IGNORED_FILE);
    assertThat(SubmissionReader.read(fs, listing.submissions().get(1), null).status()).isEqualTo(Status.ACCEPTED);
    SubmissionResult refused = SubmissionReader.read(fs, listing.submissions().get(2), null);
    assertThat(refused.rejections()).singleElement().satisfies(r -> {
      assertThat(r.code()).isEqualTo(ReasonCode.BAD_ENTERPRISE_ID);
      assertThat(r.reason()).isEqualTo("folder '" + badFolder + "' is not a valid unified social credit code");
    });

    // The night's plan looks at all of it, and the next night finds it unchanged.
    InboxDigest first = InboxDigest.of(fs, root, Map.of()).completed(fs, Map.of());
    assertThat(first.periods().keySet()).containsExactlyInAnyOrder("2025", badPeriod);
    assertThat(InboxDigest.of(fs, root, first.files()).periods()).isEqualTo(first.periods());
  }

  @Test
  void theNightlyPlansListingNamesOrdersAndFindsEveryEntryAsIngestsListingDoes() throws Exception {
    Path folder = Files.createDirectories(inbox.root().resolve("2025").resolve(ID_A));
    // Names a URI quotes, splits or reads a scheme in, or that need more than one char a letter.
    for (String name : new String[] {"a:b", "C:x", "%41", "a b", "a#b", "a?b", "x\\y", "名 字.csv", "e\u0301",
        "\uD83D\uDE42", "new\nline", "workers.csv"}) {
      Files.writeString(folder.resolve(name), "xy");
    }
    Files.createSymbolicLink(folder.resolve("studios.csv"), Path.of("/etc/passwd"));
    makeByBytes(folder, "file", "\\xcc\\xee.txt");
    makeByBytes(folder, "folder", "\\xb8\\xbd");
    Path undecodable = Files.list(folder).filter(Files::isDirectory).findFirst().orElseThrow();
    Files.writeString(undecodable.resolve("workers.csv"), "xyz");
    FileSystem fs = fs(inbox.root());
    org.apache.hadoop.fs.Path root = fs.makeQualified(hadoop(inbox.root()));

    Entries.Entry period = Entries.entries(fs, root).get(0);
    Entries.Entry submission = Entries.entries(fs, period).get(0);
    List<Entries.Entry> entries = Entries.entries(fs, submission);
    List<org.apache.hadoop.fs.Path> listed = Entries.list(fs, Entries.list(fs, Entries.list(fs, root).get(0)).get(0));
    assertThat(entries).extracting(Entries.Entry::name)
        .containsExactlyElementsOf(listed.stream().map(org.apache.hadoop.fs.Path::getName).toList())
        // By UTF-16 unit: ASCII, then 名 (U+540D), a surrogate pair (U+D83D...), U+FFFD.
        .containsExactly("%41", "C:x", "a b", "a#b", "a:b", "a?b", "e\u0301", "new\nline", "studios.csv", "workers.csv",
            "x\\y", "名 字.csv", "\uD83D\uDE42", asRead((byte) 0xb8, (byte) 0xbd), asRead((byte) 0xcc, (byte) 0xee) + ".txt");
    assertThat(entries).extracting(Entries.Entry::path).containsExactlyElementsOf(listed);

    // One look: the kind, and a file's size and change stamp as its status tells them.
    for (Entries.Entry entry : entries) {
      org.apache.hadoop.fs.Path path = entry.path();
      Entries.Look look = Entries.look(fs, entry, true);
      assertThat(look.kind()).as(entry.name()).isEqualTo(Entries.kindOf(fs, path));
      if (look.kind() == Entries.Kind.FILE && entry.name().indexOf('\uFFFD') < 0) {
        FileStatus status = fs.getFileStatus(path);
        assertThat(look).isEqualTo(new Entries.Look(Entries.Kind.FILE, 2, Entries.changeStamp(fs, path, status)));
        assertThat(Entries.look(fs, path, true)).isEqualTo(look);
      }
    }
    assertThat(Entries.look(fs, entries.get(8), true)).isEqualTo(
        new Entries.Look(Entries.Kind.OTHER, Entries.Look.UNKNOWN, Entries.Look.UNKNOWN));
    assertThat(Entries.look(fs, entries.get(9), false)).isEqualTo(
        new Entries.Look(Entries.Kind.FILE, Entries.Look.UNKNOWN, Entries.Look.UNKNOWN));
    // A name that is no text: found by its bytes, but Hadoop's status cannot name what is below it.
    Entries.Entry inner = Entries.entries(fs, entries.get(13)).get(0);
    assertThat(inner.name()).isEqualTo("workers.csv");
    assertThat(Entries.look(fs, inner, true)).satisfies(look -> {
      assertThat(look.kind()).isEqualTo(Entries.Kind.FILE);
      assertThat(look.sized()).isFalse();
    });
  }

  @Test
  void aFolderTreeDeeperThanTheSystemCanNameRefusesItsSubmissionAloneAndDoesNotStopThePlan() throws Exception {
    InboxFixture.Submission a = inbox.valid("2025", ID_A, worker("W1").csv());
    inbox.valid("2025", ID_B, worker("W1").csv());
    // 21 folders of a 200-letter name: 4,221 bytes of path below the submission, past Linux's
    // 4,096; made a step at a time from inside, as no single call may name the whole path. (2,100
    // folders of one letter said the same in 70 s: each step resolved the whole path again.)
    Path deep = a.dir();
    String name = "a".repeat(200);
    Process p = new ProcessBuilder("bash", "-c", "cd \"$1\" && for i in $(seq 21); do mkdir $2 && cd $2 || exit 1; done",
        "bash", deep.toString(), name).redirectErrorStream(true).start();
    assertThat(p.waitFor()).isZero();
    FileSystem fs = fs(inbox.root());
    org.apache.hadoop.fs.Path root = fs.makeQualified(hadoop(inbox.root()));
    Inbox listing = Inbox.scan(fs, root, Set.of());
    SubmissionResult refused = SubmissionReader.read(fs, listing.submissions().get(0), null);
    assertThat(refused.rejections()).singleElement().satisfies(r -> {
      assertThat(r.code()).isEqualTo(ReasonCode.READ_ERROR);
      assertThat(r.reason()).isEqualTo("cannot read: cannot list folder '" + name + "': File name too long");
    });
    assertThat(SubmissionReader.read(fs, listing.submissions().get(1), null).status()).isEqualTo(Status.ACCEPTED);
    InboxDigest plan = InboxDigest.of(fs, root, Map.of()).completed(fs, Map.of());
    assertThat(plan.periods().keySet()).containsExactly("2025");
    // The folders go too: JUnit's clean-up cannot name them either.
    new ProcessBuilder("rm", "-rf", deep.resolve(name).toString()).start().waitFor();
  }
}
