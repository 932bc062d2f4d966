package cn.changai.jobs.bench;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.ingest.IngestResult;
import cn.changai.jobs.ingest.ValidateJob;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Faults cost linear time: checks a workers.csv of 10^5 clean rows and one of 10^5 rows that each
 * hold a stray quote, alternately in one JVM, and prints the median times and their ratio
 * ({@code scripts/bench --faults}). A benchmark, not a timed test.
 */
public final class FaultBench {

  private static final int ROWS = 100_000;

  private FaultBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("changai-faults");
    Path clean = inbox(dir.resolve("clean"), false);
    Path faulty = inbox(dir.resolve("faulty"), true);
    double[] cleanSeconds = new double[5];
    double[] faultySeconds = new double[5];
    for (int warm = 0; warm < 2; warm++) {
      time(clean);
      time(faulty);
    }
    for (int i = 0; i < cleanSeconds.length; i++) {
      cleanSeconds[i] = time(clean);
      faultySeconds[i] = time(faulty);
    }
    java.util.Arrays.sort(cleanSeconds);
    java.util.Arrays.sort(faultySeconds);
    double c = cleanSeconds[2];
    double f = faultySeconds[2];
    System.out.printf("%,d rows: clean %.3f s, a stray quote on every row %.3f s, ratio %.2f (medians of 5)%n",
        ROWS, c, f, f / c);
  }

  private static double time(Path inbox) throws Exception {
    long t = System.nanoTime();
    IngestResult result = ValidateJob.run(inbox.toString(), Set.of());
    double seconds = (System.nanoTime() - t) / 1e9;
    if (result.submissions().get(0).counts().workersRead() != ROWS) {
      throw new IllegalStateException("read " + result.submissions().get(0).counts() + " rows");
    }
    return seconds;
  }

  /** An inbox of one submission whose roster has ROWS rows, each with a stray quote or none. */
  private static Path inbox(Path root, boolean strayQuotes) throws Exception {
    InboxFixture inbox = new InboxFixture(root);
    InboxFixture.Submission s = inbox.valid("2025", InboxFixture.ID_A, InboxFixture.WorkerRow.worker("W1").csv());
    String row = InboxFixture.WorkerRow.worker("W").csv();
    try (BufferedWriter out = Files.newBufferedWriter(s.dir().resolve("workers.csv"), StandardCharsets.UTF_8)) {
      out.write(InboxFixture.WORKERS_HEADER + "\n");
      for (int i = 0; i < ROWS; i++) {
        String id = "W" + i;
        out.write((strayQuotes ? "\"" + id + "\"x" : id) + row.substring(1) + "\n");
      }
    }
    return root;
  }
}
