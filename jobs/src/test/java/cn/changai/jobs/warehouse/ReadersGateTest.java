package cn.changai.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit waits for a reader of another process ({@code changai sql}) to finish before it swaps
 * folders. The reader here is a child JVM holding the gate for two seconds.
 */
class ReadersGateTest {

  @TempDir Path root;

  /**
   * The child: takes the readers' gate of the warehouse given, says so with the files it then sees
   * in {@code tables/t/period=2025}, holds it for the milliseconds given.
   */
  public static void main(String[] args) throws Exception {
    Warehouse warehouse = new Warehouse(args[0], new Configuration());
    try (ReadersGate gate = ReadersGate.reading(warehouse)) {
      java.io.File period = Path.of(args[0], "tables", "t", "period=2025").toFile();
      String[] files = period.list();
      java.util.Arrays.sort(files == null ? new String[0] : files);
      System.out.println("reading " + String.join(",", files == null ? new String[0] : files));
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]));
    }
  }

  @Test
  void aCommitWaitsForAReaderInAnotherProcess() throws Exception {
    Warehouse w = new Warehouse(root.toString(), new Configuration());
    Files.createDirectories(root.resolve("tables/t/period=2025"));
    Files.writeString(root.resolve("tables/t/period=2025/a.parquet"), "old");
    Files.createDirectories(root.resolve("_staging/r1/t/period=2025"));
    Files.writeString(root.resolve("_staging/r1/t/period=2025/b.parquet"), "new");

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ReadersGateTest.class.getName(), root.toString(), "2000"));
    Process reader = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("reading")) {
        // the child's log lines, if any
      }
      assertThat(line).isEqualTo("reading a.parquet");
      long started = System.nanoTime();
      w.commit("r1", List.of(new Warehouse.Move("tables/t/period=2025", "_staging/r1/t/period=2025", true)));
      long waitedMs = (System.nanoTime() - started) / 1_000_000;
      // The reader held the gate for 2 s from before the commit began: the swap came after.
      assertThat(waitedMs).isGreaterThanOrEqualTo(1_000);
      assertThat(reader.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }
    assertThat(root.resolve("tables/t/period=2025/b.parquet")).hasContent("new");
    assertThat(root.resolve("tables/t/period=2025/a.parquet")).doesNotExist();

    // With no reader, a commit does not wait.
    Files.createDirectories(root.resolve("_staging/r2/t/period=2025"));
    Files.writeString(root.resolve("_staging/r2/t/period=2025/c.parquet"), "newer");
    long started = System.nanoTime();
    w.commit("r2", List.of(new Warehouse.Move("tables/t/period=2025", "_staging/r2/t/period=2025", true)));
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
  }

  /** Whether a line the appender holds begins with {@code start} (it appends under its own lock). */
  private static boolean said(ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log,
      String start) {
    synchronized (log) {
      return log.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith(start));
    }
  }

  /**
   * Queries that overlap one another (two analysts' loops) kept the shared lock taken without a
   * gap: the commit waited its 30 s, swapped under them anyway, and a query failed on a file gone
   * ("FileNotFoundException ... kept-00001-….snappy.parquet does not exist"). A reader that comes
   * while a commit waits now waits behind the commit.
   */
  @Test
  void aReaderThatComesWhileACommitWaitsWaitsBehindIt() throws Exception {
    Warehouse w = new Warehouse(root.toString(), new Configuration());
    Files.createDirectories(root.resolve("tables/t/period=2025"));
    Files.writeString(root.resolve("tables/t/period=2025/a.parquet"), "old");
    Files.createDirectories(root.resolve("_staging/r1/t/period=2025"));
    Files.writeString(root.resolve("_staging/r1/t/period=2025/b.parquet"), "new");

    Process first = reader("2500");
    assertThat(awaitReading(first)).isEqualTo("reading a.parquet");
    java.util.concurrent.atomic.AtomicBoolean committed = new java.util.concurrent.atomic.AtomicBoolean();
    Thread commit = new Thread(() -> {
      try {
        w.commit("r1", List.of(new Warehouse.Move("tables/t/period=2025", "_staging/r1/t/period=2025", true)));
        committed.set(true);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
        new ch.qos.logback.core.read.ListAppender<>();
    log.start();
    ch.qos.logback.classic.Logger gateLog =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ReadersGate.class);
    gateLog.addAppender(log);
    try {
      commit.start();
      // The commit says so once it has shut the turnstile and waits for the first reader (a fixed
      // sleep here let the second reader in first when the machine was loaded). On a machine slow
      // enough that the first reader ended before the commit came, the commit is simply done.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!committed.get() && !said(log, "Readers (changai sql) hold")) {
        assertThat(System.nanoTime()).as("the commit neither waited nor finished").isLessThan(deadline);
        Thread.sleep(20);
      }
    } finally {
      gateLog.detachAppender(log);
    }
    // A second query, begun while the first still reads, would hold the gate 2.5 s more.
    Process second = reader("2500");
    // The second reader comes in only after the swap, and so sees the new file (before the
    // turnstile it came in at once, saw the old one, and the commit waited for both readers).
    // No bound on time: a shared machine stretches every wait.
    assertThat(awaitReading(second)).isEqualTo("reading b.parquet");
    commit.join(TimeUnit.MINUTES.toMillis(1));
    assertThat(committed.get()).isTrue();
    assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(second.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(root.resolve("tables/t/period=2025/b.parquet")).hasContent("new");
  }

  private Process reader(String holdMs) throws java.io.IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ReadersGateTest.class.getName(), root.toString(), holdMs));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** The child's line once it holds the gate: "reading" and the files it sees. */
  private static String awaitReading(Process reader) throws java.io.IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("reading")) {
      // the child's log lines, if any
    }
    return line;
  }
}
