package cn.changai.jobs.ingest;

import java.io.Serializable;
import java.util.Locale;

/**
 * A rejected row or a warning: where it is (file, line, column), why (code and text), and the raw
 * line cut to {@link #RAW_LIMIT} characters. Identity and phone numbers are masked in the raw line
 * and in the reason, which quotes the bad value. The reason is cut to
 * {@link SafeText#REASON_LIMIT} characters and the file and column names (which an uploader can
 * choose: a stray file, an unknown header cell or JSON field) to {@link #NAME_LIMIT}; their control
 * characters are escaped. The raw line keeps its characters as read.
 */
public record Issue(
    String file, Integer line, String column, ReasonCode code, String reason, String raw)
    implements Serializable {

  /** The longest raw line kept. */
  public static final int RAW_LIMIT = 1000;

  /** The longest file or column name kept; the contract's longest is 43 characters. */
  public static final int NAME_LIMIT = 64;

  /**
   * The most unknown names (header cells, JSON fields of one file; stray files of one folder)
   * warned about one by one; the rest are counted in one more warning ({@link #moreNames}). A
   * header of a megabyte can name half a million columns, and no one reads half a million warnings.
   */
  public static final int NAMES_LISTED = 100;

  /** The file named by the warning that stands for the stray files past the first {@link #NAMES_LISTED}. */
  public static final String MORE_FILES = "…";

  /** The warning that stands for the unknown names of a file past the first {@link #NAMES_LISTED}. */
  static Issue moreNames(String file, Integer line, ReasonCode code, int unknown, String what) {
    return new Issue(file, line, null, code, String.format(Locale.ROOT, "%,d more %s (%,d in all) are ignored as well, not listed"
        + " one by one", unknown - NAMES_LISTED, what, unknown), null);
  }

  public Issue {
    // Mask first: a cut through a number would leave its first digits unmasked.
    raw = raw == null ? null : SafeText.maskedRecordPrefix(raw, RAW_LIMIT);
    reason = reason == null ? null : SafeText.escape(SafeText.shorten(reason, SafeText.REASON_LIMIT));
    file = file == null ? null : SafeText.escape(SafeText.shorten(file, NAME_LIMIT));
    column = column == null ? null : SafeText.escape(SafeText.shorten(column, NAME_LIMIT));
  }
}
