package cn.changai.jobs.report;

import cn.changai.indicators.Indicator;

/** Number formats of the pages; a missing number is an em dash. */
final class Fmt {

  static final String DASH = "—";

  private Fmt() {}

  /** A score or composite: two decimals. */
  static String score(Double value) {
    return value == null || !Double.isFinite(value) ? DASH : Decimals.fixed(value, SCORE_DECIMALS);
  }

  /** A count with thousands separators. */
  static String count(Number value) {
    return value == null ? DASH : Decimals.grouped(value.longValue());
  }

  /** A numerator or denominator: whole numbers as counts, others with two decimals. */
  static String amount(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return DASH;
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Decimals.grouped(value.longValue());
    }
    return Decimals.grouped(value, 2);
  }

  /** The decimals a score is shown with. */
  static final int SCORE_DECIMALS = 2;

  /** The decimals an indicator's values are shown with: one for percentages, two for others. */
  static int decimals(Indicator indicator) {
    return Labels.unit(indicator) == Labels.PERCENT ? 1 : 2;
  }

  /** An indicator value in its unit: percentages with one decimal and a % sign, others two decimals. */
  static String value(Indicator indicator, Double value) {
    if (value == null || !Double.isFinite(value)) {
      return DASH;
    }
    Labels.Unit unit = Labels.unit(indicator);
    return Decimals.fixed(value, decimals(indicator)) + (unit == Labels.PERCENT ? "%" : unit.symbol());
  }

  /** A distance between two values, unsigned: percentages in percentage points, others in their unit. */
  static String distance(Indicator indicator, double distance) {
    Labels.Unit unit = Labels.unit(indicator);
    return Decimals.fixed(Math.abs(distance), decimals(indicator)) + (unit == Labels.PERCENT ? " 个百分点" : unit.symbol());
  }

  /** A policy target: a whole number without decimals (100%), otherwise as a value. */
  static String target(Indicator indicator, double value) {
    if (value == Math.rint(value) && Labels.unit(indicator) == Labels.PERCENT) {
      return Decimals.fixed(value, 0) + "%";
    }
    return value(indicator, value);
  }

  /** A normalised position, 0..100, rounded to a whole number. */
  static String whole(double value) {
    return Decimals.fixed(value, 0);
  }

  /** A share of 0..1 as a percentage with one decimal. */
  static String share(double share) {
    return Decimals.fixed(share * 100.0, 1) + "%";
  }

  /** A rank or rank percentile, or a dash. */
  static String rank(Integer value) {
    return value == null ? DASH : value.toString();
  }

  /** The 5th to 95th percentile interval of a rank, e.g. "2–5", or a dash. */
  static String interval(Integer p05, Integer p95) {
    if (p05 == null || p95 == null) {
      return DASH;
    }
    return rank(p05) + "–" + rank(p95);
  }

  /** A rank change: ↑ for moved up, ↓ for moved down, = for the same place, a dash when not ranked before. */
  static String change(Integer change) {
    if (change == null) {
      return DASH;
    }
    if (change > 0) {
      return "↑" + change;
    }
    if (change < 0) {
      return "↓" + (-change);
    }
    return "=";
  }
}
