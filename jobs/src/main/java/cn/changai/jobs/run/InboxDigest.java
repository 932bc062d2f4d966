package cn.changai.jobs.run;

import cn.changai.jobs.ingest.ContentHash;
import cn.changai.jobs.ingest.Entries;
import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.ingest.SubmissionReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A fingerprint of an inbox, made without Spark: per period, a SHA-256 over every entry's name,
 * kind and (for contract files) content hash. Content hashes are reused from the previous run
 * when a file's size and modification time are unchanged, so an unchanged inbox costs a listing.
 * Each submission folder also has a print of the names beside its contract files, so that a stray
 * file coming or going names its submission for ingest to read again ({@link #othersChanged}).
 *
 * <p>A contract file that is new, or whose size changed, is not hashed here: its period has
 * changed whatever its content, and ingest hashes it as it reads it anyway. Its period's digest is
 * {@link #CHANGED} until {@link #completed} fills in the hashes ingest made (hashing here only what
 * ingest did not read), so a first load reads each file once, not twice. A file whose size is the
 * same but whose modification time is not is hashed here: a copy or a touch that left the content
 * as it was changes nothing.
 */
public final class InboxDigest {

  /**
   * What is known of one contract file: size, change stamp ({@link Entries#changeStamp}: the
   * status change time on a local file system, else the modification time), content hash (null
   * until known).
   */
  public record FilePrint(long size, long modified, String sha256) {}

  /** The digest of a period with a new or resized file: equal to no digest a run records. */
  public static final String CHANGED = "changed";

  private static final Set<String> CONTRACT_FILES =
      Set.of(SubmissionReader.ENTERPRISE, SubmissionReader.WORKERS, SubmissionReader.STUDIOS);

  /** One line of a period's manifest; {@code file}, when set, names the contract file whose hash ends it. */
  private record Line(String text, String file) {}

  private final Map<String, String> periods = new TreeMap<>();
  private final Map<String, FilePrint> files = new TreeMap<>();
  /** Folder periods' manifests, until every hash in them is known. */
  private final Map<String, List<Line>> manifests = new TreeMap<>();
  /** Where each contract file without a hash yet is. */
  private final Map<String, Path> unhashed = new TreeMap<>();
  private final Set<String> othersChanged = new java.util.TreeSet<>();
  /** Whether the last completed run's prints include its folders' ({@link #FOLDERS_PRINTED}). */
  private boolean foldersKnown;

  /** The hash of no names, the print of nearly every submission folder: hashed once. */
  private static final String NO_OTHERS = sha256(new byte[0]);

  /** The print, under a path no file has, that says the state prints submission folders. */
  static final String FOLDERS_PRINTED = "/";

  private InboxDigest() {}

  /** Digest of every period folder of the inbox; {@code known} are the prints of the last run. */
  public static InboxDigest of(FileSystem fs, Path inbox, Map<String, FilePrint> known) throws IOException {
    InboxDigest digest = new InboxDigest();
    // A state that prints folders knows which folders it saw: one it did not (a folder that left
    // the inbox and came back) is read again; a state from before folder prints knows nothing.
    digest.foldersKnown = known.containsKey(FOLDERS_PRINTED);
    digest.files.put(FOLDERS_PRINTED, new FilePrint(0, 0, "folder prints"));
    // Whether SafeText shows a name as it is, by name: a path is kept in the state when each of its
    // names is (RunState), and an inbox repeats the same few file names in every submission.
    Map<String, Boolean> shownAsIs = new HashMap<>();
    for (Entries.Entry period : Entries.entries(fs, inbox)) {
      List<Line> manifest = new ArrayList<>();
      String name = period.name();
      String kind = kind(fs, period);
      if (!kind.equals("folder")) {
        if (kind.equals("file")) {
          continue; // a stray file at the root belongs to no period
        }
        digest.periods.put(name, sha256(("link " + name).getBytes(StandardCharsets.UTF_8)));
        continue;
      }
      List<Entries.Entry> submissions = listed(fs, period);
      if (submissions == null) {
        // Ingest refuses an unreadable period folder; it is looked at again once it changes.
        digest.periods.put(name, sha256(("unreadable " + name).getBytes(StandardCharsets.UTF_8)));
        continue;
      }
      boolean periodShown = shownAsIs(name, shownAsIs);
      for (Entries.Entry submission : submissions) {
        String sub = name + "/" + submission.name();
        String subKind = kind(fs, submission);
        manifest.add(new Line(sub + " " + subKind, null));
        if (!subKind.equals("folder")) {
          continue;
        }
        List<Entries.Entry> files = listed(fs, submission);
        if (files == null) {
          manifest.add(new Line(sub + " unreadable", null));
          continue;
        }
        // SafeText.path(sub + "/") shows sub + "/" as it is (an empty name is shown as it is).
        boolean subShown = periodShown && SafeText.name(submission.name()).equals(submission.name());
        Set<String> others = new java.util.TreeSet<>();
        for (Entries.Entry file : files) {
          String fileName = file.name();
          String rel = sub + "/" + fileName;
          // One look tells the kind and, for a contract file, its size and change stamp.
          Entries.Look look = look(fs, file, CONTRACT_FILES.contains(fileName));
          String fileKind = look == null ? "unreadable" : kindName(look.kind());
          String line = rel + " " + fileKind;
          boolean contract = fileKind.equals("file") && CONTRACT_FILES.contains(fileName);
          if (!contract) {
            others.add(fileName);
          }
          if (contract && !look.sized()) {
            // Below a folder whose name is no text, or gone since the listing: ingest refuses it.
            manifest.add(new Line(rel + " unreadable", null));
          } else if (contract) {
            FilePrint before = known.get(rel);
            // The file's change time where the system keeps one (Entries.changeStamp): a file
            // rewritten with its size and modification time kept is hashed again, not trusted.
            long stamp = look.stamp();
            String sha = null;
            if (!(subShown && shownAsIs(fileName, shownAsIs))) {
              // The state keeps no print under a name holding personal data (RunState): hashed now.
              sha = hashOrNull(fs, file.path());
            } else if (before != null && before.sha256() != null && before.size() == look.size()) {
              sha = before.modified() == stamp ? before.sha256() : hashOrNull(fs, file.path());
            }
            if (sha == null) {
              // Not hashed (new, resized, or unreadable now): ingest hashes what it reads.
              digest.unhashed.put(rel, file.path());
            }
            digest.files.put(rel, new FilePrint(look.size(), stamp, sha));
            manifest.add(new Line(line, rel));
          } else if (fileKind.equals("folder")) {
            // A link anywhere below refuses the submission: one appearing there is a change.
            manifest.add(new Line(line + " " + linkInside(fs, file.path()), null));
          } else {
            manifest.add(new Line(line, null));
          }
        }
        digest.recordOthers(sub, others, known.get(sub + "/"), subShown);
      }
      digest.manifests.put(name, manifest);
    }
    digest.digestManifests();
    return digest;
  }

  /**
   * Whether {@link SafeText#name} shows a name as it is, looked up in {@code seen} first: a path is
   * shown as it is ({@link SafeText#path}) exactly when each of its names is, for a name shown
   * otherwise holds no '/'.
   */
  private static boolean shownAsIs(String name, Map<String, Boolean> seen) {
    return seen.computeIfAbsent(name, n -> SafeText.name(n).equals(n));
  }

  /**
   * This digest with every hash known: those of {@code hashes} (relative path to SHA-256, as ingest
   * made them while reading), the rest read here. A file gone or unreadable since gets no print,
   * and its period stays {@link #CHANGED}, so the next run looks at it again.
   */
  public InboxDigest completed(FileSystem fs, Map<String, String> hashes) {
    return completed(fs, hashes, Set.of(), Set.of());
  }

  /**
   * As {@link #completed(FileSystem, Map)}, knowing which submission folders ({@code
   * period/folder}) ingest looked at in the periods it read: a contract file of one of those
   * periods whose folder ingest never saw (taken out of the inbox, or renamed away and back, between
   * the plan and ingest's listing) gets no print, and its period stays {@link #CHANGED}. Recorded
   * with the plan's print, the folder coming back as it was would be "nothing to do" night after
   * night, and the submission that ingest never read would never reach the warehouse.
   */
  public InboxDigest completed(FileSystem fs, Map<String, String> hashes, Set<String> periodsRead,
      Set<String> submissionsRead) {
    InboxDigest done = new InboxDigest();
    done.periods.putAll(periods);
    done.manifests.putAll(manifests);
    done.othersChanged.addAll(othersChanged);
    Set<String> unread = new java.util.TreeSet<>();
    files.forEach((rel, print) -> {
      if (!isFolderPrint(rel) && !hashes.containsKey(rel) && notRead(rel, periodsRead, submissionsRead)) {
        unread.add(rel.substring(0, rel.indexOf('/')));
        return;
      }
      // What ingest read wins over a print trusted for its size and time: a file rewritten with
      // its size and time kept, read again because its submission changed, is recorded as it is
      // (kept, the old hash made the next night take the submission for another one).
      String sha = hashes.getOrDefault(rel, print.sha256());
      if (sha == null) {
        try {
          sha = hash(fs, unhashed.get(rel));
        } catch (IOException e) {
          return;
        }
      }
      done.files.put(rel, new FilePrint(print.size(), print.modified(), sha));
    });
    done.digestManifests();
    unread.forEach(period -> done.periods.put(period, CHANGED));
    return done;
  }

  /** Whether a contract file ({@code period/folder/file}) lies in a period read and a folder ingest did not see. */
  private static boolean notRead(String rel, Set<String> periodsRead, Set<String> submissionsRead) {
    int period = rel.indexOf('/');
    int folder = period < 0 ? -1 : rel.indexOf('/', period + 1);
    return folder > 0 && periodsRead.contains(rel.substring(0, period))
        && !submissionsRead.contains(rel.substring(0, folder));
  }

  /**
   * Records the names beside a submission's contract files (the files and folders ingest ignores
   * with a warning) as a print of the folder, {@code period/folder/}: their count and a hash of
   * their names (a hash, so that no name is written out in the state). The submission is among
   * {@link #othersChanged} when the last completed run recorded other names, or recorded no print
   * of the folder though it prints folders (the folder was not in the inbox then).
   */
  private void recordOthers(String submission, Set<String> others, FilePrint before, boolean kept) {
    FilePrint print = new FilePrint(others.size(), 0,
        others.isEmpty() ? NO_OTHERS : sha256(String.join("\n", others).getBytes(StandardCharsets.UTF_8)));
    // The state keeps no print under a name holding personal data (RunState): none is expected.
    if (before == null ? foldersKnown && kept : !print.sha256().equals(before.sha256())) {
      othersChanged.add(submission);
    }
    files.put(submission + "/", print);
  }

  /**
   * The submission folders ({@code period/folder}) whose files and folders beside the contract's
   * are not those the last completed run saw: ingest reads them again, unchanged or not.
   */
  public Set<String> othersChanged() {
    return othersChanged;
  }

  /** Whether a print is that of a submission folder's other names, not of a contract file. */
  public static boolean isFolderPrint(String path) {
    return path.endsWith("/");
  }

  /** Digests each manifest whose hashes are all known (dropping it); the others' periods are {@link #CHANGED}. */
  private void digestManifests() {
    manifests.entrySet().removeIf(entry -> {
      StringBuilder text = new StringBuilder();
      for (Line line : entry.getValue()) {
        text.append(line.text());
        if (line.file() != null) {
          FilePrint print = files.get(line.file());
          String sha = print == null ? null : print.sha256();
          if (sha == null) {
            periods.put(entry.getKey(), CHANGED);
            return false;
          }
          text.append(' ').append(sha);
        }
        text.append('\n');
      }
      periods.put(entry.getKey(), sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
      return true;
    });
  }

  /** Period name to digest ({@link #CHANGED} for a period with a file not hashed yet). */
  public Map<String, String> periods() {
    return periods;
  }

  /** Relative path to print, for the next run. */
  public Map<String, FilePrint> files() {
    return files;
  }

  /** The file's hash, or null when it cannot be read now. */
  private static String hashOrNull(FileSystem fs, Path file) {
    try {
      return hash(fs, file);
    } catch (IOException e) {
      return null;
    }
  }

  /** One look at an entry ({@link Entries#look}), or null when it cannot be looked at. */
  private static Entries.Look look(FileSystem fs, Entries.Entry entry, boolean sized) {
    try {
      return Entries.look(fs, entry, sized);
    } catch (IOException e) {
      return null;
    }
  }

  /** The entries of a folder, or null when it cannot be listed (ingest refuses it with the cause). */
  private static List<Entries.Entry> listed(FileSystem fs, Entries.Entry folder) throws IOException {
    try {
      return Entries.entries(fs, folder);
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

  /**
   * file, folder or other, without following links (the rule ingest applies); unreadable when the
   * entry cannot be looked at (ingest then refuses what holds it with the cause), so that no upload
   * can stop the plan.
   */
  private static String kind(FileSystem fs, Entries.Entry entry) {
    try {
      return kindName(Entries.look(fs, entry, false).kind());
    } catch (IOException e) {
      return "unreadable";
    }
  }

  /** A kind as the manifest names it: file, folder or other. */
  private static String kindName(Entries.Kind kind) {
    return switch (kind) {
      case FILE -> "file";
      case FOLDER -> "folder";
      case OTHER -> "other";
    };
  }

  private static String hash(FileSystem fs, Path path) throws IOException {
    return ContentHash.of(fs, path);
  }

  static String sha256(byte[] bytes) {
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
