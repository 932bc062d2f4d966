package cn.changai.indicators;

import static cn.changai.indicators.Direction.HIGHER_IS_BETTER;
import static cn.changai.indicators.Kind.FIGURE_RATIO;
import static cn.changai.indicators.Kind.HEADCOUNT_RATIO;
import static cn.changai.indicators.Kind.UNIT_SHARE;

import static cn.changai.indicators.Measure.figure;
import static cn.changai.indicators.Measure.studios;
import static cn.changai.indicators.Measure.workerSum;
import static cn.changai.indicators.Measure.workers;

import cn.changai.domain.SkillLevel;
import cn.changai.domain.StudioType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The indicator catalogue ({@link #VERSION}; version 1 is the shared brief's indicators.md): one entry per indicator.
 * Reports, docs, scoring, the compute job and the {@code indicators} command all read these
 * entries. An entry states its per-enterprise numerator and denominator as measures (counts and
 * sums under a {@link Condition} over workers and studios, or figures of enterprises); its
 * notation ({@code |W ∧ party_member|}) is derived from them. The compute job aggregates every
 * measure of a table in one fused Spark {@code groupBy(period, enterprise_id).agg(...)}, so adding
 * an indicator touches this file (its entry and {@link #VERSION}), one expected value in a test and
 * a line of the default weights (docs/indicators.md, "How to add an indicator").
 */
public final class Catalogue {

  /** The catalogue's version: a new one whenever an indicator is added or its meaning changes. */
  public static final String VERSION = "1";

  // The notation of indicators.md as conditions over the columns of workers; the period window
  // (period_start, period_end; the end is the reference date) is the row's period.

  /** W: the industrial workers. */
  public static final Condition W = Condition.named("W", Condition.isTrue("industrial_worker"));
  /** F: the front-line industrial workers. */
  public static final Condition F = Condition.named("F", Condition.all(W, Condition.isTrue("frontline")));
  /** High-skill: senior worker (高级工) and above. */
  public static final Condition HIGH_SKILL =
      Condition.named("skill_level ≥ senior", Condition.oneOf("skill_level", SkillLevel.highSkillCodes()));
  /** Industrial workers hired within 3 years: after the reference date minus 3 years, not after it. */
  public static final Condition NEW_HIRE =
      Condition.all(W, Condition.named("hired within 3 years", Condition.withinMonthsOfEnd("hire_date", 36)));
  /** Industrial workers with a known wage. */
  public static final Condition KNOWN_WAGE = Condition.all(W, Condition.isSet("annual_wage_yuan"));

  /** |W|, the denominator of most indicators. */
  public static final Measure.WorkerCount INDUSTRIAL = workers("industrial_workers", W);
  /** |F|. */
  public static final Measure.WorkerCount FRONTLINE = workers("frontline_workers", F);

  private static final List<Indicator> ALL =
      List.of(
          new Indicator("A01", "一", Part.A, "思想政治教育覆盖", "ideology reach",
              "Person-times reached by ideology and culture education per industrial worker.",
              1, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(figure("ideology_participants"), INDUSTRIAL)),
          new Indicator("A02", "二", Part.A, "产业工人党员比例", "party-member ratio among industrial workers",
              "Share of industrial workers who are party members.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("party_members", Condition.all(W, Condition.isTrue("party_member"))), INDUSTRIAL)),
          new Indicator("A03", "二", Part.A, "新发展党员", "new members from industrial workers",
              "Industrial workers who joined the party within the period, per 100 industrial workers.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("new_party_members", Condition.all(W, Condition.inPeriod("party_joined"))), INDUSTRIAL)),
          new Indicator("A04", "二", Part.A, "一线职工群团挂兼职比例", "front-line mass-organisation posts",
              "Share of front-line industrial workers holding a post in a grassroots mass organisation.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("frontline_mass_org_posts", Condition.all(F, Condition.isTrue("mass_org_post"))), FRONTLINE)),
          new Indicator("A05", "二", Part.A, "一线职工代表列席", "front-line attendance at party meetings",
              "Attendances of front-line representatives at party committee meetings per 100 front-line workers.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(figure("frontline_party_meeting_attendances"), FRONTLINE)),
          new Indicator("B01", "三", Part.B, "校企合作覆盖", "school-enterprise cooperation coverage",
              "Share of units with at least one school partnership.",
              100, HIGHER_IS_BETTER, UNIT_SHARE,
              share(atLeast(figure("school_partnerships"), 1))),
          new Indicator("B02", "三", Part.B, "订单式培养", "order-class trainees",
              "Order-class (订单式) trainees per 100 industrial workers.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(figure("order_class_trainees"), INDUSTRIAL)),
          new Indicator("B03", "四", Part.B, "人均培训学时", "training hours per industrial worker",
              "Training hours in the period per industrial worker.",
              1, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workerSum("training_hours", "training_hours", W), INDUSTRIAL)),
          new Indicator("B04", "四", Part.B, "技能等级认定覆盖率", "skill certification ratio",
              "Share of industrial workers holding any skill level.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("certified_workers", Condition.all(W, Condition.noneOf("skill_level", List.of(SkillLevel.NONE.code())))), INDUSTRIAL)),
          new Indicator("B05", "五", Part.B, "高技能人才占比", "high-skill ratio",
              "Share of industrial workers at senior worker (高级工) level or above.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("high_skill_workers", Condition.all(W, HIGH_SKILL)), INDUSTRIAL)),
          new Indicator("B06", "五", Part.B, "高技能人才收入比", "skill wage premium",
              "Mean wage of high-skill industrial workers against the mean wage of all, known wages only.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              new Formula.PooledMeanRatio(
                  workerSum("high_skill_wage_sum", "annual_wage_yuan", Condition.all(KNOWN_WAGE, HIGH_SKILL)),
                  workers("high_skill_known_wages", Condition.all(KNOWN_WAGE, HIGH_SKILL)),
                  workerSum("wage_sum", "annual_wage_yuan", KNOWN_WAGE),
                  workers("known_wages", KNOWN_WAGE))),
          new Indicator("C01", "六", Part.C, "技能竞赛参与率", "competition participation",
              "Participants in skill competitions per 100 industrial workers.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(figure("competition_participants"), INDUSTRIAL)),
          new Indicator("C02", "七", Part.C, "劳模创新工作室覆盖率", "model-worker studio coverage",
              "Share of units with at least one model-worker innovation studio (target 全覆盖, 100%).",
              100, HIGHER_IS_BETTER, UNIT_SHARE,
              share(atLeast(studios("model_worker_studios", Condition.oneOf("type", List.of(StudioType.MODEL_WORKER.code()))), 1))),
          new Indicator("C03", "七", Part.C, "工作室参与率", "studio membership",
              "Share of industrial workers who belong to an innovation studio.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("studio_members", Condition.all(W, Condition.isSet("studio_id"))), INDUSTRIAL)),
          new Indicator("C04", "七", Part.C, "创新成果转化率", "achievement conversion",
              "Share of innovation achievements converted into production.",
              100, HIGHER_IS_BETTER, FIGURE_RATIO,
              ratio(figure("achievements_converted"), figure("innovation_achievements"))),
          new Indicator("C05", "七", Part.C, "合理化建议采纳率", "proposals adopted",
              "Share of rationalisation proposals adopted.",
              100, HIGHER_IS_BETTER, FIGURE_RATIO,
              ratio(figure("proposals_adopted"), figure("rationalization_proposals"))),
          new Indicator("C06", "八", Part.C, "劳模工匠", "honoured workers",
              "Industrial workers holding a model-worker or craftsman honour, per 1,000.",
              1000, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("honoured_workers", Condition.all(W, Condition.notEmpty("honours"))), INDUSTRIAL)),
          new Indicator("C07", "九", Part.C, "新员工师带徒覆盖率", "mentor coverage of new hires",
              "Share of industrial workers hired within 3 years who have a mentor.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("mentored_new_hires", Condition.all(NEW_HIRE, Condition.isSet("mentor_id"))), workers("new_hires", NEW_HIRE))),
          new Indicator("D01", "十", Part.D, "纳入党建考核", "reform in the party assessment",
              "Share of units whose party-building assessment includes the reform.",
              100, HIGHER_IS_BETTER, UNIT_SHARE,
              share(new Formula.IsTrue(figure("reform_in_party_assessment")))),
          new Indicator("D02", "十一", Part.D, "多级职代会覆盖", "workers' congress coverage",
              "Workers' congress levels established against those required.",
              100, HIGHER_IS_BETTER, FIGURE_RATIO,
              ratio(figure("congress_levels_established"), figure("congress_levels_required"))),
          new Indicator("D03", "十一", Part.D, "职工董事监事制度", "employee director and supervisor in place",
              "Share of units with at least one employee director and one employee supervisor.",
              100, HIGHER_IS_BETTER, UNIT_SHARE,
              share(new Formula.Both(List.of(atLeast(figure("employee_directors"), 1),
                  atLeast(figure("employee_supervisors"), 1))))),
          new Indicator("D04", "十二", Part.D, "职工体检覆盖率", "health-check coverage",
              "Share of industrial workers with the annual health check.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("health_checked", Condition.all(W, Condition.isTrue("health_check"))), INDUSTRIAL)),
          new Indicator("D05", "十二", Part.D, "疗休养覆盖率", "recuperation coverage",
              "Share of industrial workers who took recuperation leave.",
              100, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(workers("recuperated", Condition.all(W, Condition.isTrue("recuperation"))), INDUSTRIAL)),
          new Indicator("D06", "十二", Part.D, "产改专职人员", "dedicated reform staff",
              "Staff dedicated to the reform per 1,000 industrial workers.",
              1000, HIGHER_IS_BETTER, HEADCOUNT_RATIO,
              ratio(figure("dedicated_reform_staff"), INDUSTRIAL)));

  private static final Map<String, Measure> MEASURES = measuresByName(ALL);

  private Catalogue() {}

  private static Formula.Ratio ratio(Measure numerator, Measure denominator) {
    return new Formula.Ratio(numerator, denominator);
  }

  private static Formula.UnitShare share(Formula.UnitCondition condition) {
    return new Formula.UnitShare(condition);
  }

  private static Formula.AtLeast atLeast(Measure measure, long min) {
    return new Formula.AtLeast(measure, min);
  }

  /** One measure per name; the same name twice must mean the same measure. */
  private static Map<String, Measure> measuresByName(List<Indicator> indicators) {
    Map<String, Measure> byName = new LinkedHashMap<>();
    List<Measure> all = new ArrayList<>();
    indicators.forEach(i -> all.addAll(i.formula().measures()));
    all.addAll(SkillDistribution.measures());
    for (Measure m : all) {
      Measure known = byName.putIfAbsent(m.name(), m);
      if (known != null && !known.equals(m)) {
        throw new IllegalStateException("two measures named " + m.name() + ": " + known + " and " + m);
      }
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Indicator i : indicators) {
      if (!ids.add(i.id())) {
        throw new IllegalStateException("indicator " + i.id() + " is listed twice");
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /**
   * Every distinct measure of the catalogue and of the skill distribution, in first-use order:
   * the columns of the per-enterprise component table.
   */
  public static List<Measure> measures() {
    return List.copyOf(MEASURES.values());
  }

  /** Every indicator, in catalogue order (part by part, A01 first). */
  public static List<Indicator> all() {
    return ALL;
  }

  /**
   * The ids of the catalogue, part by part as first..last ({@code A01..A05, B01..B06, ...}), for
   * messages and docs that name them.
   */
  public static String idRanges() {
    Map<Part, List<String>> byPart = new java.util.EnumMap<>(Part.class);
    ALL.forEach(i -> byPart.computeIfAbsent(i.part(), p -> new ArrayList<>()).add(i.id()));
    List<String> ranges = new ArrayList<>();
    for (List<String> ids : byPart.values()) {
      ranges.add(ids.size() == 1 ? ids.get(0) : ids.get(0) + ".." + ids.get(ids.size() - 1));
    }
    return String.join(", ", ranges);
  }

  public static Optional<Indicator> byId(String id) {
    return ALL.stream().filter(i -> i.id().equals(id)).findFirst();
  }
}
