package cn.changai.jobs.ingest;

import java.io.Serializable;

/**
 * One reason why a whole submission was refused: the path it concerns, a code and a text. The text
 * is kept as {@link Issue} keeps a reason: identity and phone numbers masked, cut to
 * {@link SafeText#REASON_LIMIT} characters, control characters escaped; so whatever a caller
 * quotes, a refusal never carries personal data or a 50 MB value to the tables or the console.
 */
public record Rejection(String path, ReasonCode code, String reason) implements Serializable {

  public Rejection {
    reason = reason == null ? null : SafeText.escape(SafeText.shorten(reason, SafeText.REASON_LIMIT));
  }
}
