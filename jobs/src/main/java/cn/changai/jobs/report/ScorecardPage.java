package cn.changai.jobs.report;

import cn.changai.indicators.Part;
import cn.changai.jobs.report.ScorecardModel.Highlight;
import cn.changai.jobs.report.ScorecardModel.IndicatorLine;
import cn.changai.jobs.report.ScorecardModel.MemberLine;
import cn.changai.jobs.report.ScorecardModel.PartScore;
import cn.changai.jobs.report.ScorecardModel.Quality;
import cn.changai.jobs.report.ScorecardModel.Standing;
import java.util.ArrayList;
import java.util.List;

/** Renders one unit's scorecard page ({@code units/<id>.html}). */
final class ScorecardPage {

  static final String[] PART_COLOURS = {"#c0392b", "#1a73e8", "#188038", "#8e44ad"};

  private ScorecardPage() {}

  static String render(ScorecardModel m) {
    return render(m, null);
  }

  /** The scorecard with the given print header in its head ({@link Layout#begin}). */
  static String render(ScorecardModel m, String printHeader) {
    boolean group = m.unit().isGroup();
    Html h = Layout.begin(m.unit().name(), group ? "group scorecard" : "scorecard", m.period(), "../", printHeader);
    h.open("p").open("a", "href", "../index.html").text("← 返回排名 ").el("span", "Back to the rankings", "class", "en")
        .close("a").close("p");
    h.open("h1", "id", "unit-name").name(m.unit().name()).close("h1");
    profile(h, m);
    Layout.missingTables(h, m.missingTables());
    standing(h, m);

    h.open("h2").bilingual("分项得分", "Part scores").close("h2");
    if (m.standing() == null) {
      h.open("p", "class", "muted").text("本期未评分。").el("span", "Not scored in this period.", "class", "en").close("p");
    } else {
      List<Charts.Bar> bars = new ArrayList<>();
      for (PartScore p : m.parts()) {
        bars.add(new Charts.Bar(p.part().name() + " " + p.part().chinese(), p.part().english(),
            p.score() == null ? 0.0 : p.score(), Fmt.score(p.score()), PART_COLOURS[p.part().ordinal()], p.median()));
      }
      h.open("div", "class", "card");
      Charts.bars(h, "分项得分 Part scores (0–100)", bars, 100.0);
      h.open("p", "class", "legend").text("竖线为同级单位中位数，满分 100。")
          .el("span", " The vertical mark is the median of the units ranked with this one; 100 is the best.", "class", "en")
          .close("p");
      h.close("div");
      ScoreChanges.table(h, m);
    }
    ScoreChanges.history(h, m);

    highlights(h, m);
    indicators(h, m);
    skills(h, m);
    if (group) {
      members(h, m);
      MemberHeatmap.render(h, m.heatmap());
    }
    quality(h, m);
    notes(h, m);
    return Layout.end(h, footer(m));
  }

  private static void profile(Html h, ScorecardModel m) {
    ScorecardModel.Profile p = m.profile();
    h.open("p", "class", "sub");
    h.text(m.unit().isGroup() ? "集团（合并） " : "企业 ").el("span", m.unit().isGroup() ? "group, roll-up" : "enterprise",
        "class", "en");
    sep(h);
    h.text("统一社会信用代码 ").el("code", m.unit().id(), "id", "unit-id");
    if (p.enterpriseLevel() != null && !m.unit().isGroup()) {
      sep(h);
      h.text(Labels.enterpriseLevel(p.enterpriseLevel()) + " ").el("span", p.enterpriseLevel(), "class", "en");
    }
    if (p.industry() != null) {
      sep(h);
      h.text(Labels.industry(p.industry()) + " ").el("span", p.industry(), "class", "en");
    }
    if (p.district() != null) {
      sep(h);
      h.open("span", "id", "unit-district").name(p.district()).close("span");
    }
    if (p.parent() != null) {
      sep(h);
      h.text("上级 ").el("span", "parent ", "class", "en").nameLink(p.parent().name(), p.parent().fileName());
    }
    h.close("p");
    if (p.counterpart() != null) {
      h.open("p", "class", "note");
      if (m.unit().isGroup()) {
        h.text("本页为集团合并口径（集团及全部下属单位）。集团本部自身报送见 ")
            .open("a", "href", p.counterpart().fileName()).name(p.counterpart().name()).text("（本部）").close("a")
            .el("span", " This page covers the group and every unit below it; the headquarters' own submission has its own scorecard.", "class", "en");
      } else {
        h.text("本单位为集团本部；集团合并口径见 ")
            .open("a", "href", p.counterpart().fileName()).name(p.counterpart().name()).text("（集团合并）").close("a")
            .el("span", " This is the headquarters' own submission; see the group roll-up scorecard.", "class", "en");
      }
      h.close("p");
    }
  }

  private static void standing(Html h, ScorecardModel m) {
    Standing s = m.standing();
    h.open("div", "class", "grid");
    h.open("div", "class", "card figure").open("div", "class", "label").bilingual("综合得分", "Composite").close("div");
    h.el("div", s == null ? Fmt.DASH : Fmt.score(s.composite()), "class", "big", "id", "composite");
    Labels.Tier tier = Labels.tier(s == null ? null : s.tier());
    h.open("div").el("span", tier.chinese() + (tier.english().isEmpty() ? "" : " " + tier.english()),
        "class", "badge " + tier.cssClass(), "id", "tier").close("div");
    ScoreChanges.compositeLine(h, m.trend());
    h.close("div");

    h.open("div", "class", "card figure").open("div", "class", "label")
        .bilingual(m.unit().isGroup() ? "集团排名" : "企业排名", m.unit().isGroup() ? "Rank among groups" : "Rank among enterprises")
        .close("div");
    rankFigure(h, s);
    h.close("div");

    h.open("div", "class", "card figure").open("div", "class", "label").bilingual("较上期变化", "Change since last period")
        .close("div");
    Integer change = s == null ? null : s.change();
    h.el("div", Fmt.change(change), "class", "big " + (change == null ? "muted" : change > 0 ? "up" : change < 0 ? "down" : ""));
    h.open("div", "class", "small")
        .text(change == null ? "上期未排名或无上期数据" : change == 0 ? "名次不变" : change > 0 ? "名次上升" : "名次下降")
        .el("span", change == null ? " not ranked in the previous period"
            : change == 0 ? " same place" : change > 0 ? " places up" : " places down", "class", "en")
        .close("div");
    h.close("div");

    if (m.industryStanding() != null) {
      h.open("div", "class", "card figure").open("div", "class", "label").bilingual("行业内排名", "Rank in industry")
          .close("div");
      rankFigure(h, m.industryStanding());
      h.close("div");
    }
    h.close("div").newline();
  }

  private static void rankFigure(Html h, Standing s) {
    if (s == null || s.rank() == null) {
      h.el("div", Fmt.DASH, "class", "big muted");
      h.open("div", "class", "small").text("未排名 ").el("span", "unranked", "class", "en");
      if (s != null && s.unrankedReason() != null) {
        h.open("div", "class", "unranked-reason").text(s.unrankedReason()).close("div");
      }
      h.close("div");
      return;
    }
    h.open("div", "class", "big").text(s.rank()).el("span", " / " + s.rankedCount(), "class", "en").close("div");
    h.open("div", "class", "small").text("区间 P5–P95：" + Fmt.interval(s.rankP05(), s.rankP95()) + "，中位 "
        + Fmt.rank(s.rankMedian()) + " ").el("span", "rank interval and median under weight draws", "class", "en");
    if (s.unstable()) {
      h.text(" ").el("span", "排名不稳定 unstable", "class", "badge unstable");
    }
    h.close("div");
  }

  private static void highlights(Html h, ScorecardModel m) {
    h.open("h2").bilingual("优势与短板", "Strengths and weaknesses").close("h2");
    if (m.strengths().isEmpty() && m.weaknesses().isEmpty()) {
      h.open("p", "class", "muted").text("可比较的指标不足。").el("span", "Too few comparable indicators.", "class", "en")
          .close("p");
      return;
    }
    h.open("div", "class", "two");
    highlightList(h, "优势", "Strengths", "strengths", m.strengths());
    highlightList(h, "短板", "Weaknesses", "weaknesses", m.weaknesses());
    h.close("div");
    h.open("p", "class", "legend").text("按同级单位最小–最大归一化（0–100，100 为最好）排序；样本不足与空值不参与。")
        .el("span", " Ordered by the value min-max normalised across units of the same level (0–100, 100 best); "
            + "suppressed and null values left out.", "class", "en").close("p");
  }

  private static void highlightList(Html h, String chinese, String english, String id, List<Highlight> items) {
    h.open("div", "class", "card").open("h3").bilingual(chinese, english).close("h3");
    h.open("ul", "class", "plain", "id", id);
    if (items.isEmpty()) {
      h.el("li", Fmt.DASH, "class", "muted");
    }
    for (Highlight item : items) {
      h.open("li").el("strong", item.indicator().id()).text(" " + item.indicator().nameZh() + " ")
          .el("span", item.indicator().nameEn(), "class", "en").text("：" + Fmt.value(item.indicator(), item.value()))
          .text(" ").el("span", "归一化 " + Fmt.whole(item.normalised()), "class", "muted nowrap").close("li");
    }
    h.close("ul").close("div");
  }

  private static void indicators(Html h, ScorecardModel m) {
    boolean group = m.unit().isGroup();
    h.open("h2").bilingual("指标明细", "Indicators").close("h2");
    Layout.tableStart(h, "indicators", "indicators", "指标明细 Indicators");
    h.open("thead").open("tr");
    Layout.th(h, "编号", "ID", null);
    Layout.th(h, "指标", "Indicator", null);
    Layout.th(h, "条款", "Clause", null);
    Layout.th(h, "数值", "Value", "num");
    ScoreChanges.indicatorHeaders(h, m.trend());
    Layout.th(h, "分子 / 分母", "Numerator / denominator", "num");
    Layout.th(h, "系统中位数", "System median", "num");
    Layout.th(h, "政策目标", "Policy target", "num");
    if (group) {
      Layout.th(h, "报送单位", "Members reporting", "num");
    }
    h.close("tr").close("thead").open("tbody");
    int columns = (group ? 8 : 7) + ScoreChanges.INDICATOR_COLUMNS;
    Part current = null;
    for (IndicatorLine line : m.indicators()) {
      if (line.indicator().part() != current) {
        current = line.indicator().part();
        h.open("tr", "class", "part").open("th", "colspan", String.valueOf(columns), "scope", "rowgroup")
            .text(current.name() + " " + current.chinese() + " ").el("span", current.english(), "class", "en")
            .close("th").close("tr");
      }
      h.open("tr", "data-indicator", line.indicator().id());
      h.el("td", line.indicator().id());
      h.open("td", "class", "wrap", "title", line.indicator().definition()).text(line.indicator().nameZh() + " ")
          .el("span", line.indicator().nameEn(), "class", "en").close("td");
      h.el("td", "（" + line.indicator().clause() + "）");
      h.open("td", "class", "num value");
      if (line.suppressed()) {
        h.text(Fmt.DASH).el("sup", "※", "class", "fn", "title", "样本不足，不予公开 Suppressed: low base");
      } else if (line.missing()) {
        h.el("span", Fmt.DASH, "class", "muted", "title", "无数据 no data");
      } else {
        h.text(Fmt.value(line.indicator(), line.value()));
        if (line.belowTarget()) {
          h.text(" ").el("span", "未达标", "class", "badge tier-improve", "title", "below the policy target");
        }
      }
      h.close("td");
      ScoreChanges.indicatorCells(h, m.trend(), line.indicator());
      h.el("td", line.suppressed() || line.missing() ? Fmt.DASH
          : Fmt.amount(line.numerator()) + " / " + Fmt.amount(line.denominator()), "class", "num ratio");
      h.el("td", Fmt.value(line.indicator(), line.median()), "class", "num");
      h.open("td", "class", "num target");
      if (line.target() != null) {
        h.text(Fmt.target(line.indicator(), line.target().value()) + " " + line.target().chinese() + " ")
            .el("span", line.target().english(), "class", "en");
      } else {
        h.el("span", Fmt.DASH, "class", "muted");
      }
      h.close("td");
      if (group) {
        h.el("td", line.membersTotal() == null ? Fmt.DASH : line.membersReporting() + " / " + line.membersTotal(), "class",
            "num");
      }
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
  }

  private static void skills(Html h, ScorecardModel m) {
    h.open("h2").bilingual("技能等级分布", "Skill-level distribution").close("h2");
    skillChart(h, m.skills(), m.minBase());
  }

  /** The skill chart of a unit or of the system, or a note why there is none. */
  static void skillChart(Html h, SkillChart chart, int minBase) {
    if (chart == null) {
      h.open("p", "class", "muted").text("无数据。").el("span", "No data.", "class", "en").close("p");
      return;
    }
    if (chart.suppressed()) {
      h.open("p", "class", "note", "id", "skills-suppressed").text(Fmt.DASH).el("sup", "※", "class", "fn")
          .text(" 样本不足（产业工人少于 " + minBase + " 人），不予公开 ")
          .el("span", "/ Suppressed: fewer than " + minBase + " workers in the base", "class", "en").close("p");
      return;
    }
    double max = chart.bars().stream().mapToDouble(SkillChart.Bar::share).max().orElse(0.0);
    List<Charts.Bar> bars = new ArrayList<>();
    for (SkillChart.Bar bar : chart.bars()) {
      bars.add(new Charts.Bar(bar.chinese(), bar.code(), bar.share(),
          Fmt.count(bar.count()) + " 人 · " + Fmt.share(bar.share()), "#c0392b", null));
    }
    h.open("div", "class", "card");
    Charts.bars(h, "技能等级分布 Skill-level distribution", bars, max <= 0 ? 1.0 : max);
    h.open("p", "class", "legend").text("产业工人共 " + Fmt.count(chart.total()) + " 人。")
        .el("span", " Industrial workers in all: " + Fmt.count(chart.total()) + ".", "class", "en").close("p");
    h.close("div");
  }

  private static void members(Html h, ScorecardModel m) {
    h.open("h2").bilingual("下属单位", "Member units").close("h2");
    if (m.members().isEmpty()) {
      h.open("p", "class", "muted").text("无下属单位数据。").el("span", "No member data.", "class", "en").close("p");
      formerMembers(h, m);
      return;
    }
    Layout.tableStart(h, "members", "members", "下属单位 Member units");
    h.open("thead").open("tr");
    Layout.th(h, "单位", "Unit", null);
    Layout.th(h, "层级", "Level", null);
    Layout.th(h, "行业", "Industry", null);
    Layout.th(h, "企业排名", "Rank", "num");
    Layout.th(h, "综合得分", "Composite", "num");
    Layout.th(h, "等级", "Tier", null);
    Layout.th(h, "接收行", "Rows accepted", "num");
    Layout.th(h, "拒收行", "Rows rejected", "num");
    Layout.th(h, "警告", "Warnings", "num");
    h.close("tr").close("thead").open("tbody");
    for (MemberLine line : m.members()) {
      h.open("tr");
      h.open("td", "class", "name").nameLink(line.unit().name(), line.unit().fileName());
      if (line.headquarters()) {
        h.text(" ").el("span", "本部 HQ", "class", "badge tier-none");
      }
      h.close("td");
      h.el("td", Labels.enterpriseLevel(line.enterpriseLevel()));
      h.el("td", Labels.industry(line.industry()));
      h.el("td", line.rank() == null ? Fmt.DASH : String.valueOf(line.rank()), "class", "num");
      h.el("td", Fmt.score(line.composite()), "class", "num");
      Labels.Tier tier = Labels.tier(line.tier());
      h.open("td").el("span", tier.chinese(), "class", "badge " + tier.cssClass()).close("td");
      h.el("td", Fmt.count(line.workersAccepted()), "class", "num");
      h.el("td", Fmt.count(line.workersRejected()), "class", "num");
      h.el("td", Fmt.count(line.warnings()), "class", "num");
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
    formerMembers(h, m);
  }

  /** The previous period's members this period does not count, and why. */
  private static void formerMembers(Html h, ScorecardModel m) {
    if (m.formerMembers().isEmpty()) {
      return;
    }
    String previous = m.trend().previousPeriod();
    h.open("h3", "id", "former-members").text("上期成员、本期未计入 ")
        .el("span", "Members in " + previous + " not counted in " + m.period(), "class", "en").close("h3");
    h.open("p", "class", "small").text(previous + " 期在本集团之下、本期未计入的企业 " + m.formerMembers().size()
        + " 家：本期汇总不含它们，较上期的变化部分来自成员的变化。")
        .el("span", " Enterprises under this group in " + previous + " and not counted in " + m.period()
            + ": this period's figures leave them out, so part of a change since then is a change of members.", "class", "en")
        .close("p");
    Layout.tableStart(h, "former-members-table", "former", "上期成员、本期未计入 Former members");
    h.open("thead").open("tr");
    Layout.th(h, "单位（上期评分卡）", "Unit (scorecard of " + previous + ")", null);
    Layout.th(h, "统一社会信用代码", "Credit code", null);
    Layout.th(h, "原因", "Why", null);
    h.close("tr").close("thead").open("tbody");
    for (ScorecardModel.FormerMember f : m.formerMembers()) {
      h.open("tr").open("td", "class", "name").nameLink(f.name(), f.previousPage()).close("td");
      h.el("td", f.enterpriseId());
      h.open("td");
      switch (f.why()) {
        case NOT_SUBMITTED -> h.text("本期未报送 ").el("span", "no submission", "class", "en");
        case REFUSED -> h.open("a", "href", "../quality.html#submissions").text("本期报送被拒收 ")
            .el("span", "refused", "class", "en").close("a");
        case ELSEWHERE -> h.text("本期不在本集团之下（上级单位已变更或未计入） ")
            .el("span", "not under this group now (its parent changed or is not counted)", "class", "en");
      }
      h.close("td").close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
  }

  private static void quality(Html h, ScorecardModel m) {
    h.open("h2").bilingual("数据质量", "Data quality").close("h2");
    Quality q = m.quality();
    if (q == null) {
      h.open("p", "class", "muted").text("无报送记录。").el("span", "No submission on record.", "class", "en").close("p");
      return;
    }
    h.open("div", "class", "grid", "id", "quality");
    figure(h, "接收行", "Rows accepted", Fmt.count(q.workersAccepted()),
        "共读取 " + Fmt.count(q.workersRead()) + " 行 · read " + Fmt.count(q.workersRead()));
    figure(h, "拒收行", "Rows rejected", Fmt.count(q.workersRejected()),
        m.unit().isGroup() ? q.submissions() + " 份报送合计 · over " + q.submissions() + " submissions" : "");
    figure(h, "警告", "Warnings", Fmt.count(q.warnings()), "");
    figure(h, "工作室（接收 / 拒收）", "Studios accepted / rejected",
        Fmt.count(q.studiosAccepted()) + " / " + Fmt.count(q.studiosRejected()), "");
    h.close("div");
    h.open("p").open("a", "href", "../quality.html").text("查看本期全部报送的数据质量 ")
        .el("span", "Data quality of every submission", "class", "en").close("a").close("p");
  }

  static void figure(Html h, String chinese, String english, String big, String small) {
    h.open("div", "class", "card figure").open("div", "class", "label").bilingual(chinese, english).close("div");
    h.el("div", big, "class", "big");
    if (!small.isEmpty()) {
      h.el("div", small, "class", "small");
    }
    h.close("div");
  }

  private static void notes(Html h, ScorecardModel m) {
    h.open("div", "class", "foot");
    if (m.indicators().stream().anyMatch(IndicatorLine::suppressed)
        || (m.skills() != null && m.skills().suppressed())) {
      Layout.lowBaseNote(h, m.minBase());
    }
    h.open("p").text("系统中位数：同级单位（" + (m.unit().isGroup() ? "全部集团" : "全部企业")
        + "）本期数值的中位数，样本不足与空值不计入。条款为沪工总发〔2023〕18号的（一）至（十二）。")
        .el("span", " System median: the median over all " + (m.unit().isGroup() ? "groups" : "enterprises")
            + " of the period, suppressed and null values left out. Clauses are (一) to (十二) of the policy.", "class", "en")
        .close("p");
    ScoreChanges.note(h, m.trend());
    if (m.standing() != null) {
      h.open("p").text("排名区间：权重扰动后排名的第 5 至第 95 百分位；区间宽于 3 个名次且宽于该范围排名单位数的 5% 时标记为不稳定。")
          .el("span", " Rank interval: 5th to 95th percentile of the rank when the weights are drawn again; "
              + "wider than max(3 places, 5% of the units ranked in the scope) is marked unstable.", "class", "en").close("p");
    }
    h.close("div");
  }

  private static String footer(ScorecardModel m) {
    Standing s = m.standing();
    if (s == null || s.method() == null) {
      return "";
    }
    return "评分方法 method: " + s.method() + (s.indicatorsUsed() == null ? ""
        : " · 使用指标 indicators used: " + (s.indicatorsUsed().isEmpty() ? "无 none" : String.join(", ", s.indicatorsUsed())));
  }

  private static void sep(Html h) {
    h.el("span", "·", "class", "sep");
  }
}
