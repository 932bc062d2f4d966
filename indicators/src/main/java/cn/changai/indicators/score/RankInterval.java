package cn.changai.indicators.score;

/**
 * Where a unit's rank falls across the sensitivity draws: the median and the 5th and 95th
 * percentiles (nearest-rank method), and whether the interval spans more than 3 places.
 */
public record RankInterval(int median, int p05, int p95) {

  /** A rank whose 5th-95th percentile interval spans more than this many places is unstable. */
  public static final int UNSTABLE_SPAN = 3;

  public boolean unstable() {
    return p95 - p05 > UNSTABLE_SPAN;
  }
}
