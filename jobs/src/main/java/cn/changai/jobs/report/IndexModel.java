package cn.changai.jobs.report;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import cn.changai.jobs.report.PeriodData.RejectedSubmissionRow;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import cn.changai.jobs.report.PolicyTargets.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the period's index page shows: the system's headline figures, the rankings of groups and
 * of enterprises (each row linking to a scorecard), the industries to filter by, and the units
 * that have a scorecard but no ranking row.
 */
public record IndexModel(
    String period,
    List<Headline> headlines,
    SkillChart systemSkills,
    Ranking groups,
    Ranking enterprises,
    List<String> industries,
    List<UnitLink> unranked,
    int submissionsAccepted,
    int submissionsRejected,
    int absentSincePrevious,
    List<String> missingTables,
    boolean everyRefused,
    String catalogueVersion,
    String runId,
    int minBase,
    String previousPeriod,
    List<String> trendPeriods) {

  /** The system indicators shown as headline figures, in this order. */
  static final List<String> HEADLINE_INDICATORS = List.of("A02", "B05", "C02", "B04", "B03", "D04");

  public IndexModel {
    headlines = List.copyOf(headlines);
    industries = List.copyOf(industries);
    unranked = List.copyOf(unranked);
    missingTables = List.copyOf(missingTables);
    trendPeriods = List.copyOf(trendPeriods);
  }

  /**
   * A system figure; when suppressed (low base) it carries no numbers. {@code change} compares it
   * with the previous period, {@code series} is its course over {@code trendPeriods}.
   */
  public record Headline(Indicator indicator, Double value, Double numerator, Double denominator, boolean suppressed,
      Target target, Change change, List<History.Point> series) {}

  /** One ranking (groups or enterprises); {@code present} is false when the period has no scores. */
  public record Ranking(String scope, List<RankRow> rows, boolean present) {
    public Ranking {
      rows = List.copyOf(rows);
    }
  }

  /** A ranking row; {@code change} is positive when the unit moved up since the previous period. */
  public record RankRow(
      UnitLink unit,
      String industry,
      Integer rank,
      Double composite,
      String tier,
      Double partA,
      Double partB,
      Double partC,
      Double partD,
      Integer rankP05,
      Integer rankMedian,
      Integer rankP95,
      boolean unstable,
      Integer change,
      Change compositeChange,
      String unrankedReason) {}

  static IndexModel build(ReportContext ctx) {
    List<Headline> headlines = new ArrayList<>();
    for (String id : HEADLINE_INDICATORS) {
      Indicator indicator = Catalogue.byId(id).orElseThrow();
      Target target = PolicyTargets.of(id).orElse(null);
      History.Point now = ctx.system(id).map(r -> new History.Point(r.value(), r.lowBase())).orElse(null);
      String previous = ctx.window.previous();
      Change change = Change.of(now, previous == null ? null
          : ctx.window.indicator(previous, PeriodData.LEVEL_SYSTEM, null, id), previous,
          indicator);
      List<History.Point> series = new ArrayList<>();
      List<String> periods = ctx.window.periods();
      for (String p : periods.subList(0, periods.size() - 1)) {
        series.add(ctx.window.indicator(p, PeriodData.LEVEL_SYSTEM, null, id));
      }
      series.add(now);
      List<History.Point> course = java.util.Collections.unmodifiableList(series);
      ctx.system(id).ifPresentOrElse(
          row -> headlines.add(row.lowBase()
              ? new Headline(indicator, null, null, null, true, target, change, course)
              : new Headline(indicator, row.value(), row.numerator(), row.denominator(), false, target, change, course)),
          () -> headlines.add(new Headline(indicator, null, null, null, false, target, change, course)));
    }
    Ranking groups = ranking(ctx, PeriodData.SCOPE_GROUPS);
    Ranking enterprises = ranking(ctx, PeriodData.SCOPE_ENTERPRISES);

    TreeSet<String> industries = new TreeSet<>();
    for (Ranking ranking : List.of(groups, enterprises)) {
      ranking.rows().stream().map(RankRow::industry).filter(Objects::nonNull).forEach(industries::add);
    }

    List<UnitLink> unranked = new ArrayList<>();
    java.util.Set<String> rankedGroups = new java.util.HashSet<>();
    groups.rows().forEach(r -> rankedGroups.add(r.unit().id()));
    java.util.Set<String> rankedEnterprises = new java.util.HashSet<>();
    enterprises.rows().forEach(r -> rankedEnterprises.add(r.unit().id()));
    ctx.groups().stream().filter(u -> !rankedGroups.contains(u.id())).forEach(unranked::add);
    ctx.enterprises().stream().filter(u -> !rankedEnterprises.contains(u.id())).forEach(unranked::add);

    long rejected = ctx.data.rejectedSubmissions().stream().map(RejectedSubmissionRow::submission).distinct().count();
    IndicatorRow any = ctx.data.indicators().isEmpty() ? null : ctx.data.indicators().get(0);
    return new IndexModel(ctx.data.period(), headlines, ctx.skillChart(PeriodData.LEVEL_SYSTEM, null), groups,
        enterprises, List.copyOf(industries), unranked, ctx.data.enterprises().size(), (int) rejected,
        QualityModel.absent(ctx).size(), ScorecardModel.missing(ctx.data), ctx.data.everyRefused(), any == null ? null : any.catalogueVersion(),
        any == null ? null : any.runId(),
        ctx.minBase, ctx.window.previous(), ctx.window.periods());
  }

  /** The rows of a scope: ranked units by rank (ties by name), then the unranked by name. */
  private static Ranking ranking(ReportContext ctx, String scope) {
    List<RankRow> rows = new ArrayList<>();
    String previous = ctx.window.previous();
    for (ScoreRow s : ctx.scope(scope)) {
      History.ScorePoint before = previous == null ? null : ctx.window.score(previous, scope, s.unitLevel(), s.unitId());
      Change compositeChange = Change.ofScore(s.composite(), before == null ? null : before.composite(), previous);
      UnitLink unit = ctx.unit(s.unitLevel(), s.unitId()).orElse(UnitLink.of(s.unitLevel(), s.unitId(), s.unitName()));
      rows.add(new RankRow(unit, ctx.industryOf(s.unitId()).orElse(null), s.rank(), s.composite(), s.tier(), s.partA(),
          s.partB(), s.partC(), s.partD(), s.rankP05(), s.rankMedian(), s.rankP95(), s.rankUnstable(), s.rankChange(),
          compositeChange, s.unrankedReason()));
    }
    rows.sort(Comparator.comparing(RankRow::rank, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(r -> Objects.toString(r.unit().name(), "")).thenComparing(r -> r.unit().id()));
    return new Ranking(scope, rows, !ctx.data.isMissing(PeriodData.SCORES));
  }
}
