package cn.changai.jobs.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Logging switches of the command line: {@code -v} turns our level to DEBUG and Spark's to INFO;
 * {@code --log-format json} writes one JSON object per line for log collectors.
 */
final class Verbosity {

  /** Under spark-submit the cluster's logging is used and Logback may be absent: then do nothing. */
  private static final boolean LOGBACK = present("ch.qos.logback.classic.LoggerContext");

  /** Whether log lines are JSON objects: then the command's closing message is one too. */
  private static volatile boolean jsonLines;

  private Verbosity() {}

  /**
   * Prints the command's closing message (a failure, a usage error, a stop): on {@code err} as
   * text, or with {@code --log-format json} as one JSON log line at ERROR, so that a log
   * collector reading stderr meets no line it cannot parse.
   */
  static void closing(java.io.PrintWriter err, String... lines) {
    if (jsonLines) {
      err.flush();
      LoggerFactory.getLogger("changai").error(String.join(" ", lines));
    } else {
      for (String line : lines) {
        err.println(line);
      }
      err.flush();
    }
  }

  private static boolean present(String type) {
    try {
      Class.forName(type, false, Verbosity.class.getClassLoader());
      return LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback");
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Replaces the console encoder by Logback's JSON encoder. */
  static void json() {
    if (!LOGBACK) {
      return;
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    var appender = (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender("STDERR");
    if (appender == null) {
      return;
    }
    var encoder = new ch.qos.logback.classic.encoder.JsonEncoder();
    encoder.setContext(context);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.start();
    appender.stop();
    appender.setEncoder(encoder);
    appender.start();
    jsonLines = true;
  }

  static void apply(boolean verbose) {
    if (!LOGBACK) {
      return;
    }
    if (!verbose || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger("cn.changai").setLevel(Level.DEBUG);
    context.getTurboFilterList().removeIf(filter -> filter instanceof LocalDirNote);
    var appender = (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    if (appender != null && appender.getEncoder() instanceof ch.qos.logback.classic.encoder.PatternLayoutEncoder) {
      var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n"); // whole messages, stack traces
      encoder.start();
      appender.stop();
      appender.setEncoder(encoder);
      appender.start();
    }
    for (String noisy : new String[] {"org.apache.spark", "org.apache.hadoop", "org.apache.parquet"}) {
      context.getLogger(noisy).setLevel(Level.INFO);
    }
    // Every library logger logback.xml quiets (a failed task's own lines, a full or read-only
    // temporary folder's) speaks again: named there once, not here a second time.
    for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
      String name = logger.getName();
      if (logger.getLevel() != null && (name.startsWith("org.apache.spark.") || name.startsWith("org.apache.hadoop.")
          || name.startsWith("org.apache.parquet.") || name.startsWith("org.apache.poi."))) {
        logger.setLevel(null);
      }
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
  }
}
