package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.score.Normalisation;
import cn.changai.indicators.score.Sensitivity;
import cn.changai.indicators.score.Weights;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.score.ScoreJob;
import cn.changai.jobs.score.ScoreSettings;
import cn.changai.jobs.testing.SampleRun;
import cn.changai.jobs.testing.TableSnapshot;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages of the real sample run (ingest, compute, score and report on sample-data/inbox) in
 * headless Chromium at 1280 px: no console errors, the rankings as long as the sample says, CJK
 * text in a CJK font, no horizontal scroll.
 */
@Tag("browser")
class SampleRunBrowserTest {

  @TempDir static Path tmp;
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
    // At a desktop's width every column of both rankings is in view, not scrolled out of its box:
    // the sample's one unranked enterprise had its reason in the tier cell, which stretched that
    // column to the reason's length on one line and hid parts A-D and the rest.
    assertThat(tablesScrolledInTheirBox()).isEmpty();
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
    assertThat(tablesScrolledInTheirBox()).isEmpty();
    assertThat(errors()).isEmpty();

    // An enterprise's scorecard: the indicators' policy targets ran out of view.
    chromium.open(reports.resolve("units/913100002Q787L00BW.html").toUri().toString(), 1280, 900, false);
    assertThat(tablesScrolledInTheirBox()).isEmpty();
  }

  /**
   * The tables whose box scrolls sideways: at a desktop's width (1,280 px) every column should be
   * in view; on a phone a table scrolls in its own box, as it should.
   */
  private static String tablesScrolledInTheirBox() throws Exception {
    return chromium.evaluate("[...document.querySelectorAll('.table-wrap')].filter(b => b.scrollWidth > b.clientWidth)"
        + ".map(b => b.querySelector('table').id + ' ' + b.scrollWidth + ' > ' + b.clientWidth).join('; ')").asText();
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
    assertThat(tablesScrolledInTheirBox()).isEmpty();
    assertThat(errors()).isEmpty();
  }

  /**
   * The what-if panel against the score job: with the published weights the page reproduces every
   * scope's published composites (6 decimals), ranks and tiers; with other weights typed in, what
   * {@code score} publishes under those weights in a weights file.
   */
  @Test
  void theWhatIfPanelRecomputesWhatTheScoreJobPublishes() throws Exception {
    chromium.open(reports.resolve("index.html").toUri().toString(), 1280, 900, false);
    Map<String, Map<String, List<Object>>> published = publishedScores(SampleRun.warehouse());
    assertThat(published.keySet()).contains("groups", "enterprises").anyMatch(s -> s.startsWith("industry:"));
    assertThat(pageScopes()).containsExactlyElementsOf(published.keySet());
    for (String scope : published.keySet()) {
      assertThat(pageRows(scope)).as(scope).isEqualTo(published.get(scope));
      assertThat(pageUnits(scope)).as(scope).isEqualTo(publishedUnits(SampleRun.warehouse(), scope));
    }
    assertThat(errors()).isEmpty();

    // Other weights: part A three times, C half, D twice; A02 double, B03 out, C04 four times.
    String yaml = "version: what-if-test\nparts: {A: 3, B: 1, C: 0.5, D: 2}\nindicators: {A02: 2, B03: 0, C04: 4}\n";
    SparkSession spark = SharedSpark.session();
    // Scored again in a copy: the sample run is shared with other test classes.
    Path copy = tmp.resolve("reweighted");
    TableSnapshot.copy(SampleRun.warehouse(), copy);
    Warehouse warehouse = new Warehouse(copy.toString(), spark.sparkContext().hadoopConfiguration());
    new ScoreJob(spark, warehouse, new ScoreSettings(Set.of("2025"), Weights.parse("w.yaml", yaml), "w.yaml",
        Normalisation.MINMAX, 0, Sensitivity.DEFAULT_SEED), "r2").run();
    Map<String, Map<String, List<Object>>> reweighted = publishedScores(copy);
    assertThat(reweighted).isNotEqualTo(published);
    chromium.evaluate("(function () {"
        + " function set(sel, v) { var i = document.querySelector(sel); i.value = v;"
        + "   i.dispatchEvent(new Event('input', {bubbles: true})); }"
        + " set('#whatif-part-A', '3'); set('#whatif-part-C', '0.5'); set('#whatif-part-D', '2');"
        + " set('#whatif-ind-A02', '2'); set('#whatif-ind-B03', '0'); set('#whatif-ind-C04', '4'); return true; })()");
    for (String scope : reweighted.keySet()) {
      assertThat(pageRows(scope)).as(scope).isEqualTo(reweighted.get(scope));
    }
    chromium.screenshot(Path.of("target", "screenshots", "sample-whatif-1280.png"), 1280);
    // A part of weight 0 is out of every score: its part score is null (—), as the score job
    // publishes it, not the mean of its indicators.
    Path partless = tmp.resolve("part-b-zero");
    TableSnapshot.copy(SampleRun.warehouse(), partless);
    new ScoreJob(spark, new Warehouse(partless.toString(), spark.sparkContext().hadoopConfiguration()),
        new ScoreSettings(Set.of("2025"), Weights.parse("w.yaml", "version: what-if-b0\nparts: {B: 0}\n"), "w.yaml",
            Normalisation.MINMAX, 0, Sensitivity.DEFAULT_SEED), "r3").run();
    Map<String, Map<String, List<Object>>> withoutB = publishedScores(partless);
    chromium.evaluate("document.getElementById('whatif-reset').click(), true");
    chromium.evaluate("(function () { var i = document.querySelector('#whatif-part-B'); i.value = '0';"
        + " i.dispatchEvent(new Event('input', {bubbles: true})); return true; })()");
    for (String scope : withoutB.keySet()) {
      assertThat(pageRows(scope)).as(scope).isEqualTo(withoutB.get(scope));
    }
    // Reset brings back the published ranking.
    chromium.evaluate("document.getElementById('whatif-reset').click(), true");
    assertThat(pageRows("groups")).isEqualTo(published.get("groups"));
    // Weights are relative: four parts of 1e308 (their sum is infinite) rank as the published equal weights.
    chromium.evaluate("(function () {"
        + " function set(sel, v) { var i = document.querySelector(sel); i.value = v;"
        + "   i.dispatchEvent(new Event('input', {bubbles: true})); }"
        + " ['A', 'B', 'C', 'D'].forEach(function (p) { set('#whatif-part-' + p, '1e308'); }); return true; })()");
    assertThat(pageRows("groups")).isEqualTo(published.get("groups"));
    assertThat(pageRows("enterprises")).isEqualTo(published.get("enterprises"));
    chromium.evaluate("document.getElementById('whatif-reset').click(), true");
    // At phone width the panel's table scrolls in its own box, never the page.
    chromium.open(reports.resolve("index.html").toUri().toString(), 375, 800, true);
    assertThat(chromium.evaluate("document.documentElement.scrollWidth > window.innerWidth").asBoolean()).isFalse();
    assertThat(errors()).isEmpty();
  }

  /** The period's scores as the page should show them: per scope, per unit: composite (6 decimals), rank, tier, parts. */
  private static Map<String, Map<String, List<Object>>> publishedScores(Path warehouse) {
    Map<String, Map<String, List<Object>>> out = new java.util.TreeMap<>();
    for (org.apache.spark.sql.Row r : SharedSpark.session().read().parquet(warehouse.resolve("tables/scores").toString())
        .filter("period = '2025'").select("scope", "unit_id", "composite", "rank", "tier", "part_a", "part_b", "part_c",
            "part_d").collectAsList()) {
      List<String> parts = new java.util.ArrayList<>();
      for (int i = 5; i < 9; i++) {
        parts.add(r.isNullAt(i) ? "" : six(Double.toString(r.getDouble(i))).toPlainString());
      }
      out.computeIfAbsent(r.getString(0), k -> new java.util.TreeMap<>()).put(r.getString(1), java.util.Arrays.asList(
          r.isNullAt(2) ? null : six(Double.toString(r.getDouble(2))),
          r.isNullAt(3) ? null : r.getInt(3), r.isNullAt(4) ? null : r.getString(4), String.join(",", parts)));
    }
    return out;
  }

  private static List<String> pageScopes() throws Exception {
    List<String> scopes = new java.util.ArrayList<>();
    chromium.evaluate("Array.from(document.querySelectorAll('#whatif-scope option')).map(o => o.value)")
        .forEach(n -> scopes.add(n.asText()));
    return scopes.stream().sorted().toList();
  }

  /** The what-if table of a scope, read from the page: per unit: composite (6 decimals), rank, tier, parts. */
  private static Map<String, List<Object>> pageRows(String scope) throws Exception {
    String js = "(function () { var s = document.getElementById('whatif-scope'); s.value = " + quote(scope) + ";"
        + " s.dispatchEvent(new Event('change')); return Array.from(document.querySelectorAll('#whatif-table tbody tr'))"
        + ".map(r => [r.getAttribute('data-unit'), r.getAttribute('data-composite'), r.getAttribute('data-rank'),"
        + " r.getAttribute('data-tier'), r.getAttribute('data-parts')]); })()";
    Map<String, List<Object>> rows = new java.util.TreeMap<>();
    for (var row : chromium.evaluate(js)) {
      String composite = row.get(1).asText();
      String rank = row.get(2).asText();
      String tier = row.get(3).asText();
      List<String> parts = new java.util.ArrayList<>();
      for (String part : row.get(4).asText().split(",", -1)) {
        parts.add(part.isEmpty() ? "" : six(part).toPlainString());
      }
      rows.put(row.get(0).asText(), java.util.Arrays.asList(composite.isEmpty() ? null : six(composite),
          rank.isEmpty() ? null : Integer.parseInt(rank), tier.isEmpty() ? null : tier, String.join(",", parts)));
    }
    return rows;
  }

  /**
   * The columns of a scope's what-if table that come from the published scores: per unit, the name,
   * its link, and its published rank and composite in that scope, as the page writes them.
   */
  private static Map<String, List<String>> publishedUnits(Path warehouse, String scope) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    for (org.apache.spark.sql.Row r : SharedSpark.session().read().parquet(warehouse.resolve("tables/scores").toString())
        .filter("period = '2025'").filter(org.apache.spark.sql.functions.col("scope").equalTo(scope))
        .select("unit_id", "unit_level", "unit_name", "rank", "composite").collectAsList()) {
      String id = r.getString(0);
      boolean ranked = !r.isNullAt(3);
      out.put(id, List.of(r.getString(2), "units/" + id + ("group".equals(r.getString(1)) ? "-group" : "") + ".html",
          ranked ? String.valueOf(r.getInt(3)) : "—",
          ranked ? new java.math.BigDecimal(r.getDouble(4)).setScale(2, java.math.RoundingMode.HALF_UP)
              .toPlainString() : "—"));
    }
    return out;
  }

  /** The what-if table of a scope, read from the page: per unit, the name, its link, the published rank and composite. */
  private static Map<String, List<String>> pageUnits(String scope) throws Exception {
    String js = "(function () { var s = document.getElementById('whatif-scope'); s.value = " + quote(scope) + ";"
        + " s.dispatchEvent(new Event('change')); return Array.from(document.querySelectorAll('#whatif-table tbody tr'))"
        + ".map(r => { var a = r.cells[1].querySelector('a'); return [r.getAttribute('data-unit'), r.cells[1].textContent,"
        + " a ? a.getAttribute('href') : '', r.cells[8].textContent, r.cells[9].textContent]; }); })()";
    Map<String, List<String>> rows = new java.util.TreeMap<>();
    for (var row : chromium.evaluate(js)) {
      rows.put(row.get(0).asText(), List.of(row.get(1).asText(), row.get(2).asText(), row.get(3).asText(),
          row.get(4).asText()));
    }
    return rows;
  }

  /** A number to 6 decimals, the precision scores are stored and compared at. */
  private static java.math.BigDecimal six(String number) {
    return new java.math.BigDecimal(number).setScale(6, java.math.RoundingMode.HALF_UP);
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Printing: the print rules are in the page, and Chromium prints an enterprise's scorecard (the
   * sample's longest, with suppressed values and notes) on at most two A4 pages and a group's on at
   * most three. The PDFs are kept in target/screenshots to look at.
   */
  @Test
  void scorecardsPrintOnTwoA4Pages() throws Exception {
    for (String unit : List.of("91310000HQUH9XP5U4", "913100004EGYLCJ3YE-group")) {
      chromium.open(reports.resolve("units/" + unit + ".html").toUri().toString(), 1280, 900, false);
      assertThat(chromium.evaluate("Array.from(document.styleSheets).some(s => Array.from(s.cssRules)"
          + ".some(r => r.media && r.media.mediaText === 'print'))").asBoolean()).isTrue();
      byte[] pdf = java.util.Base64.getDecoder().decode(chromium.call("Page.printToPDF",
          Map.of("preferCSSPageSize", true, "printBackground", true)).path("data").asText());
      java.nio.file.Files.createDirectories(Path.of("target", "screenshots"));
      java.nio.file.Files.write(Path.of("target", "screenshots", "print-" + unit + ".pdf"), pdf);
      String text = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
      // A4 is 595 x 842 points; each page object is "/Type /Page" (the tree is "/Type /Pages").
      assertThat(text).containsPattern("/MediaBox \\[0 0 59[45]\\.\\d+ 84[12]\\.\\d+\\]");
      // An enterprise's scorecard on at most two pages (the bound); a group's has its
      // member list and the member heatmap besides, at most one page more. Where a page breaks
      // moves with the catalogue (a column more wraps rows less), so the bound is the test.
      assertThat(java.util.regex.Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count()).as(unit)
          .isBetween(1L, unit.endsWith("-group") ? 3L : 2L);
    }
    assertThat(errors()).isEmpty();
  }

  @Test
  void noPageOrWorkbookOfTheSampleRunShowsAServerPath() throws Exception {
    String inbox = Path.of("../sample-data/inbox").toAbsolutePath().normalize().toString();
    String quality = java.nio.file.Files.readString(reports.resolve("quality.html"));
    assertThat(quality).contains("2025/913100005NUUXG9NC9").doesNotContain(inbox).doesNotContain("file:");
    // sample-data/README.md: 2,845 rows read in 2025's accepted submissions; one refused whole,
    // whose rows the cards do not count (the run's summary does) and say so.
    assertThat(quality).contains("已接收报送读取 2,845 行 · read 2,845 in accepted submissions")
        .contains("不含整份拒收报送的行 · rows of refused submissions not counted");
    try (var files = java.nio.file.Files.walk(reports)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".csv")).toList()) {
        assertThat(java.nio.file.Files.readString(file)).as(file.toString()).doesNotContain(inbox);
      }
    }
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(reports.resolve("changai-2025.xlsx").toFile())) {
      for (var sheet : wb) {
        for (var row : sheet) {
          for (var cell : row) {
            assertThat(cell.toString()).doesNotContain(inbox).doesNotContain("file:");
          }
        }
      }
    }
  }

  private static List<String> errors() {
    return chromium.errors();
  }
}
