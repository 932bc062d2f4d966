package cn.changai.indicators.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Winsorisation as the OECD/JRC handbook and COINr's {@code winsorise} describe it: while the JRC
 * rule fires (|skewness| &gt; 2 and kurtosis &gt; 3.5), the most extreme value on the side the
 * skew points to (the highest when skewness ≥ 0, else the lowest; tied values together) is given
 * the next value inward; it stops once the rule no longer fires, {@link #MAX_POINTS} points have
 * been changed, or the next step would leave one value for all (a 0-or-100 indicator is never
 * flattened). COINr then tries a log transform; Changai does not, and the audit shows an
 * indicator the limit left with outliers.
 */
public final class Winsorisation {

  /** At most this many values of one indicator are changed (COINr's {@code winmax} default). */
  public static final int MAX_POINTS = 5;

  /** One value changed: the unit's position in the column, its value before and after. */
  public record Change(int unit, double from, double to) {}

  private Winsorisation() {}

  /**
   * Winsorises the column in place (NaN for units without a usable value) and returns the values
   * changed in unit order; empty when the rule does not fire.
   */
  public static List<Change> apply(double[] column) {
    Map<Integer, Double> original = new LinkedHashMap<>();
    while (AuditStatistics.hasOutliers(column) && original.size() < MAX_POINTS) {
      boolean high = AuditStatistics.skewness(column) >= 0;
      double extreme = high ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      for (double v : column) {
        if (!Double.isNaN(v)) {
          extreme = high ? Math.max(extreme, v) : Math.min(extreme, v);
        }
      }
      double next = high ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      for (double v : column) {
        if (!Double.isNaN(v) && v != extreme) {
          next = high ? Math.max(next, v) : Math.min(next, v);
        }
      }
      if (Double.isInfinite(next) || AuditStatistics.distinct(column, extreme) < 2) {
        // Bringing the extreme in would leave one value for all: the indicator could no longer
        // tell units apart (a 0-or-100 unit-share indicator would vanish from the score). Stop.
        break;
      }
      for (int u = 0; u < column.length; u++) {
        if (column[u] == extreme) {
          original.putIfAbsent(u, column[u]);
          column[u] = next;
        }
      }
    }
    List<Change> changes = new ArrayList<>();
    original.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> changes.add(new Change(e.getKey(), e.getValue(), column[e.getKey()])));
    return changes;
  }
}
