package cn.changai.jobs.spark;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the progress of running Spark stages at a fixed interval, in the user's terms: what the
 * stage does (its job's description, e.g. "compute: write indicator_values"), tasks done of
 * total, time spent and an estimate of what is left; never Spark's call sites.
 */
public final class Progress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  /** How many stages report their own progress just now: the stage lines would repeat them. */
  private static final java.util.concurrent.atomic.AtomicInteger QUIET = new java.util.concurrent.atomic.AtomicInteger();

  private final ScheduledExecutorService timer;
  private final SparkSession spark;
  private final Descriptions descriptions;

  /** Silences the stage lines until the returned handle is closed (a stage that says more itself). */
  public static AutoCloseable quietWhile() {
    QUIET.incrementAndGet();
    return QUIET::decrementAndGet;
  }

  private Progress(ScheduledExecutorService timer, SparkSession spark, Descriptions descriptions) {
    this.timer = timer;
    this.spark = spark;
    this.descriptions = descriptions;
  }

  /** The description of each stage's job, as jobs start: the timer thread cannot see the driver thread's. */
  static final class Descriptions extends org.apache.spark.scheduler.SparkListener {
    private final java.util.Map<Integer, String> byStage = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart job) {
      String description = job.properties() == null ? null : job.properties().getProperty("spark.job.description");
      if (description != null) {
        for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
          byStage.put((Integer) stage, description);
        }
      }
    }

    String of(int stage) {
      return byStage.getOrDefault(stage, "Spark stage " + stage);
    }
  }

  /** For example {@code compute: write indicator_values - 3 of 8 tasks done, 12 s, about 20 s left}. */
  static String line(String what, int done, int total, long seconds) {
    String text = String.format(Locale.ROOT, "%s - %d of %d tasks done, %d s", what, done, total, seconds);
    if (done > 0 && done < total) {
      text += String.format(Locale.ROOT, ", about %d s left", Math.round((double) seconds * (total - done) / done));
    }
    return text;
  }

  /** Starts logging every {@code seconds} while stages run; close it to stop. */
  public static Progress every(SparkSession spark, long seconds) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "changai-progress");
      thread.setDaemon(true);
      return thread;
    });
    SparkStatusTracker tracker = spark.sparkContext().statusTracker();
    Descriptions descriptions = new Descriptions();
    spark.sparkContext().addSparkListener(descriptions);
    timer.scheduleAtFixedRate(() -> {
      if (QUIET.get() > 0) {
        return;
      }
      for (int id : tracker.getActiveStageIds()) {
        scala.Option<SparkStageInfo> info = tracker.getStageInfo(id);
        if (info.isDefined()) {
          SparkStageInfo stage = info.get();
          long spent = Math.max(0, System.currentTimeMillis() - stage.submissionTime()) / 1000;
          LOG.info("Progress: {}", line(descriptions.of(id), stage.numCompletedTasks(), stage.numTasks(), spent));
        }
      }
    }, seconds, seconds, TimeUnit.SECONDS);
    return new Progress(timer, spark, descriptions);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    spark.sparkContext().removeSparkListener(descriptions);
  }
}
