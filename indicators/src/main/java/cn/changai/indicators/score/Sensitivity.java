package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

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
  /** Members whose intervals one task works out. */
  private static final int BLOCK = 64;

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
   * The rank interval of every ranked unit of units that form one level and one scope, by unit id
   * (no screening: every unit with a usable value is ranked); empty when {@code draws} is 0.
   */
  public Map<String, RankInterval> intervals(String scope, List<UnitValues> units) {
    LevelScores level = new Scorer(weights, normalisation, Screening.NONE, OutlierTreatment.NONE).level(scope, units);
    return intervals(level, Map.of(scope, Scorer.all(level.units().size()))).getOrDefault(scope, Map.of());
  }

  /**
   * The rank interval of every ranked unit in each scope of a level (scope name to the positions
   * of its units in the level), by scope then unit id; empty when {@code draws} is 0. Each draw
   * weighs the whole level once and every scope ranks on those composites, as the base ranking
   * does; the draws are seeded with the level's name, so every scope of a level sees the same
   * weightings.
   */
  public Map<String, Map<String, RankInterval>> intervals(LevelScores level, Map<String, int[]> scopes) {
    Map<String, Map<String, RankInterval>> out = new HashMap<>();
    List<UnitValues> units = level.units();
    if (draws == 0 || units.isEmpty()) {
      return out;
    }
    int n = units.size();
    Normaliser.Normalised main = level.normalised();
    Normaliser.Normalised other = Normaliser.normalise(level.treated(), n, normalisation.other());
    List<Indicator> used = main.used();
    int[] partOf = Scorer.partOf(used);
    double[] baseColumns = Scorer.columnWeights(used, weights);
    double[] baseParts = Scorer.partWeights(weights);
    int[] columnOf = columnOf(used);
    List<String> names = new ArrayList<>(scopes.keySet());
    List<int[]> members = new ArrayList<>(scopes.values());
    ScopeRanker ranker = new ScopeRanker(n, members);

    // The weightings come from one sequential stream: drawn here, in order, before any scoring, so
    // the draws can be scored on every core and still get exactly the numbers they always had.
    double[][] factors = factors(new Random(seed ^ level.level().hashCode()), draws);
    int samples = draws + 1;
    // The ranks of draw d, scope s, member m; the last "draw" is the other normalisation.
    int[][][] ranks = new int[samples][][];
    IntStream.range(0, draws).parallel().forEach(d -> {
      double[] partWeights = new double[PARTS.length];
      for (int p = 0; p < PARTS.length; p++) {
        partWeights[p] = baseParts[p] * factors[d][p];
      }
      double[] columnWeights = new double[used.size()];
      for (int i = 0; i < columnOf.length; i++) {
        if (columnOf[i] >= 0) {
          columnWeights[columnOf[i]] = baseColumns[columnOf[i]] * factors[d][PARTS.length + i];
        }
      }
      double[] composites = Scorer.composites(main.matrix(), partOf, columnWeights, partWeights, null);
      ranks[d] = ranker.newRanks();
      ranker.rank(composites, ranks[d], new long[n]);
    });
    // The other normalisation leaves out the same indicators: both need two distinct values.
    double[] otherComposites = Scorer.composites(other.matrix(), Scorer.partOf(other.used()),
        Scorer.columnWeights(other.used(), weights), baseParts, null);
    ranks[draws] = ranker.newRanks();
    ranker.rank(otherComposites, ranks[draws], new long[n]);

    for (int s = 0; s < names.size(); s++) {
      int scope = s;
      int[] scopeMembers = members.get(s);
      int ranked = 0;
      for (int u : scopeMembers) {
        if (!Double.isNaN(level.composite(u))) {
          ranked++;
        }
      }
      int rankedInScope = ranked;
      RankInterval[] found = new RankInterval[scopeMembers.length];
      // Members in blocks, each copied out of the draws row by row: reading one member's rank
      // from each of a thousand arrays in turn would miss the cache at every step.
      IntStream.range(0, (scopeMembers.length + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
        int from = b * BLOCK;
        int to = Math.min(scopeMembers.length, from + BLOCK);
        int[][] r = new int[to - from][samples];
        for (int d = 0; d < samples; d++) {
          int[] row = ranks[d][scope];
          for (int m = from; m < to; m++) {
            r[m - from][d] = row[m];
          }
        }
        for (int m = from; m < to; m++) {
          found[m] = interval(r[m - from], rankedInScope);
        }
      });
      Map<String, RankInterval> intervals = new HashMap<>();
      for (int m = 0; m < scopeMembers.length; m++) {
        if (found[m] != null) {
          intervals.put(units.get(scopeMembers[m]).unitId(), found[m]);
        }
      }
      out.put(names.get(s), intervals);
    }
    return out;
  }

  /**
   * The weight factors of {@code draws} weightings, each 4 part factors (A to D) then one per
   * catalogue indicator, used or not, so that the sequence does not depend on the data.
   */
  static double[][] factors(Random random, int draws) {
    int catalogue = Catalogue.all().size();
    double[][] factors = new double[draws][PARTS.length + catalogue];
    for (int d = 0; d < draws; d++) {
      for (int k = 0; k < PARTS.length + catalogue; k++) {
        factors[d][k] = factor(random);
      }
    }
    return factors;
  }

  /** A unit's interval from its ranks over the samples (sorted here; 0: not ranked), null when never ranked. */
  private static RankInterval interval(int[] r, int rankedInScope) {
    Arrays.sort(r);
    int unranked = 0;
    while (unranked < r.length && r[unranked] == 0) {
      unranked++;
    }
    if (unranked == r.length) {
      return null;
    }
    int[] kept = unranked == 0 ? r : Arrays.copyOfRange(r, unranked, r.length);
    return new RankInterval(percentile(kept, 50), percentile(kept, 5), percentile(kept, 95), rankedInScope);
  }

  /** Where each catalogue indicator sits among the columns used (-1: not used). */
  static int[] columnOf(List<Indicator> used) {
    List<Indicator> catalogue = Catalogue.all();
    int[] columnOf = new int[catalogue.size()];
    Arrays.fill(columnOf, -1);
    for (int j = 0; j < used.size(); j++) {
      columnOf[catalogue.indexOf(used.get(j))] = j;
    }
    return columnOf;
  }

  /** The values at the given positions. */
  static double[] subset(double[] values, int[] positions) {
    double[] out = new double[positions.length];
    for (int m = 0; m < positions.length; m++) {
      out[m] = values[positions[m]];
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
