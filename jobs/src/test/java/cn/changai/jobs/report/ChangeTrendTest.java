package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.changai.indicators.Part;
import cn.changai.jobs.report.Change.State;
import cn.changai.jobs.report.Change.Verdict;
import cn.changai.jobs.report.History.ScorePoint;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Change since the previous period and trends on the hand-worked period 2025 of
 * {@link HandFixture}, against an earlier history written here by hand.
 *
 * <pre>
 * ENT1 (enterprise)   2023   2024        2025   change 2024 -> 2025
 * A02                 20     25          30     +5.0 points, better
 * A04                 —      20          10     -10.0 points, worse
 * B03                 —      low base    8      none: previous suppressed
 * C05                 —      50          50     0, unchanged
 * B05                 —      (no row)    15     none: absent
 * composite           —      75.5        80     +4.50, better (part A 72 -> 70: -2.00, worse)
 * rank (enterprises)  3      2           1
 * ENT2 A02            —      40          low    none: suppressed now, 40.0% shown for 2024
 * system A02          —      20          56/260*100 = 21.538...: +1.5 points
 * </pre>
 */
class ChangeTrendTest {

  private static History history() {
    History h = History.empty();
    h.addIndicator("2023", "enterprise", "ENT1", "A02", 20.0, false);
    h.addIndicator("2024", "enterprise", "ENT1", "A02", 25.0, false);
    h.addIndicator("2024", "enterprise", "ENT1", "A04", 20.0, false);
    h.addIndicator("2024", "enterprise", "ENT1", "B03", 3.0, true);
    h.addIndicator("2024", "enterprise", "ENT1", "C05", 50.0, false);
    h.addIndicator("2024", "enterprise", "ENT2", "A02", 40.0, false);
    h.addIndicator("2024", "system", "all", "A02", 20.0, false);
    // Periods of other kinds never enter a year's comparison.
    h.addIndicator("2024H2", "enterprise", "ENT1", "A02", 99.0, false);
    h.addIndicator("2025Q1", "enterprise", "ENT1", "A02", 1.0, false);
    h.addScore("2023", "enterprises", "enterprise", "ENT1", new ScorePoint(60.0, 60.0, 60.0, 60.0, 60.0, 3));
    h.addScore("2024", "enterprises", "enterprise", "ENT1", new ScorePoint(75.5, 72.0, 80.0, 70.0, 80.0, 2));
    return h;
  }

  private static ScorecardModel card(History history, String level, String id) {
    ReportContext ctx = new ReportContext(HandFixture.period(), 10, history.window(HandFixture.PERIOD));
    return ScorecardModel.build(ctx, ctx.unit(level, id).orElseThrow());
  }

  @Test
  void theWindowTakesThePeriodsOfTheSameKindUpToThisOne() {
    History h = history();
    History.Window year = h.window("2025");
    assertThat(year.previous()).isEqualTo("2024");
    assertThat(year.periods()).containsExactly("2023", "2024", "2025");
    assertThat(h.window("2024").periods()).containsExactly("2023", "2024");
    assertThat(h.window("2023").previous()).isNull();
    History.Window half = h.window("2025H1");
    assertThat(half.previous()).isEqualTo("2024H2");
    assertThat(half.periods()).containsExactly("2024H2", "2025H1");
    assertThat(h.window("2025Q2").previous()).isEqualTo("2025Q1");
    // A year without data is skipped: 2026 compares with 2024, the latest year held before it.
    assertThat(h.window("2026").previous()).isEqualTo("2024");
  }

  @Test
  void everyIndicatorOfTheScorecardComparesWithThePreviousPeriod() {
    UnitTrend t = card(history(), "enterprise", "ENT1").trend();
    assertThat(t.previousPeriod()).isEqualTo("2024");

    Change a02 = t.change("A02");
    assertThat(a02.state()).isEqualTo(State.COMPARED);
    assertThat(a02.previous()).isEqualTo(25.0);
    assertThat(a02.delta()).isEqualTo(5.0);
    assertThat(a02.verdict()).isEqualTo(Verdict.BETTER);
    assertThat(a02.arrow()).isEqualTo("↑");

    Change a04 = t.change("A04");
    assertThat(a04.delta()).isEqualTo(-10.0);
    assertThat(a04.verdict()).isEqualTo(Verdict.WORSE);
    assertThat(a04.arrow()).isEqualTo("↓");

    Change b03 = t.change("B03");
    assertThat(b03.state()).isEqualTo(State.PREVIOUS_SUPPRESSED);
    assertThat(b03.previous()).isNull();
    assertThat(b03.delta()).isNull();

    assertThat(t.change("C05").verdict()).isEqualTo(Verdict.SAME);
    assertThat(t.change("C05").arrow()).isEqualTo("→");
    assertThat(t.change("B05").state()).isEqualTo(State.ABSENT);
    assertThat(t.change("A01").state()).isEqualTo(State.ABSENT);
  }

  @Test
  void anEarlierPeriodPublishedWithAnotherScoringMethodIsNotedUnderTheTrend() {
    // The fixture's 2025 scores say "minmax, equal weights"; 2024 was published with other weights
    // (as after `changai score --weights other.yaml` run alone), 2023 with the same method.
    History h = history();
    h.addMethod("2023", "minmax, equal weights");
    h.addMethod("2024", "minmax, other weights");
    ScorecardModel card = card(h, "enterprise", "ENT1");
    assertThat(card.trend().scoredOtherwise()).containsExactly("2024");
    assertThat(ScorecardPage.render(card)).contains("id=\"scored-otherwise\"")
        .contains("注：2024 期的得分与排名按另一评分方法").contains("Note: 2024 was scored with another method");

    History same = history();
    same.addMethod("2023", "minmax, equal weights");
    same.addMethod("2024", "minmax, equal weights");
    ScorecardModel alike = card(same, "enterprise", "ENT1");
    assertThat(alike.trend().scoredOtherwise()).isEmpty();
    assertThat(ScorecardPage.render(alike)).doesNotContain("scored-otherwise");
  }

  @Test
  void theDrawsAndSeedDoNotMakeAnotherScoringMethod() {
    String method = "normalise=minmax;weights=equal-1;draws=1000;seed=20230810";
    assertThat(History.sameScoring(method, "normalise=minmax;weights=equal-1;draws=200;seed=7")).isTrue();
    assertThat(History.sameScoring(method, "normalise=minmax;weights=equal-2;draws=1000;seed=20230810")).isFalse();
    assertThat(History.sameScoring(method, "normalise=zscore;weights=equal-1;draws=1000;seed=20230810")).isFalse();
    assertThat(History.sameScoring(method, method + ";outliers=winsorise")).isFalse();
  }

  @Test
  void aSuppressedValueThisPeriodShowsNoChange() {
    Change a02 = card(history(), "enterprise", "ENT2").trend().change("A02");
    assertThat(a02.state()).isEqualTo(State.NO_CURRENT);
    assertThat(a02.previous()).isEqualTo(40.0);
    assertThat(a02.delta()).isNull();
  }

  @Test
  void compositeAndPartScoresCompareWithThePreviousRanking() {
    UnitTrend t = card(history(), "enterprise", "ENT1").trend();
    assertThat(t.composite().previous()).isEqualTo(75.5);
    assertThat(t.composite().delta()).isCloseTo(4.5, within(1e-9));
    assertThat(t.composite().verdict()).isEqualTo(Verdict.BETTER);
    assertThat(t.parts().get(Part.A).delta()).isCloseTo(-2.0, within(1e-9));
    assertThat(t.parts().get(Part.A).verdict()).isEqualTo(Verdict.WORSE);
    assertThat(t.periods()).containsExactly("2023", "2024", "2025");
    assertThat(t.scores()).extracting(s -> s == null ? null : s.rank()).containsExactly(3, 2, 1);
    assertThat(t.indicatorSeries().get("A02")).extracting(p -> p == null ? null : p.value())
        .containsExactly(20.0, 25.0, 30.0);
  }

  /**
   * 54.4049 is shown 54.40 and 49.4251 is shown 49.43: the change shown is 54.40 − 49.43 = 4.97,
   * what the reader's subtraction and ranking.csv give, not 4.9798 shown as 4.98. Two scores
   * shown alike (70.001 and 69.998, both 70.00) are unchanged.
   */
  @Test
  void aScoreChangeIsTheDifferenceOfTheScoresAsShown() {
    Change up = Change.ofScore(54.4049, 49.4251, "2024");
    assertThat(up.previous()).isEqualTo(49.43);
    assertThat(up.delta()).isEqualTo(4.97);
    assertThat(TrendCharts.scoreDelta(up.delta())).contains("4.97");
    Change same = Change.ofScore(70.001, 69.998, "2024");
    assertThat(same.delta()).isEqualTo(0.0);
    assertThat(same.verdict()).isEqualTo(Verdict.SAME);
    assertThat(Change.ofScore(null, 49.4251, "2024").delta()).isNull();
  }

  /**
   * A02 (a percentage, shown with one decimal): 30.04 is shown 30.0%, 25.06 is shown 25.1%; the
   * change shown is 30.0 − 25.1 = 4.9 points, not 4.98 shown as 5.0. D06 (per thousand, two
   * decimals): 12.344 − 10.005 is shown 12.34 − 10.01 = 2.33.
   */
  @Test
  void anIndicatorChangeIsTheDifferenceOfTheValuesAsShown() {
    Change a02 = Change.of(new History.Point(30.04, false), new History.Point(25.06, false), "2024",
        cn.changai.indicators.Catalogue.byId("A02").orElseThrow());
    assertThat(a02.delta()).isEqualTo(4.9);
    assertThat(TrendCharts.delta(cn.changai.indicators.Catalogue.byId("A02").orElseThrow(), a02.delta()))
        .isEqualTo("+4.9 个百分点");
    Change d06 = Change.of(new History.Point(12.344, false), new History.Point(10.005, false), "2024",
        cn.changai.indicators.Catalogue.byId("D06").orElseThrow());
    assertThat(d06.delta()).isEqualTo(2.33);
  }

  @Test
  void theFirstPeriodShowsADashAndNoChange() {
    UnitTrend t = card(History.empty(), "enterprise", "ENT1").trend();
    assertThat(t.previousPeriod()).isNull();
    assertThat(t.change("A02").state()).isEqualTo(State.FIRST);
    assertThat(t.composite().state()).isEqualTo(State.FIRST);
    assertThat(t.periods()).containsExactly("2025");
  }

  @Test
  void theScorecardShowsPreviousValueArrowAndChangeInPercentagePoints() {
    Map<String, String> pages = ReportSite.pages(HandFixture.period(), history(), 10);
    String ent1 = pages.get(UnitLink.of("enterprise", "ENT1", HandFixture.HOSTILE).path());
    String a02 = row(ent1, "data-indicator=\"A02\"");
    assertThat(a02).contains(">25.0%</td>")
        .contains("class=\"num change better\" title=\"向好 better\" data-verdict=\"better\">↑ +5.0 个百分点</td>");
    assertThat(row(ent1, "data-indicator=\"A04\"")).contains("class=\"num change worse\"").contains("↓ -10.0 个百分点");
    String b03 = row(ent1, "data-indicator=\"B03\"");
    assertThat(b03).contains("<td class=\"num previous\">—<sup class=\"fn\"");
    // The sparkline carries every period's value in its title.
    assertThat(a02).contains("<title>A02 产业工人党员比例: 2023 20.0% · 2024 25.0% · 2025 30.0%</title>");
    assertThat(row(ent1, "data-score=\"composite\"")).contains(">80.00</td>").contains(">75.50</td>")
        .contains("↑ +4.50 分");
    assertThat(ent1).contains("id=\"trend-table\"").contains("<tr data-period=\"2024\"><th scope=\"row\">2024</th>"
        + "<td class=\"num\">75.50</td><td class=\"num\">72.00</td>");

    String index = pages.get(ReportSite.INDEX);
    // System A02: 56 / 260 * 100 = 21.538..., against 20 in 2024: +1.5 points.
    assertThat(index).contains("↑ +1.5 个百分点");
    String rankingRow = row(index, "data-unit=\"ENT1\"");
    assertThat(rankingRow).contains(">75.50</td>").contains("↑ +4.50 分");
  }

  /** The table row holding the marker, from its opening tag to its end. */
  private static String row(String page, String marker) {
    int at = page.indexOf(marker);
    assertThat(at).as("row " + marker).isNotNegative();
    int start = page.lastIndexOf("<tr", at);
    return page.substring(start, page.indexOf("</tr>", at));
  }

  @Test
  void aSparklineLeavesAGapWhereAPeriodHasNoShownValue() {
    Html h = new Html();
    TrendCharts.sparkline(h, "x", List.of("2022", "2023", "2024", "2025"),
        Arrays.asList(new History.Point(1.0, false), null, new History.Point(2.0, false), new History.Point(3.0, false)),
        v -> String.valueOf(v));
    String svg = h.toString();
    // Two usable runs: the lone first point is a dot only, the last two a line.
    assertThat(svg.split("<polyline", -1)).hasSize(2);
    assertThat(svg.split("<circle", -1)).hasSize(4);
    assertThat(svg).contains("<title>x: 2022 1.0 · 2023 — · 2024 2.0 · 2025 3.0</title>");
  }
}
