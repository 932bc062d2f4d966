package cn.changai.jobs.report;

import cn.changai.indicators.Direction;
import cn.changai.indicators.Indicator;

/**
 * A value against the same unit's value in the previous period of the same kind: the previous
 * value (null when suppressed or absent), the difference, and whether it is for the better given
 * the direction. A suppressed value on either side shows no difference.
 */
public record Change(State state, Double previous, Double delta, Verdict verdict) {

  /** Why there is, or is not, a difference to show. */
  public enum State {
    /** No earlier period of the same kind holds data: this is the first. */
    FIRST,
    /** The previous period has no value for this unit (it did not report, or was not ranked). */
    ABSENT,
    /** The previous value was {@code low_base}: shown as suppressed, no difference. */
    PREVIOUS_SUPPRESSED,
    /** Both values exist but this period's is suppressed or null: no difference. */
    NO_CURRENT,
    /** Both values can be shown: {@code delta} is set. */
    COMPARED
  }

  /** Whether the change is for the better. */
  public enum Verdict {
    BETTER("better", "向好", "better"),
    WORSE("worse", "变差", "worse"),
    SAME("same", "持平", "unchanged"),
    NONE("muted", "", "");

    private final String cssClass;
    private final String chinese;
    private final String english;

    Verdict(String cssClass, String chinese, String english) {
      this.cssClass = cssClass;
      this.chinese = chinese;
      this.english = english;
    }

    public String cssClass() {
      return cssClass;
    }

    public String chinese() {
      return chinese;
    }

    public String english() {
      return english;
    }
  }

  /** Differences smaller than this are rounding noise: the value is unchanged. */
  private static final double NOISE = 1e-9;

  /**
   * An indicator's change; {@code previousPeriod} null means there is no earlier period at all.
   * The difference is that of the values as the reports show them ({@link Fmt#decimals}), so that
   * the reader's own subtraction of the two numbers on the page agrees with it.
   */
  static Change of(History.Point now, History.Point before, String previousPeriod, Indicator indicator) {
    int decimals = Fmt.decimals(indicator);
    return of(shown(now, decimals), shown(before, decimals), previousPeriod, indicator.direction());
  }

  private static History.Point shown(History.Point point, int decimals) {
    return point == null || point.value() == null ? point : new History.Point(shown(point.value(), decimals), point.suppressed());
  }

  private static Change of(History.Point now, History.Point before, String previousPeriod, Direction direction) {
    if (previousPeriod == null) {
      return new Change(State.FIRST, null, null, Verdict.NONE);
    }
    if (before == null || before.value() == null && !before.suppressed()) {
      return new Change(State.ABSENT, null, null, Verdict.NONE);
    }
    if (before.suppressed()) {
      return new Change(State.PREVIOUS_SUPPRESSED, null, null, Verdict.NONE);
    }
    if (!before.usable()) {
      return new Change(State.ABSENT, null, null, Verdict.NONE);
    }
    if (now == null || !now.usable()) {
      return new Change(State.NO_CURRENT, before.value(), null, Verdict.NONE);
    }
    // Through decimals: the difference of two shown scores (54.40 − 49.43) is 4.97, not 4.9699….
    double delta = java.math.BigDecimal.valueOf(now.value()).subtract(java.math.BigDecimal.valueOf(before.value())).doubleValue();
    if (Math.abs(delta) < NOISE) {
      return new Change(State.COMPARED, before.value(), 0.0, Verdict.SAME);
    }
    boolean up = delta > 0;
    boolean better = direction == Direction.LOWER_IS_BETTER ? !up : up;
    return new Change(State.COMPARED, before.value(), delta, better ? Verdict.BETTER : Verdict.WORSE);
  }

  /**
   * A score's change (composite or part, 0..100): higher is better; a null score is absent. The
   * difference is that of the scores as every report shows them (2 decimals), as {@code
   * ranking.csv} gives it: a reader who subtracts the two numbers on the page gets the same.
   */
  static Change ofScore(Double now, Double before, String previousPeriod) {
    Double shownNow = shown(now, Fmt.SCORE_DECIMALS);
    Double shownBefore = shown(before, Fmt.SCORE_DECIMALS);
    return of(shownNow == null ? null : new History.Point(shownNow, false),
        shownBefore == null ? null : new History.Point(shownBefore, false), previousPeriod, Direction.HIGHER_IS_BETTER);
  }

  /** A value as the reports show it: rounded half up to so many decimals. */
  private static Double shown(Double value, int decimals) {
    return value == null || !Double.isFinite(value) ? value : Double.valueOf(Decimals.fixed(value, decimals));
  }

  /** The arrow of the difference's sign: ↑, ↓ or → (unchanged); empty without a difference. */
  public String arrow() {
    if (delta == null) {
      return "";
    }
    return delta > 0 ? "↑" : delta < 0 ? "↓" : "→";
  }
}
