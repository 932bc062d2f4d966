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
    // Double.toString gives the digits Formatter rounds, half up. In its plain form (1e-3 to 1e7,
    // nearly every number a page shows) they are rounded here as text; BigDecimal does the rest.
    String shortest = Double.toString(magnitude);
    String text = shortest.indexOf('E') < 0 ? roundHalfUp(shortest, decimals)
        : new BigDecimal(shortest).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    if (!grouping) {
      return sign + text;
    }
    int point = text.indexOf('.');
    int end = point < 0 ? text.length() : point;
    return sign + group(text, 0, end) + text.substring(end);
  }

  /**
   * {@code new BigDecimal(plain).setScale(decimals, HALF_UP).toPlainString()} for the plain form of
   * {@link Double#toString} ({@code digits.digits}, no sign, no exponent), without a BigDecimal: a
   * page formats hundreds of numbers, and the BigDecimal was a tenth of the report's time.
   */
  static String roundHalfUp(String plain, int decimals) {
    int point = plain.indexOf('.');
    int fraction = plain.length() - point - 1;
    if (fraction <= decimals) {
      // Nothing to round (the plain form has a digit after its point, so decimals is 1 or more).
      StringBuilder out = new StringBuilder(point + 1 + decimals).append(plain);
      for (int i = fraction; i < decimals; i++) {
        out.append('0');
      }
      return out.toString();
    }
    // The kept digits, the point dropped when no decimal is kept; then one up if the first digit
    // dropped is 5 or more (half up), carried leftwards.
    char[] kept = plain.substring(0, decimals == 0 ? point : point + 1 + decimals).toCharArray();
    if (plain.charAt(point + 1 + decimals) >= '5') {
      int i = kept.length - 1;
      for (; i >= 0; i--) {
        if (kept[i] == '.') {
          continue;
        }
        if (kept[i] != '9') {
          kept[i]++;
          break;
        }
        kept[i] = '0';
      }
      if (i < 0) {
        return "1" + new String(kept);
      }
    }
    return new String(kept);
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
