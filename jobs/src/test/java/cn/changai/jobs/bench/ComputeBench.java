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
 * The compute stage alone, run again and again in one JVM on warehouses a nightly run filled:
 * after an ingest of the sample inbox (the nightly run's compute, too, follows an ingest in its
 * JVM), the first run is as cold as the nightly one, the later ones show it warm. DuckDB's
 * aggregation on the same Parquet is timed after each, as {@link Bench} times it. Prints its
 * figures; run on purpose ({@code scripts/bench --compute WAREHOUSE[,WAREHOUSE...] [--repeats K]}),
 * never as a test. It rewrites the warehouses' indicator_values and skill_distribution.
 */
public final class ComputeBench {

  private ComputeBench() {}

  public static void main(String[] args) throws Exception {
    String[] warehouses = args[0].split(",");
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    SparkSession spark = Sessions.create("compute-bench", new SparkOptions());
    Path warm = Files.createTempDirectory("compute-bench-ingest");
    new IngestJob(spark, Path.of("sample-data/inbox").toAbsolutePath().toString(),
        new Warehouse(warm.toString(), new Configuration()), new TreeSet<>(), RunRecords.newRunId()).run();
    for (int r = 1; r <= repeats; r++) {
      for (String location : warehouses) {
        Path warehouse = Path.of(location);
        long t = System.nanoTime();
        ComputeResult result = new ComputeIndicatorsJob(spark, new Warehouse(warehouse.toString(), new Configuration()),
            new TreeSet<>(), 10, RunRecords.newRunId()).run();
        double ours = (System.nanoTime() - t) / 1e9;
        double duck = Bench.duckdb(warehouse, new long[2]);
        System.out.printf("run %d %s: compute %.3f s, duckdb %.3f s, ratio %.2f, steps %s%n", r, warehouse.getFileName(),
            ours, duck, ours / duck, result.stageMillis());
      }
    }
    spark.stop();
    try (var paths = Files.walk(warm)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
