package cn.changai.jobs.report;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What drives a group: its member enterprises against the indicators, each cell the member's
 * value min-max normalised across all enterprises of the period (0 the worst, 100 the best), a
 * {@code low_base} cell marked suppressed. Members are sorted weakest first (the mean of their
 * cells, ascending), so those that pull the group down stand out at the top; columns are the
 * indicators where some member has a cell. A group of more than {@link #ROWS_SHOWN} members shows its
 * {@link #ROWS_SHOWN} weakest ({@code members} counts them all): a row is about 3 KB of cells, and a
 * group of 20,000 direct members made a 72 MB page no browser opens usefully (the member list above
 * it, and every member's own scorecard, still show them all).
 */
record MemberHeatmap(List<Indicator> indicators, List<Row> rows, int members) {

  /** The most members a heatmap shows: the weakest, which are what it is for. */
  static final int ROWS_SHOWN = 200;

  /** One cell: the normalised value (null when none), the value, its numerator and denominator, suppression. */
  record Cell(Double normalised, Double value, Double numerator, Double denominator, boolean suppressed) {}

  /** One member: its link, its cells in the order of {@link #indicators}, and the mean of its normalised cells. */
  record Row(UnitLink unit, List<Cell> cells, Double mean) {}

  static MemberHeatmap of(ReportContext ctx, List<EnterpriseRow> members) {
    List<Indicator> columns = new ArrayList<>();
    List<List<Cell>> cells = new ArrayList<>();
    for (int m = 0; m < members.size(); m++) {
      cells.add(new ArrayList<>());
    }
    for (Indicator indicator : Catalogue.all()) {
      List<Cell> column = new ArrayList<>();
      boolean any = false;
      for (EnterpriseRow member : members) {
        Map<String, IndicatorRow> rows = ctx.indicators(PeriodData.LEVEL_ENTERPRISE, member.enterpriseId());
        IndicatorRow row = rows.get(indicator.id());
        Cell cell;
        if (row == null) {
          cell = new Cell(null, null, null, null, false);
        } else if (row.lowBase()) {
          cell = new Cell(null, null, null, null, true);
          any = true;
        } else {
          Double n = LevelStats.isPublishable(row)
              ? ctx.stats.normalised(PeriodData.LEVEL_ENTERPRISE, indicator.id(), row.value()).orElse(null) : null;
          cell = new Cell(n, row.value(), row.numerator(), row.denominator(), false);
          any |= n != null;
        }
        column.add(cell);
      }
      if (any) {
        columns.add(indicator);
        for (int m = 0; m < members.size(); m++) {
          cells.get(m).add(column.get(m));
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int m = 0; m < members.size(); m++) {
      EnterpriseRow member = members.get(m);
      double sum = 0;
      int count = 0;
      for (Cell c : cells.get(m)) {
        if (c.normalised() != null) {
          sum += c.normalised();
          count++;
        }
      }
      UnitLink link = ctx.unit(PeriodData.LEVEL_ENTERPRISE, member.enterpriseId())
          .orElse(UnitLink.of(PeriodData.LEVEL_ENTERPRISE, member.enterpriseId(), member.name()));
      rows.add(new Row(link, List.copyOf(cells.get(m)), count == 0 ? null : sum / count));
    }
    rows.sort(Comparator.comparing((Row r) -> r.mean() == null ? Double.MAX_VALUE : r.mean())
        .thenComparing(r -> r.unit().id()));
    return new MemberHeatmap(List.copyOf(columns), List.copyOf(rows.subList(0, Math.min(ROWS_SHOWN, rows.size()))),
        members.size());
  }

  /** Renders the heatmap under its heading; nothing when there is no member or no cell. */
  static void render(Html h, MemberHeatmap map) {
    if (map == null || map.rows().isEmpty() || map.indicators().isEmpty()) {
      return;
    }
    h.open("h2", "id", "member-heatmap").bilingual("下属单位指标热力图", "What drives the group: members by indicator").close("h2");
    h.open("p", "class", "small").text("每格为该单位在全部企业中的归一化得分（0 最差，100 最好），红色越深越拖累集团；※ 为样本不足不予公开；按平均得分由低到高排列。")
        .el("span", " Each cell is the member's normalised score among all enterprises (0 worst, 100 best); the redder, the "
            + "more it pulls the group down; ※ suppressed (too few workers); weakest members first. Hover a cell for the "
            + "value, numerator and denominator.", "class", "en").close("p");
    if (map.members() > map.rows().size()) {
      h.open("p", "class", "small").text(String.format(java.util.Locale.ROOT, "仅列出最弱的 %,d 家（共 %,d 家）；全部成员见上表及各自的评分卡。",
              map.rows().size(), map.members()))
          .el("span", String.format(java.util.Locale.ROOT, " The %,d weakest of %,d members; the table above lists them all, each with its "
              + "scorecard.", map.rows().size(), map.members()), "class", "en").close("p");
    }
    Layout.tableStart(h, "heatmap-members", "heatmap", "Members by indicator");
    h.open("thead").open("tr").el("th", "单位 unit");
    for (Indicator indicator : map.indicators()) {
      h.el("th", indicator.id(), "class", "num", "title", indicator.nameZh() + " " + indicator.nameEn());
    }
    h.close("tr").close("thead").open("tbody");
    for (Row row : map.rows()) {
      h.open("tr", "data-unit", row.unit().id()).open("th", "scope", "row", "class", "name")
          .nameLink(row.unit().name(), row.unit().fileName()).close("th");
      for (int j = 0; j < row.cells().size(); j++) {
        Indicator indicator = map.indicators().get(j);
        Cell c = row.cells().get(j);
        if (c.suppressed()) {
          h.el("td", "※", "class", "num suppressed", "title", indicator.id() + "：样本不足，不予公开 suppressed");
        } else if (c.normalised() == null) {
          h.el("td", Fmt.DASH, "class", "num muted", "title", indicator.id() + "：无可比数值 no comparable value");
        } else {
          String title = indicator.id() + " " + indicator.nameZh() + "：" + Fmt.value(indicator, c.value()) + " = "
              + Fmt.amount(c.numerator()) + " / " + Fmt.amount(c.denominator()) + "；归一化 normalised "
              + Fmt.score(c.normalised());
          h.el("td", Decimals.fixed(c.normalised(), 0), "class", "num", "style", color(c.normalised()),
              "title", title);
        }
      }
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
  }

  /** Red for a low score fading to green for a high one. */
  static String color(double normalised) {
    double t = Math.max(0, Math.min(100, normalised)) / 100;
    int r = (int) Math.round(220 - 150 * t);
    int g = (int) Math.round(80 + 110 * t);
    int b = (int) Math.round(80 + 20 * t);
    return "background:rgb(" + r + "," + g + "," + b + ");color:#fff";
  }
}
