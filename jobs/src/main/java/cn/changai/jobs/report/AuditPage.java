package cn.changai.jobs.report;

import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import cn.changai.indicators.score.AuditStatistics;
import cn.changai.indicators.score.VarianceSensitivity;
import java.util.List;
import java.util.Map;

/**
 * Renders the period's methodology audit (audit.html): indicator statistics and the JRC outlier
 * rule, the correlation heatmap grouped by part, correlations with the own part, Cronbach's
 * alpha, the variance-based sensitivity of the ranks, the outlier treatment, the units not ranked.
 */
final class AuditPage {

  private static final String DASH = "—";

  private AuditPage() {}

  static String render(AuditModel m) {
    return render(m, null);
  }

  /** The page with the given print header in its head ({@link Layout#begin}). */
  static String render(AuditModel m, String printHeader) {
    Html h = Layout.begin("方法审计", "Methodology audit", m.period(), "", printHeader);
    h.open("h1").text(m.period() + " 期方法审计 ").el("span", "Methodology audit, period " + m.period(), "class", "en")
        .close("h1");
    h.open("p", "class", "sub").text("依据 OECD/JRC《综合指数编制手册》与 COINr 的审计步骤：指标分布与异常值、相关性、内部一致性、敏感性分析。")
        .el("span", " After the OECD/JRC Handbook on Constructing Composite Indicators and COINr: distributions and outliers, "
            + "correlations, internal consistency, sensitivity analysis (docs/scoring.md).", "class", "en")
        .close("p");
    if (m.missing()) {
      h.open("p", "class", "note missing").text("本期没有审计数据（请重新运行 changai score）。")
          .el("span", " No audit for this period: run 'changai score' again.", "class", "en").close("p").newline();
    }
    for (AuditModel.Level level : m.levels()) {
      level(h, level);
    }
    unranked(h, m.unranked());
    return Layout.end(h, null);
  }

  private static void level(Html h, AuditModel.Level l) {
    boolean groups = PeriodData.LEVEL_GROUP.equals(l.level());
    String zh = groups ? "集团" : "企业";
    String en = groups ? "Groups" : "Enterprises";
    String id = groups ? "group" : "enterprise";
    h.open("h2", "id", id).bilingual(zh + "层级", en).close("h2").newline();

    h.open("h3").bilingual("指标统计", "Indicator statistics").close("h3");
    Layout.tableStart(h, "stats-" + id, "audit-stats", "Indicator statistics");
    h.open("thead").open("tr");
    Layout.th(h, "指标", "indicator", null);
    Layout.th(h, "有效", "usable", "num");
    Layout.th(h, "样本不足", "low_base", "num");
    Layout.th(h, "空值", "null", "num");
    Layout.th(h, "最小值", "min", "num");
    Layout.th(h, "中位数", "median", "num");
    Layout.th(h, "最大值", "max", "num");
    Layout.th(h, "偏度", "skewness", "num");
    Layout.th(h, "峰度", "kurtosis", "num");
    Layout.th(h, "异常值", "outliers", null);
    Layout.th(h, "缩尾处理", "winsorised", "num");
    h.close("tr").close("thead").open("tbody");
    for (AuditModel.IndicatorStats s : l.indicators()) {
      h.open("tr", "data-indicator", s.indicator().id());
      indicatorCell(h, s.indicator());
      h.el("td", Fmt.count(s.usable()), "class", "num").el("td", Fmt.count(s.lowBase()), "class", "num")
          .el("td", Fmt.count(s.none()), "class", "num")
          .el("td", Fmt.value(s.indicator(), s.min()), "class", "num")
          .el("td", Fmt.value(s.indicator(), s.median()), "class", "num")
          .el("td", Fmt.value(s.indicator(), s.max()), "class", "num")
          .el("td", number(s.skewness()), "class", "num").el("td", number(s.kurtosis()), "class", "num");
      if (s.outliers() == null) {
        h.el("td", DASH, "class", "muted", "title", "too few values");
      } else if (s.outliers()) {
        h.open("td").el("span", "是 yes", "class", "badge unstable").close("td");
      } else {
        h.el("td", "否 no");
      }
      h.el("td", s.treated() == 0 ? DASH : Fmt.count(s.treated()), "class", "num");
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
    h.open("p", "class", "small muted").text("偏度、峰度为样本估计（与 COINr、Excel SKEW/KURT 相同）；|偏度| > "
        + plain(AuditStatistics.SKEW_LIMIT) + " 且峰度 > " + plain(AuditStatistics.KURT_LIMIT) + " 时判定存在异常值（JRC 规则）。"
            + "统计量只计参与排名单位的有效值，且在异常值处理之前，故中位数等可能与评分卡上的“系统中位数”（该层级全部有效值）不同。")
        .el("span", " Sample skewness and excess kurtosis as COINr and Excel's SKEW/KURT compute them; the JRC rule flags "
            + "outliers when |skewness| > 2 and kurtosis > 3.5. Statistics are over the ranked units' usable values before "
            + "outlier treatment, so a median may differ from the scorecards' system median (every usable value of the "
            + "level).", "class", "en").close("p");

    heatmap(h, l, id);
    partCorrelations(h, l);
    alpha(h, l);
    sensitivity(h, l, id);
    treatment(h, l);
  }

  private static void heatmap(Html h, AuditModel.Level l, String id) {
    h.open("h3").bilingual("相关性热力图（归一化指标，按部分分组）", "Correlations of the normalised indicators, by part").close("h3");
    List<Indicator> used = l.used();
    if (used.size() < 2) {
      h.open("p", "class", "muted").bilingual("参与评分的指标少于两项。", "Fewer than two indicators enter the scores.").close("p");
      return;
    }
    Layout.tableStart(h, "corr-" + id, "heatmap", "Correlation heatmap");
    h.open("thead").open("tr").el("th", "");
    for (Indicator col : used) {
      h.el("th", col.id(), "class", "num part-" + col.part().name(), "title", col.nameZh() + " " + col.nameEn());
    }
    h.close("tr").close("thead").open("tbody");
    for (Indicator row : used) {
      h.open("tr").el("th", row.id() + " " + row.part().name(), "scope", "row", "title", row.nameZh());
      for (Indicator col : used) {
        if (row.equals(col)) {
          h.el("td", "1", "class", "num", "style", color(1.0));
          continue;
        }
        Double r = l.correlation(row.id(), col.id());
        h.el("td", r == null ? DASH : Decimals.fixed(r, 2), "class", "num", "style", color(r),
            "title", row.id() + " × " + col.id() + (r == null ? ": too few pairs" : ": r = " + Decimals.fixed(r, 3)));
      }
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
    h.open("p", "class", "small muted").text("皮尔逊相关系数，成对完整观测；蓝色为正相关，红色为负相关。")
        .el("span", " Pearson's r over pairwise complete observations; blue positive, red negative.", "class", "en").close("p");
  }

  private static void partCorrelations(Html h, AuditModel.Level l) {
    h.open("h3").bilingual("指标与所属部分得分的相关", "Each indicator against its own part").close("h3");
    h.open("ul", "class", "plain");
    for (Indicator indicator : l.used()) {
      Double r = l.partCorrelations().get(indicator.id());
      h.open("li").text(indicator.id() + " " + indicator.nameZh() + " — " + indicator.part().name() + " "
          + indicator.part().chinese() + "：r = " + number(r));
      if (r != null && r < 0) {
        h.text(" ").el("span", "负相关，与所属部分方向相反 pulls against its part", "class", "badge tier-improve");
      }
      h.close("li");
    }
    h.close("ul");
  }

  private static void alpha(Html h, AuditModel.Level l) {
    h.open("h3").bilingual("内部一致性（Cronbach's α）", "Internal consistency (Cronbach's alpha)").close("h3");
    h.open("ul", "class", "plain");
    for (Part part : Part.values()) {
      Double a = l.alpha().get(part);
      int items = l.alphaItems().getOrDefault(part, 0);
      h.open("li").text(part.name() + " " + part.chinese() + "：α = " + number(a) + "（" + items + " 项指标）")
          .el("span", " " + part.english() + ": " + items + " indicators" + (items < 2 ? ", too few for alpha" : ""), "class", "en")
          .close("li");
    }
    h.close("ul");
  }

  private static void sensitivity(Html h, AuditModel.Level l, String id) {
    h.open("h3").bilingual("敏感性分析：哪项选择驱动排名不确定性", "Sensitivity: which choice drives the ranks").close("h3");
    if (l.sensitivity().isEmpty()) {
      h.open("p", "class", "muted").bilingual("未做敏感性分析（--draws 0）。", "No sensitivity analysis (--draws 0).").close("p");
      return;
    }
    Layout.tableStart(h, "sensitivity-" + id, "sensitivity", "Sensitivity indices");
    h.open("thead").open("tr");
    Layout.th(h, "范围", "scope", null);
    String[][] names = {{"权重", "weights"}, {"归一化", "normalisation"}, {"异常值处理", "outliers"}};
    for (String[] n : names) {
      Layout.th(h, n[0] + " 一阶", n[1] + " S", "num");
      Layout.th(h, n[0] + " 总效应", n[1] + " ST", "num");
    }
    h.close("tr").close("thead").open("tbody");
    for (AuditModel.Sensitivity s : l.sensitivity()) {
      h.open("tr").el("td", scopeLabel(s.scope()));
      for (int i = 0; i < VarianceSensitivity.INPUTS.size(); i++) {
        h.el("td", number(s.firstOrder()[i]), "class", "num").el("td", number(s.totalOrder()[i]), "class", "num");
      }
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
    h.open("p", "class", "small muted")
        .text("方差分解（Saltelli 估计量）：一阶指数为该选择单独解释的排名方差份额，总效应指数含其与其他选择的交互；“—”表示排名从不变化。")
        .el("span", " Variance-based indices of the ranks (Saltelli's first-order, Jansen's total-order estimators): S is the "
            + "share of rank variance a choice explains alone, ST with its interactions; — where no rank ever moves.",
            "class", "en").close("p");
  }

  private static void treatment(Html h, AuditModel.Level l) {
    h.open("h3").bilingual("异常值处理", "Outlier treatment").close("h3");
    if (l.otherTreatment() != null) {
      boolean wouldWinsorise = "winsorise".equals(l.otherTreatment());
      h.open("ul", "class", "plain");
      for (Map.Entry<String, Integer> e : l.ranksMoved().entrySet()) {
        h.open("li").text(scopeLabel(e.getKey()) + "：若" + (wouldWinsorise ? "采用缩尾处理" : "不做缩尾处理") + "，"
            + Fmt.count(e.getValue()) + " 个名次会变化 ")
            .el("span", e.getValue() + " ranks would move " + (wouldWinsorise ? "with winsorisation" : "without winsorisation"),
                "class", "en").close("li");
      }
      h.close("ul");
    }
    if (l.treated().isEmpty()) {
      h.open("p", "class", "muted").bilingual("本期未改变任何数值。", "No value was changed this period.").close("p");
      return;
    }
    Layout.tableStart(h, "treated-" + l.level(), "treated", "Values winsorised");
    h.open("thead").open("tr");
    Layout.th(h, "单位", "unit", null);
    Layout.th(h, "指标", "indicator", null);
    Layout.th(h, "原值", "from", "num");
    Layout.th(h, "处理后", "to", "num");
    h.close("tr").close("thead").open("tbody");
    for (AuditModel.Treated t : l.treated()) {
      h.open("tr").open("td", "class", "name").nameLink(t.unit().name(), t.unit().path()).close("td");
      if (t.indicator() == null) {
        h.el("td", DASH);
      } else {
        indicatorCell(h, t.indicator());
      }
      h.el("td", t.indicator() == null ? number(t.from()) : Fmt.value(t.indicator(), t.from()), "class", "num")
          .el("td", t.indicator() == null ? number(t.to()) : Fmt.value(t.indicator(), t.to()), "class", "num")
          .close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
  }

  private static void unranked(Html h, List<AuditModel.Unranked> unranked) {
    h.open("h2", "id", "unranked").bilingual("未排名单位及原因", "Units not ranked, and why").close("h2");
    if (unranked.isEmpty()) {
      h.open("p", "class", "muted").bilingual("所有单位均已排名。", "Every unit is ranked.").close("p");
      return;
    }
    h.open("ul", "class", "plain");
    for (AuditModel.Unranked u : unranked) {
      h.open("li").nameLink(u.unit().name(), u.unit().path()).text("：")
          .text(u.reason() == null ? "无可用指标值 no usable value" : u.reason()).close("li");
    }
    h.close("ul");
  }

  /** A scope in Chinese then English: 集团 groups, 全部企业 all enterprises, or the industry. */
  static String scopeLabel(String scope) {
    if (PeriodData.SCOPE_GROUPS.equals(scope)) {
      return "集团 groups";
    }
    if (PeriodData.SCOPE_ENTERPRISES.equals(scope)) {
      return "全部企业 all enterprises";
    }
    if (scope != null && scope.startsWith(PeriodData.SCOPE_INDUSTRY_PREFIX)) {
      String code = scope.substring(PeriodData.SCOPE_INDUSTRY_PREFIX.length());
      return Labels.industry(code) + " " + code;
    }
    return String.valueOf(scope);
  }

  private static void indicatorCell(Html h, Indicator indicator) {
    h.open("td", "class", "wrap").text(indicator.id() + " " + indicator.nameZh()).el("span", " " + indicator.nameEn(),
        "class", "en").close("td");
  }

  /** Blue for a positive r, red for a negative one, stronger as |r| grows. */
  static String color(Double r) {
    if (r == null) {
      return "background:#f6f8fa";
    }
    double a = Math.min(1, Math.abs(r));
    String rgb = r >= 0 ? "11,87,208" : "165,14,14";
    return "background:rgba(" + rgb + "," + Decimals.fixed(0.85 * a, 2) + ");color:" + (a > 0.55 ? "#fff" : "#1f2328");
  }

  private static String number(Double value) {
    return value == null || !Double.isFinite(value) ? DASH : Decimals.fixed(value, 2);
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
