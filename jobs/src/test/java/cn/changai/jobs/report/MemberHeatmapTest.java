package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

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
    // An enterprise's scorecard has no heatmap.
    assertThat(ScorecardPage.render(ScorecardModel.build(ctx, ctx.unit(PeriodData.LEVEL_ENTERPRISE, "ENT1").orElseThrow())))
        .doesNotContain("heatmap-members");
  }
}
