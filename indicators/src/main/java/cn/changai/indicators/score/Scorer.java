package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores and ranks the units ranked together: part scores as weighted means of the unit's
 * normalised values (weights rescaled over the values it has), the composite as the weighted mean
 * of its non-null part scores, standard competition ranks (1, 2, 2, 4) on the composite rounded to
 * 6 decimals, and tiers.
 */
public final class Scorer {

  private static final Part[] PARTS = Part.values();
  /** Composites are compared as integers of millionths; this offset keeps them non-negative. */
  private static final long KEY_OFFSET = 1L << 30;

  static final String ZERO_WEIGHT = "weight 0";

  private final Weights weights;
  private final Normalisation normalisation;

  public Scorer(Weights weights, Normalisation normalisation) {
    this.weights = weights;
    this.normalisation = normalisation;
  }

  /** The units in the order every computation takes them, whatever order they came in. */
  static List<UnitValues> ordered(List<UnitValues> units) {
    List<UnitValues> sorted = new ArrayList<>(units);
    sorted.sort(Comparator.comparing(UnitValues::unitLevel).thenComparing(UnitValues::unitId));
    return sorted;
  }

  /** Scores and ranks one scope's units. */
  public ScopeScores score(String scope, List<UnitValues> units) {
    List<UnitValues> sorted = ordered(units);
    Normaliser.Normalised normalised = Normaliser.normalise(sorted, normalisation);
    List<Indicator> used = normalised.used();
    int[] partOf = partOf(used);
    double[] columnWeights = columnWeights(used, weights);
    double[] partWeights = partWeights(weights);
    double[][] parts = new double[sorted.size()][PARTS.length];
    double[] composites = composites(normalised.matrix(), partOf, columnWeights, partWeights, parts);
    int[] ranks = ranks(composites);

    List<UnitScore> scores = new ArrayList<>();
    for (int u = 0; u < sorted.size(); u++) {
      UnitValues unit = sorted.get(u);
      Map<Part, Double> partScores = new EnumMap<>(Part.class);
      for (Part part : PARTS) {
        double p = parts[u][part.ordinal()];
        partScores.put(part, Double.isNaN(p) ? null : round6(p));
      }
      List<String> usedByUnit = new ArrayList<>();
      for (int j = 0; j < used.size(); j++) {
        if (!Double.isNaN(normalised.score(u, j)) && columnWeights[j] > 0) {
          usedByUnit.add(used.get(j).id());
        }
      }
      Double composite = Double.isNaN(composites[u]) ? null : round6(composites[u]);
      Integer rank = ranks[u] == 0 ? null : ranks[u];
      scores.add(new UnitScore(scope, unit.unitLevel(), unit.unitId(), unit.unitName(), composite,
          Collections.unmodifiableMap(partScores), rank, rank == null ? null : weights.tiers().of(composite),
          List.copyOf(usedByUnit), null, null));
    }
    scores.sort(Comparator.comparing((UnitScore s) -> s.rank() == null ? Integer.MAX_VALUE : s.rank())
        .thenComparing(UnitScore::unitId));
    List<String> usedIds = new ArrayList<>();
    Map<String, String> leftOut = new LinkedHashMap<>();
    for (Indicator indicator : Catalogue.all()) {
      int j = used.indexOf(indicator);
      if (j < 0) {
        leftOut.put(indicator.id(), normalised.leftOut().get(indicator.id()));
      } else if (columnWeights[j] > 0) {
        usedIds.add(indicator.id());
      } else {
        leftOut.put(indicator.id(), ZERO_WEIGHT);
      }
    }
    return new ScopeScores(scope, List.copyOf(usedIds), Collections.unmodifiableMap(leftOut), List.copyOf(scores));
  }

  /**
   * The normalised values {@link #score} computes a scope's scores from, for publication: the
   * same units in the same order, normalised by the same call.
   */
  public ScopeInputs inputs(String scope, List<UnitValues> units) {
    List<UnitValues> sorted = ordered(units);
    Normaliser.Normalised normalised = Normaliser.normalise(sorted, normalisation);
    List<String> ids = normalised.used().stream().map(Indicator::id).toList();
    List<ScopeInputs.Unit> rows = new ArrayList<>();
    for (int u = 0; u < sorted.size(); u++) {
      List<Double> values = new ArrayList<>();
      for (int j = 0; j < ids.size(); j++) {
        double v = normalised.score(u, j);
        values.add(Double.isNaN(v) ? null : v);
      }
      rows.add(new ScopeInputs.Unit(sorted.get(u).unitLevel(), sorted.get(u).unitId(), values));
    }
    return new ScopeInputs(scope, ids, rows);
  }

  /** The part (ordinal) of each indicator used. */
  static int[] partOf(List<Indicator> used) {
    int[] partOf = new int[used.size()];
    for (int j = 0; j < used.size(); j++) {
      partOf[j] = used.get(j).part().ordinal();
    }
    return partOf;
  }

  /** The weight of each indicator used. */
  static double[] columnWeights(List<Indicator> used, Weights weights) {
    double[] w = new double[used.size()];
    for (int j = 0; j < used.size(); j++) {
      w[j] = weights.indicator(used.get(j).id());
    }
    return w;
  }

  /** The weight of each part, A to D. */
  static double[] partWeights(Weights weights) {
    double[] w = new double[PARTS.length];
    for (Part part : PARTS) {
      w[part.ordinal()] = weights.part(part);
    }
    return w;
  }

  /**
   * The composite of every unit, NaN when it has no part score of positive weight. Dividing by
   * the weights of what a unit has is the rescaling of the remaining weights. When {@code parts}
   * is given, each unit's part scores (NaN when none) are written into it.
   */
  static double[] composites(double[][] x, int[] partOf, double[] columnWeights, double[] partWeights, double[][] parts) {
    int n = x.length;
    double[] composites = new double[n];
    double[] sums = new double[PARTS.length];
    double[] weightSums = new double[PARTS.length];
    for (int u = 0; u < n; u++) {
      Arrays.fill(sums, 0);
      Arrays.fill(weightSums, 0);
      double[] row = x[u];
      for (int j = 0; j < row.length; j++) {
        double v = row[j];
        double w = columnWeights[j];
        if (!Double.isNaN(v) && w > 0) {
          sums[partOf[j]] += w * v;
          weightSums[partOf[j]] += w;
        }
      }
      double total = 0;
      double totalWeight = 0;
      for (int p = 0; p < sums.length; p++) {
        double score = weightSums[p] > 0 ? sums[p] / weightSums[p] : Double.NaN;
        if (parts != null) {
          parts[u][p] = score;
        }
        if (!Double.isNaN(score) && partWeights[p] > 0) {
          total += partWeights[p] * score;
          totalWeight += partWeights[p];
        }
      }
      composites[u] = totalWeight > 0 ? total / totalWeight : Double.NaN;
    }
    return composites;
  }

  /** A score rounded to 6 decimals, the precision ranks compare and the table stores. */
  static double round6(double score) {
    return key(score) / 1e6;
  }

  private static long key(double score) {
    return Math.round(score * 1e6);
  }

  /**
   * Standard competition ranks (1, 2, 2, 4) by composite rounded to 6 decimals, highest first; 0
   * for a unit without a composite.
   */
  static int[] ranks(double[] composites) {
    int n = composites.length;
    long[] sorted = new long[n];
    int m = 0;
    for (int u = 0; u < n; u++) {
      if (!Double.isNaN(composites[u])) {
        long key = key(composites[u]) + KEY_OFFSET;
        if (key < 0 || key >= 1L << 31) {
          throw new IllegalStateException("composite out of range: " + composites[u]);
        }
        sorted[m++] = key << 32 | u;
      }
    }
    Arrays.sort(sorted, 0, m);
    int[] ranks = new int[n];
    long previous = -1;
    int rank = 0;
    for (int i = 0; i < m; i++) {
      long entry = sorted[m - 1 - i];
      long key = entry >>> 32;
      if (key != previous) {
        rank = i + 1;
        previous = key;
      }
      ranks[(int) (entry & 0xFFFFFFFFL)] = rank;
    }
    return ranks;
  }
}
