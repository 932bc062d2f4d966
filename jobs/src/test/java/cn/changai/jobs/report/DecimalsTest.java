package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Formatter-free number formats give exactly the text of {@code String.format(Locale.ROOT, ...)}. */
class DecimalsTest {

  /** Edge cases: signed zeros, halves at every precision, binary near-halves, huge and tiny values, non-finite. */
  private static final double[] EDGES = {
      0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.05, 0.005, -0.005, 0.0005, 0.015, 0.025, 0.035, 0.045, 1.005, 1.015,
      1.025, 2.675, 1.115, 0.125, 0.375, 10.005, 100.005, 1234.5675, 0.95, 0.995, 9.995, 99.995, 999.995, 999_999.995,
      0.3, 0.1 + 0.2, 2.0, 5e-3, 4.9999999999999996e-3, 1e-5, -1e-5, 1e-300, Double.MIN_VALUE, -Double.MIN_VALUE,
      1e7, 1e8, 12_345_678.9, 99_999_999.99, 123_456_789.125, 1e15, -1e15, 1e15 + 0.5, 999_999_999_999_999.0, 1e16,
      1.2345678901234567e17, 1e20, 1e22, 1e23, -1e23, 9.007199254740993e15, Double.MAX_VALUE, -Double.MAX_VALUE,
      Long.MAX_VALUE, (double) Long.MIN_VALUE, 100.0, 66.66666666666667, 33.333333333333336, 12.5, 87.5, -12.5,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  private static final long[] LONG_EDGES = {
      0, 1, -1, 9, 10, 99, 100, 999, -999, 1000, -1000, 9999, 10_000, 99_999, 100_000, 999_999, 1_000_000, -1_234_567,
      1_000_000_000_000L, 999_999_999_999_999L, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
      Long.MIN_VALUE + 1};

  /** Seeded values over every magnitude the pages meet, and values that sit on a rounding boundary in decimal. */
  private static List<Double> values() {
    List<Double> values = new ArrayList<>();
    for (double v : EDGES) {
      values.add(v);
    }
    Random random = new Random(20251205L);
    for (int i = 0; i < 8_000; i++) {
      // Any magnitude from 1e-6 to 1e18, either sign.
      double v = Math.pow(10, -6 + 24 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
      values.add(v);
      // Percentages and scores as the pages see them.
      values.add(random.nextDouble() * 100);
      // Ratios of counts, as indicator values are.
      values.add(random.nextInt(100_000) / (double) (1 + random.nextInt(100_000)) * 100);
      // Decimal halves at the 1st to 4th decimal: x.5, x.x5, x.xx5, x.xxx5.
      int scale = random.nextInt(4);
      values.add((random.nextInt(2_000_000) - 1_000_000 + 0.5) / Math.pow(10, scale));
      values.add(Double.parseDouble(random.nextInt(100_000) + "." + "0".repeat(scale)
          + random.nextInt(10) + "5"));
      values.add(random.nextLong() / 1000.0);
      values.add((double) random.nextInt());
      // Random bit patterns: every exponent, subnormals included.
      double bits = Double.longBitsToDouble(random.nextLong());
      values.add(bits);
    }
    return values;
  }

  @Test
  void fixedIsStringFormatF() {
    assertFormatsAs("%.", 0, 3, Decimals::fixed);
  }

  @Test
  void signedIsStringFormatPlusF() {
    assertFormatsAs("%+.", 1, 2, Decimals::signed);
  }

  /** Each value at each number of decimals from {@code from} to {@code to} as {@code String.format(pattern + decimals + "f")}. */
  private static void assertFormatsAs(String pattern, int from, int to, java.util.function.BiFunction<Double, Integer, String> format) {
    for (double v : values()) {
      for (int decimals = from; decimals <= to; decimals++) {
        String expected = String.format(Locale.ROOT, pattern + decimals + "f", v);
        assertThat(format.apply(v, decimals)).as("%s at %d decimals", v, decimals).isEqualTo(expected);
      }
    }
  }

  @Test
  void groupedIsStringFormatCommaF() {
    for (double v : values()) {
      assertThat(Decimals.grouped(v, 2)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%,.2f", v));
    }
  }

  @Test
  void groupedLongIsStringFormatCommaD() {
    List<Long> longs = new ArrayList<>();
    for (long v : LONG_EDGES) {
      longs.add(v);
    }
    Random random = new Random(7L);
    for (int i = 0; i < 20_000; i++) {
      longs.add(random.nextLong());
      longs.add((long) random.nextInt(10_000_000) - 5_000_000);
      longs.add(random.nextLong() >> random.nextInt(64));
    }
    for (long v : longs) {
      assertThat(Decimals.grouped(v)).as("%d", v).isEqualTo(String.format(Locale.ROOT, "%,d", v));
    }
  }

  @Test
  void handWorkedExamples() {
    // Formatter rounds the shortest decimal form half up: 1.005 is 1.01, -0.0 keeps its sign.
    assertThat(Decimals.fixed(1.005, 2)).isEqualTo("1.01");
    assertThat(Decimals.fixed(0.005, 2)).isEqualTo("0.01");
    assertThat(Decimals.fixed(-0.0, 2)).isEqualTo("-0.00");
    assertThat(Decimals.fixed(-0.004, 2)).isEqualTo("-0.00");
    assertThat(Decimals.fixed(2.5, 0)).isEqualTo("3");
    assertThat(Decimals.fixed(1e15, 1)).isEqualTo("1000000000000000.0");
    assertThat(Decimals.signed(0.0, 1)).isEqualTo("+0.0");
    assertThat(Decimals.signed(-1.25, 1)).isEqualTo("-1.3");
    assertThat(Decimals.grouped(1234567.891, 2)).isEqualTo("1,234,567.89");
    assertThat(Decimals.grouped(-999.999, 2)).isEqualTo("-1,000.00");
    assertThat(Decimals.grouped(-1234567L)).isEqualTo("-1,234,567");
    assertThat(Decimals.grouped(Long.MIN_VALUE)).isEqualTo("-9,223,372,036,854,775,808");
    assertThat(Decimals.fixed(Double.NaN, 2)).isEqualTo("NaN");
    assertThat(Decimals.signed(Double.NaN, 2)).isEqualTo("NaN");
    assertThat(Decimals.signed(Double.POSITIVE_INFINITY, 2)).isEqualTo("+Infinity");
    assertThat(Decimals.grouped(Double.NEGATIVE_INFINITY, 2)).isEqualTo("-Infinity");
  }
}
