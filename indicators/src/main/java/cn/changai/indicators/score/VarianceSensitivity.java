package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Which uncertain choice drives the ranks: a variance-based sensitivity analysis (Saltelli's
 * design and estimators, {@link SobolSums}) of the units' ranks over three inputs: the weights
 * (every part and indicator weight times a uniform factor in 0.75..1.25, as for the rank
 * intervals), the normalisation (min-max or z-score, each with probability ½) and the outlier
 * treatment (none or winsorisation, each ½). Each scope gets the first-order and total-order index
 * of each input, its units' rank variances pooled.
 *
 * <p>N base rows: matrices A and B take the weightings of the rank intervals' draws 1..N and
 * N+1..2N (the same seeded sequence, drawn further when there are fewer than 2N draws); the two
 * binary inputs come from a second generator seeded with {@code seed ^ level ^ 0x5A17E111}.
 * (k + 2) N = 5N evaluations per level, each one weighted mean per unit and one sort per scope.
 */
public final class VarianceSensitivity {

  /** The three inputs, in the order of the indices. */
  public static final List<String> INPUTS = List.of("weights", "normalisation", "outliers");

  private static final int WEIGHTS = 0;
  private static final int NORMALISATION = 1;
  private static final int OUTLIERS = 2;
  private static final Part[] PARTS = Part.values();
  /** Rows of the design scored together before their ranks are added to the sums. */
  private static final int BLOCK = 64;

  private final Weights weights;
  private final int samples;
  private final long seed;

  /** One scope's indices: first-order and total-order, per input in {@link #INPUTS} order; NaN when ranks never move. */
  public record Indices(String scope, int units, double[] firstOrder, double[] totalOrder) {}

  /** How the weights input is drawn: fills the part and the catalogue indicator factors. */
  @FunctionalInterface
  interface WeightDraw {
    void draw(Random random, double[] partFactors, double[] indicatorFactors);
  }

  /** The draw of the rank intervals: every factor uniform in 0.75..1.25, parts first, then the catalogue. */
  static final WeightDraw UNIFORM = (random, parts, indicators) -> {
    for (int p = 0; p < parts.length; p++) {
      parts[p] = 0.75 + 0.5 * random.nextDouble();
    }
    for (int i = 0; i < indicators.length; i++) {
      indicators[i] = 0.75 + 0.5 * random.nextDouble();
    }
  };

  /** {@code samples} base rows N (0 turns the analysis off). */
  public VarianceSensitivity(Weights weights, int samples, long seed) {
    if (samples < 0) {
      throw new IllegalArgumentException("samples must be 0 or more, got " + samples);
    }
    this.weights = weights;
    this.samples = samples;
    this.seed = seed;
  }

  public int samples() {
    return samples;
  }

  /** The indices of each scope of a level (scope name to positions in the level), in the order given. */
  public List<Indices> indices(LevelScores level, Map<String, int[]> scopes) {
    return indices(level, scopes, UNIFORM);
  }

  List<Indices> indices(LevelScores level, Map<String, int[]> scopes, WeightDraw weightDraw) {
    List<Indices> out = new ArrayList<>();
    if (samples == 0 || level.units().isEmpty()) {
      return out;
    }
    Model model = new Model(level, weights);
    int catalogueSize = Catalogue.all().size();
    Random weightRandom = new Random(seed ^ level.level().hashCode());
    Random choiceRandom = new Random(seed ^ level.level().hashCode() ^ 0x5A17E111L);
    double[][] aWeights = new double[samples][];
    double[][] bWeights = new double[samples][];
    for (int j = 0; j < 2 * samples; j++) {
      double[] factors = new double[PARTS.length + catalogueSize];
      double[] parts = new double[PARTS.length];
      double[] indicators = new double[catalogueSize];
      weightDraw.draw(weightRandom, parts, indicators);
      System.arraycopy(parts, 0, factors, 0, parts.length);
      System.arraycopy(indicators, 0, factors, parts.length, indicators.length);
      if (j < samples) {
        aWeights[j] = factors;
      } else {
        bWeights[j - samples] = factors;
      }
    }

    // The binary inputs come from one sequential stream too: drawn in order before any scoring.
    Normalisation[] aNorm = new Normalisation[samples];
    OutlierTreatment[] aTreat = new OutlierTreatment[samples];
    Normalisation[] bNorm = new Normalisation[samples];
    OutlierTreatment[] bTreat = new OutlierTreatment[samples];
    for (int j = 0; j < samples; j++) {
      aNorm[j] = choiceRandom.nextBoolean() ? Normalisation.ZSCORE : Normalisation.MINMAX;
      aTreat[j] = choiceRandom.nextBoolean() ? OutlierTreatment.WINSORISE : OutlierTreatment.NONE;
      bNorm[j] = choiceRandom.nextBoolean() ? Normalisation.ZSCORE : Normalisation.MINMAX;
      bTreat[j] = choiceRandom.nextBoolean() ? OutlierTreatment.WINSORISE : OutlierTreatment.NONE;
    }

    List<int[]> members = new ArrayList<>(scopes.values());
    ScopeRanker ranker = new ScopeRanker(level.units().size(), members);
    SobolSums[][] sums = new SobolSums[members.size()][];
    for (int s = 0; s < members.size(); s++) {
      sums[s] = new SobolSums[members.get(s).length];
      for (int m = 0; m < sums[s].length; m++) {
        sums[s][m] = new SobolSums(INPUTS.size());
      }
    }
    // Rows are scored on every core a block at a time. Each unit's sums then take the block's rows
    // one after the other, in row order, as floating-point sums must for the same result to the
    // last digit; units are independent, so scopes take their rows on every core too.
    for (int from = 0; from < samples; from += BLOCK) {
      int first = from;
      Evaluated[] evaluated = new Evaluated[Math.min(BLOCK, samples - from)];
      IntStream.range(0, evaluated.length).parallel().forEach(k -> {
        int j = first + k;
        double[] fA = model.composites(aWeights[j], aNorm[j], aTreat[j]);
        double[] fB = model.composites(bWeights[j], bNorm[j], bTreat[j]);
        double[][] fAB = new double[INPUTS.size()][];
        fAB[WEIGHTS] = model.composites(bWeights[j], aNorm[j], aTreat[j]);
        // When B's choice equals A's, A_B^i is A itself: half the time for each binary input.
        fAB[NORMALISATION] = bNorm[j] == aNorm[j] ? fA : model.composites(aWeights[j], bNorm[j], aTreat[j]);
        fAB[OUTLIERS] = bTreat[j] == aTreat[j] ? fA : model.composites(aWeights[j], aNorm[j], bTreat[j]);
        long[] work = new long[level.units().size()];
        Ranked a = Ranked.of(ranker, fA, work);
        Ranked[] ab = new Ranked[INPUTS.size()];
        for (int i = 0; i < INPUTS.size(); i++) {
          ab[i] = fAB[i] == fA ? a : Ranked.of(ranker, fAB[i], work);
        }
        evaluated[k] = new Evaluated(a, Ranked.of(ranker, fB, work), ab);
      });
      IntStream.range(0, members.size()).parallel().forEach(s -> {
        int[] scopeMembers = members.get(s);
        double[] row = new double[INPUTS.size()];
        for (Evaluated e : evaluated) {
          for (int m = 0; m < scopeMembers.length; m++) {
            if (Double.isNaN(level.composite(scopeMembers[m]))) {
              continue; // not ranked in the base ranking: no rank to explain
            }
            for (int i = 0; i < row.length; i++) {
              row[i] = e.ab()[i].rank(s, m);
            }
            sums[s][m].add(e.a().rank(s, m), e.b().rank(s, m), row);
          }
        }
      });
    }
    int s = 0;
    for (Map.Entry<String, int[]> scope : scopes.entrySet()) {
      List<SobolSums> ranked = new ArrayList<>();
      SobolSums[] perUnit = sums[s++];
      for (int m = 0; m < perUnit.length; m++) {
        if (!Double.isNaN(level.composite(scope.getValue()[m]))) {
          ranked.add(perUnit[m]);
        }
      }
      double[][] indices = SobolSums.pooled(ranked, INPUTS.size());
      out.add(new Indices(scope.getKey(), ranked.size(), indices[0], indices[1]));
    }
    return out;
  }

  /**
   * The ranks of the members on the composites; a unit the configuration leaves without a
   * composite (all its indicators left out) counts as last, one place after the ranked ones.
   */
  static double[] ranks(double[] composites, int[] members) {
    Ranked ranked = Ranked.of(new ScopeRanker(composites.length, List.of(members)), composites,
        new long[composites.length]);
    double[] out = new double[members.length];
    for (int m = 0; m < members.length; m++) {
      out[m] = ranked.rank(0, m);
    }
    return out;
  }

  /** The ranks of every scope on one set of composites (by scope, then member; 0: none) and how many each scope ranks. */
  private record Ranked(int[][] ranks, int[] ranked) {

    static Ranked of(ScopeRanker ranker, double[] composites, long[] work) {
      int[][] ranks = ranker.newRanks();
      return new Ranked(ranks, ranker.rank(composites, ranks, work));
    }

    /** A member's rank; a member without a composite counts as last, one place after the ranked ones. */
    double rank(int scope, int member) {
      int r = ranks[scope][member];
      return r > 0 ? r : ranked[scope] + 1;
    }
  }

  /** The ranks of one row of the design: on f(A), f(B), and f(A_B^i) for each input i. */
  private record Evaluated(Ranked a, Ranked b, Ranked[] ab) {}

  /**
   * The level's composites under any configuration of the three inputs, the four normalisations
   * made once. Immutable, so rows of the design may be scored on several threads at once.
   */
  static final class Model {

    /** One normalisation and treatment: its values, and the part and base weight of each column used. */
    private record Configuration(Normaliser.Normalised normalised, int[] partOf, double[] columnWeights, int[] columnOf) {

      Configuration(Normaliser.Normalised normalised, Weights weights) {
        this(normalised, Scorer.partOf(normalised.used()), Scorer.columnWeights(normalised.used(), weights),
            Sensitivity.columnOf(normalised.used()));
      }
    }

    private final double[] partWeights;
    /** By normalisation, then treatment (ordinals): looked up thousands of times, worked out once. */
    private final Configuration[][] configurations =
        new Configuration[Normalisation.values().length][OutlierTreatment.values().length];

    Model(LevelScores level, Weights weights) {
      this.partWeights = Scorer.partWeights(weights);
      int n = level.units().size();
      double[][] winsorised = new double[level.raw().length][];
      for (int i = 0; i < winsorised.length; i++) {
        winsorised[i] = level.raw()[i].clone();
        boolean screened = level.screenedOn().contains(Catalogue.all().get(i));
        if (screened) {
          Winsorisation.apply(winsorised[i]);
        }
      }
      for (Normalisation method : Normalisation.values()) {
        configurations[method.ordinal()][OutlierTreatment.NONE.ordinal()] =
            new Configuration(Normaliser.normalise(level.raw(), n, method), weights);
        configurations[method.ordinal()][OutlierTreatment.WINSORISE.ordinal()] =
            new Configuration(Normaliser.normalise(winsorised, n, method), weights);
      }
    }

    /** Composites with the base weights times the factors (parts first, then the catalogue in order). */
    double[] composites(double[] factors, Normalisation method, OutlierTreatment treatment) {
      Configuration c = configurations[method.ordinal()][treatment.ordinal()];
      double[] columnWeights = c.columnWeights().clone();
      for (int i = 0; i < c.columnOf().length; i++) {
        if (c.columnOf()[i] >= 0) {
          columnWeights[c.columnOf()[i]] *= factors[PARTS.length + i];
        }
      }
      double[] partWeights = this.partWeights.clone();
      for (int p = 0; p < PARTS.length; p++) {
        partWeights[p] *= factors[p];
      }
      return Scorer.composites(c.normalised().matrix(), c.partOf(), columnWeights, partWeights, null);
    }
  }
}
