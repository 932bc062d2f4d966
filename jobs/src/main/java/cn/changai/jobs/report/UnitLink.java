package cn.changai.jobs.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A unit that has a scorecard page: its level ({@code group} or {@code enterprise}), id, display
 * name, and the page's file name in the {@code units/} folder.
 *
 * <p>A group's credit code is both the group (its roll-up) and its headquarters' own submission
 * (an enterprise): two scorecards, so the group's page is {@code <id>-group.html} and the
 * enterprise's {@code <id>.html}.
 */
public record UnitLink(String level, String id, String name, String fileName) {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static UnitLink of(String level, String id, String name) {
    String file = safeId(id) + (PeriodData.LEVEL_GROUP.equals(level) ? "-group" : "") + ".html";
    return new UnitLink(level, id, name == null || name.isBlank() ? id : name, file);
  }

  public boolean isGroup() {
    return PeriodData.LEVEL_GROUP.equals(level);
  }

  /** The page's path relative to the period's report folder. */
  public String path() {
    return "units/" + fileName;
  }

  /**
   * The id as a file name: credit codes and other plain ids stay as they are; anything else (a
   * path separator, a dot, markup) becomes a hash, so no id can reach outside {@code units/}.
   */
  static String safeId(String id) {
    if (id != null && SAFE.matcher(id).matches()) {
      return id;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(id).getBytes(StandardCharsets.UTF_8));
      return "x-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
