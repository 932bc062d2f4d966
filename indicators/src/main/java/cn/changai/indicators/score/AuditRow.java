package cn.changai.indicators.score;

/**
 * One figure of the methodology audit, as the {@code audit} table stores it (docs/tables.md):
 * the unit level, the scope (sensitivity and treatment rows only), the section, the indicator,
 * the other thing it concerns (a second indicator, a part, an input, a treatment), a unit (for
 * values outlier treatment changed), the statistic's name and its value.
 */
public record AuditRow(
    String unitLevel, String scope, String section, String indicatorId, String other, String unitId, String statistic,
    Double value) {

  /** Per indicator: coverage and distribution of its values and the outlier rule. */
  public static final String INDICATOR = "indicator";
  /** Per pair of indicators (first before second in catalogue order): Pearson's r of the normalised values. */
  public static final String CORRELATION = "correlation";
  /** Per indicator: Pearson's r with its own part's score. */
  public static final String PART_CORRELATION = "part_correlation";
  /** Per part: Cronbach's alpha of its normalised indicators. */
  public static final String ALPHA = "alpha";
  /** Per scope and input: first-order and total-order sensitivity indices of the ranks. */
  public static final String SENSITIVITY = "sensitivity";
  /** Per indicator and unit: a value outlier treatment changed (from, to). */
  public static final String TREATED = "treated";
  /** Per scope: how many ranks the other outlier treatment would move. */
  public static final String TREATMENT_EFFECT = "treatment_effect";
}
