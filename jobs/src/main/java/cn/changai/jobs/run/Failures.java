package cn.changai.jobs.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The one line a person reads when a command fails: the cause first (disk full, read-only file
 * system, permission denied, out of memory), then the message, cut short.
 */
public final class Failures {

  /** The end of a failed run's line when it had written its journal: its results are published all the same. */
  public static final String PAST_COMMIT_POINT = "; its results had reached the commit point: the next run completes"
      + " their publication and records the run as succeeded";

  private Failures() {}

  /** A failure already put in one line (the cause, where, what was recorded): printed as it is. */
  public static final class Described extends Exception {
    private static final long serialVersionUID = 1L;

    public Described(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** One line saying what went wrong, whatever the throwable (an {@code Error} included). */
  public static String describe(Throwable e) {
    Throwable known = null;
    String cause = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String kind = kind(t);
      if (kind != null) {
        known = t; // the deepest one says it best: Spark's wrappers only add the task's name
        cause = kind;
      }
    }
    if (known != null) {
      String line = cause + ": " + firstLine(message(known));
      if (!cause.equals(DISK_FULL)) {
        return line;
      }
      // A folder the line already names (the check before Spark starts names it) is not named twice.
      List<String> unnamed = temporaryFolders().stream().filter(f -> f != null && !line.contains(f)).toList();
      return line + fullTemporaryFolders(unnamed, Failures::usableSpace);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = firstLine(message(e));
    if (root != e && !message.contains(firstLine(message(root)))) {
      message += " (caused by " + root.getClass().getSimpleName() + ": " + firstLine(message(root)) + ")";
    }
    return message;
  }

  /** Whether a failure is one of the environment (disk full, read-only, denied, out of memory). */
  public static boolean isEnvironment(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (kind(t) != null) {
        return true;
      }
    }
    return false;
  }

  /** What kind of fault one throwable is, when it is one an operator fixes outside the program; else null. */
  private static String kind(Throwable t) {
    String message = String.valueOf(t.getMessage());
    if (t instanceof OutOfMemoryError || message.startsWith("java.lang.OutOfMemoryError")) {
      return "out of memory (raise the heap, e.g. CHANGAI_JAVA_OPTS=-Xmx8g)";
    }
    if (message.contains("No space left on device")) {
      return DISK_FULL;
    }
    if (message.contains("Read-only file system")) {
      return "read-only file system";
    }
    if (t instanceof AccessDeniedException || message.endsWith("(Permission denied)")) {
      // The second: java.io's "<file> (Permission denied)", a file opened for writing in a folder the user may not write.
      return "permission denied";
    }
    if (message.startsWith(MKDIRS_FAILED) || message.startsWith(TEMP_FOLDER_FAILED)) {
      // Hadoop's words when it could not make a folder (a task's output in the staging, say), or
      // Spark's when it could not make a temporary one, and no more: the folder is asked why.
      String why = cn.changai.jobs.warehouse.FolderProbe.whyNotWritable(folderNotMade(message));
      return why.equals(cn.changai.jobs.warehouse.FolderProbe.DENIED) ? "permission denied"
          : why.contains("No space left on device") ? DISK_FULL
          : why.contains("Read-only file system") ? "read-only file system" : null;
    }
    if (message.contains("File name too long")) {
      return "file name too long (a name of the path over the file system's limit, 255 bytes on most)";
    }
    if (message.startsWith("Cannot call methods on a stopped SparkContext")
        || t instanceof NullPointerException && message.contains("org.apache.spark.SparkEnv.")) {
      // What Spark says when its master could not be reached (after a minute of retries), or was
      // lost; a query's session (changai sql) meets it as the stopped context's missing SparkEnv.
      return "Spark stopped (a cluster master that cannot be reached or was lost: check --master; Spark's log above says more)";
    }
    return null;
  }

  private static final String DISK_FULL = "disk full";
  /** How Hadoop's local file system begins its message when it cannot make a file's folder. */
  private static final String MKDIRS_FAILED = "Mkdirs failed to create ";
  /**
   * How Spark begins its message when it cannot make a temporary folder (its artifacts', a
   * block manager's) in a folder of Java's or its own: "… (under /tmp/x) after 10 attempts!".
   */
  private static final String TEMP_FOLDER_FAILED = "Failed to create a temp directory (under ";

  /**
   * The folder a "Mkdirs failed to create file:/w/x (exists=false, cwd=…)" or a "Failed to create
   * a temp directory (under /tmp/x) after 10 attempts!" message names.
   */
  static Path folderNotMade(String message) {
    if (message.startsWith(TEMP_FOLDER_FAILED)) {
      String rest = message.substring(TEMP_FOLDER_FAILED.length());
      int end = rest.indexOf(") after ");
      return Path.of(end < 0 ? rest.strip() : rest.substring(0, end));
    }
    String rest = message.substring(MKDIRS_FAILED.length());
    int end = rest.indexOf(" (exists=");
    String folder = end < 0 ? rest.strip() : rest.substring(0, end);
    try {
      return Path.of(folder.startsWith("file:") ? java.net.URI.create(folder).getPath() : folder);
    } catch (RuntimeException e) {
      return Path.of(folder.replaceFirst("^file:", ""));
    }
  }

  /** Below this many bytes left, a temporary folder is named as the full one. */
  static final long NEARLY_FULL = 64L << 20;

  /**
   * Where Java and Spark keep temporary files on this machine: {@code java.io.tmpdir}, and
   * {@code SPARK_LOCAL_DIRS} when set (the setting {@code spark.local.dir} is the session's, not
   * known here).
   */
  static List<String> temporaryFolders() {
    List<String> folders = new ArrayList<>();
    folders.add(System.getProperty("java.io.tmpdir"));
    String local = System.getenv("SPARK_LOCAL_DIRS");
    if (local != null) {
      for (String folder : local.split(",")) {
        if (!folder.isBlank() && !folders.contains(folder.strip())) {
          folders.add(folder.strip());
        }
      }
    }
    return folders;
  }

  /**
   * What to add to a "disk full" line when a temporary folder is nearly full: a run's "No space
   * left on device" is as likely theirs (Spark's shuffle and block files, Snappy's library) as the
   * warehouse's, which the line names anyway. Empty when none is.
   */
  static String fullTemporaryFolders(List<String> folders, ToLongFunction<String> usable) {
    List<String> full = new ArrayList<>();
    for (String folder : folders) {
      long left = usable.applyAsLong(folder);
      if (left >= 0 && left < NEARLY_FULL) {
        full.add(folder + " (" + (left >> 20) + " MiB left)");
      }
    }
    return full.isEmpty() ? "" : "; the temporary folder " + String.join(", ", full) + " is full: make room, or choose"
        + " another with CHANGAI_JAVA_OPTS=-Djava.io.tmpdir=DIR (Spark's own: SPARK_LOCAL_DIRS=DIR)";
  }

  /** The bytes a folder's file system has left for this user, or -1 when it cannot be told. */
  private static long usableSpace(String folder) {
    try {
      return folder == null ? -1 : Files.getFileStore(Path.of(folder)).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String message(Throwable e) {
    if (e instanceof ClassNotFoundException) {
      // Its message is the class's name alone: say what it is (a --conf setting naming a class, say).
      return "class not found: " + e.getMessage();
    }
    if (e.getMessage() != null && e.getMessage().startsWith(MKDIRS_FAILED)) {
      return "cannot make the folder " + shortened(folderNotMade(e.getMessage()).toString());
    }
    if (e.getMessage() != null && e.getMessage().startsWith(TEMP_FOLDER_FAILED)) {
      return "cannot make a temporary folder in " + shortened(folderNotMade(e.getMessage()).toString());
    }
    if (e instanceof FileSystemException fse) {
      String reason = fse.getReason() != null ? fse.getReason() : reason(fse);
      return reason == null ? files(fse) : files(fse) + ": " + reason;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /**
   * What the JDK's exceptions for a path carry in their type alone, their message being the path
   * (a warehouse under {@code /proc}, a folder where a file was looked for); null for others.
   */
  private static String reason(FileSystemException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof java.nio.file.DirectoryNotEmptyException) {
      return "folder not empty";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof java.nio.file.FileSystemLoopException) {
      return "links that lead in a circle";
    }
    return null;
  }

  /** The exception's paths, a long one shortened in its middle so that the reason after it stays in the line. */
  private static String files(FileSystemException e) {
    return shortened(e.getFile()) + (e.getOtherFile() == null ? "" : " -> " + shortened(e.getOtherFile()));
  }

  private static String shortened(String path) {
    return path == null || path.length() <= 160 ? path : path.substring(0, 100) + "…" + path.substring(path.length() - 50);
  }

  /** Spark's messages can run to pages; the first line, cut short, is what a person can read. */
  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline) + " ...";
    return line.length() <= 300 ? line : line.substring(0, 300) + " ...";
  }
}
