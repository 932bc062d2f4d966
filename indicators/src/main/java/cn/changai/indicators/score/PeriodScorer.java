package cn.changai.indicators.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ranks one period's units in every scope (groups among groups, enterprises among all
 * enterprises, enterprises within their industry), adds each rank's sensitivity interval, and its
 * change since the previous period's ranks under the same weights and method. Each level (all
 * groups, all enterprises) is normalised and scored once; every scope ranks on those composites,
 * so a unit has one score wherever it is ranked.
 */
public final class PeriodScorer {

  public static final String GROUPS = "groups";
  public static final String ENTERPRISES = "enterprises";
  public static final String INDUSTRY_PREFIX = "industry:";

  private final Scorer scorer;
  private final Scorer otherTreatment;
  private final OutlierTreatment treatment;
  private final Sensitivity sensitivity;
  private final VarianceSensitivity variance;

  public PeriodScorer(Weights weights, Normalisation normalisation, int draws, long seed) {
    this(weights, normalisation, Screening.DEFAULT, OutlierTreatment.NONE, draws, seed);
  }

  public PeriodScorer(Weights weights, Normalisation normalisation, Screening screening, OutlierTreatment treatment,
      int draws, long seed) {
    this.scorer = new Scorer(weights, normalisation, screening, treatment);
    this.otherTreatment = new Scorer(weights, normalisation, screening, treatment.other());
    this.treatment = treatment;
    this.sensitivity = new Sensitivity(weights, normalisation, draws, seed);
    // Matrices A and B take the intervals' weightings 1..N and N+1..2N.
    this.variance = new VarianceSensitivity(weights, draws / 2, seed);
  }

  /** The scope name of an industry's ranking. */
  public static String industryScope(String industry) {
    return INDUSTRY_PREFIX + industry;
  }

  /**
   * A period's rankings, the two levels they rank on (groups first, then enterprises; empty ones
   * left out), the methodology audit of both, the normalised values behind the scopes (as
   * {@link #inputs} gives them) and the previous period's ranked units scored again (as
   * {@link #rescore} gives them; empty when there is no previous period).
   */
  public record Scored(List<ScopeScores> scopes, List<LevelScores> levels, List<AuditRow> audit,
      List<ScopeInputs> inputs, Map<String, UnitScore> previous) {}

  /**
   * Every scope of the period, groups first, then all enterprises, then each industry by code.
   * {@code previous} (null when there is none) gives the rank changes.
   */
  public List<ScopeScores> score(PeriodUnits current, PeriodUnits previous) {
    return scoreWithLevels(current, previous).scopes();
  }

  /**
   * {@link #score}, with the scored levels (for the audit), the inputs and the previous period
   * rescored: each level of either period is scored once for all of them.
   */
  public Scored scoreWithLevels(PeriodUnits current, PeriodUnits previous) {
    Map<String, UnitScore> rescored = previous == null ? Map.of() : rescore(previous);
    Map<String, Integer> before = new HashMap<>();
    rescored.forEach((key, s) -> before.put(key, s.rank()));
    List<ScopeScores> out = new ArrayList<>();
    List<LevelScores> levels = new ArrayList<>();
    List<AuditRow> audit = new ArrayList<>();
    Map<LevelScores, Map<String, int[]>> currentLevels = levels(current);
    for (Map.Entry<LevelScores, Map<String, int[]>> level : currentLevels.entrySet()) {
      levels.add(level.getKey());
      LevelScores other = otherTreatment.level(level.getKey().level(), level.getKey().units());
      audit.addAll(Audit.of(level.getKey(), level.getValue(), other, treatment,
          variance.indices(level.getKey(), level.getValue()), scorer));
      Map<String, Map<String, RankInterval>> intervals = sensitivity.intervals(level.getKey(), level.getValue());
      level.getValue().forEach((scope, members) -> {
        ScopeScores scores = scorer.rank(scope, level.getKey(), members);
        Map<String, RankInterval> scopeIntervals = intervals.getOrDefault(scope, Map.of());
        List<UnitScore> units = new ArrayList<>();
        for (UnitScore s : scores.units()) {
          Integer was = before.get(key(s.scope(), s.unitLevel(), s.unitId()));
          Integer change = s.ranked() && was != null ? was - s.rank() : null;
          units.add(s.withInterval(s.ranked() ? scopeIntervals.get(s.unitId()) : null).withRankChange(change));
        }
        out.add(new ScopeScores(scores.scope(), scores.indicatorsUsed(), scores.indicatorsLeftOut(), List.copyOf(units)));
      });
    }
    return new Scored(List.copyOf(out), List.copyOf(levels), List.copyOf(audit), inputs(currentLevels), rescored);
  }

  /**
   * The previous period's ranked units scored again under this scorer's weights, method and
   * treatment (no sensitivity draws), by {@link #key}: what rank and composite changes compare with.
   */
  public Map<String, UnitScore> rescore(PeriodUnits previous) {
    Map<String, UnitScore> out = new HashMap<>();
    for (Map.Entry<LevelScores, Map<String, int[]>> level : levels(previous).entrySet()) {
      level.getValue().forEach((scope, members) -> {
        for (UnitScore s : scorer.rank(scope, level.getKey(), members).units()) {
          if (s.ranked()) {
            out.put(key(s.scope(), s.unitLevel(), s.unitId()), s);
          }
        }
      });
    }
    return out;
  }

  /**
   * The normalised values behind every scope's scores, in the order {@link #score} gives the
   * scopes: each scope's members with their level's normalised values (one normalisation per
   * level, so a unit has the same values in every scope).
   */
  public List<ScopeInputs> inputs(PeriodUnits current) {
    return inputs(levels(current));
  }

  private List<ScopeInputs> inputs(Map<LevelScores, Map<String, int[]>> levels) {
    List<ScopeInputs> out = new ArrayList<>();
    for (Map.Entry<LevelScores, Map<String, int[]>> level : levels.entrySet()) {
      level.getValue().forEach((scope, members) -> out.add(scorer.inputs(scope, level.getKey(), members)));
    }
    return out;
  }

  /**
   * Each level scored once, with its scopes in output order (scope name to the positions of its
   * units in the level): groups, then all enterprises and each industry by code. A level or scope
   * without units is not formed.
   */
  Map<LevelScores, Map<String, int[]>> levels(PeriodUnits units) {
    Map<LevelScores, Map<String, int[]>> levels = new LinkedHashMap<>();
    if (!units.groups().isEmpty()) {
      LevelScores groups = scorer.level(GROUPS, units.groups());
      levels.put(groups, Map.of(GROUPS, Scorer.all(groups.units().size())));
    }
    if (!units.enterprises().isEmpty()) {
      LevelScores enterprises = scorer.level(ENTERPRISES, units.enterprises());
      Map<String, int[]> scopes = new LinkedHashMap<>();
      scopes.put(ENTERPRISES, Scorer.all(enterprises.units().size()));
      Map<String, List<Integer>> industries = new TreeMap<>();
      List<UnitValues> sorted = enterprises.units();
      for (int u = 0; u < sorted.size(); u++) {
        String industry = units.industryOf().get(sorted.get(u).unitId());
        if (industry != null && !industry.isBlank()) {
          industries.computeIfAbsent(industryScope(industry), k -> new ArrayList<>()).add(u);
        }
      }
      industries.forEach((scope, members) -> scopes.put(scope, members.stream().mapToInt(Integer::intValue).toArray()));
      levels.put(enterprises, scopes);
    }
    return levels;
  }

  /**
   * The key ({@link #key}) of every unit in every scope of a period, ranked or not: which units a
   * scope held then, so that a unit ranked now and unranked then is not taken for a new one.
   */
  public static java.util.Set<String> keys(PeriodUnits units) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (UnitValues u : units.groups()) {
      out.add(key(GROUPS, u.unitLevel(), u.unitId()));
    }
    for (UnitValues u : units.enterprises()) {
      out.add(key(ENTERPRISES, u.unitLevel(), u.unitId()));
      String industry = units.industryOf().get(u.unitId());
      if (industry != null && !industry.isBlank()) {
        out.add(key(industryScope(industry), u.unitLevel(), u.unitId()));
      }
    }
    return out;
  }

  /** A unit's key in one scope: scope, level and id. */
  public static String key(String scope, String unitLevel, String unitId) {
    return scope + '\u0000' + unitLevel + '\u0000' + unitId;
  }
}
