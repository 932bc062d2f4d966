package cn.changai.indicators.score;

import java.util.Locale;

/**
 * Screening by data availability (COINr's {@code screen_units}): a unit is ranked only when it has
 * usable values for at least {@code minShare} of the indicators its level is scored on; otherwise
 * it is listed as unranked with the reason, instead of being ranked last on a few indicators.
 */
public record Screening(double minShare) {

  /** Two thirds of the indicators. */
  public static final Screening DEFAULT = new Screening(2.0 / 3.0);
  /** No screening: a unit with one usable value is ranked. */
  public static final Screening NONE = new Screening(0);

  public Screening {
    if (!(minShare >= 0 && minShare <= 1)) {
      throw new IllegalArgumentException("screening share must be 0 to 1, got " + minShare);
    }
  }

  /**
   * The usable values a unit needs out of {@code candidates} indicators: the share rounded up, at
   * least 1 (a tiny tolerance keeps 2/3 of 24 at 16, not 17, whatever the double rounding).
   */
  public int required(int candidates) {
    return Math.max(1, (int) Math.ceil(minShare * candidates - 1e-9));
  }

  /** The reason a unit with {@code usable} of {@code candidates} is not ranked, or null when it passes. */
  public String reason(int usable, int candidates) {
    int needed = required(candidates);
    if (candidates == 0 || usable >= needed) {
      return null;
    }
    return String.format(Locale.ROOT, "数据不足：%d 项评分指标中仅 %d 项有可用值（至少需 %d 项） too few usable values: %d of %d indicators (at least %d needed)",
        candidates, usable, needed, usable, candidates, needed);
  }

  /** The share as the run record and the method column write it, e.g. {@code 0.666667}. */
  public String id() {
    return String.format(Locale.ROOT, "%.6f", minShare).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
