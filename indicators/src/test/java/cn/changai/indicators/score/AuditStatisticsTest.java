package cn.changai.indicators.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuditStatisticsTest {

  private static final double NA = Double.NaN;

  @Test
  void skewnessAndKurtosisAsCoinrAndExcelDefineThem() {
    // 1, 2, 3, 10 (and a missing value): mean 4, deviations -3, -2, -1, 6; Σd² 50, Σd³ 180, Σd⁴ 1394.
    // g1 = √4 × 180 / 50^1.5 = 1.018234; G1 = g1 × √(4×3) / 2 = 1.763633.
    // r = 4 × 1394 / 50² = 2.2304; G2 = ((5)(2.2304 − 3) + 6)(3) / ((2)(1)) = 3.228.
    double[] x = {1, 2, NA, 3, 10};
    assertThat(AuditStatistics.skewness(x)).isCloseTo(1.763633, within(1e-6));
    assertThat(AuditStatistics.kurtosis(x)).isCloseTo(3.228, within(1e-9));
    assertThat(AuditStatistics.hasOutliers(x)).as("|1.76| is not above 2").isFalse();
    assertThat(AuditStatistics.skewness(new double[] {1, 2})).isNaN();
    assertThat(AuditStatistics.kurtosis(new double[] {1, 2, 3})).isNaN();
    assertThat(AuditStatistics.skewness(new double[] {4, 4, 4, 4})).as("no spread").isNaN();
  }

  @Test
  void theJrcRuleNeedsBothSkewnessAndKurtosis() {
    assertThat(AuditStatistics.hasOutliers(2.1, 3.6)).isTrue();
    assertThat(AuditStatistics.hasOutliers(-2.1, 3.6)).isTrue();
    assertThat(AuditStatistics.hasOutliers(2.1, 3.5)).isFalse();
    assertThat(AuditStatistics.hasOutliers(2.0, 9)).isFalse();
    assertThat(AuditStatistics.hasOutliers(NA, 9)).isFalse();
  }

  @Test
  void pearsonOverPairsBothHave() {
    // x 1, 2, 3 and y 2, 4, 7 (the fourth pair lacks y): sxy 5, sxx 2, syy 12.666667: r = 5 / √25.333333.
    assertThat(AuditStatistics.pearson(new double[] {1, 2, 3, 9}, new double[] {2, 4, 7, NA}))
        .isCloseTo(5 / Math.sqrt(76.0 / 3), within(1e-12));
    assertThat(AuditStatistics.pearson(new double[] {1, 2}, new double[] {1, 2})).as("two pairs").isNaN();
    assertThat(AuditStatistics.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
  }

  @Test
  void cronbachAlphaFromTheCovarianceMatrix() {
    // var x 1, var y 19/3, cov 2.5: total 1 + 19/3 + 2 × 2.5 = 37/3; α = 2 × (1 − (22/3) / (37/3)) = 30/37.
    assertThat(AuditStatistics.cronbachAlpha(new double[][] {{1, 2, 3}, {2, 4, 7}})).isCloseTo(30.0 / 37, within(1e-12));
    assertThat(AuditStatistics.cronbachAlpha(new double[][] {{1, 2, 3}})).as("one item").isNaN();
    // Two items that move against each other: covariance −1, total 0: undefined.
    assertThat(AuditStatistics.cronbachAlpha(new double[][] {{1, 2}, {2, 1}})).isNaN();
  }

  @Test
  void winsorisationBringsTheHighestValueInUntilTheRuleNoLongerFires() {
    // 1..9 and 100: mean 14.5, skewness 3.12 and kurtosis 9.80 (the formulas above): the rule
    // fires, the skew is positive, so 100 takes the next value inward, 9. Then 1..9, 9 has
    // skewness −0.15: done after one point.
    double[] column = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100, NA};
    assertThat(AuditStatistics.skewness(column)).isCloseTo(3.118896, within(1e-6));
    assertThat(AuditStatistics.kurtosis(column)).isCloseTo(9.799245, within(1e-6));
    List<Winsorisation.Change> changes = Winsorisation.apply(column);
    assertThat(changes).containsExactly(new Winsorisation.Change(9, 100, 9));
    assertThat(column[9]).isEqualTo(9);
    assertThat(column[10]).isNaN();
    assertThat(AuditStatistics.hasOutliers(column)).isFalse();
  }

  @Test
  void winsorisationStopsAtTheLimitMovingTiedValuesTogether() {
    // A hundred ones and 1000, 2000, .., 7000 (units 100..106): skewness 4.65, kurtosis 21.8, and
    // still 3.73 and 12.3 after five steps. Step 1 brings 7000 to 6000; step 2 both 6000s to 5000;
    // and so on: after step 5 the five units 102..106 hold 2000 and the limit of five stops it.
    double[] column = new double[107];
    java.util.Arrays.fill(column, 1);
    for (int k = 0; k < 7; k++) {
      column[100 + k] = 1000 * (k + 1);
    }
    List<Winsorisation.Change> changes = Winsorisation.apply(column);
    assertThat(changes).containsExactly(new Winsorisation.Change(102, 3000, 2000), new Winsorisation.Change(103, 4000, 2000),
        new Winsorisation.Change(104, 5000, 2000), new Winsorisation.Change(105, 6000, 2000),
        new Winsorisation.Change(106, 7000, 2000));
    assertThat(column[101]).isEqualTo(2000);
    assertThat(AuditStatistics.hasOutliers(column)).as("the limit leaves it with outliers").isTrue();
  }

  @Test
  void winsorisationNeverFlattensAnIndicator() {
    // Fourteen units at 100 and one at 0 (a unit-share indicator): skewness −3.87, kurtosis 15,
    // the rule fires, but bringing the 0 in would leave 100 for all: nothing is changed.
    double[] column = new double[15];
    java.util.Arrays.fill(column, 100);
    column[3] = 0;
    assertThat(AuditStatistics.hasOutliers(column)).isTrue();
    assertThat(Winsorisation.apply(column)).isEmpty();
    assertThat(column[3]).isEqualTo(0);
  }

  @Test
  void noOutliersNothingChanged() {
    double[] column = {1, 2, 3, 4, 5};
    assertThat(Winsorisation.apply(column)).isEmpty();
    assertThat(column).containsExactly(1, 2, 3, 4, 5);
  }
}
