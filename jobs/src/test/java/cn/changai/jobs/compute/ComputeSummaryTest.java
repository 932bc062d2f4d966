package cn.changai.jobs.compute;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.TreeWarning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree warnings as compute's summary lists them. */
class ComputeSummaryTest {

  private static List<TreeWarning> cycle(int members) {
    List<TreeWarning> warnings = new ArrayList<>();
    for (int i = 1; i <= members; i++) {
      String id = "E" + i;
      String parent = "E" + (i % members + 1);
      warnings.add(new TreeWarning("2025", id, TreeWarning.Problem.CYCLE, parent, id + ": in a cycle; treated as its own root"));
    }
    return warnings;
  }

  @Test
  void aCycleOfManyEnterprisesListsTwentyAndCountsTheRest() {
    String summary = ComputeSummary.treeWarnings(cycle(5_000));
    List<String> lines = summary.lines().toList();
    // The heading, 20 warnings, one line for the other 4,980.
    assertThat(lines).hasSize(22);
    assertThat(lines.get(0)).isEqualTo("Tree warnings (5000):");
    assertThat(lines.get(1)).isEqualTo("  2025 CYCLE  E1: in a cycle; treated as its own root");
    assertThat(lines.get(20)).isEqualTo("  2025 CYCLE  E20: in a cycle; treated as its own root");
    assertThat(lines.get(21)).isEqualTo("  … and 4,980 more (the run record's tree_warnings lists them all)");
  }

  @Test
  void twentyWarningsAreListedWhole() {
    List<String> lines = ComputeSummary.treeWarnings(cycle(20)).lines().toList();
    assertThat(lines).hasSize(21);
    assertThat(lines.get(20)).isEqualTo("  2025 CYCLE  E20: in a cycle; treated as its own root");
  }
}
