package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which periods a run redoes beside those that changed: the next period of the same kind that has
 * data compares with a changed one (rank and composite change, scorecard changes, plausibility).
 */
class NextPeriodsTest {

  private static List<String> redo(List<String> changed, List<String> withData) {
    return List.copyOf(NightlyRun.withNextPeriods(new TreeSet<>(changed), withData));
  }

  @Test
  void theNextPeriodOfTheSameKindIsRedone() {
    assertThat(redo(List.of("2024"), List.of("2023", "2024", "2025", "2025H1"))).containsExactly("2024", "2025");
    assertThat(redo(List.of("2025H1"), List.of("2024H2", "2025H1", "2025H2", "2025"))).containsExactly("2025H1", "2025H2");
    // 2025 has no data: 2026 compares with 2024.
    assertThat(redo(List.of("2024"), List.of("2024", "2026"))).containsExactly("2024", "2026");
    // The latest period has no next one.
    assertThat(redo(List.of("2025"), List.of("2024", "2025"))).containsExactly("2025");
    // A new 2024 arriving after 2025 changes what 2025 compares with.
    assertThat(redo(List.of("2024"), List.of("2023", "2024", "2025"))).containsExactly("2024", "2025");
  }

  @Test
  void everyLaterPeriodOfTheSameKindIsReportedAgain() {
    // A 2023 roster resubmitted: the 2024 and 2025 pages draw their course through 2023.
    assertThat(List.copyOf(NightlyRun.withLaterPeriods(new TreeSet<>(List.of("2023")),
        List.of("2022", "2023", "2024", "2025", "2024H1", "2025Q1")))).containsExactly("2023", "2024", "2025");
    assertThat(List.copyOf(NightlyRun.withLaterPeriods(new TreeSet<>(List.of("2024H1")),
        List.of("2024H1", "2024H2", "2025H1", "2025")))).containsExactly("2024H1", "2024H2", "2025H1");
    // A folder that is no period has no later ones.
    assertThat(List.copyOf(NightlyRun.withLaterPeriods(new TreeSet<>(List.of("2025x")), List.of("2025", "2026"))))
        .containsExactly("2025x");
  }
}
