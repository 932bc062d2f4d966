package cn.changai.jobs.ingest;

import java.io.Serializable;

/**
 * A rejected row or a warning: where it is (file, line, column), why (code and text), and the raw
 * line cut to {@link #RAW_LIMIT} characters. Identity and phone numbers are masked in the raw line
 * and in the reason, which quotes the bad value.
 */
public record Issue(
    String file, Integer line, String column, ReasonCode code, String reason, String raw)
    implements Serializable {

  /** The longest raw line kept. */
  public static final int RAW_LIMIT = 1000;

  public Issue {
    // Mask first: a cut through a number would leave its first digits unmasked.
    raw = raw == null ? null : cut(PersonalData.mask(raw));
    reason = reason == null ? null : PersonalData.mask(reason);
  }

  private static String cut(String raw) {
    return raw.length() <= RAW_LIMIT ? raw : raw.substring(0, RAW_LIMIT);
  }
}
