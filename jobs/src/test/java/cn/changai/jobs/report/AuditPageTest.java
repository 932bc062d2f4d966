package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.score.AuditRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit page from hand-made audit rows over the hand fixture (no Spark). */
class AuditPageTest {

  private static AuditRow stat(String indicator, String statistic, Double value) {
    return new AuditRow("enterprise", null, AuditRow.INDICATOR, indicator, null, null, statistic, value);
  }

  private static List<AuditRow> rows() {
    return List.of(
        stat("A02", "usable", 3.0), stat("A02", "low_base", 1.0), stat("A02", "null", 0.0), stat("A02", "min", 10.0),
        stat("A02", "median", 20.0), stat("A02", "max", 30.0), stat("A02", "skewness", 2.5), stat("A02", "kurtosis", 4.25),
        stat("A02", "outliers", 1.0),
        stat("A04", "usable", 3.0), stat("A04", "skewness", 0.3), stat("A04", "kurtosis", null), stat("A04", "outliers", null),
        new AuditRow("enterprise", null, AuditRow.CORRELATION, "A02", "A04", null, "pearson", -0.4),
        new AuditRow("enterprise", null, AuditRow.PART_CORRELATION, "A02", "A", null, "pearson", -0.2),
        new AuditRow("enterprise", null, AuditRow.PART_CORRELATION, "A04", "A", null, "pearson", 0.9),
        new AuditRow("enterprise", null, AuditRow.ALPHA, null, "A", null, "cronbach_alpha", 0.75),
        new AuditRow("enterprise", null, AuditRow.ALPHA, null, "A", null, "items", 2.0),
        new AuditRow("enterprise", "enterprises", AuditRow.SENSITIVITY, null, "weights", null, "first_order", 0.8),
        new AuditRow("enterprise", "enterprises", AuditRow.SENSITIVITY, null, "weights", null, "total_order", 0.9),
        new AuditRow("enterprise", "enterprises", AuditRow.SENSITIVITY, null, "normalisation", null, "first_order", null),
        new AuditRow("enterprise", null, AuditRow.TREATED, "A02", "winsorise", "ENT1", "from", 30.0),
        new AuditRow("enterprise", null, AuditRow.TREATED, "A02", "winsorise", "ENT1", "to", 20.0),
        new AuditRow("enterprise", "enterprises", AuditRow.TREATMENT_EFFECT, null, "winsorise", null, "ranks_moved", 2.0));
  }

  @Test
  void showsTheStatisticsCorrelationsAlphaSensitivityAndTreatment() {
    ReportContext ctx = new ReportContext(HandFixture.period(), 10);
    AuditModel model = AuditModel.build(ctx, rows());
    AuditModel.Level level = model.levels().get(0);
    assertThat(level.used()).extracting(i -> i.id()).containsExactly("A02", "A04");
    assertThat(level.correlation("A04", "A02")).isEqualTo(-0.4);
    assertThat(level.indicators().get(0).outliers()).isTrue();
    assertThat(level.indicators().get(0).treated()).isEqualTo(1);
    assertThat(level.indicators().get(1).outliers()).isNull();

    String page = AuditPage.render(model);
    assertThat(page).contains("方法审计").contains("Methodology audit")
        .contains("<td class=\"num\">2.50</td>").contains("<td class=\"num\">4.25</td>")
        .contains("是 yes")
        .contains("-0.40").contains("rgba(165,14,14,0.34)")
        .contains("负相关").contains("α = 0.75")
        .contains("<td class=\"num\">0.80</td><td class=\"num\">0.90</td><td class=\"num\">—</td>")
        .contains("2 个名次会变化").contains("2 ranks would move with winsorisation");
    // The hostile name of ENT1 is escaped in the treated values, and ENT2 is listed unranked.
    assertThat(page).doesNotContain(HandFixture.HOSTILE).contains("&lt;b&gt;&amp;&quot;公司");
    assertThat(page).contains("甲集团嘉定分公司").contains("无可用指标值 no usable value");
  }

  @Test
  void everyPageLinksTheAuditAndItExistsWithoutAuditRows() {
    var pages = ReportSite.pages(HandFixture.period(), 10);
    assertThat(pages).containsKey("audit.html");
    assertThat(pages.get("audit.html")).contains("本期没有审计数据");
    for (var page : pages.entrySet()) {
      assertThat(page.getValue()).as(page.getKey()).contains("audit.html\">方法审计");
    }
  }
}
