package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Pages rendered on several threads reach the sink in order, on the caller's thread, and as each renders alone. */
class ReportSiteTest {

  @Test
  void pagesArriveInOrderAndEachIsThePageRenderedAlone() {
    PeriodData data = SampleFixture.periods().get(1);
    Map<String, String> pages = ReportSite.pages(data, 10);

    ReportContext ctx = new ReportContext(data, 10);
    String run = data.indicators().get(0).runId();
    List<String> expectedOrder = new ArrayList<>(List.of(ReportSite.INDEX, ReportSite.QUALITY, ReportSite.AUDIT));
    ctx.groups().forEach(u -> expectedOrder.add(u.path()));
    ctx.enterprises().forEach(u -> expectedOrder.add(u.path()));
    assertThat(pages.keySet()).containsExactlyElementsOf(expectedOrder);
    assertThat(ctx.groups()).isNotEmpty();

    // Each scorecard, rendered here alone on this thread, is the same text.
    for (UnitLink unit : ctx.groups()) {
      assertThat(pages.get(unit.path())).as(unit.path()).isEqualTo(PrintStyle.withHeader(
          ScorecardPage.render(ScorecardModel.build(new ReportContext(data, 10), unit)), unit.name() + "（集团合并 group）",
          data.period(), run));
    }
    for (UnitLink unit : ctx.enterprises()) {
      assertThat(pages.get(unit.path())).as(unit.path()).isEqualTo(PrintStyle.withHeader(
          ScorecardPage.render(ScorecardModel.build(new ReportContext(data, 10), unit)), unit.name(), data.period(), run));
    }
    assertThat(pages.get(ReportSite.QUALITY)).isEqualTo(PrintStyle.withHeader(
        QualityPage.render(QualityModel.build(new ReportContext(data, 10))), "数据质量 Data quality", data.period(), run));
  }

  @Test
  void theSinkIsCalledOnTheCallersThreadInOrder() throws IOException {
    List<ReportSite.Page> pages = new ArrayList<>();
    List<String> renderedOn = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 200; i++) {
      String html = "page " + i;
      pages.add(new ReportSite.Page("p" + i, () -> {
        renderedOn.add(Thread.currentThread().getName());
        return html;
      }));
    }
    List<String> got = new ArrayList<>();
    Thread caller = Thread.currentThread();
    ReportSite.renderInOrder(pages, (path, html) -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      got.add(path + "=" + html);
    });
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      expected.add("p" + i + "=page " + i);
    }
    assertThat(got).containsExactlyElementsOf(expected);
    assertThat(renderedOn).hasSize(200).allMatch(name -> name.startsWith("report-render-"));
  }

  @Test
  void aPageThatFailsToRenderFailsTheWholeAfterThePagesBeforeIt() {
    List<ReportSite.Page> pages = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      pages.add(new ReportSite.Page("p" + i, () -> {
        if (n == 7 || n == 30) {
          throw new IllegalArgumentException("not an element or attribute name: page " + n);
        }
        return "page " + n;
      }));
    }
    List<String> got = new ArrayList<>();
    assertThatThrownBy(() -> ReportSite.renderInOrder(pages, (path, html) -> got.add(path)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not an element or attribute name: page 7");
    assertThat(got).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6");
  }

  @Test
  void aSinkThatFailsStopsTheRender() {
    List<ReportSite.Page> pages = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String html = "page " + i;
      pages.add(new ReportSite.Page("p" + i, () -> html));
    }
    List<String> got = new ArrayList<>();
    assertThatThrownBy(() -> ReportSite.renderInOrder(pages, (path, html) -> {
      if (path.equals("p3")) {
        throw new IOException("disk full");
      }
      got.add(path);
    })).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(got).containsExactly("p0", "p1", "p2");
  }
}
