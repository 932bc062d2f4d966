package cn.changai.indicators;

/** Whether a larger value of an indicator is better or worse. */
public enum Direction {
  HIGHER_IS_BETTER("higher"),
  LOWER_IS_BETTER("lower");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  /** The direction in one word, as the catalogue's "better" column says it. */
  public String label() {
    return label;
  }
}
