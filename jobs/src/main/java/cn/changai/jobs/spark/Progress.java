package cn.changai.jobs.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the progress of running Spark stages (tasks done of total) at a fixed interval. */
public final class Progress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  /** How many stages report their own progress just now: the stage lines would repeat them. */
  private static final java.util.concurrent.atomic.AtomicInteger QUIET = new java.util.concurrent.atomic.AtomicInteger();

  private final ScheduledExecutorService timer;

  /** Silences the stage lines until the returned handle is closed (a stage that says more itself). */
  public static AutoCloseable quietWhile() {
    QUIET.incrementAndGet();
    return QUIET::decrementAndGet;
  }

  private Progress(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts logging every {@code seconds} while stages run; close it to stop. */
  public static Progress every(SparkSession spark, long seconds) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "changai-progress");
      thread.setDaemon(true);
      return thread;
    });
    SparkStatusTracker tracker = spark.sparkContext().statusTracker();
    timer.scheduleAtFixedRate(() -> {
      if (QUIET.get() > 0) {
        return;
      }
      for (int id : tracker.getActiveStageIds()) {
        scala.Option<SparkStageInfo> info = tracker.getStageInfo(id);
        if (info.isDefined()) {
          SparkStageInfo stage = info.get();
          LOG.info("Progress: {} - {} of {} tasks done", stage.name(), stage.numCompletedTasks(), stage.numTasks());
        }
      }
    }, seconds, seconds, TimeUnit.SECONDS);
    return new Progress(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
