package cn.changai.indicators.score;

import java.util.Locale;
import java.util.Optional;

/** How one indicator's values are put on the 0..100 scale across the units ranked together. */
public enum Normalisation {
  /** 100 × (value − min) / (max − min); the worst value scores 0 and the best 100. */
  MINMAX("minmax"),
  /** A T-score, 50 + 10 × z with the population standard deviation, clamped to 0..100. */
  ZSCORE("zscore");

  private final String id;

  Normalisation(String id) {
    this.id = id;
  }

  /** The name used on the command line and in the {@code method} column. */
  public String id() {
    return id;
  }

  /** The other method: the one the sensitivity analysis scores with once more. */
  public Normalisation other() {
    return this == MINMAX ? ZSCORE : MINMAX;
  }

  /** The method of a command-line name ({@code minmax} or {@code zscore}, any case). */
  public static Optional<Normalisation> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (Normalisation n : values()) {
      if (n.id.equals(wanted)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
