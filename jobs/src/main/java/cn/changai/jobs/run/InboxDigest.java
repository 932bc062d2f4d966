package cn.changai.jobs.run;

import cn.changai.jobs.ingest.Entries;
import cn.changai.jobs.ingest.SubmissionReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A fingerprint of an inbox, made without Spark: per period, a SHA-256 over every entry's name,
 * kind and (for contract files) content hash. Content hashes are reused from the previous run
 * when a file's size and modification time are unchanged, so an unchanged inbox costs a listing.
 */
public final class InboxDigest {

  /** What is known of one contract file: size, modification time, content hash. */
  public record FilePrint(long size, long modified, String sha256) {}

  private static final Set<String> CONTRACT_FILES =
      Set.of(SubmissionReader.ENTERPRISE, SubmissionReader.WORKERS, SubmissionReader.STUDIOS);

  private final Map<String, String> periods = new TreeMap<>();
  private final Map<String, FilePrint> files = new TreeMap<>();

  private InboxDigest() {}

  /** Digest of every period folder of the inbox; {@code known} are the prints of the last run. */
  public static InboxDigest of(FileSystem fs, Path inbox, Map<String, FilePrint> known) throws IOException {
    InboxDigest digest = new InboxDigest();
    for (Path period : Entries.list(fs, inbox)) {
      StringBuilder manifest = new StringBuilder();
      String name = period.getName();
      String kind = kind(fs, period);
      if (!kind.equals("folder")) {
        if (kind.equals("file")) {
          continue; // a stray file at the root belongs to no period
        }
        digest.periods.put(name, sha256(("link " + name).getBytes(StandardCharsets.UTF_8)));
        continue;
      }
      List<Path> submissions = listed(fs, period);
      if (submissions == null) {
        // Ingest refuses an unreadable period folder; it is looked at again once it changes.
        digest.periods.put(name, sha256(("unreadable " + name).getBytes(StandardCharsets.UTF_8)));
        continue;
      }
      for (Path submission : submissions) {
        String sub = name + "/" + submission.getName();
        String subKind = kind(fs, submission);
        manifest.append(sub).append(' ').append(subKind).append('\n');
        if (!subKind.equals("folder")) {
          continue;
        }
        List<Path> files = listed(fs, submission);
        if (files == null) {
          manifest.append(sub).append(" unreadable\n");
          continue;
        }
        for (Path file : files) {
          String rel = sub + "/" + file.getName();
          String fileKind = kind(fs, file);
          manifest.append(rel).append(' ').append(fileKind);
          if (fileKind.equals("file") && CONTRACT_FILES.contains(file.getName())) {
            FileStatus status = fs.getFileStatus(file);
            FilePrint before = known.get(rel);
            FilePrint print = before != null && before.size() == status.getLen()
                    && before.modified() == status.getModificationTime()
                ? before
                : new FilePrint(status.getLen(), status.getModificationTime(), hash(fs, file));
            digest.files.put(rel, print);
            manifest.append(' ').append(print.sha256());
          } else if (fileKind.equals("folder")) {
            // A link anywhere below refuses the submission: one appearing there is a change.
            manifest.append(' ').append(linkInside(fs, file));
          }
          manifest.append('\n');
        }
      }
      digest.periods.put(name, sha256(manifest.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return digest;
  }

  /** Period name to digest. */
  public Map<String, String> periods() {
    return periods;
  }

  /** Relative path to print, for the next run. */
  public Map<String, FilePrint> files() {
    return files;
  }

  /** The entries of a folder, or null when it cannot be listed (ingest refuses it with the cause). */
  private static List<Path> listed(FileSystem fs, Path folder) throws IOException {
    try {
      return Entries.list(fs, folder);
    } catch (Entries.UnreadableFolderException e) {
      return null;
    }
  }

  /** What a sub-folder of a submission holds, as far as ingest cares: a link or not. */
  private static String linkInside(FileSystem fs, Path folder) throws IOException {
    try {
      return Entries.firstLinkInside(fs, folder).map(link -> "link " + link.getName()).orElse("no-link");
    } catch (Entries.UnreadableFolderException e) {
      return "unreadable";
    }
  }

  /** file, folder or other, without following links (the rule ingest applies). */
  private static String kind(FileSystem fs, Path path) throws IOException {
    return Entries.kindOf(fs, path).name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String hash(FileSystem fs, Path path) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = fs.open(path)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
