package cn.changai.jobs.report;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Direction;
import cn.changai.indicators.Indicator;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per unit level and indicator, the spread of the values that may be published: neither null nor
 * {@code low_base}. It gives the system median a scorecard compares against, and the min-max
 * normalisation behind strengths and weaknesses (the scores table may not publish normalised values).
 */
final class LevelStats {

  private final Map<String, double[]> sorted;

  private LevelStats(Map<String, double[]> sorted) {
    this.sorted = sorted;
  }

  static LevelStats of(Collection<IndicatorRow> rows) {
    Map<String, List<Double>> values = new HashMap<>();
    for (IndicatorRow row : rows) {
      if (isPublishable(row)) {
        values.computeIfAbsent(key(row.unitLevel(), row.indicatorId()), k -> new ArrayList<>()).add(row.value());
      }
    }
    Map<String, double[]> sorted = new HashMap<>();
    values.forEach((k, list) -> sorted.put(k, list.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
    return new LevelStats(sorted);
  }

  /** A value that may be shown and compared: present, finite, and not on a low base. */
  static boolean isPublishable(IndicatorRow row) {
    return row.value() != null && Double.isFinite(row.value()) && !row.lowBase();
  }

  /** The median over the level's publishable values (the mean of the middle two for an even count). */
  Optional<Double> median(String level, String indicatorId) {
    return median(sorted.get(key(level, indicatorId)));
  }

  /** How many units of the level have a publishable value. */
  int count(String level, String indicatorId) {
    double[] values = sorted.get(key(level, indicatorId));
    return values == null ? 0 : values.length;
  }

  /**
   * The value min-max normalised to 0..100 across the level (100 = best, whatever the direction);
   * empty when fewer than two units have values or all are equal, as such an indicator cannot tell
   * units apart (the scoring rule of the catalogue).
   */
  Optional<Double> normalised(String level, String indicatorId, double value) {
    double[] values = sorted.get(key(level, indicatorId));
    if (values == null || values.length < 2) {
      return Optional.empty();
    }
    double min = values[0];
    double max = values[values.length - 1];
    if (max == min) {
      return Optional.empty();
    }
    double n = (value - min) / (max - min) * 100.0;
    Direction direction = Catalogue.byId(indicatorId).map(Indicator::direction).orElse(Direction.HIGHER_IS_BETTER);
    return Optional.of(direction == Direction.LOWER_IS_BETTER ? 100.0 - n : n);
  }

  static Optional<Double> median(double[] sortedValues) {
    if (sortedValues == null || sortedValues.length == 0) {
      return Optional.empty();
    }
    int n = sortedValues.length;
    return Optional.of(n % 2 == 1 ? sortedValues[n / 2] : (sortedValues[n / 2 - 1] + sortedValues[n / 2]) / 2.0);
  }

  /** The median of the non-null values given. */
  static Optional<Double> medianOf(Collection<Double> values) {
    return median(values.stream().filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).sorted().toArray());
  }

  private static String key(String level, String indicatorId) {
    return level + "\u0000" + indicatorId;
  }
}
