package cn.changai.jobs.cli;

import cn.changai.domain.Period;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Checks of command-line values, made before Spark starts; each failure names the value. */
final class Arguments {

  private Arguments() {}

  static Set<String> periods(String option, List<String> values) {
    Set<String> periods = new TreeSet<>();
    for (String value : values) {
      for (String period : value.split(",")) {
        String p = period.strip();
        if (!Period.isValidPeriod(p)) {
          throw new UsageError("Invalid value for " + option + ": '" + p + "' is not a period (" + Period.FORMS_WITH_EXAMPLES + ")");
        }
        periods.add(p);
      }
    }
    if (!values.isEmpty() && periods.isEmpty()) {
      // "," splits into nothing: taken for no filter, it would have read every period.
      throw new UsageError("Invalid value for " + option + ": '" + String.join(",", values)
          + "' names no period (" + Period.FORMS_WITH_EXAMPLES + ")");
    }
    return periods;
  }

  /** The inbox, refused before Spark starts when it is none; {@code periodOption}: the command takes {@code --period}. */
  static String inbox(String value, boolean periodOption) {
    notBlank("--inbox", value);
    Path path = new Path(value);
    try {
      FileSystem fs = path.getFileSystem(new Configuration());
      FileStatus status = fs.getFileStatus(path);
      if (!status.isDirectory()) {
        throw new UsageError("Cannot read inbox: not a folder: " + value);
      }
      notASubmissionOrPeriod(value, fs.listStatus(path), periodOption);
    } catch (java.io.FileNotFoundException e) {
      java.nio.file.Path closed = "file".equals(path.toUri().getScheme()) || path.toUri().getScheme() == null
          ? closedFolder(java.nio.file.Path.of(value)) : null;
      if (closed != null) {
        // Java takes what lies beyond a folder this user may not open for absent.
        throw new UsageError("Cannot read inbox " + value + ": permission denied: " + closed + " belongs to " + owner(closed)
            + ", and this user (" + System.getProperty("user.name") + ") may not open it");
      }
      throw new UsageError("Cannot read inbox: no such folder: " + value);
    } catch (IOException e) {
      throw new UsageError("Cannot read inbox " + value + ": " + e.getMessage());
    }
    return value;
  }

  /**
   * Refuses a folder one or two levels below an inbox given as the inbox, a likely slip when
   * checking one submission: read as an inbox, a submission's folder holds no folders (nothing to
   * do, exit 0) and a period's folders would each be refused as a period folder; and a warehouse
   * (its {@code runs} and {@code tables} folders). An inbox that holds any period folder is taken
   * as it is (files at its root are listed and ignored).
   */
  private static void notASubmissionOrPeriod(String value, FileStatus[] children, boolean periodOption) {
    String submissionFile = null;
    boolean folders = false;
    Set<String> warehouseFolders = new TreeSet<>();
    for (FileStatus child : children) {
      String name = child.getPath().getName();
      if (child.isDirectory() && Period.isValidPeriod(name)) {
        return;
      }
      folders |= child.isDirectory() && !name.startsWith(".");
      if (!child.isDirectory() && SUBMISSION_FILES.contains(name)) {
        submissionFile = name;
      }
      if (child.isDirectory() && (name.equals("runs") || name.equals("tables"))) {
        warehouseFolders.add(name);
      }
    }
    if (warehouseFolders.size() == 2) {
      // A warehouse read as an inbox: each of its folders would be refused as a period folder, and
      // a run would make a new warehouse of those refusals.
      throw new UsageError("Cannot read inbox " + value + ": it is a warehouse (it holds runs and tables); an inbox"
          + " holds period folders (<inbox>/<period>/<enterprise_id>/)");
    }
    // The folder itself, not a link's name: a link named "cur" to inbox/2025 is a period's folder.
    java.nio.file.Path here = java.nio.file.Path.of(value).toAbsolutePath().normalize();
    try {
      here = here.toRealPath();
    } catch (IOException | SecurityException e) {
      // Not on the local disk (hdfs://), or not resolvable: as written.
    }
    String own = here.getFileName() == null ? "" : here.getFileName().toString();
    if (submissionFile != null) {
      java.nio.file.Path period = here.getParent();
      String hint = period != null && period.getParent() != null && Period.isValidPeriod(period.getFileName().toString())
          ? periodOption
              ? "; to check this submission alone: --inbox " + period.getParent() + " --period " + period.getFileName()
              : "; its inbox is --inbox " + period.getParent()
          : "";
      throw new UsageError("Cannot read inbox " + value + ": it holds " + submissionFile + ", as one submission's folder"
          + " does; an inbox holds period folders (<inbox>/<period>/<enterprise_id>/)" + hint);
    }
    if (folders && Period.isValidPeriod(own) && here.getParent() != null) {
      throw new UsageError("Cannot read inbox " + value + ": it is named as a period and holds no period folders, as the"
          + " folder of one period does; an inbox holds period folders (<inbox>/<period>/<enterprise_id>/); "
          + (periodOption ? "for this period alone: --inbox " + here.getParent() + " --period " + own
              : "its inbox is --inbox " + here.getParent() + " (a nightly run reads the periods that changed)"));
    }
  }

  /** The files of a submission's folder, as the data contract names them. */
  private static final Set<String> SUBMISSION_FILES = Set.of("enterprise.json", "workers.csv", "studios.csv");

  private static boolean isUtf8(String charset) {
    try {
      return java.nio.charset.Charset.forName(charset).equals(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Refuses a period asked for with {@code --period} that has no folder in the inbox: ingest would
   * record a run that read nothing, where the period was most likely mistyped.
   */
  static void periodsInInbox(String inbox, java.util.Set<String> periods) {
    if (periods.isEmpty()) {
      return;
    }
    Path root = new Path(inbox);
    java.util.SortedSet<String> missing = new java.util.TreeSet<>();
    try {
      FileSystem fs = root.getFileSystem(new Configuration());
      for (String period : periods) {
        if (!fs.exists(new Path(root, period))) {
          missing.add(period);
        }
      }
    } catch (IOException e) {
      throw new UsageError("Cannot read inbox " + inbox + ": " + e.getMessage());
    }
    if (!missing.isEmpty()) {
      throw new UsageError("Invalid value for --period: no folder of period " + String.join(", ", missing) + " under " + inbox);
    }
  }

  /**
   * What a warehouse folder holds (hidden files aside): its tables, reports, runs and bookkeeping,
   * and {@code lost+found}, which a warehouse at the root of its own file system has.
   */
  private static final java.util.Set<String> WAREHOUSE_ENTRIES = java.util.Set.of("tables", "reports", "runs",
      "_staging", "_trash", "_journal", "_swapping", "_lock", "_lock.guard", "_readers.guard", "_readers.turn", "lost+found");

  /** The folders of a warehouse, which must be folders when they are there. */
  private static final List<String> WAREHOUSE_FOLDERS = List.of("tables", "reports", "runs", "_staging", "_journal", "_swapping");

  /**
   * A folder that is, or will become, a warehouse: absent, empty, or holding a warehouse. A folder
   * of other files without a {@code runs} folder is refused (a mistyped {@code --warehouse ~} would
   * have the run write, and clear, {@code tables/} there), as is a warehouse whose {@code tables} or
   * other folder is a file (the run would do all its work, then fail to publish).
   */
  static String warehouse(String value) {
    return warehouse(value, true);
  }

  /** A warehouse a command only reads ({@code changai sql}): a folder, or absent. */
  static String readWarehouse(String value) {
    return warehouse(value, false);
  }

  /**
   * Refuses, as a failure of the environment (exit 1, "permission denied"), a local warehouse
   * folder this user may not open: Java's file checks take a folder they may not enter for one
   * that is absent, so a warehouse written under {@code umask 077} by another user read as "no
   * published tables (run changai ingest first)" and "No runs recorded".
   */
  static void openable(String value) throws java.nio.file.AccessDeniedException {
    java.nio.file.Path local;
    try {
      Path path = new Path(value);
      FileSystem fs = path.getFileSystem(new Configuration());
      if (!"file".equals(fs.getUri().getScheme())) {
        return;
      }
      local = cn.changai.jobs.warehouse.LocalPath.of(fs.makeQualified(path).toUri());
    } catch (IOException | RuntimeException e) {
      return; // the command itself says what cannot be read
    }
    java.nio.file.Path closed = closedFolder(local);
    if (closed != null) {
      throw new java.nio.file.AccessDeniedException(closed.toString(), null, (closed.equals(local) ? "the warehouse folder"
          : "a folder above the warehouse") + " belongs to " + owner(closed) + ", and this user ("
          + System.getProperty("user.name") + ") may not open it; ask its owner for read access (the group's, say:"
          + " chmod g+rX), or run as a user who has it");
    }
  }

  /**
   * The folder on the way to {@code local} (itself included) that this user may not open, or null:
   * Java's checks take what lies beyond such a folder for absent.
   */
  static java.nio.file.Path closedFolder(java.nio.file.Path local) {
    java.nio.file.Path absolute = local.toAbsolutePath().normalize();
    java.nio.file.Path at = absolute.getRoot();
    for (java.nio.file.Path name : absolute) {
      at = at.resolve(name);
      if (!java.nio.file.Files.isDirectory(at)) {
        return null;
      }
      boolean last = at.equals(absolute);
      if (!java.nio.file.Files.isExecutable(at) || last && !java.nio.file.Files.isReadable(at)) {
        return at;
      }
    }
    return null;
  }

  private static String owner(java.nio.file.Path path) {
    try {
      return java.nio.file.Files.getOwner(path).getName();
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** The characters of a path Spark's reads expand as a pattern (Hadoop's glob). */
  private static final String GLOB = "*?[]{}\\";

  /**
   * Refuses a blank warehouse path, and one Spark would read as a pattern: with any of
   * {@link #GLOB} in it, or in the folder it is relative to, {@code ./w[a]} reads {@code ./wa}.
   */
  static String literalWarehouse(String value) {
    notBlank("--warehouse", value);
    if (value.equals("~") || value.startsWith("~/")) {
      // --warehouse=~/wh: the shell expands ~ only at the start of a word, so the folder would be
      // one named "~" in the current folder.
      throw new UsageError("Cannot use warehouse " + value + ": the shell left ~ as it is (it expands it only at a"
          + " word's start, not after --warehouse=); write --warehouse " + value + " or $HOME" + value.substring(1));
    }
    Path path = new Path(value);
    String whole;
    try {
      whole = path.getFileSystem(new Configuration()).makeQualified(path).toUri().getPath();
    } catch (IOException e) {
      throw new UsageError("Cannot use warehouse " + value + ": " + e.getMessage());
    }
    if (whole.chars().anyMatch(c -> GLOB.indexOf(c) >= 0)) {
      throw new UsageError("Cannot use warehouse " + value + (whole.endsWith(value) ? "" : " (" + whole + ")")
          + ": Spark reads a path with any of * ? [ ] { } \\ as a pattern; give a path without them");
    }
    return value;
  }

  /** Refuses a local warehouse path that is a symbolic link to nothing: Hadoop takes it for absent, then cannot create it. */
  private static void danglingLink(FileSystem fs, Path path, String value) {
    if (!"file".equals(fs.getUri().getScheme())) {
      return;
    }
    java.nio.file.Path local = cn.changai.jobs.warehouse.LocalPath.of(fs.makeQualified(path).toUri());
    if (java.nio.file.Files.isSymbolicLink(local) && !java.nio.file.Files.exists(local)) {
      String target;
      try {
        target = java.nio.file.Files.readSymbolicLink(local).toString();
      } catch (IOException | RuntimeException e) {
        target = "?";
      }
      throw new UsageError("Cannot use warehouse " + value + ": a symbolic link to " + target
          + ", which does not exist; create that folder, or give another");
    }
  }

  private static String warehouse(String value, boolean writes) {
    literalWarehouse(value);
    Path path = new Path(value);
    try {
      FileSystem fs = path.getFileSystem(new Configuration());
      danglingLink(fs, path, value);
      if (!fs.exists(path)) {
        return value;
      }
      if (!fs.getFileStatus(path).isDirectory()) {
        throw new UsageError("Cannot use warehouse: not a folder: " + value);
      }
      if (!writes) {
        return value;
      }
      java.util.SortedSet<String> other = new java.util.TreeSet<>();
      boolean runs = false;
      for (FileStatus entry : fs.listStatus(path)) {
        String name = entry.getPath().getName();
        if (WAREHOUSE_FOLDERS.contains(name) && !entry.isDirectory()) {
          throw new UsageError("Cannot use warehouse " + value + ": its '" + name + "' is a file, where a warehouse has a"
              + " folder; is it the right folder?");
        }
        runs |= name.equals("runs");
        // A lock being taken by a command started at the same instant writes _lock.<token>.tmp first.
        if (!WAREHOUSE_ENTRIES.contains(name) && !name.startsWith(".") && !(name.startsWith("_lock.") && name.endsWith(".tmp"))) {
          other.add(name);
        }
      }
      if (!runs && !other.isEmpty()) {
        List<String> shown = other.stream().limit(3).map(n -> "'" + n + "'").toList();
        throw new UsageError("Cannot use warehouse " + value + ": the folder holds other files (" + String.join(", ", shown)
            + (other.size() > 3 ? ", …" : "") + ") and no warehouse; give a new or empty folder");
      }
    } catch (IOException e) {
      throw new UsageError("Cannot use warehouse " + value + ": " + e.getMessage());
    }
    return value;
  }

  /**
   * Refuses an empty path, which no file system takes (Hadoop: "Can not create a Path from an
   * empty string"), and one Hadoop cannot parse: a relative path whose first name holds a colon
   * ({@code in:1}) reads as a URI of scheme {@code in}.
   */
  static void notBlank(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new UsageError("Invalid value for " + option + ": it is empty; give a folder");
    }
    if (value.indexOf('\uFFFD') >= 0) {
      // The JVM reads the command line's bytes that are no text in its character set for file
      // names as U+FFFD: the path it then names is another one, which a warehouse would be made at.
      String names = System.getProperty("sun.jnu.encoding", "UTF-8");
      if (!isUtf8(names)) {
        // java started without the launcher under the POSIX locale (cron, env -i): ASCII, in which
        // no Chinese folder name can be read however well it is written.
        throw new UsageError("Invalid value for " + option + ": '" + value + "' cannot be named in this process's"
            + " character set for file names, " + names + ", the locale's (cron and env -i give the POSIX locale,"
            + " whose set is ASCII); run under a UTF-8 locale, e.g. LC_ALL=C.UTF-8, as scripts/changai does by itself");
      }
      throw new UsageError("Invalid value for " + option + ": '" + value + "' holds bytes that are not UTF-8 text"
          + " (shown as \uFFFD), so it cannot be named exactly; rename the folder, or give a path without them");
    }
    try {
      new Path(value);
    } catch (IllegalArgumentException e) {
      boolean relative = !value.startsWith("/") && !value.contains("://");
      throw new UsageError("Invalid value for " + option + ": '" + value + "' is not a path Hadoop can read ("
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")"
          + (relative && value.contains(":") ? "; a relative path with a colon reads as a URI: give it as ./" + value
              + " or in full" : ""));
    }
  }

  /**
   * Refuses an inbox and a warehouse that are the same folder or one inside the other (after
   * {@code ..} and links are resolved): the warehouse's folders would be read as periods of the
   * inbox, and the run would write into what it reads.
   */
  static void apart(String inbox, String warehouse) {
    String a = canonical(inbox);
    String b = canonical(warehouse);
    String where = a.equals(b) ? "are the same folder" : b.startsWith(a + "/") ? "overlap: the warehouse is inside the inbox"
        : a.startsWith(b + "/") ? "overlap: the inbox is inside the warehouse" : null;
    if (where != null) {
      throw new UsageError("Invalid arguments: the inbox " + inbox + " and the warehouse " + warehouse + " " + where
          + "; keep them apart");
    }
  }

  /** A folder's full name: local ones with {@code ..} and links resolved as far as they exist. */
  private static String canonical(String value) {
    try {
      Path path = new Path(value);
      java.net.URI uri = path.getFileSystem(new Configuration()).makeQualified(path).toUri();
      if (!"file".equals(uri.getScheme())) {
        return uri.normalize().toString().replaceAll("/+$", "");
      }
      java.nio.file.Path local = cn.changai.jobs.warehouse.LocalPath.of(uri).normalize();
      java.nio.file.Path existing = local;
      java.util.Deque<String> rest = new java.util.ArrayDeque<>();
      while (existing != null && !java.nio.file.Files.exists(existing)) {
        if (existing.getFileName() != null) {
          rest.push(existing.getFileName().toString());
        }
        existing = existing.getParent();
      }
      java.nio.file.Path real = existing == null ? local : existing.toRealPath();
      for (String name : rest) {
        real = real.resolve(name);
      }
      return real.toString().replaceAll("/+$", "");
    } catch (IOException | IllegalArgumentException e) {
      return value;
    }
  }

  /**
   * Refuses a period to rebuild that neither the inbox (a period folder) nor the warehouse (its
   * enterprises table) holds: a mistyped period would otherwise run and succeed doing nothing; and
   * one that has no folder in the inbox, or an empty one, which ingest cannot rebuild.
   */
  static void heldOrInInbox(String option, Set<String> periods, String inbox, String warehouse) {
    if (periods.isEmpty()) {
      return;
    }
    Set<String> inInbox = new TreeSet<>();
    Set<String> emptyInInbox = new TreeSet<>();
    Set<String> known = new TreeSet<>();
    try {
      Path root = new Path(inbox);
      org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(new Configuration());
      for (FileStatus status : fs.listStatus(root)) {
        // Only period folders: an archive/ or .git/ beside them is no period the inbox holds.
        if (status.isDirectory() && Period.isValidPeriod(status.getPath().getName())) {
          inInbox.add(status.getPath().getName());
          if (periods.contains(status.getPath().getName()) && fs.listStatus(status.getPath()).length == 0) {
            emptyInInbox.add(status.getPath().getName());
          }
        }
      }
      known.addAll(inInbox);
      known.addAll(new cn.changai.jobs.warehouse.Warehouse(warehouse, new Configuration())
          .periods(cn.changai.jobs.warehouse.Tables.ENTERPRISES.name()));
    } catch (IOException e) {
      return; // the run itself says what cannot be read
    }
    for (String period : periods) {
      if (!known.contains(period)) {
        throw new UsageError("Invalid value for " + option + ": period " + period + " is neither in the inbox nor in"
            + " the warehouse" + (known.isEmpty() ? "" : " (they hold " + String.join(", ", known) + ")"));
      }
      if (!inInbox.contains(period)) {
        // Ingest rebuilds a period from its submissions in the inbox: without its folder the run
        // would only compute it again from what the warehouse holds, and say it had rebuilt it.
        throw new UsageError("Invalid value for " + option + ": period " + period + " has no folder in the inbox "
            + inbox + "; a rebuild reads the period's submissions from there (the warehouse keeps what it holds of"
            + " a period that left the inbox)");
      }
      if (emptyInInbox.contains(period)) {
        // Ingest rewrites only periods with submissions: the run would keep what the warehouse
        // holds and say it had rebuilt the period.
        throw new UsageError("Invalid value for " + option + ": period " + period + "'s folder in the inbox " + inbox
            + " is empty; a rebuild reads the period's submissions from there");
      }
    }
  }
}
