package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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

    Map<String, SobolSums[]> sums = new LinkedHashMap<>();
    scopes.forEach((scope, members) -> {
      SobolSums[] perUnit = new SobolSums[members.length];
      for (int m = 0; m < members.length; m++) {
        perUnit[m] = new SobolSums(INPUTS.size());
      }
      sums.put(scope, perUnit);
    });
    for (int j = 0; j < samples; j++) {
      Normalisation aNorm = choiceRandom.nextBoolean() ? Normalisation.ZSCORE : Normalisation.MINMAX;
      OutlierTreatment aTreat = choiceRandom.nextBoolean() ? OutlierTreatment.WINSORISE : OutlierTreatment.NONE;
      Normalisation bNorm = choiceRandom.nextBoolean() ? Normalisation.ZSCORE : Normalisation.MINMAX;
      OutlierTreatment bTreat = choiceRandom.nextBoolean() ? OutlierTreatment.WINSORISE : OutlierTreatment.NONE;
      double[] fA = model.composites(aWeights[j], aNorm, aTreat);
      double[] fB = model.composites(bWeights[j], bNorm, bTreat);
      double[][] fAB = new double[INPUTS.size()][];
      fAB[WEIGHTS] = model.composites(bWeights[j], aNorm, aTreat);
      // When B's choice equals A's, A_B^i is A itself: half the time for each binary input.
      fAB[NORMALISATION] = bNorm == aNorm ? fA : model.composites(aWeights[j], bNorm, aTreat);
      fAB[OUTLIERS] = bTreat == aTreat ? fA : model.composites(aWeights[j], aNorm, bTreat);
      double[] row = new double[INPUTS.size()];
      for (Map.Entry<String, int[]> scope : scopes.entrySet()) {
        int[] members = scope.getValue();
        double[] rA = ranks(fA, members);
        double[] rB = ranks(fB, members);
        double[][] rAB = new double[INPUTS.size()][];
        for (int i = 0; i < INPUTS.size(); i++) {
          rAB[i] = fAB[i] == fA ? rA : ranks(fAB[i], members);
        }
        SobolSums[] perUnit = sums.get(scope.getKey());
        for (int m = 0; m < members.length; m++) {
          if (Double.isNaN(level.composite(members[m]))) {
            continue; // not ranked in the base ranking: no rank to explain
          }
          for (int i = 0; i < row.length; i++) {
            row[i] = rAB[i][m];
          }
          perUnit[m].add(rA[m], rB[m], row);
        }
      }
    }
    for (Map.Entry<String, int[]> scope : scopes.entrySet()) {
      List<SobolSums> ranked = new ArrayList<>();
      SobolSums[] perUnit = sums.get(scope.getKey());
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
    int[] ranks = Scorer.ranks(Sensitivity.subset(composites, members));
    int ranked = 0;
    for (int r : ranks) {
      if (r > 0) {
        ranked++;
      }
    }
    double[] out = new double[ranks.length];
    for (int m = 0; m < ranks.length; m++) {
      out[m] = ranks[m] > 0 ? ranks[m] : ranked + 1;
    }
    return out;
  }

  /** The level's composites under any configuration of the three inputs, the four normalisations made once. */
  static final class Model {

    private final Weights weights;
    private final Map<String, Normaliser.Normalised> normalised = new LinkedHashMap<>();

    Model(LevelScores level, Weights weights) {
      this.weights = weights;
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
        normalised.put(key(method, OutlierTreatment.NONE), Normaliser.normalise(level.raw(), n, method));
        normalised.put(key(method, OutlierTreatment.WINSORISE), Normaliser.normalise(winsorised, n, method));
      }
    }

    /** Composites with the base weights times the factors (parts first, then the catalogue in order). */
    double[] composites(double[] factors, Normalisation method, OutlierTreatment treatment) {
      Normaliser.Normalised n = normalised.get(key(method, treatment));
      List<Indicator> used = n.used();
      double[] columnWeights = Scorer.columnWeights(used, weights);
      int[] columnOf = Sensitivity.columnOf(used);
      for (int i = 0; i < columnOf.length; i++) {
        if (columnOf[i] >= 0) {
          columnWeights[columnOf[i]] *= factors[PARTS.length + i];
        }
      }
      double[] partWeights = Scorer.partWeights(weights);
      for (int p = 0; p < PARTS.length; p++) {
        partWeights[p] *= factors[p];
      }
      return Scorer.composites(n.matrix(), Scorer.partOf(used), columnWeights, partWeights, null);
    }

    private static String key(Normalisation method, OutlierTreatment treatment) {
      return method.id() + "/" + treatment.id();
    }
  }
}
