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

  /** The child: takes the readers' gate of the warehouse given, says so, holds it for the milliseconds given. */
  public static void main(String[] args) throws Exception {
    Warehouse warehouse = new Warehouse(args[0], new Configuration());
    try (ReadersGate gate = ReadersGate.reading(warehouse)) {
      System.out.println("reading");
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
      while ((line = out.readLine()) != null && !line.equals("reading")) {
        // the child's log lines, if any
      }
      assertThat(line).isEqualTo("reading");
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
}
