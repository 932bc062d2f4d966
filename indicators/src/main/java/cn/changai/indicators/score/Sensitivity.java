package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How much a rank depends on the choice of weights and of normalisation: the scope is ranked again
 * under {@code draws} random weightings (each part and indicator weight times a uniform factor in
 * 0.75..1.25, the weighted means then rescale them) and once with the other normalisation at the
 * base weights; each unit gets the median and 5th-95th percentile of its ranks.
 *
 * <p>The draws come from {@link java.util.Random}, whose algorithm the Java specification fixes,
 * seeded with {@code seed ^ scope.hashCode()}: the same inputs and seed give the same intervals
 * on every JVM, and one scope's draws do not depend on which other scopes exist.
 */
public final class Sensitivity {

  public static final int DEFAULT_DRAWS = 1000;
  /** The policy's date, 2023-08-10. */
  public static final long DEFAULT_SEED = 20230810L;

  private static final Part[] PARTS = Part.values();

  private final Weights weights;
  private final Normalisation normalisation;
  private final int draws;
  private final long seed;

  public Sensitivity(Weights weights, Normalisation normalisation, int draws, long seed) {
    if (draws < 0) {
      throw new IllegalArgumentException("draws must be 0 or more, got " + draws);
    }
    this.weights = weights;
    this.normalisation = normalisation;
    this.draws = draws;
    this.seed = seed;
  }

  public int draws() {
    return draws;
  }

  public long seed() {
    return seed;
  }

  /**
   * The rank interval of every ranked unit of a scope, by unit id; empty when {@code draws} is 0
   * (no sensitivity analysis).
   */
  public Map<String, RankInterval> intervals(String scope, List<UnitValues> units) {
    Map<String, RankInterval> out = new HashMap<>();
    if (draws == 0 || units.isEmpty()) {
      return out;
    }
    List<UnitValues> sorted = Scorer.ordered(units);
    Normaliser.Normalised main = Normaliser.normalise(sorted, normalisation);
    Normaliser.Normalised other = Normaliser.normalise(sorted, normalisation.other());
    List<Indicator> used = main.used();
    int[] partOf = Scorer.partOf(used);
    double[] baseColumns = Scorer.columnWeights(used, weights);
    double[] baseParts = Scorer.partWeights(weights);

    // Where each catalogue indicator sits among the columns used (-1: not used).
    List<Indicator> catalogue = Catalogue.all();
    int[] columnOf = new int[catalogue.size()];
    Arrays.fill(columnOf, -1);
    for (int j = 0; j < used.size(); j++) {
      columnOf[catalogue.indexOf(used.get(j))] = j;
    }

    int n = sorted.size();
    int samples = draws + 1;
    int[][] ranks = new int[samples][];
    Random random = new Random(seed ^ scope.hashCode());
    double[] partWeights = new double[PARTS.length];
    double[] columnWeights = new double[used.size()];
    for (int d = 0; d < draws; d++) {
      // Every weight is drawn, used or not, so that the sequence does not depend on the data.
      for (int p = 0; p < PARTS.length; p++) {
        partWeights[p] = baseParts[p] * factor(random);
      }
      for (int i = 0; i < catalogue.size(); i++) {
        double f = factor(random);
        if (columnOf[i] >= 0) {
          columnWeights[columnOf[i]] = baseColumns[columnOf[i]] * f;
        }
      }
      ranks[d] = Scorer.ranks(Scorer.composites(main.matrix(), partOf, columnWeights, partWeights, null));
    }
    // The other normalisation leaves out the same indicators: both need two distinct values.
    ranks[draws] = Scorer.ranks(Scorer.composites(other.matrix(), Scorer.partOf(other.used()),
        Scorer.columnWeights(other.used(), weights), baseParts, null));

    int[] r = new int[samples];
    for (int u = 0; u < n; u++) {
      for (int d = 0; d < samples; d++) {
        r[d] = ranks[d][u];
      }
      Arrays.sort(r);
      int unranked = 0;
      while (unranked < r.length && r[unranked] == 0) {
        unranked++;
      }
      if (unranked == r.length) {
        continue;
      }
      int[] ranked = unranked == 0 ? r : Arrays.copyOfRange(r, unranked, r.length);
      out.put(sorted.get(u).unitId(), new RankInterval(percentile(ranked, 50), percentile(ranked, 5), percentile(ranked, 95)));
    }
    return out;
  }

  private static double factor(Random random) {
    return 0.75 + 0.5 * random.nextDouble();
  }

  /** The nearest-rank percentile of sorted values: the value at position ceil(p / 100 × m). */
  static int percentile(int[] sorted, int p) {
    int m = sorted.length;
    int position = (p * m + 99) / 100;
    return sorted[Math.max(1, position) - 1];
  }
}
