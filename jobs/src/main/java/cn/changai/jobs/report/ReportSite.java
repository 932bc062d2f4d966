package cn.changai.jobs.report;

import cn.changai.indicators.score.AuditRow;
import cn.changai.jobs.threads.Futures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The pages of one period's report, built from its rows in plain Java on a thread per core, each
 * handed on in a fixed order as soon as it and the pages before it are rendered.
 */
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
   * enterprise) into the sink, one at a time and always in that order, so a large system never
   * holds all pages at once. The sink is called on the calling thread only.
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
    List<Page> pages = new ArrayList<>();
    // Each page takes its print header as its head is written (PrintStyle.header), not by a copy.
    pages.add(new Page(INDEX, () -> IndexPage.render(IndexModel.build(ctx), WhatIf.of(ctx, scoringInputs),
        PrintStyle.header("产改指标评估 Reform indicators", period, run))));
    pages.add(new Page(QUALITY, () -> QualityPage.render(QualityModel.build(ctx),
        PrintStyle.header("数据质量 Data quality", period, run))));
    pages.add(new Page(AUDIT, () -> AuditPage.render(AuditModel.build(ctx, audit),
        PrintStyle.header("方法审计 Audit", period, run))));
    List<UnitLink> groups = ctx.groups();
    List<UnitLink> enterprises = ctx.enterprises();
    for (UnitLink unit : groups) {
      pages.add(new Page(unit.path(), () -> ScorecardPage.render(ScorecardModel.build(ctx, unit),
          PrintStyle.header(unit.name() + "（集团合并 group）", period, run))));
    }
    for (UnitLink unit : enterprises) {
      pages.add(new Page(unit.path(), () -> ScorecardPage.render(ScorecardModel.build(ctx, unit),
          PrintStyle.header(unit.name(), period, run))));
    }
    renderInOrder(pages, sink);
    return new Counts(groups.size(), enterprises.size());
  }

  /** A page still to render: its path in the period folder and the work that renders its HTML. */
  record Page(String path, Supplier<String> html) {}

  /**
   * Renders the pages on a thread per core and hands them to the sink on this thread, one at a
   * time and in the order given, as rendering them one after another would: pages are independent,
   * and rendering them is most of the report's time. Only a few pages per thread are rendered ahead
   * of the one the sink takes, so memory stays small however many pages a period has. A page that
   * fails to render fails the whole as it would alone, after the pages before it reached the sink.
   */
  static void renderInOrder(List<Page> pages, PageSink sink) throws IOException {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, Futures.daemons("report-render"));
    try {
      Deque<Future<String>> ahead = new ArrayDeque<>();
      int submitted = 0;
      for (Page page : pages) {
        while (submitted < pages.size() && ahead.size() < threads * PAGES_AHEAD_PER_THREAD) {
          ahead.add(pool.submit(pages.get(submitted++).html()::get));
        }
        sink.accept(page.path(), Futures.await(ahead.poll(), "rendering the report's pages"));
      }
    } finally {
      // After a failure the pages still queued are not rendered; those being rendered end on their own.
      pool.shutdownNow();
    }
  }

  /**
   * Pages a render thread may be ahead of the sink: enough to keep it busy while the sink writes,
   * and while the first page, the index (about a second at 5,000 enterprises, for its rankings and
   * what-if data), holds the sink. A scorecard is about 40 KB of text, a group's with many members
   * up to a megabyte.
   */
  private static final int PAGES_AHEAD_PER_THREAD = 32;

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
