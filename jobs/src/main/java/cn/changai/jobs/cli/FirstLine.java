package cn.changai.jobs.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log pattern's message without {@code -v}: the first line of a library's message (Spark puts
 * whole stack traces into the text of its task failures), our own messages whole.
 */
public final class FirstLine extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    if (message == null || event.getLoggerName().startsWith("cn.changai")) {
      return message;
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).stripTrailing() + " [more with -v]";
  }
}
