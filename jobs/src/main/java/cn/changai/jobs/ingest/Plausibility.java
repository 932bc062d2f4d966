package cn.changai.jobs.ingest;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plausibility checks: an accepted submission against the same enterprise's accepted
 * submission of the previous period of the same kind. Reporting errors that pass every row rule
 * (a roster sent twice, wages in yuan one year and in ten-thousands the next, a figure typed with
 * an extra zero, a subsidiary folded into its parent) show as jumps; each jump beyond a threshold
 * is a warning. Nothing here drops or alters data.
 */
public final class Plausibility {

  /** The thresholds, from {@code plausibility.json}; {@code version} goes into the run record. */
  public record Thresholds(String version, double headcountChangePercent, long headcountMinBase,
      double ratioChangePoints, double figureRatioMinBase, double growthFactor, double toZeroFrom) {

    /** The defaults shipped in the jar's {@code plausibility.json}. */
    public static Thresholds defaults() {
      try (InputStream in = Plausibility.class.getResourceAsStream("/plausibility.json")) {
        if (in == null) {
          throw new IllegalStateException("plausibility.json is missing from the class path");
        }
        return parse(new ObjectMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static Thresholds parse(JsonNode json) {
      return new Thresholds(json.path("version").asText("unversioned"),
          json.path("headcount_change_percent").asDouble(30), json.path("headcount_min_base").asLong(10),
          json.path("ratio_change_points").asDouble(20), json.path("figure_ratio_min_base").asDouble(10),
          json.path("growth_factor").asDouble(5),
          json.path("to_zero_from").asDouble(10));
    }
  }

  /** An indicator value of a submission, its low-base flag and its denominator. */
  public record Ratio(Double value, boolean lowBase, Double denominator) {

    public Ratio(Double value, boolean lowBase) {
      this(value, lowBase, null);
    }
  }

  /**
   * What the checks compare of one accepted submission: its industrial workers (|W|), the mean
   * known wage of them (null without known wages), its percentage indicators, and its figures (null
   * when not reported).
   */
  public record Snapshot(Double industrialWorkers, Double meanWage, Map<String, Ratio> ratios,
      Map<String, Double> figures) {}

  private final Thresholds thresholds;

  public Plausibility(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** The indicator whose denominator is the industrial workers |W|: its denominator is the headcount. */
  public static final String HEADCOUNT_INDICATOR = Catalogue.all().stream()
      .filter(i -> i.denominator().equals("|W|")).findFirst().map(Indicator::id).orElseThrow();

  /** The indicator whose denominator is the mean known wage of W (B06). */
  public static final String WAGE_INDICATOR = Catalogue.all().stream()
      .filter(i -> i.formula() instanceof cn.changai.indicators.Formula.PooledMeanRatio).findFirst()
      .map(Indicator::id).orElseThrow();

  /**
   * True for the indicators the ratio check compares: percentages of a unit's own people or
   * figures (scale 100, not "per 100", not a unit share, which is 0 or 100 for one enterprise).
   */
  public static boolean isPercentage(Indicator indicator) {
    return indicator.scale() == 100 && indicator.kind() != Kind.UNIT_SHARE
        && !indicator.definition().contains("per 100");
  }

  /**
   * The warnings of a submission of {@code period} against the enterprise's submission of
   * {@code previousPeriod}, in a fixed order: headcount, mean wage, percentages in catalogue
   * order, then figures in the order given.
   */
  public List<Issue> check(String period, Snapshot now, String previousPeriod, Snapshot before) {
    List<Issue> issues = new ArrayList<>();
    Double w0 = before.industrialWorkers();
    Double w1 = now.industrialWorkers();
    if (w0 != null && w1 != null && w0 > 0 && Math.max(w0, w1) >= thresholds.headcountMinBase()) {
      double percent = (w1 - w0) / w0 * 100;
      if (Math.abs(percent) > thresholds.headcountChangePercent()) {
        issues.add(new Issue("workers.csv", null, "industrial_worker", ReasonCode.HEADCOUNT_JUMP,
            String.format(Locale.ROOT, "industrial workers %s in %s, %s in %s: %+.1f%%, beyond ±%s%%", whole(w0),
                previousPeriod, whole(w1), period, percent, plain(thresholds.headcountChangePercent())), null));
      }
    }
    Double m0 = before.meanWage();
    Double m1 = now.meanWage();
    if (m0 != null && m1 != null && m0 > 0 && m1 > 0) {
      double factor = m1 / m0;
      if (factor > thresholds.growthFactor() || factor < 1 / thresholds.growthFactor()) {
        issues.add(new Issue("workers.csv", null, "annual_wage_yuan", ReasonCode.FIGURE_JUMP,
            String.format(Locale.ROOT, "mean known wage of industrial workers %s in %s, %s in %s: %s, beyond ×%s"
                    + " either way", number(m0), previousPeriod, number(m1), period, times(factor),
                plain(thresholds.growthFactor())), null));
      }
    }
    for (Indicator indicator : Catalogue.all()) {
      if (!isPercentage(indicator)) {
        continue;
      }
      Ratio r0 = before.ratios().get(indicator.id());
      Ratio r1 = now.ratios().get(indicator.id());
      if (r0 == null || r1 == null || r0.lowBase() || r1.lowBase() || r0.value() == null || r1.value() == null) {
        continue;
      }
      // A ratio of two small figures (1 of 3 achievements converted, then 2 of 3) moves by tens of
      // points in the normal course: figure ratios are compared only on bases of some size.
      if (indicator.kind() == Kind.FIGURE_RATIO
          && (smallBase(r0.denominator()) || smallBase(r1.denominator()))) {
        continue;
      }
      double points = r1.value() - r0.value();
      if (Math.abs(points) > thresholds.ratioChangePoints()) {
        issues.add(new Issue(indicator.kind() == Kind.FIGURE_RATIO ? "enterprise.json" : "workers.csv", null,
            indicator.id(), ReasonCode.RATIO_JUMP,
            String.format(Locale.ROOT, "%s %s %.1f%% in %s, %.1f%% in %s: %+.1f points, beyond ±%s", indicator.id(),
                indicator.nameEn(), r0.value(), previousPeriod, r1.value(), period, points,
                plain(thresholds.ratioChangePoints())), null));
      }
    }
    for (Map.Entry<String, Double> figure : now.figures().entrySet()) {
      Double f0 = before.figures().get(figure.getKey());
      Double f1 = figure.getValue();
      if (f0 == null || f1 == null) {
        continue;
      }
      if (f0 > 0 && f1 > f0 * thresholds.growthFactor()) {
        issues.add(new Issue("enterprise.json", null, figure.getKey(), ReasonCode.FIGURE_JUMP,
            String.format(Locale.ROOT, "%s %s in %s, %s in %s: %s, beyond ×%s", figure.getKey(), plain(f0),
                previousPeriod, plain(f1), period, times(f1 / f0), plain(thresholds.growthFactor())), null));
      } else if (f1 == 0 && f0 >= thresholds.toZeroFrom()) {
        issues.add(new Issue("enterprise.json", null, figure.getKey(), ReasonCode.FIGURE_TO_ZERO,
            String.format(Locale.ROOT, "%s %s in %s, 0 in %s: fell to 0 from at least %s", figure.getKey(), plain(f0),
                previousPeriod, period, plain(thresholds.toZeroFrom())), null));
      }
    }
    return issues;
  }

  private boolean smallBase(Double denominator) {
    return denominator == null || denominator < thresholds.figureRatioMinBase();
  }

  /** A wage: whole yuan with separators, or two decimals when it has a fraction. */
  private static String number(double value) {
    return value == Math.rint(value) ? whole(value) : String.format(Locale.ROOT, "%,.2f", value);
  }

  private static String whole(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** A factor to two significant digits: ×6.7, ×0.0001. */
  private static String times(double factor) {
    return "×" + java.math.BigDecimal.valueOf(factor).round(new java.math.MathContext(2)).stripTrailingZeros()
        .toPlainString();
  }

  /** A threshold or figure as written: 30, 2.5, 1234.5678. */
  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
