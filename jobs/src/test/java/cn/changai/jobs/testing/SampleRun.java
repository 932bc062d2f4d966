package cn.changai.jobs.testing;

import cn.changai.indicators.score.Normalisation;
import cn.changai.indicators.score.Sensitivity;
import cn.changai.indicators.score.Weights;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.compute.ComputeIndicatorsJob;
import cn.changai.jobs.ingest.IngestJob;
import cn.changai.jobs.run.RunsTable;
import cn.changai.jobs.score.ScoreJob;
import cn.changai.jobs.score.ScoreSettings;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The real pipeline on a copy of sample-data/inbox, run once per test JVM for every test that
 * reads what it publishes: ingest, compute and score (100 draws) of 2024 and 2025, a row of
 * {@code runs}, then a later resubmission of {@link #RESUBMITTED} in 2025 ingested on top (which
 * makes ingest rewrite the workers it keeps through Spark). Reports are left to the tests.
 */
public final class SampleRun {

  /** The enterprise resubmitted in 2025, and the submitted_at of its new enterprise.json. */
  public static final String RESUBMITTED = "913100002Q787L00BW";
  public static final String RESUBMITTED_AT = "2026-02-18T10:32:10+10:00";

  private static Path root;

  private SampleRun() {}

  /** The warehouse folder (created on first call). */
  public static synchronized Path warehouse() throws Exception {
    if (root == null) {
      Path dir = Files.createTempDirectory("changai-sample-run-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      run(dir);
      root = dir.resolve("warehouse");
    }
    return root;
  }

  private static void run(Path dir) throws Exception {
    SparkSession spark = SharedSpark.session();
    Warehouse target = new Warehouse(dir.resolve("warehouse").toString(), spark.sparkContext().hadoopConfiguration());
    Path inbox = dir.resolve("inbox");
    Path sample = Path.of("..", "sample-data", "inbox");
    try (Stream<Path> paths = Files.walk(sample)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.copy(p, inbox.resolve(sample.relativize(p).toString()));
      }
    }
    new IngestJob(spark, inbox.toString(), target, Set.of(), "r1").run();
    TreeSet<String> periods = new TreeSet<>(List.of("2024", "2025"));
    new ComputeIndicatorsJob(spark, target, periods, 10, "r1").run();
    new ScoreJob(spark, target, new ScoreSettings(periods, Weights.defaults(), "default", Normalisation.MINMAX,
        100, Sensitivity.DEFAULT_SEED), "r1").run();
    Instant at = Instant.parse("2026-11-25T02:40:19Z");
    RunsTable.append(target, new RunsTable.Row("r1", "run", at, at.plusSeconds(20), "succeeded", 3, "2024,2025",
        5504, 5329, 175, "0.1.0", "1", "equal-1", "4.2.0"));
    Path json = inbox.resolve("2025").resolve(RESUBMITTED).resolve("enterprise.json");
    String text = Files.readString(json, StandardCharsets.UTF_8);
    if (!text.contains("\"2026-01-18T16:32:10+08:00\"")) {
      throw new IllegalStateException("sample-data changed: " + json + " no longer has its submitted_at");
    }
    Files.writeString(json, text.replace("2026-01-18T16:32:10+08:00", RESUBMITTED_AT), StandardCharsets.UTF_8);
    new IngestJob(spark, inbox.toString(), target, Set.of(), "r2").run();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // A temporary folder left behind is harmless.
    }
  }
}
