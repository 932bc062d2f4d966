package cn.changai.jobs.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every job runs in, with the settings our tables depend on. */
public final class Sessions {

  private Sessions() {}

  /** A session for the given master and user settings; user settings win over ours. */
  public static SparkSession create(String appName, SparkOptions options) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .master(options.master)
            // Period folders like 2025 must stay strings, never become integers.
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
            // Rows carry java.time values (LocalDate, Instant).
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.session.timeZone", "Asia/Shanghai")
            .config("spark.sql.parquet.compression.codec", "snappy")
            // Timestamps as Parquet instants (INT64 microseconds, adjusted to UTC), as the driver's
            // writers store them: Spark's default INT96 reads as a zone-less time in DuckDB and pyarrow.
            .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.debug.maxToStringFields", "200")
            .config("spark.sql.adaptive.enabled", "true");
    if (options.master.startsWith("local")) {
      builder
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          // In local mode the executor is this process: a task's OutOfMemoryError must fail the
          // job (and be reported and recorded) instead of making Spark exit the JVM with code 52.
          .config("spark.executor.killOnFatalError.depth", "0")
          .config("spark.sql.shuffle.partitions", "8");
    } else {
      // On a cluster the executors get this program's jars from the driver.
      builder.config("spark.jars", AppJars.sparkJars());
      if (options.master.contains("://127.0.0.1") || options.master.contains("://localhost")) {
        builder.config("spark.driver.host", "127.0.0.1");
      }
    }
    for (Map.Entry<String, String> setting : options.conf.entrySet()) {
      builder.config(setting.getKey(), setting.getValue());
    }
    return builder.getOrCreate();
  }
}
