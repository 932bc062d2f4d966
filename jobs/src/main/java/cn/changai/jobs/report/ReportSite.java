package cn.changai.jobs.report;

import cn.changai.indicators.score.AuditRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pages of one period's report, built from its rows in plain Java, each handed on as soon as it is rendered. */
public final class ReportSite {

  public static final String INDEX = "index.html";
  public static final String QUALITY = "quality.html";
  public static final String AUDIT = "audit.html";
  public static final String UNITS = "units";

  /** Receives a page: its path in the period folder and its HTML. */
  @FunctionalInterface
  public interface PageSink {
    void accept(String path, String html) throws IOException;
  }

  /** How many scorecards a period got. */
  public record Counts(int groups, int enterprises) {
    public int pages() {
      return 3 + groups + enterprises;
    }
  }

  private ReportSite() {}

  /**
   * Renders every page of the period (index, quality, audit, one scorecard per group and per
   * enterprise) into the sink, one at a time, so a large system never holds all pages at once.
   */
  public static Counts render(PeriodData data, int minBase, PageSink sink) throws IOException {
    return render(data, History.empty(), List.of(), minBase, null, sink);
  }

  /**
   * As {@link #render(PeriodData, int, PageSink)}, with the earlier periods the pages compare with,
   * the period's rows of the audit table for the audit page, and the index's what-if panel fed by
   * the score job's {@code scoring-inputs.json} ({@code scoringInputs}, its text; null when there
   * is none).
   */
  public static Counts render(PeriodData data, History history, List<AuditRow> audit, int minBase, String scoringInputs,
      PageSink sink) throws IOException {
    ReportContext ctx = new ReportContext(data, minBase, history.window(data.period()));
    String period = data.period();
    // The run the numbers come from, as the index's footer names it.
    String run = data.indicators().isEmpty() ? null : data.indicators().get(0).runId();
    sink.accept(INDEX, PrintStyle.withHeader(IndexPage.render(IndexModel.build(ctx), WhatIf.of(ctx, scoringInputs)),
        "产改指标评估 Reform indicators", period, run));
    sink.accept(QUALITY, PrintStyle.withHeader(QualityPage.render(QualityModel.build(ctx)), "数据质量 Data quality", period,
        run));
    sink.accept(AUDIT, PrintStyle.withHeader(AuditPage.render(AuditModel.build(ctx, audit)), "方法审计 Audit", period, run));
    for (UnitLink unit : ctx.groups()) {
      sink.accept(unit.path(), PrintStyle.withHeader(ScorecardPage.render(ScorecardModel.build(ctx, unit)),
          unit.name() + "（集团合并 group）", period, run));
    }
    for (UnitLink unit : ctx.enterprises()) {
      sink.accept(unit.path(), PrintStyle.withHeader(ScorecardPage.render(ScorecardModel.build(ctx, unit)), unit.name(),
          period, run));
    }
    return new Counts(ctx.groups().size(), ctx.enterprises().size());
  }

  /** Every page of the period, by path (for tests and small periods). */
  public static Map<String, String> pages(PeriodData data, int minBase) {
    return pages(data, History.empty(), minBase);
  }

  /** Every page of the period with its history, by path (for tests and small periods). */
  public static Map<String, String> pages(PeriodData data, History history, int minBase) {
    Map<String, String> pages = new LinkedHashMap<>();
    try {
      render(data, history, List.of(), minBase, null, pages::put);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }
}
