package cn.changai.indicators.score;

/**
 * The tier thresholds on the composite: 优秀 at or above {@code excellent}, 良好 at or above
 * {@code good}, 合格 at or above {@code pass}, else 待改进.
 */
public record Tiers(double excellent, double good, double pass) {

  public static final String EXCELLENT = "优秀";
  public static final String GOOD = "良好";
  public static final String PASS = "合格";
  public static final String IMPROVE = "待改进";

  /** The brief's thresholds: 85, 70, 55. */
  public static final Tiers DEFAULT = new Tiers(85, 70, 55);

  public Tiers {
    if (!(pass >= 0 && pass <= good && good <= excellent && excellent <= 100)) {
      throw new IllegalArgumentException("tier thresholds must satisfy 0 ≤ pass ≤ good ≤ excellent ≤ 100, got excellent "
          + excellent + ", good " + good + ", pass " + pass);
    }
  }

  /** The tier of a composite as ranked (rounded to 6 decimals); null for an unranked unit. */
  public String of(Double composite) {
    if (composite == null) {
      return null;
    }
    if (composite >= excellent) {
      return EXCELLENT;
    }
    if (composite >= good) {
      return GOOD;
    }
    return composite >= pass ? PASS : IMPROVE;
  }
}
