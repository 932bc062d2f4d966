package cn.changai.jobs.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Turns the {@code -v} flag into log levels: our DEBUG and Spark's INFO instead of INFO and WARN. */
final class Verbosity {

  private Verbosity() {}

  static void apply(boolean verbose) {
    if (!verbose || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger("cn.changai").setLevel(Level.DEBUG);
    for (String noisy : new String[] {"org.apache.spark", "org.apache.hadoop", "org.apache.parquet"}) {
      context.getLogger(noisy).setLevel(Level.INFO);
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
  }
}
