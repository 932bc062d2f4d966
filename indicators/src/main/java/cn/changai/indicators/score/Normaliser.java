package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Direction;
import cn.changai.indicators.Indicator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts each indicator's usable values on the 0..100 scale across the units ranked together, and
 * leaves out an indicator that cannot tell those units apart (fewer than two usable values, or
 * one value for all).
 */
public final class Normaliser {

  static final String NO_VALUE = "no usable value";
  static final String ONE_VALUE = "only one usable value";
  static final String ALL_EQUAL = "one value for all units";

  private Normaliser() {}

  /** The normalised scores of the units, in the order given, for every indicator that is used. */
  public static Normalised normalise(List<UnitValues> units, Normalisation method) {
    return normalise(raw(units), units.size(), method);
  }

  /**
   * The usable values of the units, one column per catalogue indicator in catalogue order, one
   * entry per unit in the order given, NaN where the unit has none.
   */
  public static double[][] raw(List<UnitValues> units) {
    List<Indicator> catalogue = Catalogue.all();
    double[][] raw = new double[catalogue.size()][units.size()];
    for (int i = 0; i < catalogue.size(); i++) {
      String id = catalogue.get(i).id();
      for (int u = 0; u < units.size(); u++) {
        Double v = units.get(u).usable(id);
        raw[i][u] = v == null ? Double.NaN : v;
      }
    }
    return raw;
  }

  /**
   * Normalises raw columns (as {@link #raw} makes them, possibly treated for outliers) of
   * {@code n} units: NaN entries take no part.
   */
  public static Normalised normalise(double[][] rawColumns, int n, Normalisation method) {
    List<Indicator> used = new ArrayList<>();
    Map<String, String> leftOut = new LinkedHashMap<>();
    List<double[]> columns = new ArrayList<>();
    List<Indicator> catalogue = Catalogue.all();
    for (int i = 0; i < catalogue.size(); i++) {
      Indicator indicator = catalogue.get(i);
      double[] raw = rawColumns[i];
      int count = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int u = 0; u < n; u++) {
        double v = raw[u];
        if (!Double.isNaN(v)) {
          count++;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      if (count == 0) {
        leftOut.put(indicator.id(), NO_VALUE);
      } else if (count == 1) {
        leftOut.put(indicator.id(), ONE_VALUE);
      } else if (min == max) {
        leftOut.put(indicator.id(), ALL_EQUAL);
      } else {
        double[] scores = method == Normalisation.MINMAX
            ? minMax(raw, min, max, indicator.direction())
            : tScore(raw, count, indicator.direction());
        if (scores == null) {
          leftOut.put(indicator.id(), ALL_EQUAL);
        } else {
          used.add(indicator);
          columns.add(scores);
        }
      }
    }
    double[][] matrix = new double[n][used.size()];
    for (int j = 0; j < used.size(); j++) {
      double[] column = columns.get(j);
      for (int u = 0; u < n; u++) {
        matrix[u][j] = column[u];
      }
    }
    return new Normalised(List.copyOf(used), Collections.unmodifiableMap(leftOut), matrix);
  }

  private static double[] minMax(double[] raw, double min, double max, Direction direction) {
    double[] out = new double[raw.length];
    double range = max - min;
    for (int u = 0; u < raw.length; u++) {
      double v = raw[u];
      if (Double.isNaN(v)) {
        out[u] = Double.NaN;
      } else {
        out[u] = direction == Direction.HIGHER_IS_BETTER ? 100 * (v - min) / range : 100 * (max - v) / range;
      }
    }
    return out;
  }

  /** 50 + 10 z, z with the population standard deviation, clamped to 0..100; null when it is 0. */
  private static double[] tScore(double[] raw, int count, Direction direction) {
    double sum = 0;
    for (double v : raw) {
      if (!Double.isNaN(v)) {
        sum += v;
      }
    }
    double mean = sum / count;
    double squares = 0;
    for (double v : raw) {
      if (!Double.isNaN(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    double sd = Math.sqrt(squares / count);
    if (!(sd > 0) || !Double.isFinite(sd)) {
      return null;
    }
    double[] out = new double[raw.length];
    Arrays.fill(out, Double.NaN);
    for (int u = 0; u < raw.length; u++) {
      double v = raw[u];
      if (!Double.isNaN(v)) {
        double z = (v - mean) / sd;
        if (direction == Direction.LOWER_IS_BETTER) {
          z = -z;
        }
        out[u] = Math.max(0, Math.min(100, 50 + 10 * z));
      }
    }
    return out;
  }

  /**
   * The indicators used, those left out with the reason, and the scores: one row per unit, one
   * column per indicator used, NaN where the unit has no usable value.
   */
  public static final class Normalised {

    private final List<Indicator> used;
    private final Map<String, String> leftOut;
    private final double[][] scores;

    Normalised(List<Indicator> used, Map<String, String> leftOut, double[][] scores) {
      this.used = used;
      this.leftOut = leftOut;
      this.scores = scores;
    }

    /** The indicators that take part, in catalogue order. */
    public List<Indicator> used() {
      return used;
    }

    /** Every catalogue indicator left out of this ranking, with the reason, in catalogue order. */
    public Map<String, String> leftOut() {
      return leftOut;
    }

    /** The normalised score of a unit on the j-th indicator used, or NaN. */
    public double score(int unit, int j) {
      return scores[unit][j];
    }

    double[][] matrix() {
      return scores;
    }
  }
}
