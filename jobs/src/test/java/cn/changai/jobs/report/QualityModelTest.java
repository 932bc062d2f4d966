package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.ingest.ReasonCode;
import cn.changai.jobs.report.QualityModel.FindingGroup;
import cn.changai.jobs.report.QualityModel.Submission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data-quality page's model on the hand-worked period of {@link HandFixture}. */
class QualityModelTest {

  private final QualityModel m = QualityModel.build(new ReportContext(HandFixture.period(), 10));

  private Submission submission(String id, boolean accepted) {
    return m.submissions().stream().filter(s -> id.equals(s.enterpriseId()) && s.accepted() == accepted).findFirst()
        .orElseThrow();
  }

  @Test
  void everySubmissionIsListedAcceptedOrRefused() {
    assertThat(m.submissions()).extracting(Submission::enterpriseId).containsExactly("ENT1", "ENT2", "ENT9", "GRP1", "GRP2");
    assertThat(m.totals().submissions()).isEqualTo(5);
    assertThat(m.totals().accepted()).isEqualTo(4);
    assertThat(m.totals().refused()).isEqualTo(1);
    assertThat(m.totals().workersRead()).isEqualTo(213);
    assertThat(m.totals().workersRejected()).isEqualTo(3);
    assertThat(m.totals().warnings()).isEqualTo(1);
    Submission refused = submission("ENT9", false);
    assertThat(refused.path()).isEqualTo("2025/ENT9");
    assertThat(refused.rejections()).extracting(QualityModel.Rejection::reasonCode)
        .containsExactly("BAD_ENTERPRISE_ID", "READ_ERROR");
    assertThat(refused.rejections().get(1).reason())
        .isEqualTo("cannot read: java.io.IOException: 2025/ENT9/workers.csv (Permission denied)");
    assertThat(QualityPage.render(m)).contains("2025/ENT9").doesNotContain("/srv/").doesNotContain("file:");
  }

  @Test
  void enterprisesOfThePreviousPeriodThatNeitherSubmittedNorWereRefusedAreListed() {
    // 2024 held ENT1 (here again), ENT9 (refused in 2025: listed as refused, not as absent), ENT5
    // and ENT4 (gone); 2023 and 2024H1 are not this period's previous one.
    History h = History.empty();
    for (String id : List.of("ENT1", "ENT9", "ENT5", "ENT4")) {
      h.addIndicator("2024", "enterprise", id, "A02", 10.0, false);
      h.addEnterprise("2024", id, "企业" + id);
    }
    h.addEnterprise("2023", "ENT3", "企业ENT3");
    h.addEnterprise("2024H1", "ENT6", "企业ENT6");
    QualityModel model = QualityModel.build(new ReportContext(HandFixture.period(), 10, h.window(HandFixture.PERIOD)));
    assertThat(model.previousPeriod()).isEqualTo("2024");
    assertThat(model.absent()).containsExactly(
        new QualityModel.Absent("ENT4", "企业ENT4", "../2024/units/ENT4.html"),
        new QualityModel.Absent("ENT5", "企业ENT5", "../2024/units/ENT5.html"));
    assertThat(QualityPage.render(model)).contains("上期报送、本期未报送", "2024 期有数据、本期既无报送也无拒收的企业 2 家",
        "<a href=\"../2024/units/ENT4.html\"><bdi>企业ENT4</bdi></a>");
    // The index says how many, linking to the list.
    String index = IndexPage.render(IndexModel.build(new ReportContext(HandFixture.period(), 10, h.window(HandFixture.PERIOD))));
    assertThat(index).contains("<a href=\"quality.html#absent\">上期报送、本期未报送 2 家</a>", "2 that reported in 2024 did not");
    // Without a previous period there is nothing to compare with: no section.
    assertThat(m.absent()).isEmpty();
    assertThat(QualityPage.render(m)).doesNotContain("上期报送、本期未报送");
  }

  @Test
  void aSubmissionRefusedForFaultsInTwoFilesIsOneRefusedSubmission() {
    // ENT9 refused for its enterprise.json and its workers.csv: two rows of rejected_submissions,
    // one submission; ENT8's folder name and ENT7's link refused: three. Four accepted, seven in all.
    PeriodData base = HandFixture.period();
    PeriodData data = new PeriodData(base.period(), base.indicators(), base.scores(), base.skills(), base.enterprises(),
        List.of(new PeriodData.RejectedSubmissionRow("ENT9", "file:/srv/in/2025/ENT9/enterprise.json", "BAD_FIELD",
                "industry 'steel' is not an industry code of the contract"),
            new PeriodData.RejectedSubmissionRow("ENT9", "file:/srv/in/2025/ENT9/workers.csv", "MISSING_COLUMN",
                "workers.csv lacks required column hire_date"),
            new PeriodData.RejectedSubmissionRow("ENT8", "file:/srv/in/2025/ENT8", "BAD_ENTERPRISE_ID",
                "folder 'ENT8' is not a valid unified social credit code"),
            // A link inside a sub-folder is refused by its own path, deeper than a contract file.
            new PeriodData.RejectedSubmissionRow("ENT7", "file:/srv/in/2025/ENT7/attachments/passwd", "NOT_REGULAR_FILE",
                "'passwd' is a symbolic link or special file; links are never followed")),
        base.rejectedRows(), base.warnings(), base.missingTables());
    QualityModel quality = QualityModel.build(new ReportContext(data, 10));
    assertThat(quality.totals().submissions()).isEqualTo(7);
    assertThat(quality.totals().refused()).isEqualTo(3);
    List<Submission> refused = quality.submissions().stream().filter(s -> !s.accepted()).toList();
    assertThat(refused).extracting(Submission::enterpriseId).containsExactly("ENT7", "ENT8", "ENT9");
    assertThat(refused.get(0).path()).isEqualTo("2025/ENT7");
    assertThat(refused.get(0).rejections()).extracting(QualityModel.Rejection::file).containsExactly("attachments/passwd");
    Submission ent9 = refused.get(2);
    assertThat(ent9.path()).isEqualTo("2025/ENT9");
    assertThat(ent9.rejections()).extracting(QualityModel.Rejection::file).containsExactly("enterprise.json", "workers.csv");
    // The file is named once: before a reason that does not name it, not again in one that does.
    assertThat(ent9.rejections()).extracting(QualityModel.Rejection::text).containsExactly(
        "enterprise.json: industry 'steel' is not an industry code of the contract",
        "workers.csv lacks required column hire_date");
    assertThat(refused.get(1).rejections()).extracting(QualityModel.Rejection::file).containsExactly((String) null);
    assertThat(IndexModel.build(new ReportContext(data, 10)).submissionsRejected()).isEqualTo(3);
  }

  @Test
  void aRefusedFolderNameShowsItsControlAndBidiCharactersAsEscapes() {
    // A folder named a<U+202E>b (a right-to-left override: the page showed what follows it reversed)
    // and one starting with ESC, holding a file with U+2066, as ingest stores them (masked, else
    // raw). The console and the warnings' file names write them as escapes; the page and the
    // workbook showed them raw (2026-12-07).
    PeriodData base = HandFixture.period();
    PeriodData data = new PeriodData(base.period(), base.indicators(), base.scores(), base.skills(), base.enterprises(),
        List.of(new PeriodData.RejectedSubmissionRow("a\u202Eb", "file:/srv/in/2025/a\u202Eb", "BAD_ENTERPRISE_ID",
                "folder 'a\\u202Eb' is not a valid unified social credit code"),
            new PeriodData.RejectedSubmissionRow("\u001B[31mred", "file:/srv/in/2025/\u001B[31mred/evil\u2066.csv",
                "NOT_REGULAR_FILE", "'evil\\u2066.csv' is a symbolic link or special file; links are never followed")),
        base.rejectedRows(), base.warnings(), base.missingTables());
    QualityModel quality = QualityModel.build(new ReportContext(data, 10));
    List<Submission> refused = quality.submissions().stream().filter(s -> !s.accepted()).toList();
    assertThat(refused).extracting(Submission::enterpriseId).containsExactly("\\u001B[31mred", "a\\u202Eb");
    assertThat(refused).extracting(Submission::path).containsExactly("2025/\\u001B[31mred", "2025/a\\u202Eb");
    assertThat(refused.get(0).rejections()).extracting(QualityModel.Rejection::file).containsExactly("evil\\u2066.csv");
    String page = QualityPage.render(quality);
    assertThat(page).doesNotContain("\u202E").doesNotContain("\u001B").doesNotContain("\u2066")
        .contains("<code>2025/a\\u202Eb</code>");
  }

  @Test
  void rowFindingsAreGroupedWithLinesAndWithoutTheirText() {
    Submission ent1 = submission("ENT1", true);
    assertThat(ent1.workersAccepted()).isEqualTo(42);
    assertThat(ent1.rejectedRows()).containsExactly(
        new FindingGroup("BAD_DATE", "workers.csv", "hire_date", 2, List.of(5, 7), null),
        new FindingGroup("DUPLICATE_ID", "workers.csv", "worker_id", 1, List.of(9), null));
    // A finding about a file, not a data row, keeps its text.
    assertThat(ent1.warnings()).containsExactly(
        new FindingGroup("IGNORED_FILE", "说明.txt", null, 1, List.of(), "file 说明.txt <i>ignored</i>"));
    String page = QualityPage.render(m);
    assertThat(page).doesNotContain("2025-13-40").doesNotContain("E0260").contains("5, 7")
        .contains("日期无效").contains("编号重复");
  }

  @Test
  void lineNumbersAreCappedAndTheCountTellsTheRest() {
    List<PeriodData.IssueRow> many = new ArrayList<>();
    for (int line = 2; line < 40; line++) {
      many.add(new PeriodData.IssueRow("E", "workers.csv", line, "frontline", "BAD_BOOLEAN", "frontline maybe"));
    }
    FindingGroup g = QualityModel.group(many).get(0);
    assertThat(g.count()).isEqualTo(38);
    assertThat(g.lines()).hasSize(QualityModel.LINES_SHOWN).startsWith(2, 3);
  }

  @Test
  void everyReasonCodeHasAChineseName() {
    for (ReasonCode code : ReasonCode.values()) {
      assertThat(Labels.hasChinese(code)).as(code.name()).isTrue();
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
    "+40.0%, beyond ±30%|+40.0%，超出 ±30%",
    "-27.7 points, beyond ±20|-27.7 个百分点，超出 ±20 个百分点",
    "×6.7, beyond ×3 either way|×6.7，超出 ×3（增或减）",
    "×0.0001, beyond ×2.5|×0.0001，超出 ×2.5",
    "fell to 0 from at least 10|降至 0（上期不少于 10）",
    "something else|"})
  void everyFormOfAPlausibilityChangeHasItsChinese(String change, String chinese) {
    assertThat(PlausibilityLine.changeChinese(change)).isEqualTo(chinese);
  }

  @Test
  void plausibilityWarningsHaveASectionWithTheValuesBeforeAndAfter() {
    PeriodData base = HandFixture.period();
    List<PeriodData.IssueRow> warnings = new ArrayList<>(base.warnings());
    warnings.add(new PeriodData.IssueRow("ENT1", "workers.csv", null, "industrial_worker", "HEADCOUNT_JUMP",
        "industrial workers 100 in 2024, 140 in 2025: +40.0%, beyond ±30%"));
    warnings.add(new PeriodData.IssueRow("GRP1", "enterprise.json", null, "innovation_achievements", "FIGURE_TO_ZERO",
        "innovation_achievements 12 in 2024, 0 in 2025: fell to 0 from at least 10"));
    PeriodData data = new PeriodData(base.period(), base.indicators(), base.scores(), base.skills(), base.enterprises(),
        base.rejectedSubmissions(), base.rejectedRows(), warnings, base.missingTables());
    QualityModel quality = QualityModel.build(new ReportContext(data, 10));
    assertThat(quality.plausibility()).extracting(l -> l.enterpriseId() + " " + l.reasonCode() + " " + l.column() + " "
        + l.before() + " " + l.previousPeriod() + " " + l.after() + " " + l.change())
        .containsExactly("ENT1 HEADCOUNT_JUMP industrial_worker 100 2024 140 +40.0%, beyond ±30%",
            "GRP1 FIGURE_TO_ZERO innovation_achievements 12 2024 0 fell to 0 from at least 10");
    // The hand fixture's own warning is no plausibility warning: no section row, and none without them.
    assertThat(m.plausibility()).isEmpty();
    // A row's count is the warnings it lists: ENT1's one of ingest (enterprises.warnings 1) and
    // its plausibility warning, GRP1's plausibility warning alone; the total 1 + 1 + 1.
    assertThat(quality.submissions()).filteredOn(Submission::accepted)
        .extracting(s -> s.enterpriseId() + " " + s.warningCount())
        .containsExactly("ENT1 2", "ENT2 0", "GRP1 1", "GRP2 0");
    assertThat(quality.totals().warnings()).isEqualTo(3);
    ReportContext ctx = new ReportContext(data, 10);
    assertThat(ScorecardModel.build(ctx, ctx.unit(PeriodData.LEVEL_GROUP, "GRP1").orElseThrow()).quality().warnings())
        .as("the group's scorecard counts its members' warnings, plausibility ones too").isEqualTo(3);

    String page = QualityPage.render(quality);
    assertThat(page).contains("<h2 id=\"plausibility\">合理性检查（与上期比较）")
        .contains("<tr data-check=\"HEADCOUNT_JUMP\">")
        .contains("<td class=\"num\">100（2024）</td><td class=\"num\">140</td>")
        .contains("产业工人人数较上期变化过大")
        // The change in Chinese first, the warning's English beside it.
        .contains("<td class=\"wrap\">+40.0%，超出 ±30% <span class=\"en\">+40.0%, beyond ±30%</span></td>")
        .contains("<td class=\"wrap\">降至 0（上期不少于 10） <span class=\"en\">fell to 0 from at least 10</span></td>");
    // The unit's name comes from the submission and is escaped.
    assertThat(page).contains("&lt;b&gt;&amp;&quot;公司</bdi></a>");
    // Two warnings, one of each check: all listed, nothing said of a cut.
    assertThat(page).doesNotContain("plausibility-cut");
  }

  /**
   * Four RATIO_JUMP warnings (ENT1 A02 and B05, GRP1 A02, GRP2 C04), one HEADCOUNT_JUMP (ENT1), one
   * FIGURE_TO_ZERO (GRP1), listed at most two a check: by check in the reason codes' order, then
   * credit code and item, so RATIO_JUMP shows ENT1's two and counts GRP1's and GRP2's as not listed;
   * those stay in their submissions' findings.
   */
  @Test
  void thePlausibilitySectionListsTheFirstWarningsOfEachCheckAndCountsTheRest() {
    PeriodData base = HandFixture.period();
    List<PeriodData.IssueRow> warnings = new ArrayList<>(base.warnings());
    warnings.add(ratio("GRP2", "C04", "C04 achievement conversion 10.0% in 2024, 50.0% in 2025: +40.0 points, beyond ±20"));
    warnings.add(ratio("GRP1", "A02", "A02 party members 40.0% in 2024, 20.0% in 2025: -20.5 points, beyond ±20"));
    warnings.add(ratio("ENT1", "B05", "B05 high skill 45.0% in 2024, 15.0% in 2025: -30.0 points, beyond ±20"));
    warnings.add(ratio("ENT1", "A02", "A02 party members 5.0% in 2024, 30.0% in 2025: +25.0 points, beyond ±20"));
    warnings.add(new PeriodData.IssueRow("GRP1", "enterprise.json", null, "innovation_achievements", "FIGURE_TO_ZERO",
        "innovation_achievements 12 in 2024, 0 in 2025: fell to 0 from at least 10"));
    warnings.add(new PeriodData.IssueRow("ENT1", "workers.csv", null, "industrial_worker", "HEADCOUNT_JUMP",
        "industrial workers 100 in 2024, 140 in 2025: +40.0%, beyond ±30%"));
    PeriodData data = new PeriodData(base.period(), base.indicators(), base.scores(), base.skills(), base.enterprises(),
        base.rejectedSubmissions(), base.rejectedRows(), warnings, base.missingTables());
    QualityModel quality = QualityModel.build(new ReportContext(data, 10));
    assertThat(quality.plausibility()).extracting(l -> l.reasonCode() + " " + l.enterpriseId() + " " + l.column())
        .containsExactly("HEADCOUNT_JUMP ENT1 industrial_worker", "RATIO_JUMP ENT1 A02", "RATIO_JUMP ENT1 B05",
            "RATIO_JUMP GRP1 A02", "RATIO_JUMP GRP2 C04", "FIGURE_TO_ZERO GRP1 innovation_achievements");

    Html h = new Html();
    PlausibilityLine.render(h, quality.plausibility(), "2025", 2);
    String section = h.toString();
    String table = section.substring(section.indexOf("<tbody>"), section.indexOf("</tbody>"));
    assertThat(table.split("<tr ", -1)).hasSize(5);
    assertThat(table).containsSubsequence("data-check=\"HEADCOUNT_JUMP\"", ">industrial_worker<",
        "data-check=\"RATIO_JUMP\"", ">A02<", "5.0%（2024）", "data-check=\"RATIO_JUMP\"", ">B05<", "45.0%（2024）",
        "data-check=\"FIGURE_TO_ZERO\"", ">innovation_achievements<");
    assertThat(table).doesNotContain("40.0%（2024）").doesNotContain("10.0%（2024）").doesNotContain("乙集团");
    String cut = section.substring(section.indexOf("<div class=\"note\" id=\"plausibility-cut\">"), section.indexOf("</div>"));
    assertThat(cut).contains("每类检查只列出前 2 条")
        .contains("<li data-check=\"RATIO_JUMP\"><code>RATIO_JUMP</code> 比例指标较上期变化过大：共 4 条，未列出 2 条 "
            + "<span class=\"en\">4 warnings, 2 not listed</span></li>")
        .contains("href=\"#findings\"")
        .contains("changai sql --warehouse DIR &quot;SELECT enterprise_id, column, reason FROM warnings WHERE period = "
            + "&#39;2025&#39; AND reason_code = &#39;RATIO_JUMP&#39; ORDER BY enterprise_id&quot; --csv");
    // Checks within the limit are not named in the note.
    assertThat(cut).doesNotContain("HEADCOUNT_JUMP").doesNotContain("FIGURE_TO_ZERO");

    // GRP2's warning, not in the section, is still on the page, in GRP2's findings under #findings.
    String page = QualityPage.render(quality);
    String findings = page.substring(page.indexOf("<h2 id=\"findings\">"));
    assertThat(findings).contains("C04 achievement conversion 10.0% in 2024, 50.0% in 2025: +40.0 points, beyond ±20")
        .contains("A02 party members 40.0% in 2024, 20.0% in 2025: -20.5 points, beyond ±20");
  }

  private static PeriodData.IssueRow ratio(String enterprise, String indicator, String reason) {
    return new PeriodData.IssueRow(enterprise, "enterprise.json", null, indicator, "RATIO_JUMP", reason);
  }
}
