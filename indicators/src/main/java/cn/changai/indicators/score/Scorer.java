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
  /** Why a unit that passed screening is still not ranked. */
  public static final String NOTHING_USABLE = "无可用指标值 no usable value";
  /** Why the one unit of a level is not ranked. */
  public static final String ONLY_UNIT = "本层级仅此一个单位，无从比较 the only unit of its level: none to compare with";
  /** Why no unit of a level is ranked when no indicator tells any two apart. */
  public static final String NOTHING_DIFFERS = "各指标取值均无差异，无从比较 no indicator differs between the units";

  private final Weights weights;
  private final Normalisation normalisation;
  private final Screening screening;
  private final OutlierTreatment treatment;

  /** A scorer with the default screening (two thirds) and no outlier treatment. */
  public Scorer(Weights weights, Normalisation normalisation) {
    this(weights, normalisation, Screening.DEFAULT, OutlierTreatment.NONE);
  }

  public Scorer(Weights weights, Normalisation normalisation, Screening screening, OutlierTreatment treatment) {
    this.weights = weights;
    this.normalisation = normalisation;
    this.screening = screening;
    this.treatment = treatment;
  }

  /** The units in the order every computation takes them, whatever order they came in. */
  static List<UnitValues> ordered(List<UnitValues> units) {
    List<UnitValues> sorted = new ArrayList<>(units);
    sorted.sort(Comparator.comparing(UnitValues::unitLevel).thenComparing(UnitValues::unitId));
    return sorted;
  }

  /** Scores and ranks units that form one level and one scope (every unit ranked together). */
  public ScopeScores score(String scope, List<UnitValues> units) {
    LevelScores level = level(scope, units);
    return rank(scope, level, all(level.units().size()));
  }

  /** The positions 0..n-1: every unit of a level. */
  static int[] all(int n) {
    int[] all = new int[n];
    for (int u = 0; u < n; u++) {
      all[u] = u;
    }
    return all;
  }

  /**
   * Scores a whole level once: screening, outlier treatment, normalisation across the ranked units,
   * part scores and composites.
   */
  public LevelScores level(String levelName, List<UnitValues> units) {
    List<UnitValues> sorted = ordered(units);
    int n = sorted.size();
    double[][] raw = Normaliser.raw(sorted);
    List<Indicator> catalogue = Catalogue.all();

    // Screening counts a unit's usable values over the indicators that can enter a score: positive
    // weight, and at least two distinct usable values across the level.
    List<Indicator> screenedOn = new ArrayList<>();
    List<Integer> screenedColumns = new ArrayList<>();
    for (int i = 0; i < catalogue.size(); i++) {
      Indicator indicator = catalogue.get(i);
      if (weightInScores(weights, indicator) > 0 && AuditStatistics.distinct(raw[i], Double.NaN) >= 2) {
        screenedOn.add(indicator);
        screenedColumns.add(i);
      }
    }
    String[] unranked = new String[n];
    if (screenedOn.isEmpty()) {
      // Nothing to compare: a level of one unit, or of units whose every value is the same. Not
      // "no usable value", which a planner would read as a unit that sent no data; its values are
      // kept, so the indicators left out say why ("only one usable value").
      java.util.Arrays.fill(unranked, n == 1 ? ONLY_UNIT : NOTHING_DIFFERS);
    } else {
      for (int u = 0; u < n; u++) {
        int usable = 0;
        for (int i : screenedColumns) {
          if (!Double.isNaN(raw[i][u])) {
            usable++;
          }
        }
        unranked[u] = usable == 0 ? NOTHING_USABLE : screening.reason(usable, screenedOn.size());
        if (unranked[u] != null) {
          for (double[] column : raw) {
            column[u] = Double.NaN;
          }
        }
      }
    }

    double[][] treated = raw;
    Map<String, List<Winsorisation.Change>> changes = new LinkedHashMap<>();
    if (treatment == OutlierTreatment.WINSORISE) {
      treated = new double[raw.length][];
      for (int i = 0; i < raw.length; i++) {
        treated[i] = raw[i].clone();
        if (screenedColumns.contains(i)) {
          List<Winsorisation.Change> changed = Winsorisation.apply(treated[i]);
          if (!changed.isEmpty()) {
            changes.put(catalogue.get(i).id(), List.copyOf(changed));
          }
        }
      }
    }

    Normaliser.Normalised normalised = Normaliser.normalise(treated, n, normalisation);
    List<Indicator> used = normalised.used();
    int[] partOf = partOf(used);
    double[] columnWeights = columnWeights(used, weights);
    double[][] parts = new double[n][PARTS.length];
    double[] composites = composites(normalised.matrix(), partOf, columnWeights, partWeights(weights), parts);
    for (int u = 0; u < n; u++) {
      if (unranked[u] == null && Double.isNaN(composites[u])) {
        unranked[u] = NOTHING_USABLE;
      }
    }

    List<String> usedIds = new ArrayList<>();
    Map<String, String> leftOut = new LinkedHashMap<>();
    for (Indicator indicator : catalogue) {
      int j = used.indexOf(indicator);
      if (j < 0 && !(weightInScores(weights, indicator) > 0)) {
        // The analyst's own choice first, whatever the data would have allowed.
        leftOut.put(indicator.id(), ZERO_WEIGHT);
      } else if (j < 0) {
        leftOut.put(indicator.id(), normalised.leftOut().get(indicator.id()));
      } else if (columnWeights[j] > 0) {
        usedIds.add(indicator.id());
      } else {
        leftOut.put(indicator.id(), ZERO_WEIGHT);
      }
    }
    return new LevelScores(levelName, List.copyOf(sorted), List.copyOf(screenedOn), unranked, raw, treated,
        Collections.unmodifiableMap(changes), normalised, parts, composites, List.copyOf(usedIds),
        Collections.unmodifiableMap(leftOut));
  }

  /** Ranks the level's units at the given positions among themselves, on the level's composites. */
  public ScopeScores rank(String scope, LevelScores level, int[] members) {
    double[] composites = new double[members.length];
    for (int m = 0; m < members.length; m++) {
      composites[m] = level.composites()[members[m]];
    }
    int[] ranks = ranks(composites);
    Normaliser.Normalised normalised = level.normalised();
    List<Indicator> used = normalised.used();
    double[] columnWeights = columnWeights(used, weights);
    List<UnitScore> scores = new ArrayList<>();
    for (int m = 0; m < members.length; m++) {
      int u = members[m];
      UnitValues unit = level.units().get(u);
      Map<Part, Double> partScores = new EnumMap<>(Part.class);
      for (Part part : PARTS) {
        double p = level.parts()[u][part.ordinal()];
        partScores.put(part, Double.isNaN(p) ? null : round6(p));
      }
      List<String> usedByUnit = new ArrayList<>();
      for (int j = 0; j < used.size(); j++) {
        if (!Double.isNaN(normalised.score(u, j)) && columnWeights[j] > 0) {
          usedByUnit.add(used.get(j).id());
        }
      }
      Double composite = Double.isNaN(composites[m]) ? null : round6(composites[m]);
      Integer rank = ranks[m] == 0 ? null : ranks[m];
      scores.add(new UnitScore(scope, unit.unitLevel(), unit.unitId(), unit.unitName(), composite,
          Collections.unmodifiableMap(partScores), rank, rank == null ? null : weights.tiers().of(composite),
          List.copyOf(usedByUnit), null, null, level.unrankedReason(u)));
    }
    scores.sort(Comparator.comparing((UnitScore s) -> s.rank() == null ? Integer.MAX_VALUE : s.rank())
        .thenComparing(UnitScore::unitId));
    return new ScopeScores(scope, level.indicatorsUsed(), level.indicatorsLeftOut(), List.copyOf(scores));
  }

  /**
   * The normalised values {@link #score} computes a scope's scores from, for publication: the
   * scope scored as a level of its own ({@link #inputs(String, LevelScores, int[])}).
   */
  public ScopeInputs inputs(String scope, List<UnitValues> units) {
    LevelScores level = level(scope, units);
    return inputs(scope, level, all(level.units().size()));
  }

  /**
   * The normalised values {@link #rank} ranks a scope's members on, for publication: the members
   * in the order given, with their level's normalised values (null where a unit has none, and for
   * every indicator of a unit that screening left unranked).
   */
  public ScopeInputs inputs(String scope, LevelScores level, int[] members) {
    Normaliser.Normalised normalised = level.normalised();
    List<String> ids = normalised.used().stream().map(Indicator::id).toList();
    List<ScopeInputs.Unit> rows = new ArrayList<>();
    for (int u : members) {
      List<Double> values = new ArrayList<>();
      for (int j = 0; j < ids.size(); j++) {
        double v = normalised.score(u, j);
        values.add(Double.isNaN(v) ? null : v);
      }
      UnitValues unit = level.units().get(u);
      rows.add(new ScopeInputs.Unit(unit.unitLevel(), unit.unitId(), values));
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

  /** The weight of each indicator used, relative ({@link #relative}). */
  static double[] columnWeights(List<Indicator> used, Weights weights) {
    double[] w = new double[used.size()];
    for (int j = 0; j < used.size(); j++) {
      w[j] = weightInScores(weights, used.get(j));
    }
    return relative(w);
  }

  /**
   * An indicator's weight within its part, or 0 when the part weighs 0: such a part is out of every
   * score, so its indicators are left out as "weight 0" and its part score is null, as for an
   * indicator of weight 0; counted as used, they listed in indicators_used what no score took in.
   */
  static double weightInScores(Weights weights, Indicator indicator) {
    return weights.part(indicator.part()) > 0 ? weights.indicator(indicator.id()) : 0;
  }

  /** The weight of each part, A to D, relative ({@link #relative}). */
  static double[] partWeights(Weights weights) {
    double[] w = new double[PARTS.length];
    for (Part part : PARTS) {
      w[part.ordinal()] = weights.part(part);
    }
    return relative(w);
  }

  /**
   * Weights scaled by a power of two that brings the largest to [1, 2): weights are relative, and
   * a sum of four finite weights of 1e308 (or of 1e308 times a score) is infinite, which left every
   * unit without a composite. A power of two scales exactly, so every weighted mean is the same to
   * the last bit as with the weights as given (1.0, the default, is left as it is).
   */
  static double[] relative(double[] weights) {
    double max = 0;
    for (double w : weights) {
      max = Math.max(max, w);
    }
    if (!(max > 0) || !Double.isFinite(max)) {
      return weights;
    }
    int exponent = Math.getExponent(max);
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.scalb(weights[i], -exponent);
    }
    return weights;
  }

  /**
   * The composite of every unit, NaN when it has no part score of positive weight. Dividing by
   * the weights of what a unit has is the rescaling of the remaining weights. When {@code parts}
   * is given, each unit's part scores (NaN when none) are written into it.
   */
  static double[] composites(double[][] x, int[] partOf, double[] columnWeights, double[] partWeights, double[][] parts) {
    // The columns of positive weight, part by part and within a part in column order: each part's
    // sums then add up in a register, in the very order (so to the same last bit) as column by
    // column into a sum per part. The sensitivity analyses call this thousands of times.
    int[] partStart = new int[PARTS.length + 1];
    for (int j = 0; j < partOf.length; j++) {
      if (columnWeights[j] > 0) {
        partStart[partOf[j] + 1]++;
      }
    }
    for (int p = 0; p < PARTS.length; p++) {
      partStart[p + 1] += partStart[p];
    }
    int[] columns = new int[partStart[PARTS.length]];
    int[] next = Arrays.copyOf(partStart, PARTS.length);
    for (int j = 0; j < partOf.length; j++) {
      if (columnWeights[j] > 0) {
        columns[next[partOf[j]]++] = j;
      }
    }
    int n = x.length;
    double[] composites = new double[n];
    for (int u = 0; u < n; u++) {
      double[] row = x[u];
      double total = 0;
      double totalWeight = 0;
      for (int p = 0; p < PARTS.length; p++) {
        double sum = 0;
        double weightSum = 0;
        for (int k = partStart[p]; k < partStart[p + 1]; k++) {
          int j = columns[k];
          double v = row[j];
          if (!Double.isNaN(v)) {
            double w = columnWeights[j];
            sum += w * v;
            weightSum += w;
          }
        }
        double score = weightSum > 0 ? sum / weightSum : Double.NaN;
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
   * What ranks compare: the composite in millionths, offset to be non-negative, in 31 bits (so that
   * a key and a position pack into one long).
   */
  static long rankKey(double composite) {
    long key = key(composite) + KEY_OFFSET;
    if (key < 0 || key >= 1L << 31) {
      throw new IllegalStateException("composite out of range: " + composite);
    }
    return key;
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
        sorted[m++] = rankKey(composites[u]) << 32 | u;
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
