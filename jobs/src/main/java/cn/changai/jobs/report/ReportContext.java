package cn.changai.jobs.report;

import static cn.changai.jobs.report.PeriodData.LEVEL_ENTERPRISE;
import static cn.changai.jobs.report.PeriodData.LEVEL_GROUP;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Formula;
import cn.changai.indicators.Indicator;
import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import cn.changai.jobs.report.PeriodData.IssueRow;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import cn.changai.jobs.report.PeriodData.SkillRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One period's rows indexed for building pages: units and their pages, indicator rows per unit,
 * scores per scope, skill rows per unit, the enterprise tree, and the level statistics. Filled in the
 * constructor and read-only after it (but for two memo maps, which are concurrent), so the pages of
 * a period can be rendered on several threads.
 */
final class ReportContext {

  final PeriodData data;
  final int minBase;
  final LevelStats stats;
  /** The earlier periods of the same kind the pages compare with. */
  final History.Window window;

  private final Map<String, UnitLink> groups = new TreeMap<>();
  private final Map<String, UnitLink> enterprises = new TreeMap<>();
  private final Map<String, EnterpriseRow> enterpriseRows = new LinkedHashMap<>();
  private final Map<String, Map<String, IndicatorRow>> indicators = new HashMap<>();
  private final Map<String, List<ScoreRow>> scoresByScope = new LinkedHashMap<>();
  private final Map<String, ScoreRow> scoreIndex = new HashMap<>();
  private final Map<String, ScoreRow> industryScores = new HashMap<>();
  private final Map<String, List<SkillRow>> skills = new HashMap<>();
  private final Map<String, List<String>> children = new HashMap<>();
  /** The system level's rows: each indicator's first, and the skill counts in table order. */
  private final Map<String, IndicatorRow> systemRows = new HashMap<>();
  private final List<SkillRow> systemSkills;
  /** Per enterprise, the plausibility checks' warnings, which {@code enterprises.warnings} leaves out. */
  private final Map<String, Long> plausibilityWarnings = new HashMap<>();

  ReportContext(PeriodData data, int minBase) {
    this(data, minBase, History.empty().window(data.period()));
  }

  ReportContext(PeriodData data, int minBase, History.Window window) {
    this.data = data;
    this.window = window;
    this.minBase = minBase;
    this.stats = LevelStats.of(data.indicators());
    Map<String, String> names = new HashMap<>();
    for (EnterpriseRow e : data.enterprises()) {
      enterpriseRows.put(e.enterpriseId(), e);
      names.put(e.enterpriseId(), e.name());
      if (e.parentId() != null) {
        children.computeIfAbsent(e.parentId(), k -> new ArrayList<>()).add(e.enterpriseId());
      }
    }
    for (IndicatorRow row : data.indicators()) {
      indicators.computeIfAbsent(key(row.unitLevel(), row.unitId()), k -> new HashMap<>()).put(row.indicatorId(), row);
      names.putIfAbsent(row.unitId(), row.unitName());
      if (PeriodData.LEVEL_SYSTEM.equals(row.unitLevel())) {
        systemRows.putIfAbsent(row.indicatorId(), row);
      }
    }
    for (ScoreRow row : data.scores()) {
      scoresByScope.computeIfAbsent(row.scope(), k -> new ArrayList<>()).add(row);
      scoreIndex.putIfAbsent(row.scope() + "\u0000" + key(row.unitLevel(), row.unitId()), row);
      if (row.scope() != null && row.scope().startsWith(PeriodData.SCOPE_INDUSTRY_PREFIX)
          && LEVEL_ENTERPRISE.equals(row.unitLevel())) {
        industryScores.putIfAbsent(row.unitId(), row);
      }
      names.putIfAbsent(row.unitId(), row.unitName());
    }
    List<SkillRow> system = new ArrayList<>();
    for (SkillRow row : data.skills()) {
      skills.computeIfAbsent(key(row.unitLevel(), row.unitId()), k -> new ArrayList<>()).add(row);
      if (PeriodData.LEVEL_SYSTEM.equals(row.unitLevel())) {
        system.add(row);
      }
    }
    systemSkills = List.copyOf(system);
    for (IssueRow w : data.warnings()) {
      if (w.enterpriseId() != null && isPlausibility(w.reasonCode())) {
        plausibilityWarnings.merge(w.enterpriseId(), w.weight(), Long::sum);
      }
    }
    for (EnterpriseRow e : data.enterprises()) {
      addUnit(LEVEL_ENTERPRISE, e.enterpriseId(), names);
      if (LEVEL_GROUP.equals(e.level())) {
        addUnit(LEVEL_GROUP, e.enterpriseId(), names);
      }
    }
    for (IndicatorRow row : data.indicators()) {
      addUnit(row.unitLevel(), row.unitId(), names);
    }
    for (ScoreRow row : data.scores()) {
      addUnit(row.unitLevel(), row.unitId(), names);
    }
  }

  /**
   * An enterprise's warnings as its rows on the pages list them: ingest's ({@code
   * enterprises.warnings}) and the plausibility checks' against the previous period.
   */
  long warnings(EnterpriseRow e) {
    return (e.warnings() == null ? 0 : e.warnings()) + plausibilityWarnings.getOrDefault(e.enterpriseId(), 0L);
  }

  private static boolean isPlausibility(String code) {
    return cn.changai.jobs.ingest.PlausibilityJob.CODES.stream().anyMatch(c -> c.name().equals(code));
  }

  private void addUnit(String level, String id, Map<String, String> names) {
    if (id == null) {
      return;
    }
    if (LEVEL_GROUP.equals(level)) {
      groups.computeIfAbsent(id, k -> UnitLink.of(level, id, names.get(id)));
    } else if (LEVEL_ENTERPRISE.equals(level)) {
      enterprises.computeIfAbsent(id, k -> UnitLink.of(level, id, names.get(id)));
    }
  }

  /** Every group with a page, by id. */
  List<UnitLink> groups() {
    return List.copyOf(groups.values());
  }

  /** Every enterprise with a page, by id. */
  List<UnitLink> enterprises() {
    return List.copyOf(enterprises.values());
  }

  Optional<UnitLink> unit(String level, String id) {
    return Optional.ofNullable(LEVEL_GROUP.equals(level) ? groups.get(id) : enterprises.get(id));
  }

  Optional<EnterpriseRow> enterprise(String id) {
    return Optional.ofNullable(enterpriseRows.get(id));
  }

  /** The industry code of a unit: its own enterprise row's (a group's is its headquarters'). */
  Optional<String> industryOf(String id) {
    return enterprise(id).map(EnterpriseRow::industry);
  }

  /** The unit's indicator rows by indicator id. */
  Map<String, IndicatorRow> indicators(String level, String id) {
    return indicators.getOrDefault(key(level, id), Map.of());
  }

  List<SkillRow> skills(String level, String id) {
    return skills.getOrDefault(key(level, id), List.of());
  }

  /** The indicators whose denominator is the unit's count of industrial workers, |W|, from the catalogue. */
  private static final List<String> OVER_INDUSTRIAL_WORKERS = Catalogue.all().stream()
      .filter(i -> i.formula() instanceof Formula.Ratio r && r.denominator().equals(Catalogue.INDUSTRIAL))
      .map(Indicator::id).toList();

  /**
   * A unit's skill-level distribution as pages and workbook show it: suppressed below the report's
   * minimum base, and whenever compute flagged the unit's count of industrial workers {@code
   * low_base} (the row of any indicator over it, A02, B04 and B05 among them), so that the
   * distribution follows the base the indicator values were computed with even when the report
   * is run with another.
   */
  SkillChart skillChart(String level, String id) {
    List<SkillRow> rows = PeriodData.LEVEL_SYSTEM.equals(level) ? systemSkills : skills(level, id);
    Map<String, IndicatorRow> own = PeriodData.LEVEL_SYSTEM.equals(level) ? systemRows : indicators(level, id);
    boolean lowBase = OVER_INDUSTRIAL_WORKERS.stream().map(own::get).anyMatch(r -> r != null && r.lowBase());
    return SkillChart.of(rows, minBase, lowBase);
  }

  List<ScoreRow> scope(String scope) {
    return scoresByScope.getOrDefault(scope, List.of());
  }

  /**
   * Each scope's part medians, worked out once: every scorecard of the scope shows them. Concurrent
   * because scorecards are rendered on several threads at once.
   */
  private final Map<String, Optional<Double>> partMedians = new ConcurrentHashMap<>();

  /** The median of a part's scores over the units of a scope. */
  Optional<Double> partMedian(String scope, cn.changai.indicators.Part part) {
    return partMedians.computeIfAbsent(scope + "\u0000" + part,
        k -> LevelStats.medianOf(scope(scope).stream().map(s -> s.part(part)).toList()));
  }

  /** How many units of a scope have a rank, counted once (concurrent, as {@link #partMedians}). */
  private final Map<String, Integer> rankedCounts = new ConcurrentHashMap<>();

  int rankedCount(String scope) {
    return rankedCounts.computeIfAbsent(scope, k -> (int) scope(k).stream().filter(s -> s.rank() != null).count());
  }

  Optional<ScoreRow> score(String scope, String level, String id) {
    return Optional.ofNullable(scoreIndex.get(scope + "\u0000" + key(level, id)));
  }

  /** The industry scope an enterprise is ranked in, if the scores hold one. */
  Optional<ScoreRow> industryScore(String id) {
    return Optional.ofNullable(industryScores.get(id));
  }

  /**
   * The enterprises of a group: the group's own row first, then every descendant through
   * parent_id, breadth first, by name within a level of the tree. Cycles are cut.
   */
  List<EnterpriseRow> members(String groupId) {
    List<EnterpriseRow> members = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(groupId);
    seen.add(groupId);
    while (!queue.isEmpty()) {
      String id = queue.poll();
      enterprise(id).ifPresent(members::add);
      List<EnterpriseRow> kids = new ArrayList<>();
      for (String child : children.getOrDefault(id, List.of())) {
        if (seen.add(child)) {
          enterprise(child).ifPresent(kids::add);
        }
      }
      kids.sort(Comparator.comparing(EnterpriseRow::name, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(EnterpriseRow::enterpriseId));
      kids.forEach(k -> queue.add(k.enterpriseId()));
    }
    return members;
  }

  /** The system row of an indicator (unit_level system), if published. */
  Optional<IndicatorRow> system(String indicatorId) {
    return Optional.ofNullable(systemRows.get(indicatorId));
  }

  List<SkillRow> systemSkills() {
    return systemSkills;
  }

  private static String key(String level, String id) {
    return level + "\u0000" + id;
  }
}
