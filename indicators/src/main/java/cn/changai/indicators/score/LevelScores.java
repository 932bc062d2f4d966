package cn.changai.indicators.score;

import cn.changai.indicators.Indicator;
import java.util.List;
import java.util.Map;

/**
 * One unit level of a period (all groups, or all enterprises) scored once: the units screened for
 * data availability, their usable values (after any outlier treatment) normalised across the
 * level's ranked units, and each unit's part scores and composite. Every scope of the level ranks
 * on these composites, so a unit has one score wherever it is ranked (docs/scoring.md).
 *
 * <p>Units are in {@link Scorer#ordered} order; arrays are indexed by that position.
 */
public final class LevelScores {

  private final String level;
  private final List<UnitValues> units;
  private final List<Indicator> screenedOn;
  private final String[] unranked;
  private final double[][] raw;
  private final double[][] treated;
  private final Map<String, List<Winsorisation.Change>> changes;
  private final Normaliser.Normalised normalised;
  private final double[][] parts;
  private final double[] composites;
  private final List<String> used;
  private final Map<String, String> leftOut;

  LevelScores(String level, List<UnitValues> units, List<Indicator> screenedOn, String[] unranked, double[][] raw,
      double[][] treated, Map<String, List<Winsorisation.Change>> changes, Normaliser.Normalised normalised,
      double[][] parts, double[] composites, List<String> used, Map<String, String> leftOut) {
    this.level = level;
    this.units = units;
    this.screenedOn = screenedOn;
    this.unranked = unranked;
    this.raw = raw;
    this.treated = treated;
    this.changes = changes;
    this.normalised = normalised;
    this.parts = parts;
    this.composites = composites;
    this.used = used;
    this.leftOut = leftOut;
  }

  /** The name of the level's all-units scope: {@code groups} or {@code enterprises}. */
  public String level() {
    return level;
  }

  /** The units, in the order every array here follows. */
  public List<UnitValues> units() {
    return units;
  }

  /** The indicators screening counted a unit's usable values over. */
  public List<Indicator> screenedOn() {
    return screenedOn;
  }

  /** Why the unit at that position is not ranked (screened out, or nothing usable), or null when it is. */
  public String unrankedReason(int unit) {
    return unranked[unit];
  }

  /**
   * The usable raw values of the ranked units before outlier treatment: one column per catalogue
   * indicator, NaN where a unit has none or is screened out.
   */
  public double[][] raw() {
    return raw;
  }

  /** The same after outlier treatment (the very same columns when there is none). */
  public double[][] treated() {
    return treated;
  }

  /** The values outlier treatment changed, by indicator id (only indicators with changes). */
  public Map<String, List<Winsorisation.Change>> changes() {
    return changes;
  }

  /** The normalised values of the ranked units, as scored. */
  public Normaliser.Normalised normalised() {
    return normalised;
  }

  /** The unit's part score (ordinal of the part), NaN when none. */
  public double part(int unit, int part) {
    return parts[unit][part];
  }

  /** The unit's composite, unrounded; NaN when it is not ranked. */
  public double composite(int unit) {
    return composites[unit];
  }

  double[][] parts() {
    return parts;
  }

  double[] composites() {
    return composites;
  }

  /** The indicators that enter the scores (used and of positive weight), catalogue order. */
  public List<String> indicatorsUsed() {
    return used;
  }

  /** Every other catalogue indicator with the reason it is left out. */
  public Map<String, String> indicatorsLeftOut() {
    return leftOut;
  }
}
