package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarianceSensitivityTest {

  private static final Weights DEFAULTS = Weights.defaults();

  private static UnitValues unit(String id, double a01, double b04, double c01, double d04) {
    return UnitValues.builder("enterprise", id, id).value("A01", a01).value("B04", b04).value("C01", c01).value("D04", d04).build();
  }

  @Test
  void whenOnlyTheWeightsCanMoveRanksTheOtherIndicesAreZero() {
    // Each indicator's values are a permutation of 0, 1, 2, so every indicator has the same mean (1)
    // and standard deviation: the z-score (T = 50 + 10 (v − 1) / sd) is the same increasing affine
    // function of the min-max score (50 v) for every indicator, hence of the composite, and ranks
    // are the same under both. Three units are too few for kurtosis, so winsorisation never fires.
    // Part scores (A, B, C, D): X1 100, 0, 50, 0; X2 50, 100, 0, 50; X3 0, 50, 100, 100: at equal
    // weights X3 1st, X2 2nd, X1 3rd, but weights within ±25% can swap neighbours
    // (X3 − X2 ∝ −50 wA − 50 wB + 100 wC + 50 wD, down to −12.5).
    List<UnitValues> units = List.of(unit("X1", 2, 0, 1, 0), unit("X2", 1, 2, 0, 1), unit("X3", 0, 1, 2, 2));
    LevelScores level = new Scorer(DEFAULTS, Normalisation.MINMAX).level("enterprises", units);
    List<VarianceSensitivity.Indices> indices =
        new VarianceSensitivity(DEFAULTS, 400, 11).indices(level, Map.of("enterprises", Scorer.all(3)));
    VarianceSensitivity.Indices all = indices.get(0);
    assertThat(all.units()).isEqualTo(3);
    assertThat(all.firstOrder()[1]).isEqualTo(0.0);
    assertThat(all.totalOrder()[1]).isEqualTo(0.0);
    assertThat(all.firstOrder()[2]).isEqualTo(0.0);
    assertThat(all.totalOrder()[2]).isEqualTo(0.0);
    // The weights explain everything: both indices near 1 (sampling error only).
    assertThat(all.totalOrder()[0]).isBetween(0.7, 1.3);
    assertThat(all.firstOrder()[0]).isBetween(0.7, 1.3);
  }

  @Test
  void ranksThatNeverMoveHaveNoIndices() {
    // One unit best on everything, one worst: the order never changes, the variance is 0.
    List<UnitValues> units = List.of(unit("Y1", 2, 2, 2, 2), unit("Y2", 1, 1, 1, 1), unit("Y3", 0, 0, 0, 0));
    LevelScores level = new Scorer(DEFAULTS, Normalisation.MINMAX).level("enterprises", units);
    VarianceSensitivity.Indices all =
        new VarianceSensitivity(DEFAULTS, 50, 11).indices(level, Map.of("enterprises", Scorer.all(3))).get(0);
    assertThat(all.firstOrder()).containsOnly(Double.NaN);
    assertThat(all.totalOrder()).containsOnly(Double.NaN);
  }

  /** Two weightings, equally likely: part A heavy (1.25, 0.75, 0.75, 0.75) or part B heavy. */
  private static final double[][] TWO_WEIGHTINGS = {{1.25, 0.75, 0.75, 0.75}, {0.75, 1.25, 0.75, 0.75}};

  private static final VarianceSensitivity.WeightDraw TWO = (random, parts, indicators) -> {
    double[] chosen = TWO_WEIGHTINGS[random.nextBoolean() ? 0 : 1];
    System.arraycopy(chosen, 0, parts, 0, parts.length);
    Arrays.fill(indicators, 1.0);
  };

  @Test
  void agreesWithTheExactDecompositionOfASmallDiscreteCase() {
    // Twelve units: A01 is 1..11 with one outlier, 100 (winsorisation brings it to 11); B04 and
    // C01 pull other ways. With the weights reduced to two equally likely weightings, the three
    // inputs take 2 × 2 × 2 = 8 equally likely configurations, so the variance of each unit's rank
    // and its parts are computed exactly by enumeration (brute force) and pooled over units:
    // S_i = Σ_u Var(E[R_u | X_i]) / Σ_u Var(R_u), ST_i = Σ_u E[Var(R_u | X_~i)] / Σ_u Var(R_u).
    List<UnitValues> units = new ArrayList<>();
    double[] b04 = {5, 9, 2, 7, 11, 3, 8, 1, 10, 6, 4, 12};
    double[] c01 = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0};
    for (int k = 0; k < 12; k++) {
      double a01 = k == 11 ? 100 : k + 1;
      units.add(UnitValues.builder("enterprise", String.format("W%02d", k), "w").value("A01", a01)
          .value("B04", b04[k]).value("C01", c01[k] * c01[k]).build());
    }
    LevelScores level = new Scorer(DEFAULTS, Normalisation.MINMAX).level("enterprises", units);
    int[] members = Scorer.all(12);

    VarianceSensitivity.Model model = new VarianceSensitivity.Model(level, DEFAULTS);
    double[][][] y = new double[2][][]; // [weighting][norm*2+treat][unit]
    // Every indicator of the catalogue at its own weight (factor 1), after the four parts'.
    int indicators = Catalogue.all().size();
    for (int w = 0; w < 2; w++) {
      y[w] = new double[4][];
      double[] factors = new double[4 + indicators];
      System.arraycopy(TWO_WEIGHTINGS[w], 0, factors, 0, 4);
      Arrays.fill(factors, 4, 4 + indicators, 1.0);
      for (int n = 0; n < 2; n++) {
        for (int t = 0; t < 2; t++) {
          y[w][n * 2 + t] = VarianceSensitivity.ranks(model.composites(factors, Normalisation.values()[n],
              OutlierTreatment.values()[t]), members);
        }
      }
    }
    double variance = 0;
    double[] first = new double[3];
    double[] total = new double[3];
    for (int u = 0; u < 12; u++) {
      double[] r = new double[8]; // index w*4 + n*2 + t
      for (int w = 0; w < 2; w++) {
        for (int c = 0; c < 4; c++) {
          r[w * 4 + c] = y[w][c][u];
        }
      }
      variance += var(r);
      for (int input = 0; input < 3; input++) {
        int bit = 2 - input; // weights are bit 2, normalisation bit 1, treatment bit 0
        double[] conditional = new double[2];
        double inner = 0;
        for (int value = 0; value < 2; value++) {
          double sum = 0;
          for (int c = 0; c < 8; c++) {
            if ((c >> bit & 1) == value) {
              sum += r[c];
            }
          }
          conditional[value] = sum / 4;
        }
        first[input] += var(conditional);
        for (int rest = 0; rest < 8; rest++) {
          if ((rest >> bit & 1) == 0) {
            inner += var(new double[] {r[rest], r[rest | 1 << bit]}) / 4;
          }
        }
        total[input] += inner;
      }
    }
    assertThat(variance).as("the case must move ranks").isGreaterThan(0);
    VarianceSensitivity.Indices estimated =
        new VarianceSensitivity(DEFAULTS, 20000, 5).indices(level, Map.of("enterprises", members), TWO).get(0);
    for (int input = 0; input < 3; input++) {
      assertThat(estimated.firstOrder()[input]).as("S of " + VarianceSensitivity.INPUTS.get(input))
          .isCloseTo(first[input] / variance, within(0.04));
      assertThat(estimated.totalOrder()[input]).as("ST of " + VarianceSensitivity.INPUTS.get(input))
          .isCloseTo(total[input] / variance, within(0.04));
    }
    // Each input matters here, or the comparison would prove little.
    for (int input = 0; input < 3; input++) {
      assertThat(total[input] / variance).as("exact ST of " + VarianceSensitivity.INPUTS.get(input)).isGreaterThan(0.02);
    }
  }

  /** Population variance. */
  private static double var(double[] v) {
    double mean = Arrays.stream(v).average().orElse(0);
    return Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElse(0);
  }
}
