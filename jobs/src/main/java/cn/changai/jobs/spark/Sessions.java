package cn.changai.jobs.spark;

import cn.changai.jobs.pause.Pause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every job runs in, with the settings our tables depend on. */
public final class Sessions {

  /** Spark's setting for whole-stage code generation. */
  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";

  /**
   * Spark's (internal) setting for how expressions are evaluated: {@code FALLBACK} (generated
   * code, the default) or {@code NO_CODEGEN} (interpreted).
   */
  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

  /** Set by {@link #create} when code generation is ours to choose by the size of a query. */
  static final String WHOLE_STAGE_BY_SIZE = "changai.sql.codegen.wholeStageBySize";

  /**
   * The bytes of Parquet workers under which a run's queries are evaluated without generated code
   * ({@link #fitTo}): compiling a query's code costs 1-2 s in a fresh JVM, interpreting it about
   * 30 µs a row of the worker measures; the sample's 111 KB of workers gain, 50,000 rows' 1 MB do
   * not (docs/performance.md).
   */
  public static final long INTERPRETED_BYTES = 256L << 10;

  /**
   * The Parquet bytes from which a scan gets Spark's whole-stage code generation ({@link
   * #forScan}), between the sample's 111 KB of workers (faster without) and 10^6 rows' 16.7 MB
   * (the worker measures 1.1-1.5 s faster with it); see docs/performance.md.
   */
  public static final long WHOLE_STAGE_BYTES = 4L << 20;

  private Sessions() {}

  /**
   * A session for the given master and user settings; user settings win over ours. Fails before
   * Spark starts, naming the folder, when a temporary folder the driver needs cannot take a file
   * ({@link TemporaryFolders}).
   */
  public static SparkSession create(String appName, SparkOptions options) {
    try {
      TemporaryFolders.check(options.conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
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
    if (!options.conf.containsKey(WHOLE_STAGE) && !options.conf.containsKey(FACTORY_MODE)) {
      // Most of a run's queries read small tables (enterprises, units, scores, report data): in a
      // fresh JVM, compiling each query's whole stage costs more than it saves (a sample run: a
      // median of 0.9 s of 11.4). Scans of many rows ask for it (forScan); a run over very little
      // data goes without generated code (fitTo). A user's --conf setting of either wins everywhere.
      builder.config(WHOLE_STAGE, "false").config(WHOLE_STAGE_BY_SIZE, "true");
    }
    if (options.master.startsWith("local")) {
      Path scratch = scratch(options.conf);
      if (scratch != null) {
        builder.config("spark.local.dir", scratch.toString());
        // Spark's catalog folder, made by a statement such as SHOW TABLES: not in the user's folder.
        builder.config("spark.sql.warehouse.dir", scratch.resolve("spark-warehouse").toUri().toString());
      }
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
    // A test stops here to break a folder between the check and the start (SparkStart).
    Pause.point("spark-starting");
    return SparkStart.start(appName, options.conf, builder::getOrCreate);
  }

  /**
   * Sets how the failure of a process that Spark ends as it starts is reported: the command's name,
   * the failure and a note to follow its line in, the exit code out ({@link SparkStart}).
   */
  public static void reporter(Reporter report) {
    SparkStart.reporter(report);
  }

  /** How the command line reports a failure, with a note after its line; returns the exit code. */
  public interface Reporter {
    int failed(String command, Throwable failure, String note);
  }

  /**
   * This process's own folder for Spark's local files and Snappy's library ({@link Scratch}), made
   * once Java's temporary folder has passed its check; null where the user chose those folders
   * (SPARK_LOCAL_DIRS, {@code spark.local.dir}, {@code org.xerial.snappy.tempdir}) or it cannot be made.
   */
  private static Path scratch(Map<String, String> conf) {
    if (System.getenv("SPARK_LOCAL_DIRS") != null || conf.containsKey("spark.local.dir")
        || System.getProperty("org.xerial.snappy.tempdir") != null) {
      return null;
    }
    try {
      Path scratch = Scratch.open(Path.of(System.getProperty("java.io.tmpdir")));
      System.setProperty("org.xerial.snappy.tempdir", scratch.toString());
      return scratch;
    } catch (IOException | RuntimeException e) {
      return null; // Spark's and Snappy's own choice, Java's temporary folder, which passed its check
    }
  }

  /**
   * The session to scan the given bytes of Parquet in: {@code spark} itself for a small scan, a
   * session beside it (same SparkContext, its own settings) with whole-stage code generation for
   * a large one, unless the user chose that setting.
   */
  public static SparkSession forScan(SparkSession spark, long bytes) {
    if (!bySize(spark) || bytes < WHOLE_STAGE_BYTES) {
      return spark;
    }
    SparkSession large = spark.newSession();
    large.conf().set(WHOLE_STAGE, "true");
    return large;
  }

  /**
   * Has {@code spark} evaluate its queries from now on without generated code when the workers
   * they go on to read hold fewer than {@link #INTERPRETED_BYTES} of Parquet (every other table a
   * run reads is smaller than they are), and with it otherwise; unless the user chose how code is
   * generated. A sample run: about 1.3 s less (docs/performance.md).
   */
  public static void fitTo(SparkSession spark, long workerBytes) {
    if (bySize(spark)) {
      spark.conf().set(FACTORY_MODE, workerBytes < INTERPRETED_BYTES ? "NO_CODEGEN" : "FALLBACK");
    }
  }

  private static boolean bySize(SparkSession spark) {
    return Boolean.parseBoolean(spark.conf().get(WHOLE_STAGE_BY_SIZE, "false"));
  }
}
