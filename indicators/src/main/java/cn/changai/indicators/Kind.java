package cn.changai.indicators;

/** How an indicator's numerator and denominator are formed, which decides its roll-up and base. */
public enum Kind {
  /** A ratio over a headcount of workers (|W|, |F|, new hires, known wages): flagged low_base below the minimum. */
  HEADCOUNT_RATIO("headcount ratio"),
  /** A ratio of two enterprise figures: no headcount, never low_base. */
  FIGURE_RATIO("figure ratio"),
  /** The share of units in scope meeting a condition: 0 or 100 for one enterprise. */
  UNIT_SHARE("unit share");

  private final String label;

  Kind(String label) {
    this.label = label;
  }

  /** The kind in words, as the catalogue and the docs name it. */
  public String label() {
    return label;
  }
}
