package cn.changai.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The number formats the pages use, written out without {@link java.util.Formatter}: the same text
 * as {@code String.format(Locale.ROOT, "%.Nf" / "%+.Nf" / "%,.Nf" / "%,d", value)}, character for
 * character, at a fraction of the cost (a Formatter builds a parser and looks up the locale's
 * symbols on every call, and a scorecard formats hundreds of numbers).
 *
 * <p>Formatter rounds the decimal digits of {@link Double#toString} half up, not the exact binary
 * value (so 1.005 gives "1.01"), and so do we; {@link java.text.DecimalFormat} rounds the binary
 * value and would differ. The sign follows {@code Double.compare(value, 0.0) < 0}, as Formatter's
 * does, so -0.0 and small negatives that round to zero keep their minus sign.
 */
final class Decimals {

  private Decimals() {}

  /** {@code String.format(Locale.ROOT, "%.<decimals>f", value)}. */
  static String fixed(double value, int decimals) {
    return format(value, decimals, false, false);
  }

  /** {@code String.format(Locale.ROOT, "%+.<decimals>f", value)}: a plus sign on zero and positive values. */
  static String signed(double value, int decimals) {
    return format(value, decimals, true, false);
  }

  /** {@code String.format(Locale.ROOT, "%,.<decimals>f", value)}: thousands separated by commas. */
  static String grouped(double value, int decimals) {
    return format(value, decimals, false, true);
  }

  /** {@code String.format(Locale.ROOT, "%,d", value)}. */
  static String grouped(long value) {
    String digits = Long.toString(value);
    if (value < 0) {
      // Long.MIN_VALUE has no positive counterpart: group the digits after its minus sign.
      return "-" + group(digits, 1, digits.length());
    }
    return group(digits, 0, digits.length());
  }

  private static String format(double value, int decimals, boolean plus, boolean grouping) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    boolean negative = Double.compare(value, 0.0) < 0;
    String sign = negative ? "-" : plus ? "+" : "";
    double magnitude = Math.abs(value);
    if (Double.isInfinite(magnitude)) {
      return sign + "Infinity";
    }
    // Double.toString gives the digits Formatter rounds; BigDecimal reads them exactly.
    String text = new BigDecimal(Double.toString(magnitude)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    if (!grouping) {
      return sign + text;
    }
    int point = text.indexOf('.');
    int end = point < 0 ? text.length() : point;
    return sign + group(text, 0, end) + text.substring(end);
  }

  /** {@code text[from, to)}, digits only, with a comma before every third digit from the right. */
  private static String group(String text, int from, int to) {
    int length = to - from;
    if (length <= 3) {
      return text.substring(from, to);
    }
    StringBuilder out = new StringBuilder(length + length / 3);
    int first = length % 3 == 0 ? 3 : length % 3;
    out.append(text, from, from + first);
    for (int i = from + first; i < to; i += 3) {
      out.append(',').append(text, i, i + 3);
    }
    return out.toString();
  }
}
