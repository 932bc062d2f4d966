package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The group scorecard's member heatmap over the hand fixture (no Spark). */
class MemberHeatmapTest {

  @Test
  void membersWeakestFirstWithNormalisedCellsAndSuppressedOnesMarked() {
    ReportContext ctx = new ReportContext(HandFixture.period(), 10);
    MemberHeatmap map = ScorecardModel.build(ctx, ctx.unit(PeriodData.LEVEL_GROUP, "GRP1").orElseThrow()).heatmap();
    // Enterprise-level min-max over GRP1, ENT1, GRP2 (see HandFixture): C05 (all equal) and B06
    // (one value) tell no one apart and get no column.
    assertThat(map.indicators()).extracting(i -> i.id()).containsExactly("A02", "A04", "B03", "B05", "C02", "C04", "D04");
    // GRP1 (its own enterprise row, the headquarters): 50, 50, 50, 0, 100, 0, 0, mean 250/7;
    // ENT1: 100, 0, 100, 25, 0, 50, 100, mean 375/7; ENT2 has only a suppressed A02: last.
    assertThat(map.rows()).extracting(r -> r.unit().id()).containsExactly("GRP1", "ENT1", "ENT2");
    assertThat(map.rows().get(0).mean()).isCloseTo(250.0 / 7, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(map.rows().get(1).cells()).extracting(MemberHeatmap.Cell::normalised)
        .containsExactly(100.0, 0.0, 100.0, 25.0, 0.0, 50.0, 100.0);
    assertThat(map.rows().get(2).cells().get(0).suppressed()).isTrue();
    assertThat(map.rows().get(2).cells().get(0).value()).isNull();

    String page = ScorecardPage.render(ScorecardModel.build(ctx, ctx.unit(PeriodData.LEVEL_GROUP, "GRP1").orElseThrow()));
    assertThat(page).contains("id=\"heatmap-members\"").contains("30.0% = 30 / 100；归一化 normalised 100.00")
        .contains("样本不足，不予公开 suppressed").doesNotContain("50.0% = 4");
    // The hostile member name is escaped.
    assertThat(page).doesNotContain(HandFixture.HOSTILE);
    // Three members, all shown: no word of a cut.
    assertThat(map.members()).isEqualTo(3);
    assertThat(page).doesNotContain("仅列出最弱");
    // An enterprise's scorecard has no heatmap.
    assertThat(ScorecardPage.render(ScorecardModel.build(ctx, ctx.unit(PeriodData.LEVEL_ENTERPRISE, "ENT1").orElseThrow())))
        .doesNotContain("heatmap-members");
  }

  @Test
  void aLargeGroupShowsItsWeakestMembersAndSaysHowManyItHas() {
    // GRP with 205 direct members M000..M204, member i with A02 = i% (100 workers, not low base):
    // normalised i / 204 × 100 among the enterprises, so weakest first is M000, M001, ...; GRP's own
    // row has no indicator and no mean, so it comes last. 206 members, the 200 weakest shown:
    // M000..M199.
    List<EnterpriseRow> enterprises = new ArrayList<>();
    List<IndicatorRow> indicators = new ArrayList<>();
    enterprises.add(new EnterpriseRow("GRP", "集团", null, "group", "automotive", "浦东新区", 100, 100, 0, 0, 0, 0, 0));
    for (int i = 0; i < 205; i++) {
      String id = String.format("M%03d", i);
      enterprises.add(new EnterpriseRow(id, "成员" + id, "GRP", "subsidiary", "automotive", "浦东新区", 100, 100, 0, 0, 0,
          0, 0));
      indicators.add(new IndicatorRow("enterprise", id, "成员" + id, "A02", (double) i, 100.0, (double) i, false, 1, 1,
          "1", "run-1"));
    }
    ReportContext ctx = new ReportContext(new PeriodData(HandFixture.PERIOD, indicators, List.of(), List.of(),
        enterprises, List.of(), List.of(), List.of(), Set.of()), 10);
    ScorecardModel card = ScorecardModel.build(ctx, ctx.unit(PeriodData.LEVEL_GROUP, "GRP").orElseThrow());
    MemberHeatmap map = card.heatmap();
    assertThat(map.members()).isEqualTo(206);
    assertThat(map.rows()).hasSize(200);
    assertThat(map.rows().get(0).unit().id()).isEqualTo("M000");
    assertThat(map.rows().get(199).unit().id()).isEqualTo("M199");
    assertThat(map.rows().get(199).cells().get(0).normalised())
        .isCloseTo(199.0 / 204 * 100, org.assertj.core.api.Assertions.within(1e-9));
    // The member list still has every member.
    assertThat(card.members()).hasSize(206);
    String page = ScorecardPage.render(card);
    assertThat(page).contains("仅列出最弱的 200 家（共 206 家）", "The 200 weakest of 206 members");
    String heatmap = page.substring(page.indexOf("id=\"heatmap-members\""));
    assertThat(heatmap).contains("data-unit=\"M199\"").doesNotContain("data-unit=\"M200\"")
        .doesNotContain("data-unit=\"GRP\"");
  }
}
