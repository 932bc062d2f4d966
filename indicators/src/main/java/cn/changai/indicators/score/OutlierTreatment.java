package cn.changai.indicators.score;

import java.util.Locale;
import java.util.Optional;

/** What is done with outliers before normalisation: nothing, or winsorisation (docs/scoring.md). */
public enum OutlierTreatment {
  NONE("none"),
  WINSORISE("winsorise");

  private final String id;

  OutlierTreatment(String id) {
    this.id = id;
  }

  /** The name used on the command line, in a weights file and in the {@code method} column. */
  public String id() {
    return id;
  }

  /** The other choice: the one the variance-based sensitivity analysis also tries. */
  public OutlierTreatment other() {
    return this == NONE ? WINSORISE : NONE;
  }

  /** The treatment of a name ({@code none} or {@code winsorise}, also {@code winsorize}; any case). */
  public static Optional<OutlierTreatment> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    if (wanted.equals("winsorize")) {
      return Optional.of(WINSORISE);
    }
    for (OutlierTreatment t : values()) {
      if (t.id.equals(wanted)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
