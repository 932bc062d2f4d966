package cn.changai.jobs.report;

import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import cn.changai.jobs.report.History.Point;
import cn.changai.jobs.report.History.ScorePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Change and trend on the pages, drawn by our code: a change cell (previous value, arrow and
 * difference coloured by whether it is for the better), inline SVG sparklines whose numbers are in
 * their title (shown on hover, read by screen readers), and a unit's score history as a chart
 * with the same numbers in a table.
 */
final class TrendCharts {

  /** Styles of change and trend, added to the page's one style sheet. */
  static final String CSS = """
      .better{color:#137333}.worse{color:#a50e0e}.same{color:#57606a}
      svg.spark{display:inline-block;vertical-align:middle;overflow:visible}
      svg.spark polyline{fill:none;stroke:#1a73e8;stroke-width:1.5}
      svg.spark circle{fill:#1a73e8}
      svg.spark circle.now{fill:#9f1d20}
      .trend svg{display:block;width:100%;height:160px;overflow:visible}
      .trend polyline{fill:none;stroke-width:2;vector-effect:non-scaling-stroke}
      .trend .grid-line{stroke:#eaecef;stroke-width:1;vector-effect:non-scaling-stroke}
      .key{display:inline-block;width:12px;height:3px;vertical-align:middle;margin-right:4px}
      """;

  private static final int SPARK_WIDTH = 90;
  private static final int SPARK_HEIGHT = 22;

  private TrendCharts() {}

  /** A difference as text: percentages in percentage points, others in the indicator's unit. */
  static String delta(Indicator indicator, double delta) {
    Labels.Unit unit = Labels.unit(indicator);
    return Decimals.signed(delta, Fmt.decimals(indicator)) + (unit == Labels.PERCENT ? " 个百分点" : unit.symbol());
  }

  /** A score's difference as text, in points of 0..100. */
  static String scoreDelta(double delta) {
    return Decimals.signed(delta, Fmt.SCORE_DECIMALS) + " 分";
  }

  /**
   * The cell of a change: arrow and difference, coloured better or worse; a dash with the reason
   * in its title when there is none to show.
   */
  static void changeCell(Html h, Change change, Function<Double, String> deltaText) {
    changeCell(h, change, deltaText, "num ");
  }

  /**
   * {@link #changeCell(Html, Change, Function)} with {@code num} before its classes: "num " to
   * align it as a number, "" in a table whose style sheet aligns the column ({@code table.ranking}).
   */
  static void changeCell(Html h, Change change, Function<Double, String> deltaText, String num) {
    if (change.delta() == null) {
      h.el("td", Fmt.DASH, "class", num + "muted change", "title", reason(change));
      return;
    }
    Change.Verdict v = change.verdict();
    String text = change.arrow() + " " + (change.delta() == 0.0 ? "0" : deltaText.apply(change.delta()));
    h.open("td", "class", num + "change " + v.cssClass(), "title", v.chinese() + " " + v.english(),
        "data-verdict", v.english());
    h.text(text).close("td");
  }

  /** The previous value's cell: the value, ※ when suppressed, a dash when absent. */
  static void previousCell(Html h, Change change, Function<Double, String> value) {
    previousCell(h, change, value, "num ");
  }

  /** {@link #previousCell(Html, Change, Function)} with {@code num} before its classes, as for {@link #changeCell}. */
  static void previousCell(Html h, Change change, Function<Double, String> value, String num) {
    if (change.state() == Change.State.PREVIOUS_SUPPRESSED) {
      h.open("td", "class", num + "previous").text(Fmt.DASH)
          .el("sup", "※", "class", "fn", "title", "样本不足，不予公开 Suppressed: low base").close("td");
    } else if (change.previous() == null) {
      h.el("td", Fmt.DASH, "class", num + "muted previous", "title", reason(change));
    } else {
      h.el("td", value.apply(change.previous()), "class", num + "previous");
    }
  }

  /** Why a change shows no difference, Chinese first. */
  static String reason(Change change) {
    return switch (change.state()) {
      case FIRST -> "首期，无上期数据 first period: nothing to compare with";
      case ABSENT -> "上期无此数据 no value in the previous period";
      case PREVIOUS_SUPPRESSED -> "上期样本不足，不予公开 previous value suppressed (low base)";
      case NO_CURRENT -> "本期无可公开数值 no value to show this period";
      case COMPARED -> "";
    };
  }

  /**
   * A sparkline of one series over {@code periods}: a line through the usable points (a gap
   * where a period has none), the reported period's point marked, every value in the title.
   * Nothing is drawn when no point is usable.
   */
  static void sparkline(Html h, String label, List<String> periods, List<Point> points, Function<Double, String> format) {
    List<Double> values = new ArrayList<>(points.size());
    for (Point p : points) {
      values.add(p != null && p.usable() ? p.value() : null);
    }
    if (values.stream().allMatch(v -> v == null)) {
      return;
    }
    StringBuilder title = new StringBuilder(label).append(": ");
    for (int i = 0; i < periods.size(); i++) {
      Point p = points.get(i);
      title.append(i == 0 ? "" : " · ").append(periods.get(i)).append(' ')
          .append(p != null && p.suppressed() ? Fmt.DASH + "※" : values.get(i) == null ? Fmt.DASH : format.apply(values.get(i)));
    }
    line(h, "spark", title.toString(), values, SPARK_WIDTH, SPARK_HEIGHT, false);
  }

  /** A sparkline of ranks: rank 1 at the top. */
  static void rankSparkline(Html h, List<String> periods, List<ScorePoint> scores) {
    List<Double> ranks = new ArrayList<>();
    StringBuilder title = new StringBuilder("排名 rank: ");
    for (int i = 0; i < periods.size(); i++) {
      ScorePoint s = scores.get(i);
      Integer rank = s == null ? null : s.rank();
      ranks.add(rank == null ? null : rank.doubleValue());
      title.append(i == 0 ? "" : " · ").append(periods.get(i)).append(' ').append(rank == null ? Fmt.DASH : rank);
    }
    if (ranks.stream().allMatch(v -> v == null)) {
      return;
    }
    line(h, "spark", title.toString(), ranks, SPARK_WIDTH, SPARK_HEIGHT, true);
  }

  private static void line(Html h, String cssClass, String title, List<Double> values, int width, int height,
      boolean inverted) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Double v : values) {
      if (v != null) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double span = max - min;
    int n = values.size();
    h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", cssClass, "width", String.valueOf(width), "height",
        String.valueOf(height), "viewBox", "0 0 " + width + " " + height, "role", "img", "aria-label", title);
    h.el("title", title);
    List<String> segment = new ArrayList<>();
    List<double[]> dots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Double v = values.get(i);
      if (v == null) {
        polyline(h, segment);
        segment.clear();
        continue;
      }
      double x = n == 1 ? width / 2.0 : 3 + i * (width - 6.0) / (n - 1);
      double share = span == 0 ? 0.5 : (v - min) / span;
      double y = 3 + (inverted ? share : 1 - share) * (height - 6.0);
      segment.add(num(x) + "," + num(y));
      dots.add(new double[] {x, y, i});
    }
    polyline(h, segment);
    for (double[] d : dots) {
      h.empty("circle", "cx", num(d[0]), "cy", num(d[1]), "r", "2", "class", d[2] == n - 1 ? "now" : null);
    }
    h.close("svg");
  }

  private static void polyline(Html h, List<String> points) {
    if (points.size() > 1) {
      h.empty("polyline", "points", String.join(" ", points));
    }
  }

  /**
   * A unit's composite and part scores over the periods as a line chart (0..100), with a key, and
   * the same numbers and the rank in a table beneath it.
   */
  static void scoreHistory(Html h, List<String> periods, List<ScorePoint> scores) {
    h.open("div", "class", "card trend", "id", "trend");
    int n = periods.size();
    int width = Math.max(100, (n - 1) * 100);
    h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 " + width + " 100", "preserveAspectRatio", "none",
        "role", "img", "aria-label", "综合与分项得分走势 Composite and part scores over the periods (table below)");
    h.el("title", "综合与分项得分走势 Composite and part scores over the periods");
    for (int y : new int[] {0, 50, 100}) {
      h.empty("line", "class", "grid-line", "x1", "0", "x2", String.valueOf(width), "y1", String.valueOf(y), "y2",
          String.valueOf(y));
    }
    seriesLine(h, scores, ScorePoint::composite, "#1f2328", n, width);
    for (Part part : Part.values()) {
      seriesLine(h, scores, s -> s.part(part), ScorecardPage.PART_COLOURS[part.ordinal()], n, width);
    }
    h.close("svg");
    h.open("p", "class", "legend");
    h.el("span", "", "class", "key", "style", "background:#1f2328").text("综合 Composite ");
    for (Part part : Part.values()) {
      h.el("span", "", "class", "key", "style", "background:" + ScorecardPage.PART_COLOURS[part.ordinal()])
          .text(part.name() + " " + part.chinese() + " ");
    }
    h.close("p");
    h.close("div");
    Layout.tableStart(h, "trend-table", "trend-table", "得分走势 Scores over the periods");
    h.open("thead").open("tr");
    Layout.th(h, "期次", "Period", null);
    Layout.th(h, "综合得分", "Composite", "num");
    for (Part part : Part.values()) {
      Layout.th(h, part.name() + " " + part.chinese(), part.english(), "num");
    }
    Layout.th(h, "排名", "Rank", "num");
    h.close("tr").close("thead").open("tbody");
    for (int i = 0; i < n; i++) {
      ScorePoint s = scores.get(i);
      h.open("tr", "data-period", periods.get(i));
      h.el("th", periods.get(i), "scope", "row");
      h.el("td", Fmt.score(s == null ? null : s.composite()), "class", "num");
      for (Part part : Part.values()) {
        h.el("td", Fmt.score(s == null ? null : s.part(part)), "class", "num");
      }
      h.el("td", s == null || s.rank() == null ? Fmt.DASH : String.valueOf(s.rank()), "class", "num");
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
  }

  private static void seriesLine(Html h, List<ScorePoint> scores, Function<ScorePoint, Double> value, String colour,
      int n, int width) {
    List<String> segment = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ScorePoint s = scores.get(i);
      Double v = s == null ? null : value.apply(s);
      if (v == null || !Double.isFinite(v)) {
        drawSegment(h, segment, colour);
        segment.clear();
        continue;
      }
      double x = n == 1 ? width / 2.0 : i * (double) width / (n - 1);
      segment.add(num(x) + "," + num(100 - Math.max(0, Math.min(100, v))));
    }
    drawSegment(h, segment, colour);
  }

  private static void drawSegment(Html h, List<String> points, String colour) {
    if (points.size() == 1) {
      // One point alone: a short flat stroke, so a unit scored once still shows where it stands.
      String[] xy = points.get(0).split(",");
      double x = Double.parseDouble(xy[0]);
      points = List.of(num(x - 2) + "," + xy[1], num(x + 2) + "," + xy[1]);
    }
    if (points.size() > 1) {
      h.empty("polyline", "points", String.join(" ", points), "stroke", colour);
    }
  }

  private static String num(double v) {
    return Decimals.fixed(v, 1);
  }
}
