package cn.changai.jobs.report;

import cn.changai.jobs.report.IndexModel.Headline;
import cn.changai.jobs.report.IndexModel.RankRow;
import cn.changai.jobs.report.IndexModel.Ranking;
import java.util.List;

/** Renders the period's index page: headline figures, the industry filter and the two rankings. */
final class IndexPage {

  private IndexPage() {}

  static String render(IndexModel m) {
    return render(m, null);
  }

  /** The index with the what-if panel after the rankings, when {@code whatIf} is given. */
  static String render(IndexModel m, WhatIf whatIf) {
    return render(m, whatIf, null);
  }

  /** The page with the given print header in its head ({@link Layout#begin}). */
  static String render(IndexModel m, WhatIf whatIf, String printHeader) {
    Html h = Layout.begin("产改指标评估", "Reform indicators", m.period(), "", printHeader);
    h.open("h1").text(m.period() + " 期产业工人队伍建设改革评估 ").el("span", "Industrial-workforce reform, period " + m.period(),
        "class", "en").close("h1");
    h.open("p", "class", "sub").text("上海市国资系统 · 接收报送 " + m.submissionsAccepted() + " 份，拒收 " + m.submissionsRejected() + " 份");
    if (m.absentSincePrevious() > 0) {
      // Changes since the last period are partly changes in who reported: said where they are read.
      h.text("，").el("a", "上期报送、本期未报送 " + m.absentSincePrevious() + " 家", "href", "quality.html#absent");
    }
    h.text(" ").el("span", "Shanghai state-owned system · " + m.submissionsAccepted() + " submissions accepted, "
            + m.submissionsRejected() + " refused" + (m.absentSincePrevious() == 0 ? ""
                : ", " + m.absentSincePrevious() + " that reported in " + m.previousPeriod() + " did not"), "class", "en")
        .close("p");
    Layout.missingTables(h, m.missingTables());
    if (m.everyRefused()) {
      // Headlines, rankings and skills would all be empty: the refusals are what the period has.
      Layout.everyRefused(h);
      return Layout.end(h, "");
    }

    headlines(h, m);

    h.open("h2", "id", "rankings").bilingual("排名", "Rankings").close("h2");
    if (!m.industries().isEmpty()) {
      h.open("div", "class", "filter").open("label", "for", "industry-filter").bilingual("行业筛选", "Industry").close("label");
      h.open("select", "id", "industry-filter");
      h.open("option", "value", "").text("全部行业 All industries").close("option");
      for (String industry : m.industries()) {
        h.open("option", "value", industry).text(Labels.industry(industry) + " " + industry).close("option");
      }
      h.close("select").close("div").newline();
    }
    ranking(h, m, m.groups(), "ranking-groups", "集团排名", "Ranking of groups");
    ranking(h, m, m.enterprises(), "ranking-enterprises", "企业排名", "Ranking of enterprises");
    WhatIfPanel.render(h, whatIf);

    if (!m.unranked().isEmpty()) {
      h.open("h2").bilingual(m.groups().present() ? "未排名单位" : "单位评分卡", m.groups().present() ? "Units not ranked" : "Scorecards")
          .close("h2");
      if (m.groups().present()) {
        h.open("p", "class", "small").text("未排名原因见").el("a", "方法审计", "href", "audit.html#unranked").text("。")
            .el("span", " Why each is not ranked: see the audit page.", "class", "en").close("p");
      }
      h.open("ul", "class", "units", "id", "unranked");
      for (UnitLink unit : m.unranked()) {
        h.open("li").nameLink(unit.name(), unit.path()).text(" ")
            .el("span", unit.isGroup() ? "集团合并 group" : "企业 enterprise", "class", "en").close("li");
      }
      h.close("ul");
    }

    h.open("h2").bilingual("全系统技能等级分布", "Skill levels across the system").close("h2");
    ScorecardPage.skillChart(h, m.systemSkills(), m.minBase());

    h.open("div", "class", "foot");
    if (m.headlines().stream().anyMatch(Headline::suppressed)) {
      Layout.lowBaseNote(h, m.minBase());
    }
    h.open("p").text("等级：优秀 ≥ 85，良好 ≥ 70，合格 ≥ 55，其余为待改进。排名区间为权重扰动后排名的第 5 至第 95 百分位，宽于 3 个名次且宽于该范围排名单位数的 5% 时标记为不稳定。变化为较上期名次变化，↑ 为上升。")
        .el("span", " Tiers: excellent ≥ 85, good ≥ 70, pass ≥ 55, otherwise to improve. The rank interval is the 5th to 95th "
            + "percentile of the rank when the weights are drawn again; wider than max(3 places, 5% of the units ranked in "
            + "the scope) is marked unstable. Change is "
            + "in places since the previous period, ↑ up.", "class", "en")
        .close("p");
    h.close("div");
    String footer = (m.catalogueVersion() == null ? "" : "指标目录版本 catalogue " + m.catalogueVersion())
        + (m.runId() == null ? "" : " · 计算批次 run " + m.runId());
    h.open("script").trusted(Layout.FILTER_SCRIPT).close("script").newline();
    return Layout.end(h, footer.strip());
  }

  private static void headlines(Html h, IndexModel m) {
    h.open("h2").bilingual("全系统概况", "System at a glance").close("h2");
    h.open("div", "class", "grid", "id", "headlines");
    for (Headline line : m.headlines()) {
      h.open("div", "class", "card figure", "data-indicator", line.indicator().id());
      h.open("div", "class", "label").text(line.indicator().nameZh() + " ").el("span", line.indicator().nameEn(), "class", "en")
          .close("div");
      if (line.suppressed()) {
        h.open("div", "class", "big").text(Fmt.DASH).el("sup", "※", "class", "fn").close("div");
      } else {
        h.el("div", Fmt.value(line.indicator(), line.value()), "class", "big");
      }
      h.open("div", "class", "small");
      if (!line.suppressed() && line.value() != null) {
        h.text(Fmt.amount(line.numerator()) + " / " + Fmt.amount(line.denominator()) + " · ");
      }
      h.text("条款（" + line.indicator().clause() + "）");
      h.close("div");
      headlineTrend(h, m, line);
      if (line.target() != null) {
        h.open("div", "class", "small").text("目标 " + Fmt.target(line.indicator(), line.target().value()) + " "
            + line.target().chinese() + " ").el("span", "target: " + line.target().english(), "class", "en");
        if (line.value() != null && line.value() < line.target().value()) {
          h.text(" ").el("span", "差 " + Fmt.distance(line.indicator(), line.target().value() - line.value()),
              "class", "badge tier-improve", "title", "short of the target by");
        }
        h.close("div");
      }
      if (line.target() != null && line.value() != null) {
        double pct = Math.max(0, Math.min(100, line.value() / line.target().value() * 100));
        h.open("div", "class", "chart");
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", "100%", "height", "10", "role", "img", "aria-label",
            "达成度 progress to target " + Fmt.share(pct / 100));
        h.empty("rect", "class", "track", "x", "0", "y", "0", "width", "100%", "height", "10", "rx", "5");
        h.empty("rect", "x", "0", "y", "0", "width", Decimals.fixed(pct, 2) + "%", "height", "10",
            "rx", "5", "fill", "#188038");
        h.close("svg").close("div");
      }
      h.close("div").newline();
    }
    h.close("div").newline();
  }

  /** A headline's change since the previous period and its sparkline over the periods. */
  private static void headlineTrend(Html h, IndexModel m, Headline line) {
    Change c = line.change();
    h.open("div", "class", "small headline-trend");
    if (c.delta() != null) {
      h.text("较 " + m.previousPeriod() + " ")
          .el("span", c.arrow() + " " + (c.delta() == 0.0 ? "0" : TrendCharts.delta(line.indicator(), c.delta())),
              "class", c.verdict().cssClass(), "title", c.verdict().chinese() + " " + c.verdict().english())
          .text(" ");
    } else {
      h.el("span", TrendCharts.reason(c), "class", "muted").text(" ");
    }
    TrendCharts.sparkline(h, line.indicator().id() + " " + line.indicator().nameZh(), m.trendPeriods(), line.series(),
        v -> Fmt.value(line.indicator(), v));
    h.close("div");
  }

  private static void ranking(Html h, IndexModel m, Ranking ranking, String id, String chinese, String english) {
    h.open("h3").bilingual(chinese, english).text(" ").el("span", "（显示 ", "class", "muted")
        .el("span", String.valueOf(ranking.rows().size()), "id", id + "-shown", "class", "muted")
        .el("span", " / " + ranking.rows().size() + "）", "class", "muted").close("h3");
    if (!ranking.present()) {
      h.open("p", "class", "note").text("本期无评分数据，暂无排名。").el("span", " No scores for this period: no ranking.", "class", "en")
          .close("p");
      return;
    }
    if (ranking.rows().isEmpty()) {
      h.open("p", "class", "muted").text("本期无此类单位。").el("span", "No such units this period.", "class", "en").close("p");
      return;
    }
    Layout.tableStart(h, id, "ranking", chinese + " " + english);
    h.open("thead").open("tr");
    Layout.th(h, "排名", "Rank", "num");
    Layout.th(h, "单位", "Unit", null);
    Layout.th(h, "行业", "Industry", null);
    Layout.th(h, "综合得分", "Composite", "num");
    Layout.th(h, "等级", "Tier", null);
    Layout.th(h, "A 思想政治", "A guidance", "num");
    Layout.th(h, "B 技能形成", "B skills", "num");
    Layout.th(h, "C 创新创效", "C innovation", "num");
    Layout.th(h, "D 保障机制", "D safeguards", "num");
    Layout.th(h, "排名区间", "Rank P5–P95", null);
    Layout.th(h, "变化", "Change", "num");
    Layout.th(h, "上期综合" + (m.previousPeriod() == null ? "" : " " + m.previousPeriod()), "Previous composite", "num");
    Layout.th(h, "得分变化", "Composite change", "num");
    h.close("tr").close("thead").open("tbody");
    for (RankRow row : ranking.rows()) {
      h.open("tr", "data-industry", row.industry() == null ? "" : row.industry(), "data-unit", row.unit().id());
      // No class "num" on the cells: table.ranking aligns its numeric columns by position
      // (Layout.CSS), which saves about 100 bytes a row (3 MB of the index at 30,000 enterprises).
      h.el("td", row.rank() == null ? Fmt.DASH : String.valueOf(row.rank()));
      h.open("td", "class", "name").nameLink(row.unit().name(), row.unit().path());
      if (row.rank() == null && row.unrankedReason() != null) {
        // Why, where the planner looks, not only on the audit page: under the name, whose column
        // wraps its text. In the tier cell, whose column does not, the reason on one line pushed
        // parts A-D and the rest out of the table's box at a desktop's width.
        h.el("div", row.unrankedReason(), "class", "unranked-reason");
      }
      h.close("td");
      h.el("td", Labels.industry(row.industry()));
      h.el("td", Fmt.score(row.composite()));
      Labels.Tier tier = Labels.tier(row.tier());
      h.open("td").el("span", tier.chinese(), "class", "badge " + tier.cssClass(), "title", tier.english()).close("td");
      for (Double part : List.of(nz(row.partA()), nz(row.partB()), nz(row.partC()), nz(row.partD()))) {
        h.el("td", Double.isNaN(part) ? Fmt.DASH : Fmt.score(part));
      }
      h.open("td").text(Fmt.interval(row.rankP05(), row.rankP95()));
      if (row.unstable()) {
        h.text(" ").el("span", "不稳定", "class", "badge unstable", "title", "unstable rank");
      }
      h.close("td");
      Integer change = row.change();
      h.el("td", Fmt.change(change), "class", change == null ? "muted" : change > 0 ? "up" : change < 0 ? "down" : null,
          "title", change == null ? "上期未排名 not ranked last period" : null);
      TrendCharts.previousCell(h, row.compositeChange(), Fmt::score, "");
      TrendCharts.changeCell(h, row.compositeChange(), TrendCharts::scoreDelta, "");
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
  }

  private static Double nz(Double value) {
    return value == null ? Double.NaN : value;
  }
}
