package cn.changai.jobs.report;

import cn.changai.indicators.Indicator;
import java.util.List;

/**
 * The scorecard's parts about change and trend: the composite's previous value, the table of
 * score changes, the score history, and the previous value, change and sparkline columns of the
 * indicator table.
 */
final class ScoreChanges {

  /** Columns the indicator table gains: previous value, change, trend. */
  static final int INDICATOR_COLUMNS = 3;

  private ScoreChanges() {}

  /** Under the composite: its previous value and change, or why there is none. */
  static void compositeLine(Html h, UnitTrend t) {
    Change c = t.composite();
    h.open("div", "class", "small", "id", "composite-change");
    if (t.previousPeriod() == null) {
      h.text("首期，无上期可比 ").el("span", "first period", "class", "en");
    } else if (c.previous() == null) {
      h.text(t.previousPeriod() + " 期无综合得分 ").el("span", "no composite in " + t.previousPeriod(), "class", "en");
    } else {
      h.text("上期 " + t.previousPeriod() + "：" + Fmt.score(c.previous()) + " ");
      if (c.delta() != null) {
        h.el("span", c.arrow() + " " + (c.delta() == 0.0 ? "0" : TrendCharts.scoreDelta(c.delta())),
            "class", c.verdict().cssClass());
      }
      h.text(" ").el("span", "previous " + t.previousPeriod(), "class", "en");
    }
    h.close("div");
  }

  /** Composite and part scores now, in the previous period, and the change. */
  static void table(Html h, ScorecardModel m) {
    UnitTrend t = m.trend();
    String previous = t.previousPeriod();
    Layout.tableStart(h, "score-changes", "score-changes", "得分变化 Score changes");
    h.open("thead").open("tr");
    Layout.th(h, "得分", "Score", null);
    Layout.th(h, "本期 " + m.period(), "This period", "num");
    Layout.th(h, "上期 " + (previous == null ? "" : previous), "Previous period", "num");
    Layout.th(h, "变化", "Change", "num");
    h.close("tr").close("thead").open("tbody");
    scoreRow(h, "composite", "综合得分", "Composite", m.standing() == null ? null : m.standing().composite(), t.composite());
    for (ScorecardModel.PartScore p : m.parts()) {
      scoreRow(h, "part-" + p.part().name(), p.part().name() + " " + p.part().chinese(), p.part().english(), p.score(),
          t.parts().get(p.part()));
    }
    h.close("tbody");
    Layout.tableEnd(h);
  }

  private static void scoreRow(Html h, String key, String chinese, String english, Double now, Change c) {
    h.open("tr", "data-score", key);
    h.open("th", "scope", "row").text(chinese + " ").el("span", english, "class", "en").close("th");
    h.el("td", Fmt.score(now), "class", "num");
    TrendCharts.previousCell(h, c, Fmt::score);
    TrendCharts.changeCell(h, c, TrendCharts::scoreDelta);
    h.close("tr").newline();
  }

  /** The composite, part scores and rank over every period of the same kind, as a chart and a table. */
  static void history(Html h, ScorecardModel m) {
    UnitTrend t = m.trend();
    if (t.scores().stream().allMatch(s -> s == null)) {
      return;
    }
    h.open("h2").bilingual("历期走势", "Over the periods").close("h2");
    if (t.periods().size() == 1) {
      h.open("p", "class", "muted").text("仅有本期数据。").el("span", "This period only so far.", "class", "en").close("p");
    }
    TrendCharts.scoreHistory(h, t.periods(), t.scores());
    h.open("p", "class", "legend").text("排名走势 ");
    TrendCharts.rankSparkline(h, t.periods(), t.scores());
    h.el("span", " Rank over the periods (1 at the top).", "class", "en").close("p");
    if (!t.scoredOtherwise().isEmpty()) {
      // After `changai score --weights other.yaml` run alone, until the next nightly run rescores
      // every period with one method: the rank change scores the previous period again with this
      // period's method, while this chart shows what was published for it.
      String which = String.join("、", t.scoredOtherwise());
      h.open("p", "class", "muted", "id", "scored-otherwise")
          .text("注：" + which + " 期的得分与排名按另一评分方法（权重、标准化等）发布，与本期不在同一基准上；排名变化按本期方法重算上期得出，"
              + "故可能与本图的排名之差不同。")
          .el("span", " Note: " + String.join(", ", t.scoredOtherwise()) + " was scored with another method (weights,"
              + " normalisation…) than this period; the rank change scores the previous period again with this period's"
              + " method, so it can differ from the ranks charted here.", "class", "en")
          .close("p");
    }
  }

  static void indicatorHeaders(Html h, UnitTrend t) {
    Layout.th(h, "上期" + (t.previousPeriod() == null ? "" : " " + t.previousPeriod()), "Previous", "num");
    Layout.th(h, "变化", "Change", "num");
    Layout.th(h, "走势", "Trend", null);
  }

  static void indicatorCells(Html h, UnitTrend t, Indicator indicator) {
    Change c = t.change(indicator.id());
    TrendCharts.previousCell(h, c, v -> Fmt.value(indicator, v));
    TrendCharts.changeCell(h, c, d -> TrendCharts.delta(indicator, d));
    h.open("td", "class", "trend-cell");
    List<History.Point> series = t.indicatorSeries().get(indicator.id());
    TrendCharts.sparkline(h, indicator.id() + " " + indicator.nameZh(), t.periods(), series,
        v -> Fmt.value(indicator, v));
    h.close("td");
  }

  /** The footnote on change: what is compared and what the colours mean. */
  static void note(Html h, UnitTrend t) {
    String previous = t.previousPeriod();
    h.open("p", "id", "change-note")
        .text("变化：与" + (previous == null ? "上一同类期次" : " " + previous + " 期") + "比较（年与年、半年与半年、季与季，取最近一期有数据者）；"
            + "绿色为向好，红色为变差；百分比指标的变化以百分点计，得分以分计；样本不足的数值两期均不公开，不计变化。")
        .el("span", " Change: against " + (previous == null ? "the previous period of the same kind" : previous)
            + " (year with year, half with half, quarter with quarter, the latest with data); green is better, red worse;"
            + " percentages change in percentage points, scores in points; a suppressed value is not shown in either"
            + " period and has no change.", "class", "en")
        .close("p");
  }
}
