package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.Catalogue;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.testing.SampleRun;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pages of the real sample run (ingest, compute, score and report on sample-data/inbox) in
 * headless Chromium at 1280 px: no console errors, the rankings as long as the sample says, CJK
 * text in a CJK font, no horizontal scroll.
 */
@Tag("browser")
class SampleRunBrowserTest {

  private static HeadlessChromium chromium;
  private static Path reports;

  @BeforeAll
  static void runTheSamplePipelineAndStartChromium() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.isAvailable(), "no chromium: browser test skipped");
    SparkSession spark = SharedSpark.session();
    // The shared sample run (ingest, compute, score): its reports are made here.
    Path root = SampleRun.warehouse();
    Warehouse warehouse = new Warehouse(root.toString(), spark.sparkContext().hadoopConfiguration());
    new ReportJob(spark, warehouse, new TreeSet<>(List.of("2024", "2025")), 10, "r1").run();
    reports = root.resolve("reports/2025");
    chromium = HeadlessChromium.startForPages();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theIndexAndAScorecardOfTheSampleRunLookRight() throws Exception {
    chromium.open(reports.resolve("index.html").toUri().toString(), 1280, 900, false);
    chromium.screenshot(Path.of("target", "screenshots", "sample-index-1280.png"), 1280);
    // sample-data/README.md: 15 accepted enterprises in 2025, in three groups.
    assertThat(chromium.evaluate("document.querySelectorAll('#ranking-enterprises tbody tr').length").asInt()).isEqualTo(15);
    assertThat(chromium.evaluate("document.querySelectorAll('#ranking-groups tbody tr').length").asInt()).isEqualTo(3);
    assertThat(chromium.evaluate("document.documentElement.scrollWidth > window.innerWidth").asBoolean()).isFalse();
    assertThat(chromium.platformFonts("h1")).anyMatch(f -> f.contains("CJK"));
    assertThat(errors()).isEmpty();

    // 上海华谊电子集团: the group with the three-level tree.
    chromium.open(reports.resolve("units/913100004EGYLCJ3YE-group.html").toUri().toString(), 1280, 900, false);
    chromium.screenshot(Path.of("target", "screenshots", "sample-group-1280.png"), 1280);
    assertThat(chromium.evaluate("document.getElementById('unit-name').textContent").asText()).isEqualTo("上海华谊电子集团有限公司");
    assertThat(chromium.evaluate("document.querySelectorAll('#indicators tbody tr[data-indicator]').length").asInt()).isEqualTo(Catalogue.all().size());
    assertThat(chromium.evaluate("document.documentElement.scrollWidth > window.innerWidth").asBoolean()).isFalse();
    // Its member heatmap: the group's enterprises as rows (the headquarters among them).
    assertThat(chromium.evaluate("document.querySelectorAll('#heatmap-members tbody tr').length").asInt()).isGreaterThan(1);
    assertThat(errors()).isEmpty();
  }

  @Test
  void theAuditPageOfTheSampleRun() throws Exception {
    chromium.open(reports.resolve("audit.html").toUri().toString(), 1280, 900, false);
    chromium.screenshot(Path.of("target", "screenshots", "sample-audit-1280.png"), 1280);
    // Every catalogue indicator at both levels, and 嘉定分公司 listed as not ranked (sample-data/README.md).
    assertThat(chromium.evaluate("document.querySelectorAll('#stats-enterprise tbody tr').length").asInt())
        .isEqualTo(Catalogue.all().size());
    assertThat(chromium.evaluate("document.querySelectorAll('#stats-group tbody tr').length").asInt())
        .isEqualTo(Catalogue.all().size());
    assertThat(chromium.evaluate("document.getElementById('unranked').nextElementSibling.textContent").asText())
        .contains("嘉定分公司").contains("too few usable values");
    assertThat(chromium.evaluate("document.documentElement.scrollWidth > window.innerWidth").asBoolean()).isFalse();
    assertThat(errors()).isEmpty();
  }

  private static List<String> errors() {
    return chromium.errors();
  }
}
