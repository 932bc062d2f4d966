package cn.changai.indicators.score;

/**
 * Where a unit's rank falls across the sensitivity draws: the median and the 5th and 95th
 * percentiles (nearest-rank method), with the number of units ranked in the scope, which sets how
 * wide an interval may be before the rank is called unstable.
 */
public record RankInterval(int median, int p05, int p95, int rankedInScope) {

  /** The floor of the unstable rule: an interval of 3 places or fewer is never unstable. */
  public static final int UNSTABLE_SPAN = 3;
  /** The share of the scope's ranked units an interval may span before it is unstable: 5%. */
  public static final int UNSTABLE_PERCENT = 5;

  /**
   * True when the 5th-95th percentile interval spans more than max(3 places, 5% of the units
   * ranked in the scope) (catalogue brief, changed 2026-12-05). Compared exactly in integers:
   * span &gt; n/20 is 20 × span &gt; n.
   */
  public boolean unstable() {
    return isUnstable(p95 - p05, rankedInScope);
  }

  /** The rule on its own: a span of places in a scope of {@code ranked} units. */
  public static boolean isUnstable(int span, int ranked) {
    return span > UNSTABLE_SPAN && 100L * span > (long) UNSTABLE_PERCENT * ranked;
  }
}
