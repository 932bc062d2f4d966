package cn.changai.jobs.report;

import static cn.changai.jobs.report.PeriodData.LEVEL_GROUP;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import cn.changai.jobs.report.PolicyTargets.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one scorecard page shows for a group or an enterprise, already suppressed: a
 * {@code low_base} indicator carries no value, numerator or denominator, only the flag.
 * {@code trend} holds every indicator's and score's change since the previous period and their
 * course over the periods of the same kind.
 */
public record ScorecardModel(
    String period,
    UnitLink unit,
    Profile profile,
    Standing standing,
    Standing industryStanding,
    List<PartScore> parts,
    List<IndicatorLine> indicators,
    List<Highlight> strengths,
    List<Highlight> weaknesses,
    SkillChart skills,
    List<MemberLine> members,
    List<FormerMember> formerMembers,
    Quality quality,
    List<String> missingTables,
    int minBase,
    UnitTrend trend,
    MemberHeatmap heatmap) {

  public ScorecardModel {
    parts = List.copyOf(parts);
    indicators = List.copyOf(indicators);
    strengths = List.copyOf(strengths);
    weaknesses = List.copyOf(weaknesses);
    members = List.copyOf(members);
    formerMembers = List.copyOf(formerMembers);
    missingTables = List.copyOf(missingTables);
  }

  /**
   * Who the unit is. {@code parent} links an enterprise to the enterprise above it;
   * {@code counterpart} links a group's page and its headquarters' own page to each other.
   */
  public record Profile(
      String enterpriseLevel, String industry, String district, UnitLink parent, UnitLink counterpart) {}

  /**
   * The unit's place in one ranking: composite and tier, rank among {@code rankedCount} units, the
   * 5th to 95th percentile interval and median of its rank under the sensitivity draws, whether that
   * is unstable, and the change against the previous period (positive = moved up).
   */
  public record Standing(
      String scope,
      Double composite,
      String tier,
      Integer rank,
      int rankedCount,
      Integer rankP05,
      Integer rankMedian,
      Integer rankP95,
      boolean unstable,
      Integer change,
      List<String> indicatorsUsed,
      String method,
      String unrankedReason) {

    /** A standing without a reason for being unranked. */
    public Standing(String scope, Double composite, String tier, Integer rank, int rankedCount, Integer rankP05,
        Integer rankMedian, Integer rankP95, boolean unstable, Integer change, List<String> indicatorsUsed, String method) {
      this(scope, composite, tier, rank, rankedCount, rankP05, rankMedian, rankP95, unstable, change, indicatorsUsed, method,
          null);
    }

    static Standing of(ScoreRow row, int ranked) {
      return new Standing(row.scope(), row.composite(), row.tier(), row.rank(), ranked, row.rankP05(),
          row.rankMedian(), row.rankP95(), row.rankUnstable(), row.rankChange(), row.indicatorsUsed(), row.method(),
          row.unrankedReason());
    }
  }

  /** A part's score (0..100) and the median of that part over the units ranked with this one. */
  public record PartScore(Part part, Double score, Double median) {}

  /**
   * One indicator of the unit. When {@code suppressed} (low base) value, numerator and denominator
   * are null whatever the table held. {@code missing} means the table has no row for it.
   */
  public record IndicatorLine(
      Indicator indicator,
      Double value,
      Double numerator,
      Double denominator,
      boolean suppressed,
      boolean missing,
      Double median,
      Target target,
      Integer membersReporting,
      Integer membersTotal,
      Double normalised) {

    /** True when a target is set and the value falls short of it. */
    public boolean belowTarget() {
      return target != null && value != null && value < target.value();
    }
  }

  /** A strength or weakness: an indicator, the unit's value and its normalised position (0..100). */
  public record Highlight(Indicator indicator, double value, double normalised) {}

  /** A member enterprise of a group, with its ranking and how its submission read. */
  public record MemberLine(
      UnitLink unit,
      String enterpriseLevel,
      String industry,
      boolean headquarters,
      Double composite,
      String tier,
      Integer rank,
      Integer workersAccepted,
      Integer workersRejected,
      long warnings) {}

  /**
   * An enterprise that was under a group in the previous period and is not counted in it in this
   * one: its group's change since then is partly a change of members. {@code previousPage} is its
   * scorecard of that period, from the group's page.
   */
  public record FormerMember(String enterpriseId, String name, String previousPage, Why why) {}

  /** Why a former member is not counted: no submission, a refused one, or now under another unit. */
  public enum Why { NOT_SUBMITTED, REFUSED, ELSEWHERE }

  /** Data quality of the unit's submission (a group: summed over its members). */
  public record Quality(
      int submissions, long workersRead, long workersAccepted, long workersRejected, long studiosAccepted,
      long studiosRejected, long warnings) {}

  /** Builds the scorecard of one unit of the period. */
  static ScorecardModel build(ReportContext ctx, UnitLink unit) {
    String level = unit.level();
    boolean group = unit.isGroup();
    Optional<EnterpriseRow> own = ctx.enterprise(unit.id());

    // An enterprise naming itself as its parent (a cycle of one, warned of in the tree) has none to link to.
    UnitLink parent = own.map(EnterpriseRow::parentId).filter(p -> !p.equals(unit.id()))
        .flatMap(p -> ctx.unit(PeriodData.LEVEL_ENTERPRISE, p)).orElse(null);
    UnitLink counterpart = ctx.unit(group ? PeriodData.LEVEL_ENTERPRISE : LEVEL_GROUP, unit.id()).orElse(null);
    Profile profile = new Profile(own.map(EnterpriseRow::level).orElse(group ? LEVEL_GROUP : null),
        own.map(EnterpriseRow::industry).orElse(null), own.map(EnterpriseRow::district).orElse(null),
        group ? null : parent, counterpart);

    String scopeName = group ? PeriodData.SCOPE_GROUPS : PeriodData.SCOPE_ENTERPRISES;
    Optional<ScoreRow> score = ctx.score(scopeName, level, unit.id());
    Standing standing = score.map(s -> Standing.of(s, ctx.rankedCount(scopeName))).orElse(null);
    Standing industryStanding = group ? null
        : ctx.industryScore(unit.id()).map(s -> Standing.of(s, ctx.rankedCount(s.scope()))).orElse(null);

    List<PartScore> parts = new ArrayList<>();
    for (Part part : Part.values()) {
      Double median = ctx.partMedian(scopeName, part).orElse(null);
      parts.add(new PartScore(part, score.map(s -> s.part(part)).orElse(null), median));
    }

    Map<String, IndicatorRow> rows = ctx.indicators(level, unit.id());
    List<IndicatorLine> lines = new ArrayList<>();
    List<Highlight> usable = new ArrayList<>();
    for (Indicator indicator : Catalogue.all()) {
      IndicatorRow row = rows.get(indicator.id());
      Double median = ctx.stats.median(level, indicator.id()).orElse(null);
      Target target = PolicyTargets.of(indicator.id()).orElse(null);
      if (row == null) {
        lines.add(new IndicatorLine(indicator, null, null, null, false, true, median, target, null, null, null));
        continue;
      }
      boolean suppressed = row.lowBase();
      Double normalised = LevelStats.isPublishable(row)
          ? ctx.stats.normalised(level, indicator.id(), row.value()).orElse(null) : null;
      lines.add(new IndicatorLine(indicator, suppressed ? null : row.value(), suppressed ? null : row.numerator(),
          suppressed ? null : row.denominator(), suppressed, false, median, target, row.membersReporting(),
          row.membersTotal(), normalised));
      if (normalised != null) {
        usable.add(new Highlight(indicator, row.value(), normalised));
      }
    }
    List<List<Highlight>> highlights = strengthsAndWeaknesses(usable);

    List<MemberLine> members = new ArrayList<>();
    List<FormerMember> formerMembers = List.of();
    Quality quality = null;
    MemberHeatmap heatmap = null;
    if (group) {
      List<EnterpriseRow> memberRows = ctx.members(unit.id());
      heatmap = MemberHeatmap.of(ctx, memberRows);
      for (EnterpriseRow m : memberRows) {
        Optional<ScoreRow> ms = ctx.score(PeriodData.SCOPE_ENTERPRISES, PeriodData.LEVEL_ENTERPRISE, m.enterpriseId());
        UnitLink link = ctx.unit(PeriodData.LEVEL_ENTERPRISE, m.enterpriseId())
            .orElse(UnitLink.of(PeriodData.LEVEL_ENTERPRISE, m.enterpriseId(), m.name()));
        members.add(new MemberLine(link, m.level(), m.industry(), m.enterpriseId().equals(unit.id()),
            ms.map(ScoreRow::composite).orElse(null), ms.map(ScoreRow::tier).orElse(null),
            ms.map(ScoreRow::rank).orElse(null), m.workersAccepted(), m.workersRejected(), ctx.warnings(m)));
      }
      quality = memberRows.isEmpty() ? null : quality(ctx, memberRows);
      formerMembers = formerMembers(ctx, unit.id(), memberRows);
    } else if (own.isPresent()) {
      quality = quality(ctx, List.of(own.get()));
    }

    return new ScorecardModel(ctx.data.period(), unit, profile, standing, industryStanding, parts, lines,
        highlights.get(0), highlights.get(1), ctx.skillChart(level, unit.id()), members,
        formerMembers, quality, missing(ctx.data), ctx.minBase,
        UnitTrend.of(ctx.window, level, unit.id(), rows, scopeName, score.orElse(null)), heatmap);
  }

  /**
   * The best and the worst normalised indicators: three each when the unit has six or more
   * usable ones, otherwise half each (the extra one a strength); never the same indicator twice.
   * A value that is the worst of its level (normalised 0) is never a strength, however few the
   * unit has. Ties keep catalogue order.
   */
  static List<List<Highlight>> strengthsAndWeaknesses(List<Highlight> usable) {
    List<Highlight> best = new ArrayList<>(usable);
    best.removeIf(h -> !(h.normalised() > 0));
    best.sort(Comparator.comparingDouble(Highlight::normalised).reversed());
    int strengths = Math.min(best.size(), Math.min(3, (usable.size() + 1) / 2));
    int weaknesses = Math.min(3, usable.size() - strengths);
    List<Highlight> top = List.copyOf(best.subList(0, strengths));
    List<Highlight> worst = new ArrayList<>(usable);
    worst.sort(Comparator.comparingDouble(Highlight::normalised));
    worst.removeAll(top);
    return List.of(top, List.copyOf(worst.subList(0, weaknesses)));
  }

  private static Quality quality(ReportContext ctx, List<EnterpriseRow> rows) {
    long read = 0;
    long accepted = 0;
    long rejected = 0;
    long studiosAccepted = 0;
    long studiosRejected = 0;
    long warnings = 0;
    for (EnterpriseRow e : rows) {
      read += orZero(e.workersRead());
      accepted += orZero(e.workersAccepted());
      rejected += orZero(e.workersRejected());
      studiosAccepted += orZero(e.studiosAccepted());
      studiosRejected += orZero(e.studiosRejected());
      warnings += ctx.warnings(e);
    }
    return new Quality(rows.size(), read, accepted, rejected, studiosAccepted, studiosRejected, warnings);
  }

  /** The enterprises under the group in the previous period that its members now are not (the workbook's sheet too). */
  static List<FormerMember> formerMembers(ReportContext ctx, String groupId) {
    return formerMembers(ctx, groupId, ctx.members(groupId));
  }

  private static List<FormerMember> formerMembers(ReportContext ctx, String groupId, List<EnterpriseRow> members) {
    java.util.Set<String> now = new java.util.HashSet<>();
    members.forEach(m -> now.add(m.enterpriseId()));
    java.util.Set<String> refused = new java.util.HashSet<>();
    ctx.data.rejectedSubmissions().forEach(r -> refused.add(r.enterpriseId()));
    List<FormerMember> former = new ArrayList<>();
    ctx.window.previousMembersOf(groupId).forEach((id, name) -> {
      if (!now.contains(id)) {
        Why why = ctx.enterprise(id).isPresent() ? Why.ELSEWHERE : refused.contains(id) ? Why.REFUSED : Why.NOT_SUBMITTED;
        former.add(new FormerMember(id, name == null ? id : name, "../../" + ctx.window.previous() + "/"
            + UnitLink.of(PeriodData.LEVEL_ENTERPRISE, id, name).path(), why));
      }
    });
    return former;
  }

  static List<String> missing(PeriodData data) {
    if (data.everyRefused()) {
      // Nothing was accepted, so nothing could be computed: the pages say that once instead.
      return List.of();
    }
    return PeriodData.TABLES.stream().filter(data::isMissing).toList();
  }

  private static long orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
