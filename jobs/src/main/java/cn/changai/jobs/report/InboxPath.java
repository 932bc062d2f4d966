package cn.changai.jobs.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in the inbox as planners may see it: relative to the inbox ({@code 2025/913100005NUUXG9NC9}),
 * never the server's absolute path, which means nothing to a planner and is nobody's business.
 * The run record, for operators, keeps absolute paths; pages, CSV files and the workbook use this.
 */
public final class InboxPath {

  /**
   * An absolute path or URL in free text: a slash (after an optional scheme) that starts a word,
   * that is after a space, a quote, a bracket, {@code =}, {@code :} or a comma, up to a space or quote.
   */
  private static final Pattern ABSOLUTE =
      Pattern.compile("(?<=^|[\\s'\"(\\[=:,])(?:[A-Za-z][A-Za-z0-9+.-]*:)?/[^\\s'\"<>()\\[\\]]*");

  /** The inbox holds {@code <period>/<folder>/<file>}: at most three segments below its root. */
  private static final int MAX_SEGMENTS = 3;

  private InboxPath() {}

  /**
   * The part of a submission's path below the inbox: from the period's folder on
   * ({@code file:/srv/inbox/2025/9131/enterprise.json} gives {@code 2025/9131/enterprise.json}).
   * A path with no folder of the period in it gives its last segment. Null stays null.
   */
  public static String relative(String path, String period) {
    if (path == null) {
      return null;
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (period != null && !period.isEmpty()) {
      String marker = "/" + period;
      int from = 0;
      while (true) {
        int at = trimmed.indexOf(marker, from);
        if (at < 0) {
          break;
        }
        int end = at + marker.length();
        if (end == trimmed.length() || trimmed.charAt(end) == '/') {
          String rest = trimmed.substring(at + 1);
          // The leftmost period folder that leaves no more than the inbox's depth: a root that
          // itself has a folder named like the period is skipped.
          if (rest.split("/", -1).length <= MAX_SEGMENTS) {
            return rest;
          }
        }
        from = at + 1;
      }
    }
    int slash = trimmed.lastIndexOf('/');
    return slash < 0 ? trimmed : trimmed.substring(slash + 1);
  }

  /**
   * Free text (a reason, a message quoting an exception) with every absolute path in it made
   * relative as {@link #relative} does. Null stays null.
   */
  public static String scrub(String text, String period) {
    if (text == null || text.indexOf('/') < 0) {
      return text;
    }
    Matcher m = ABSOLUTE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String found = m.group();
      // A lone slash or a URL-less token such as "a/b" is not a server path.
      String replacement = found.length() > 1 ? relative(found, period) : found;
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
