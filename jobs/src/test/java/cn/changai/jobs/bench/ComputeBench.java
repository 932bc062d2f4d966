package cn.changai.jobs.bench;

import cn.changai.jobs.compute.ComputeIndicatorsJob;
import cn.changai.jobs.compute.ComputeResult;
import cn.changai.jobs.ingest.IngestJob;
import cn.changai.jobs.run.RunRecords;
import cn.changai.jobs.spark.Sessions;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The compute stage alone, repeated in one JVM on a warehouse a run already filled: the first
 * repetition is as cold as the nightly run's compute (after an ingest of the sample inbox, as the
 * nightly run's compute follows its ingest), the later ones show it warm. DuckDB's aggregation on
 * the same Parquet is timed after each. Prints its figures; run on purpose, never as a test:
 * {@code scripts/bench --compute WAREHOUSE [--repeats K]}.
 */
public final class ComputeBench {

  private ComputeBench() {}

  public static void main(String[] args) throws Exception {
    String[] warehouses = args[0].split(",");
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    SparkSession spark = Sessions.create("compute-bench", new SparkOptions());
    Path warm = Files.createTempDirectory("compute-bench-warm");
    String warmId = RunRecords.newRunId();
    new IngestJob(spark, Path.of("sample-data/inbox").toAbsolutePath().toString(),
        new Warehouse(warm.toString(), new Configuration()), new TreeSet<>(), warmId).run();
    Thread main = Thread.currentThread();
    java.util.Map<String, Integer> inclusive = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.Map<String, Integer> leaf = new java.util.concurrent.ConcurrentHashMap<>();
    boolean sample = System.getProperty("sample") != null;
    int from = Integer.getInteger("sampleFrom", 1);
    java.util.concurrent.atomic.AtomicBoolean on = new java.util.concurrent.atomic.AtomicBoolean();
    Thread sampler = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
        if (!on.get()) {
          continue;
        }
        for (Thread th : Thread.getAllStackTraces().keySet()) {
        if (th != main && !th.getName().startsWith("compute-")) {
          continue;
        }
        StackTraceElement[] st = th.getStackTrace();
        if (th != main && st.length > 0 && st[0].getMethodName().equals("park")) {
          continue;
        }
        String within = System.getProperty("within");
        if (within != null && java.util.Arrays.stream(st).noneMatch(e -> (e.getClassName() + "." + e.getMethodName()).contains(within))) {
          continue;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        StringBuilder key = new StringBuilder();
        int k = 0;
        for (StackTraceElement e : st) {
          String m = e.getClassName() + "." + e.getMethodName();
          if (k < 6) {
            key.append(k == 0 ? "" : " < ").append(m).append(':').append(e.getLineNumber());
            k++;
          }
          if (seen.add(m)) {
            inclusive.merge(m, 1, Integer::sum);
          }
        }
        leaf.merge(key.toString(), 1, Integer::sum);
        String deep = System.getProperty("deep");
        if (deep != null && st.length > 0 && (st[0].getClassName() + "." + st[0].getMethodName()).contains(deep)) {
          StringBuilder d = new StringBuilder("DEEP");
          for (StackTraceElement e : st) {
            if (e.getClassName().startsWith("cn.changai") || e.getClassName().contains("Shell") || e.getClassName().contains("FileSystem")
                || e.getClassName().contains("Configuration") || e.getClassName().contains("parquet") || e.getClassName().contains("FileIndex") || e.getClassName().contains("DataSource")) {
              d.append(" < ").append(e.getClassName().replaceAll(".*\\.", "")).append('.').append(e.getMethodName()).append(':').append(e.getLineNumber());
            }
          }
          leaf.merge(d.toString(), 1, Integer::sum);
        }
        }
      }
    });
    sampler.setDaemon(true);
    if (sample) {
      sampler.start();
    }
    for (int r = 1; r <= repeats * warehouses.length; r++) {
      Path warehouse = Path.of(warehouses[(r - 1) % warehouses.length]);
      on.set(sample && r >= from);
      String runId = RunRecords.newRunId();
      long t = System.nanoTime();
      ComputeResult result = new ComputeIndicatorsJob(spark,
          new Warehouse(warehouse.toString(), new Configuration()), new TreeSet<>(), 10, runId).run();
      double ours = (System.nanoTime() - t) / 1e9;
      on.set(false);
      double duck = Bench.duckdb(warehouse, new long[2]);
      System.out.printf("run %d " + warehouse.getFileName() + ": compute %.3f s, duckdb %.3f s, ratio %.2f, steps %s%n", r, ours, duck, ours / duck,
          result.stageMillis());
    }
    if (sample) {
      System.out.println("--- main thread, inclusive samples (1 ms)");
      inclusive.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(70)
          .forEach(e -> System.out.printf("%6d %s%n", e.getValue(), e.getKey()));
      System.out.println("--- main thread, top frames");
      leaf.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(40)
          .forEach(e -> System.out.printf("%6d %s%n", e.getValue(), e.getKey()));
    }
    spark.stop();
  }
}
