package cn.changai.indicators.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ranks one period's units in every scope (groups among groups, enterprises among all
 * enterprises, enterprises within their industry), adds each rank's sensitivity interval, and its
 * change since the previous period's ranks under the same weights and method.
 */
public final class PeriodScorer {

  public static final String GROUPS = "groups";
  public static final String ENTERPRISES = "enterprises";
  public static final String INDUSTRY_PREFIX = "industry:";

  private final Scorer scorer;
  private final Sensitivity sensitivity;

  public PeriodScorer(Weights weights, Normalisation normalisation, int draws, long seed) {
    this.scorer = new Scorer(weights, normalisation);
    this.sensitivity = new Sensitivity(weights, normalisation, draws, seed);
  }

  /** The scope name of an industry's ranking. */
  public static String industryScope(String industry) {
    return INDUSTRY_PREFIX + industry;
  }

  /**
   * Every scope of the period, groups first, then all enterprises, then each industry by code.
   * {@code previous} (null when there is none) gives the rank changes.
   */
  public List<ScopeScores> score(PeriodUnits current, PeriodUnits previous) {
    Map<String, Integer> before = new HashMap<>();
    if (previous != null) {
      rescore(previous).forEach((key, s) -> before.put(key, s.rank()));
    }
    List<ScopeScores> out = new ArrayList<>();
    for (Map.Entry<String, List<UnitValues>> scope : scopes(current).entrySet()) {
      ScopeScores scores = scorer.score(scope.getKey(), scope.getValue());
      Map<String, RankInterval> intervals = sensitivity.intervals(scope.getKey(), scope.getValue());
      List<UnitScore> units = new ArrayList<>();
      for (UnitScore s : scores.units()) {
        Integer was = before.get(key(s.scope(), s.unitLevel(), s.unitId()));
        Integer change = s.ranked() && was != null ? was - s.rank() : null;
        units.add(s.withInterval(s.ranked() ? intervals.get(s.unitId()) : null).withRankChange(change));
      }
      out.add(new ScopeScores(scores.scope(), scores.indicatorsUsed(), scores.indicatorsLeftOut(), List.copyOf(units)));
    }
    return out;
  }

  /**
   * The previous period's ranked units scored again under this scorer's weights and method (no
   * sensitivity draws), by {@link #key}: what rank and composite changes compare with.
   */
  public Map<String, UnitScore> rescore(PeriodUnits previous) {
    Map<String, UnitScore> out = new HashMap<>();
    for (Map.Entry<String, List<UnitValues>> scope : scopes(previous).entrySet()) {
      for (UnitScore s : scorer.score(scope.getKey(), scope.getValue()).units()) {
        if (s.ranked()) {
          out.put(key(s.scope(), s.unitLevel(), s.unitId()), s);
        }
      }
    }
    return out;
  }

  /** The normalised values behind every scope's scores, in the order {@link #score} gives the scopes. */
  public List<ScopeInputs> inputs(PeriodUnits current) {
    List<ScopeInputs> out = new ArrayList<>();
    for (Map.Entry<String, List<UnitValues>> scope : scopes(current).entrySet()) {
      out.add(scorer.inputs(scope.getKey(), scope.getValue()));
    }
    return out;
  }

  /** The units of each scope, in output order; a scope without units is not formed. */
  static Map<String, List<UnitValues>> scopes(PeriodUnits units) {
    Map<String, List<UnitValues>> scopes = new java.util.LinkedHashMap<>();
    if (!units.groups().isEmpty()) {
      scopes.put(GROUPS, units.groups());
    }
    if (!units.enterprises().isEmpty()) {
      scopes.put(ENTERPRISES, units.enterprises());
    }
    Map<String, List<UnitValues>> industries = new TreeMap<>();
    for (UnitValues e : units.enterprises()) {
      String industry = units.industryOf().get(e.unitId());
      if (industry != null && !industry.isBlank()) {
        industries.computeIfAbsent(industryScope(industry), k -> new ArrayList<>()).add(e);
      }
    }
    scopes.putAll(industries);
    return scopes;
  }

  /** A unit's key in one scope: scope, level and id. */
  public static String key(String scope, String unitLevel, String unitId) {
    return scope + '\u0000' + unitLevel + '\u0000' + unitId;
  }
}
