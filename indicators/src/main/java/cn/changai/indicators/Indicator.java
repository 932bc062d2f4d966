package cn.changai.indicators;

import java.util.Objects;

/**
 * One entry of the indicator catalogue: what the policy measures, how (numerator over denominator
 * times scale, from the per-enterprise measures of its formula) and which way is better. The
 * numerator and denominator in the catalogue's notation are derived from the formula, never
 * written beside it.
 */
public record Indicator(
    String id,
    String clause,
    Part part,
    String nameZh,
    String nameEn,
    String definition,
    double scale,
    Direction direction,
    Kind kind,
    Formula formula) {

  public Indicator {
    Objects.requireNonNull(id);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(formula);
    if (!(scale > 0)) {
      throw new IllegalArgumentException(id + ": scale must be positive");
    }
    boolean fits =
        switch (kind) {
          case UNIT_SHARE -> formula instanceof Formula.UnitShare;
          case FIGURE_RATIO -> formula instanceof Formula.Ratio r
              && r.numerator() instanceof Measure.Figure && r.denominator() instanceof Measure.Figure;
          case HEADCOUNT_RATIO -> formula instanceof Formula.PooledMeanRatio
              || formula instanceof Formula.Ratio r && r.denominator() instanceof Measure.WorkerCount;
        };
    if (!fits) {
      throw new IllegalArgumentException(id + ": a " + kind + " indicator cannot have the formula " + formula);
    }
  }

  /** The numerator in the catalogue's notation ({@code |W ∧ party_member|}), from the formula. */
  public String numerator() {
    return formula.numeratorNotation();
  }

  /** The denominator in the catalogue's notation ({@code |W|}), from the formula. */
  public String denominator() {
    return formula.denominatorNotation();
  }
}
