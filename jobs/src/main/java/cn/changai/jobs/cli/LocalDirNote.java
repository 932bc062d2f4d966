package cn.changai.jobs.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Spark's note that {@code spark.local.dir} "will be overridden by the value set by the
 * cluster manager", which Spark logs as a warning whenever the setting is given. In local mode the
 * program gives it itself (its own scratch folder, {@code Sessions}), where no cluster manager
 * overrides anything, so every command printed a warning the analyst could do nothing about.
 * Registered in {@code logback.xml}; {@code -v} takes it out ({@link Verbosity}).
 */
public final class LocalDirNote extends TurboFilter {

  private static final String LOGGER = "org.apache.spark.SparkConf";
  private static final String NOTE = "Note that spark.local.dir will be overridden";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format != null && level == Level.WARN && LOGGER.equals(logger.getName()) && format.startsWith(NOTE)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
