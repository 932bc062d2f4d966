package cn.changai.jobs.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The pages of one period's report, built from its rows in plain Java: path in the period folder to HTML. */
public final class ReportSite {

  public static final String INDEX = "index.html";
  public static final String QUALITY = "quality.html";
  public static final String UNITS = "units";

  private ReportSite() {}

  /** Every page of the period: index, quality, and one scorecard per group and per enterprise. */
  public static Map<String, String> pages(PeriodData data, int minBase) {
    ReportContext ctx = new ReportContext(data, minBase);
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put(INDEX, IndexPage.render(IndexModel.build(ctx)));
    pages.put(QUALITY, QualityPage.render(QualityModel.build(ctx)));
    for (UnitLink unit : ctx.groups()) {
      pages.put(unit.path(), ScorecardPage.render(ScorecardModel.build(ctx, unit)));
    }
    for (UnitLink unit : ctx.enterprises()) {
      pages.put(unit.path(), ScorecardPage.render(ScorecardModel.build(ctx, unit)));
    }
    return pages;
  }
}
