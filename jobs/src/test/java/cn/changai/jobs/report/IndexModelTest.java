package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.changai.jobs.report.IndexModel.Headline;
import cn.changai.jobs.report.IndexModel.RankRow;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The index page's model on the hand-worked period of {@link HandFixture}. */
class IndexModelTest {

  private static IndexModel index(PeriodData data) {
    return IndexModel.build(new ReportContext(data, 10));
  }

  @Test
  void rankingsListRankedUnitsByRankThenTheUnranked() {
    IndexModel m = index(HandFixture.period());
    assertThat(m.enterprises().rows()).extracting(r -> r.unit().id()).containsExactly("ENT1", "GRP1", "GRP2", "ENT2");
    assertThat(m.groups().rows()).extracting(r -> r.unit().id()).containsExactly("GRP1", "GRP2");
    RankRow first = m.enterprises().rows().get(0);
    assertThat(first.unit().path()).isEqualTo("units/ENT1.html");
    assertThat(first.industry()).isEqualTo("automotive");
    assertThat(first.change()).isEqualTo(1);
    assertThat(m.groups().rows().get(0).unit().path()).isEqualTo("units/GRP1-group.html");
    assertThat(m.industries()).containsExactly("automotive", "biomedicine");
    assertThat(m.unranked()).isEmpty();
  }

  @Test
  void aPeriodWhoseEverySubmissionWasRefusedSaysSoOnceAndListsTheRefusals() {
    // Two submissions of 2026H1, both refused: ingest wrote refusals and nothing after them.
    PeriodData refused = new PeriodData("2026H1", List.of(), List.of(), List.of(), List.of(),
        List.of(new PeriodData.RejectedSubmissionRow("ENT1", "file:/in/2026H1/ENT1", "MISSING_FILE", "workers.csv is missing"),
            new PeriodData.RejectedSubmissionRow("ENT2", "file:/in/2026H1/ENT2", "BAD_FIELD", "industry 'x' is not a code")),
        List.of(), List.of(), Set.of(PeriodData.INDICATOR_VALUES, PeriodData.SCORES, PeriodData.SKILL_DISTRIBUTION,
            PeriodData.ENTERPRISES));
    assertThat(refused.everyRefused()).isTrue();
    IndexModel m = index(refused);
    assertThat(m.everyRefused()).isTrue();
    assertThat(m.missingTables()).isEmpty();
    assertThat(m.submissionsAccepted()).isZero();
    assertThat(m.submissionsRejected()).isEqualTo(2);
    String page = IndexPage.render(m);
    assertThat(page).contains("接收报送 0 份，拒收 2 份", "本期报送全部被拒收", "href=\"quality.html#submissions\"")
        .doesNotContain("本期缺少数据表", "全系统概况", "集团排名", "技能等级分布");
    String quality = QualityPage.render(QualityModel.build(new ReportContext(refused, 10)));
    assertThat(quality).contains("本期报送全部被拒收", "MISSING_FILE", "BAD_FIELD", "id=\"submissions\"")
        .doesNotContain("本期缺少数据表");
    ReportResult result = new ReportResult("r", List.of(new ReportResult.PeriodReport("2026H1", "/w/reports/2026H1", 3, 0, 0,
        ScorecardModel.missing(refused), refused.everyRefused())), 1);
    assertThat(result.format()).endsWith("  note: every submission of period 2026H1 was refused; its pages list why\n")
        .doesNotContain("has no data");

    // Tables missing without a refusal are a fault of the warehouse, and said table by table.
    PeriodData lacking = new PeriodData("2026H1", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        Set.of(PeriodData.INDICATOR_VALUES, PeriodData.ENTERPRISES));
    assertThat(lacking.everyRefused()).isFalse();
    assertThat(IndexPage.render(index(lacking))).contains("本期缺少数据表").doesNotContain("本期报送全部被拒收");
  }

  @Test
  void headlinesComeFromTheSystemRows() {
    IndexModel m = index(HandFixture.period());
    assertThat(m.headlines()).extracting(h -> h.indicator().id()).containsExactly("A02", "B05", "C02", "B04", "B03", "D04");
    Headline a02 = m.headlines().get(0);
    assertThat(a02.value()).isCloseTo(21.538, within(1e-3));
    assertThat(a02.denominator()).isEqualTo(260.0);
    Headline c02 = m.headlines().get(2);
    assertThat(c02.value()).isEqualTo(75.0);
    assertThat(c02.target().value()).isEqualTo(100.0);
    // No system row for B04: no value, not suppressed.
    assertThat(m.headlines().get(3).value()).isNull();
    assertThat(m.headlines().get(3).suppressed()).isFalse();
    assertThat(m.submissionsAccepted()).isEqualTo(4);
    assertThat(m.submissionsRejected()).isEqualTo(1);
  }

  @Test
  void aLowBaseSystemFigureIsSuppressed() {
    PeriodData base = HandFixture.period();
    List<IndicatorRow> rows = new ArrayList<>(base.indicators());
    rows.replaceAll(r -> r.unitLevel().equals("system") && r.indicatorId().equals("A02")
        ? new IndicatorRow("system", "all", "全系统", "A02", 4.0, 8.0, 50.0, true, 1, 1, "1", "run-1") : r);
    IndexModel m = index(new PeriodData(base.period(), rows, base.scores(), base.skills(), base.enterprises(),
        base.rejectedSubmissions(), base.rejectedRows(), base.warnings(), Set.of()));
    Headline a02 = m.headlines().get(0);
    assertThat(a02.suppressed()).isTrue();
    assertThat(a02.value()).isNull();
    assertThat(a02.numerator()).isNull();
    String page = IndexPage.render(m);
    assertThat(page).contains("不予公开").doesNotContain("4 / 8");
  }

  @Test
  void withoutScoresTheIndexHasNoRankingButANoteAndLinksToEveryScorecard() {
    PeriodData base = HandFixture.period();
    PeriodData data = new PeriodData(base.period(), base.indicators(), List.of(), base.skills(), base.enterprises(),
        base.rejectedSubmissions(), base.rejectedRows(), base.warnings(), Set.of(PeriodData.SCORES));
    IndexModel m = index(data);
    assertThat(m.groups().present()).isFalse();
    assertThat(m.unranked()).extracting(UnitLink::path).containsExactly("units/GRP1-group.html", "units/GRP2-group.html",
        "units/ENT1.html", "units/ENT2.html", "units/GRP1.html", "units/GRP2.html");
    String page = IndexPage.render(m);
    assertThat(page).contains("本期缺少数据表").contains("Table scores is missing for this period")
        .contains("暂无排名").doesNotContain("<table id=\"ranking-");
    // Scorecards still render, without a standing.
    String card = ReportSite.pages(data, 10).get("units/ENT1.html");
    assertThat(card).contains("本期未评分").contains("指标明细");
  }

  @Test
  void theRenderedRankingHasOneRowPerScoredUnitAndTheFilter() {
    String page = IndexPage.render(index(HandFixture.period()));
    assertThat(page.split("<tr data-industry=", -1).length - 1).isEqualTo(6);
    assertThat(page).contains("<select id=\"industry-filter\">")
        .contains("<option value=\"automotive\">汽车 automotive</option>")
        .contains("不稳定")
        .contains("↑1").contains("↓1");
  }

  @Test
  void anUnrankedUnitIsNamedSoInTheRankingWithItsReason() {
    PeriodData base = HandFixture.period();
    String reason = "screened out: usable values: 2 of 7 indicators (at least 5 needed)";
    List<PeriodData.ScoreRow> scores = new ArrayList<>(base.scores());
    scores.replaceAll(s -> s.unitId().equals("ENT2") && s.scope().equals("enterprises")
        ? new PeriodData.ScoreRow(s.scope(), s.unitLevel(), s.unitId(), s.unitName(), null, null, null, null, null, null,
            null, null, null, null, null, false, List.of(), s.method(), reason)
        : s);
    String page = IndexPage.render(index(new PeriodData(base.period(), base.indicators(), scores, base.skills(),
        base.enterprises(), base.rejectedSubmissions(), base.rejectedRows(), base.warnings(), Set.of())));
    String row = page.substring(page.indexOf("data-unit=\"ENT2\""));
    row = row.substring(0, row.indexOf("</tr>"));
    assertThat(row).contains(">未排名</span>", "title=\"not ranked\"", reason).doesNotContain("未评级");
  }

  @Test
  void aHeadlineShortOfItsTargetSaysByHowManyPercentagePoints() {
    // The system's C02 is 3 of 4, 75%, against the policy's 100%: 25 points short, not "25%".
    String page = IndexPage.render(index(HandFixture.period()));
    assertThat(page).contains("目标 100%").contains(">差 25.0 个百分点<").doesNotContain("差 25.0%");
  }
}
