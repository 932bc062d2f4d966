package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** The one line a failure prints: the cause an operator acts on first, then what was being done. */
class FailuresTest {

  @Test
  void aFullDiskIsNamedFromHadoopsFsErrorWhichIsAnErrorNotAnException() throws IOException {
    // /dev/full answers every write with ENOSPC, as a full disk does.
    FileSystem raw = FileSystem.getLocal(new Configuration()).getRaw();
    Throwable thrown = catchThrowable(() -> {
      try (OutputStream out = raw.create(new Path("/dev/full"), true)) {
        out.write(new byte[70_000]);
      }
    });
    assertThat(thrown).isInstanceOf(FSError.class);
    assertThat(Failures.describe(thrown)).isEqualTo("disk full: No space left on device");
    // Spark wraps a task's FSError in a SparkException of many lines; the innermost message is the one.
    RuntimeException spark = new RuntimeException("Job aborted due to stage failure: Task 0 in stage 2.0 failed 1 times,"
        + " most recent failure: Lost task 0.0 (TID 31): org.apache.hadoop.fs.FSError: java.io.IOException: No space left"
        + " on device\nDriver stacktrace:", thrown);
    assertThat(Failures.describe(spark)).isEqualTo("disk full: No space left on device");
  }

  @Test
  void aFailureBeforeTheLockSaysWhenARunStoppedWhilePublishing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
      throws IOException {
    // A full disk stops the run taking the lock before it can complete the swaps a killed run
    // left: the operator is told that the tables stay mixed until a run with room takes the lock.
    cn.changai.jobs.warehouse.Warehouse warehouse =
        new cn.changai.jobs.warehouse.Warehouse(root.toString(), new Configuration());
    assertThat(RunRecords.stillMixed(warehouse)).isEmpty();
    java.nio.file.Files.createDirectories(root.resolve("_swapping"));
    java.nio.file.Files.createFile(root.resolve("_swapping").resolve("20261207T010203Z-abcdef"));
    assertThat(RunRecords.stillMixed(warehouse)).isEqualTo("; run 20261207T010203Z-abcdef stopped while publishing,"
        + " and its tables stay part old, part new until a command that can take the lock (with room on the disk)"
        + " completes its publication first thing");
  }

  @Test
  void aReadOnlyFileSystemAndADeniedPathAreNamedWithThePath() {
    assertThat(Failures.describe(new FileSystemException("/w/_lock.guard", null, "Read-only file system")))
        .isEqualTo("read-only file system: /w/_lock.guard: Read-only file system");
    // A path long enough for the line's cut: shortened in its middle, the reason kept after it.
    String deep = "/w/" + "x".repeat(400);
    assertThat(Failures.describe(new IOException("cannot lock", new FileSystemException(deep, null, "File name too long"))))
        .isEqualTo("file name too long (a name of the path over the file system's limit, 255 bytes on most): /w/"
            + "x".repeat(97) + "…" + "x".repeat(50) + ": File name too long");
    assertThat(Failures.describe(new FileSystemException("/w/a", "/w/b", "Directory not empty")))
        .isEqualTo("/w/a -> /w/b: Directory not empty");
    // Java's exceptions for ENOENT, EEXIST, ENOTEMPTY and ENOTDIR carry the path alone: their type says why.
    assertThat(Failures.describe(new IOException("cannot lock", new java.nio.file.NoSuchFileException("/proc/w"))))
        .isEqualTo("cannot lock (caused by NoSuchFileException: /proc/w: no such file or folder)");
    assertThat(Failures.describe(new java.nio.file.FileAlreadyExistsException("/w/runs")))
        .isEqualTo("/w/runs: already exists");
    assertThat(Failures.describe(new java.nio.file.DirectoryNotEmptyException("/w/_trash/x")))
        .isEqualTo("/w/_trash/x: folder not empty");
    assertThat(Failures.describe(new java.nio.file.NotDirectoryException("/w/tables")))
        .isEqualTo("/w/tables: not a folder");
    // Java's exception for EACCES and EPERM carries the path alone, no reason.
    assertThat(Failures.describe(new IOException("cannot lock", new AccessDeniedException("/w/_lock.guard"))))
        .isEqualTo("permission denied: /w/_lock.guard");
  }

  @Test
  void aFolderHadoopCouldNotMakeIsNamedWithWhyAsTheFileSystemTellsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    // /sys refuses a new file even to root (EACCES, or EROFS where it is mounted read-only): a
    // warehouse made unwritable while ingest's tasks write their staging.
    String why = cn.changai.jobs.warehouse.FolderProbe.whyNotWritable(java.nio.file.Path.of("/sys/changai-test"));
    org.junit.jupiter.api.Assumptions.assumeFalse(why.isEmpty(), "/sys takes new files here");
    String kind = why.equals(cn.changai.jobs.warehouse.FolderProbe.DENIED) ? "permission denied" : "read-only file system";
    IOException mkdirs = new IOException(
        "Mkdirs failed to create file:/sys/changai-test/_staging/r1/workers (exists=false, cwd=file:/work)");
    RuntimeException spark = new RuntimeException("Job aborted due to stage failure: Task 3 in stage 1.0 failed 1 times,"
        + " most recent failure: Lost task 3.0 (TID 7): " + mkdirs + "\nDriver stacktrace:", mkdirs);
    assertThat(Failures.describe(spark)).isEqualTo(kind + ": cannot make the folder /sys/changai-test/_staging/r1/workers");
    // Spark's own words when it cannot make a temporary folder (its artifacts', on a temporary
    // folder made read-only during the run): the folder is asked why, and named.
    RuntimeException temp = new RuntimeException("Failed to create a temp directory (under /sys/changai-test/x) after 10 attempts!");
    assertThat(Failures.describe(new RuntimeException("compute failed", temp)))
        .isEqualTo(kind + ": cannot make a temporary folder in /sys/changai-test/x");
    // Where a folder can be made after all, no cause is claimed.
    assertThat(Failures.describe(new IOException("Mkdirs failed to create file:" + tmp + "/x (exists=false, cwd=file:/)")))
        .isEqualTo("cannot make the folder " + tmp + "/x");
    assertThat(Failures.describe(new RuntimeException("Failed to create a temp directory (under " + tmp + ") after 10 attempts!")))
        .isEqualTo("cannot make a temporary folder in " + tmp);
  }

  @Test
  void aDiskFullLineNamesATemporaryFolderThatIsNearlyFullAndNoneThatIsNot() {
    // /t has 5 MiB left, /s 1 GiB, /x cannot be told: only /t is named.
    java.util.Map<String, Long> left = java.util.Map.of("/t", 5L << 20, "/s", 1L << 30, "/x", -1L);
    assertThat(Failures.fullTemporaryFolders(java.util.List.of("/t", "/s", "/x"), left::get))
        .isEqualTo("; the temporary folder /t (5 MiB left) is full: make room, or choose another with"
            + " CHANGAI_JAVA_OPTS=-Djava.io.tmpdir=DIR (Spark's own: SPARK_LOCAL_DIRS=DIR)");
    assertThat(Failures.fullTemporaryFolders(java.util.List.of("/s", "/x"), left::get)).isEmpty();
    // java.io's refusal to open a file for writing says "(Permission denied)" after the path.
    assertThat(Failures.describe(new RuntimeException("x", new java.io.FileNotFoundException(
        "/w/reports/2025/index.html (Permission denied)"))))
        .isEqualTo("permission denied: /w/reports/2025/index.html (Permission denied)");
  }

  @Test
  void outOfMemoryIsNamedWithWhatToDo() {
    assertThat(Failures.describe(new OutOfMemoryError("Java heap space")))
        .isEqualTo("out of memory (raise the heap, e.g. CHANGAI_JAVA_OPTS=-Xmx8g): Java heap space");
    // As a task's failure reaches the driver: the error's text inside Spark's message.
    assertThat(Failures.describe(new RuntimeException("java.lang.OutOfMemoryError: Java heap space")))
        .isEqualTo("out of memory (raise the heap, e.g. CHANGAI_JAVA_OPTS=-Xmx8g): java.lang.OutOfMemoryError: Java heap space");
  }

  @Test
  void aSparkThatStoppedForItsMasterIsNamedSoHoweverItSurfaces() {
    String said = "Spark stopped (a cluster master that cannot be reached or was lost: check --master; Spark's log above says more)";
    assertThat(Failures.describe(new IllegalStateException("Cannot call methods on a stopped SparkContext.\nThis stopped")))
        .startsWith(said);
    // changai sql --master spark://nohost:7077 met it as this, after a minute of retries.
    assertThat(Failures.describe(new NullPointerException("Cannot invoke \"org.apache.spark.SparkEnv.rpcEnv()\" because the"
        + " return value of \"org.apache.spark.SparkEnv$.get()\" is null"))).startsWith(said);
  }

  @Test
  void anyOtherFailureIsItsFirstLineAndItsRootCause() {
    assertThat(Failures.describe(new IllegalStateException("cannot publish\nat some place", new IOException("gone"))))
        .isEqualTo("cannot publish ... (caused by IOException: gone)");
    assertThat(Failures.describe(new IllegalStateException("x".repeat(400))))
        .isEqualTo("x".repeat(300) + " ...");
    assertThat(Failures.describe(new NullPointerException())).isEqualTo("NullPointerException");
    // --conf spark.serializer=no.such.Class: the line said "no.such.Class" alone.
    assertThat(Failures.describe(new ClassNotFoundException("no.such.Class"))).isEqualTo("class not found: no.such.Class");
    assertThat(Failures.describe(new IllegalStateException("cannot start", new ClassNotFoundException("x.Y"))))
        .isEqualTo("cannot start (caused by ClassNotFoundException: class not found: x.Y)");
  }
}
