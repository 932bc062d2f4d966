package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IssueRow;
import cn.changai.jobs.report.PeriodData.RejectedSubmissionRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pages of a period do not depend on the order of the table's files: a night that rewrote a
 * file and a fresh run of the same inbox give the rows in other orders, and ties (two members of
 * one name, two refusals of one folder) must still be listed alike.
 */
class PeriodDataOrderTest {

  private static final EnterpriseRow GROUP = enterprise("G", "集团", null);
  private static final EnterpriseRow B = enterprise("B", "同名公司", "G");
  private static final EnterpriseRow A = enterprise("A", "同名公司", "G");
  private static final EnterpriseRow C = enterprise("C", "甲公司", "G");

  private static EnterpriseRow enterprise(String id, String name, String parent) {
    return new EnterpriseRow(id, name, parent, parent == null ? "group" : "subsidiary", "automotive", "浦东新区",
        1, 1, 0, 0, 0, 0, 0);
  }

  private static PeriodData period(List<EnterpriseRow> enterprises, List<RejectedSubmissionRow> refused,
      List<IssueRow> warnings) {
    return new PeriodData("2025", List.of(), List.of(), List.of(), enterprises, refused, List.of(), warnings, Set.of());
  }

  @Test
  void rowsGivenInAnyOrderMakeTheSamePeriodAndTiesFollowTheIds() {
    List<EnterpriseRow> enterprises = List.of(GROUP, B, C, A);
    List<RejectedSubmissionRow> refused = List.of(
        new RejectedSubmissionRow("X", "/in/2025/X/workers.csv", "MISSING_COLUMN", "b"),
        new RejectedSubmissionRow(null, "/in/2025/bad name", "BAD_FOLDER", "a"),
        new RejectedSubmissionRow("X", "/in/2025/X/enterprise.json", "BAD_CODE", "c"));
    List<IssueRow> warnings = List.of(
        new IssueRow("A", "workers.csv", 7, "mentor_id", "UNKNOWN_LINK", "x"),
        new IssueRow("A", "workers.csv", null, null, "IGNORED_FILE", "y"),
        new IssueRow("A", "workers.csv", 3, "mentor_id", "UNKNOWN_LINK", "z"));

    PeriodData given = period(enterprises, refused, warnings);
    PeriodData reversed = period(reversed(enterprises), reversed(refused), reversed(warnings));

    assertThat(reversed).isEqualTo(given);
    assertThat(given.enterprises()).extracting(EnterpriseRow::enterpriseId).containsExactly("A", "B", "C", "G");
    // The folder-less refusal first, then X's two reasons by path.
    assertThat(given.rejectedSubmissions()).extracting(RejectedSubmissionRow::reason).containsExactly("a", "c", "b");
    // The file's own warning (no line) first, then the rows by line.
    assertThat(given.warnings()).extracting(IssueRow::reason).containsExactly("y", "z", "x");
    // Members breadth first, by name, and two of one name by id (甲 sorts after 同 in code points).
    for (PeriodData data : List.of(given, reversed)) {
      assertThat(new ReportContext(data, 10).members("G")).extracting(EnterpriseRow::enterpriseId)
          .containsExactly("G", "A", "B", "C");
    }
  }

  private static <T> List<T> reversed(List<T> rows) {
    List<T> copy = new ArrayList<>(rows);
    Collections.reverse(copy);
    return copy;
  }
}
