package cn.changai.jobs.report;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
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
    List<String> missingTables,
    String catalogueVersion,
    String runId,
    int minBase) {

  /** The system indicators shown as headline figures, in this order. */
  static final List<String> HEADLINE_INDICATORS = List.of("A02", "B05", "C02", "B04", "B03", "D04");

  public IndexModel {
    headlines = List.copyOf(headlines);
    industries = List.copyOf(industries);
    unranked = List.copyOf(unranked);
    missingTables = List.copyOf(missingTables);
  }

  /** A system figure; when suppressed (low base) it carries no numbers. */
  public record Headline(Indicator indicator, Double value, Double numerator, Double denominator, boolean suppressed,
      Target target) {}

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
      Double rankP05,
      Double rankMedian,
      Double rankP95,
      boolean unstable,
      Integer change) {}

  static IndexModel build(ReportContext ctx) {
    List<Headline> headlines = new ArrayList<>();
    for (String id : HEADLINE_INDICATORS) {
      Indicator indicator = Catalogue.byId(id).orElseThrow();
      Target target = PolicyTargets.of(id).orElse(null);
      ctx.system(id).ifPresentOrElse(
          row -> headlines.add(row.lowBase()
              ? new Headline(indicator, null, null, null, true, target)
              : new Headline(indicator, row.value(), row.numerator(), row.denominator(), false, target)),
          () -> headlines.add(new Headline(indicator, null, null, null, false, target)));
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

    long rejected = ctx.data.rejectedSubmissions().stream()
        .map(r -> r.enterpriseId() + "\u0000" + r.path()).distinct().count();
    IndicatorRow any = ctx.data.indicators().isEmpty() ? null : ctx.data.indicators().get(0);
    return new IndexModel(ctx.data.period(), headlines, SkillChart.of(ctx.systemSkills(), ctx.minBase), groups,
        enterprises, List.copyOf(industries), unranked, ctx.data.enterprises().size(), (int) rejected,
        ScorecardModel.missing(ctx.data), any == null ? null : any.catalogueVersion(), any == null ? null : any.runId(),
        ctx.minBase);
  }

  /** The rows of a scope: ranked units by rank (ties by name), then the unranked by name. */
  private static Ranking ranking(ReportContext ctx, String scope) {
    List<RankRow> rows = new ArrayList<>();
    for (ScoreRow s : ctx.scope(scope)) {
      UnitLink unit = ctx.unit(s.unitLevel(), s.unitId()).orElse(UnitLink.of(s.unitLevel(), s.unitId(), s.unitName()));
      rows.add(new RankRow(unit, ctx.industryOf(s.unitId()).orElse(null), s.rank(), s.composite(), s.tier(), s.partA(),
          s.partB(), s.partC(), s.partD(), s.rankP05(), s.rankMedian(), s.rankP95(), s.rankUnstable(), s.rankChange()));
    }
    rows.sort(Comparator.comparing(RankRow::rank, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(r -> Objects.toString(r.unit().name(), "")));
    return new Ranking(scope, rows, !ctx.data.isMissing(PeriodData.SCORES));
  }
}
