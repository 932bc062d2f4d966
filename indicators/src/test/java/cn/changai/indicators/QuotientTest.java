package cn.changai.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The roll-up's quotient: the double of the 34-digit decimal quotient, however it is worked out. */
class QuotientTest {

  @Test
  void isTheDoubleNearestTheQuotient() {
    assertThat(RollUp.quotient(BigDecimal.valueOf(100), BigDecimal.valueOf(3))).isEqualTo(33.333333333333336);
    assertThat(RollUp.quotient(BigDecimal.valueOf(200), BigDecimal.valueOf(3))).isEqualTo(66.66666666666667);
    assertThat(RollUp.quotient(BigDecimal.valueOf(1), BigDecimal.valueOf(8))).isEqualTo(0.125);
    assertThat(RollUp.quotient(new BigDecimal("640000.0000"), BigDecimal.valueOf(4))).isEqualTo(160000.0);
    assertThat(RollUp.quotient(new BigDecimal("12.5000"), new BigDecimal("0.2500"))).isEqualTo(50.0);
  }

  @Test
  void zeroAndUnknownDivisorsGiveNoValueAndZeroIsNeverNegative() {
    assertThat(RollUp.quotient(BigDecimal.ONE, BigDecimal.ZERO)).isNull();
    assertThat(RollUp.quotient(null, BigDecimal.ONE)).isNull();
    assertThat(RollUp.quotient(BigDecimal.ONE, null)).isNull();
    assertThat(Double.doubleToRawLongBits(RollUp.quotient(BigDecimal.ZERO, BigDecimal.valueOf(-5)))).isZero();
  }

  @Test
  void givesWhatTheDecimalDivisionGivesForCountsSumsAndHugeValues() {
    // The fast path (one double division) and the decimal path must agree bit for bit, on counts,
    // on sums with four decimals, around 2^53 where the fast path stops, and far beyond it.
    SplittableRandom random = new SplittableRandom(18);
    long[] magnitudes = {10, 1_000, 1_000_000, 1L << 40, (1L << 53) - 1, 1L << 53, 1L << 60, Long.MAX_VALUE / 200};
    int compared = 0;
    for (long top : magnitudes) {
      for (long bottom : magnitudes) {
        for (int i = 0; i < 2_000; i++) {
          long a = random.nextLong(top);
          long b = 1 + random.nextLong(bottom);
          for (int[] scales : new int[][] {{0, 0}, {4, 0}, {4, 4}, {0, 4}}) {
            BigDecimal n = BigDecimal.valueOf(a, scales[0]).multiply(BigDecimal.valueOf(100));
            BigDecimal d = BigDecimal.valueOf(b, scales[1]);
            double slow = n.divide(d, MathContext.DECIMAL128).doubleValue();
            assertThat(RollUp.quotient(n, d)).as(n + " / " + d).isEqualTo(slow);
            compared++;
          }
        }
      }
    }
    assertThat(compared).isEqualTo(8 * 8 * 2_000 * 4);
  }

  @Test
  void countsTimesAScaleGiveWhatTheDecimalsGive() {
    // Worked by hand: 1 × 100 / 3, 2 × 1000 / 3, 7 × 100 / 8, 0 of 5, nothing of 0.
    assertThat(RollUp.quotient(1, 100, 3)).isEqualTo(33.333333333333336);
    assertThat(RollUp.quotient(2, 1000, 3)).isEqualTo(666.6666666666666);
    assertThat(RollUp.quotient(7, 100, 8)).isEqualTo(87.5);
    assertThat(Double.doubleToRawLongBits(RollUp.quotient(0, 100, 5))).isZero();
    assertThat(RollUp.quotient(3, 100, 0)).isNull();
    // A scale that is not whole, and products past 2^53, go the decimal way: the same doubles.
    SplittableRandom random = new SplittableRandom(53);
    long[] magnitudes = {10, 100_000, 1L << 40, 1L << 46, (1L << 53) - 1, 1L << 60};
    double[] scales = {1, 100, 1000, 2.5};
    int compared = 0;
    for (long top : magnitudes) {
      for (long bottom : magnitudes) {
        for (double scale : scales) {
          for (int i = 0; i < 1_000; i++) {
            long a = random.nextLong(top);
            long b = 1 + random.nextLong(bottom);
            Double decimal = RollUp.quotient(BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(scale)), BigDecimal.valueOf(b));
            assertThat(RollUp.quotient(a, scale, b)).as(a + " x " + scale + " / " + b).isEqualTo(decimal);
            compared++;
          }
        }
      }
    }
    assertThat(compared).isEqualTo(6 * 6 * 4 * 1_000);
  }
}
