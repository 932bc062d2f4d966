package cn.changai.indicators.score;

import java.util.List;

/**
 * What one scope's composites are computed from, before any weight: the indicators normalisation
 * keeps in the scope (those of weight 0 too, in catalogue order) and each unit's normalised
 * values, in the order {@link Scorer} takes the units. With the weights, part scores, composites,
 * ranks and tiers follow from these alone, as {@link Scorer#score} computes them; a page can
 * recompute them under other weights.
 */
public record ScopeInputs(String scope, List<String> indicators, List<Unit> units) {

  public ScopeInputs {
    indicators = List.copyOf(indicators);
    units = List.copyOf(units);
  }

  /** One unit's normalised values, one per indicator of the scope, null where it has none. */
  public record Unit(String unitLevel, String unitId, List<Double> values) {
    public Unit {
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }
}
