package cn.changai.indicators;

/** Whether a larger value of an indicator is better or worse. */
public enum Direction {
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER
}
