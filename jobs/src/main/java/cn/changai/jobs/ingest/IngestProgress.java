package cn.changai.jobs.ingest;

import cn.changai.jobs.spark.Progress;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says how far a long ingest has gone, in the analyst's terms, every few seconds: submissions done
 * of total, rows, time spent and an estimate of what is left. Counts move as tasks finish.
 */
final class IngestProgress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  private static final long EVERY_SECONDS = 5;

  private final ScheduledExecutorService timer;
  private final AutoCloseable quiet;

  private IngestProgress(ScheduledExecutorService timer, AutoCloseable quiet) {
    this.timer = timer;
    this.quiet = quiet;
  }

  static IngestProgress start(SparkSession spark, long total, LongAccumulator done, LongAccumulator rows) {
    long started = System.nanoTime();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "changai-ingest-progress");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleAtFixedRate(() -> LOG.info(line(done.value(), total, rows.value(),
        (System.nanoTime() - started) / 1_000_000_000L)), EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    return new IngestProgress(timer, Progress.quietWhile());
  }

  /** For example {@code ingest: 2,394 of 5,000 submissions, 4.8 M rows, 52 s, about 40 s left}. */
  static String line(long done, long total, long rows, long seconds) {
    String text = String.format(Locale.ROOT, "ingest: %,d of %,d submissions, %s rows, %d s", done, total, rows(rows), seconds);
    if (done > 0 && done < total) {
      text += String.format(Locale.ROOT, ", about %d s left", Math.round((double) seconds * (total - done) / done));
    }
    return text;
  }

  private static String rows(long rows) {
    return rows >= 1_000_000 ? String.format(Locale.ROOT, "%.1f M", rows / 1e6) : String.format(Locale.ROOT, "%,d", rows);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      quiet.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
