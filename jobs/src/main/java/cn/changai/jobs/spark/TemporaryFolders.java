package cn.changai.jobs.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The folders the driver's Spark writes temporary files to, checked before Spark starts: Java's
 * temporary folder, where Snappy unpacks its native library, and Spark's local folders, where the
 * block manager keeps its files. Left to themselves, a full or unwritable temporary folder ends a
 * run with exit code 53 (Spark calls {@code System.exit} when it can create none of its local
 * folders) or with a task failing on "no snappyjava in java.library.path"; neither names the
 * folder or the remedy.
 */
final class TemporaryFolders {

  /** Bytes written to each folder: enough for a nearly full disk to show, little enough to cost nothing. */
  static final int PROBE_BYTES = 1 << 20;

  private static final String JAVA_TMPDIR = "java.io.tmpdir";

  private TemporaryFolders() {}

  /**
   * Fails with a message naming the folder and how to choose another when Java's temporary folder
   * (or Snappy's own, when set) cannot take a file, or when none of Spark's local folders can.
   */
  static void check(Map<String, String> conf) throws IOException {
    String snappy = System.getProperty("org.xerial.snappy.tempdir");
    Path java = Path.of(snappy != null ? snappy : System.getProperty(JAVA_TMPDIR));
    probe(java, "Java's temporary folder", "CHANGAI_JAVA_OPTS=-Djava.io.tmpdir=DIR");
    List<Path> local = localFolders(conf, System.getenv("SPARK_LOCAL_DIRS"), System.getProperty(JAVA_TMPDIR));
    if (local.size() == 1 && local.get(0).equals(java)) {
      return;
    }
    List<IOException> faults = new ArrayList<>();
    for (Path folder : local) {
      try {
        // SPARK_LOCAL_DIRS, when set, wins over --conf spark.local.dir: the advice names what is in force.
        probe(folder, "Spark's local folder", System.getenv("SPARK_LOCAL_DIRS") != null
            ? "SPARK_LOCAL_DIRS=DIR (set in the environment, it wins over --conf spark.local.dir)"
            : "--conf spark.local.dir=DIR");
        return; // Spark needs one of them
      } catch (IOException e) {
        faults.add(e);
      }
    }
    IOException first = faults.get(0);
    faults.subList(1, faults.size()).forEach(first::addSuppressed);
    throw first;
  }

  /**
   * Spark's local folders for the driver, as Spark chooses them: {@code SPARK_LOCAL_DIRS}, else the
   * setting {@code spark.local.dir}, else Java's temporary folder; each a comma-separated list.
   */
  static List<Path> localFolders(Map<String, String> conf, String environment, String javaTemporary) {
    String list = environment != null && !environment.isBlank() ? environment
        : conf.getOrDefault("spark.local.dir", javaTemporary);
    List<Path> folders = new ArrayList<>();
    for (String folder : list.split(",")) {
      if (!folder.isBlank()) {
        folders.add(Path.of(folder.strip()));
      }
    }
    return folders.isEmpty() ? List.of(Path.of(javaTemporary)) : folders;
  }

  /**
   * Creates the folder if need be (as Spark would), then writes and deletes a file of {@link
   * #PROBE_BYTES} in it. The exception thrown names the folder, what it is for and how to choose
   * another, and carries the system's reason ("No space left on device", ...), so that {@code
   * Failures} says "disk full", "read-only file system" or "permission denied" first.
   */
  static void probe(Path folder, String what, String remedy) throws IOException {
    Path file = null;
    try {
      Files.createDirectories(folder);
      file = Files.createTempFile(folder, "changai-", ".probe");
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write(new byte[PROBE_BYTES]);
      }
    } catch (IOException e) {
      String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
          : e instanceof AccessDeniedException ? "permission denied"
          : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      String message = what + " cannot take a file (" + reason + "); make it writable with room to spare, or choose another with " + remedy;
      FileSystemException fault = e instanceof AccessDeniedException
          ? new AccessDeniedException(folder.toString(), null, message)
          : new FileSystemException(folder.toString(), null, message);
      // Not its cause: the message above is the one to print, and Failures prints the deepest.
      fault.addSuppressed(e);
      throw fault;
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // A probe left behind is a megabyte in a temporary folder; the fault above, if any, matters.
        }
      }
    }
  }
}
