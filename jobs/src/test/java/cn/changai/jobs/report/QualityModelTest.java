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
}
