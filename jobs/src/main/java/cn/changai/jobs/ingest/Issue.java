package cn.changai.jobs.ingest;

import java.io.Serializable;

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

  public Issue {
    // Mask first: a cut through a number would leave its first digits unmasked.
    raw = raw == null ? null : SafeText.maskedPrefix(raw, RAW_LIMIT);
    reason = reason == null ? null : SafeText.escape(SafeText.shorten(reason, SafeText.REASON_LIMIT));
    file = file == null ? null : SafeText.escape(SafeText.shorten(file, NAME_LIMIT));
    column = column == null ? null : SafeText.escape(SafeText.shorten(column, NAME_LIMIT));
  }
}
