package cn.changai.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A progress line says what runs, how far it is and what is left, never a call site. */
class ProgressTest {

  @Test
  void aLineNamesTheWorkAndEstimatesTheRest() {
    // 3 of 8 tasks in 12 s: 5 left at 4 s each, about 20 s.
    assertThat(Progress.line("compute: write indicator_values", 3, 8, 12))
        .isEqualTo("compute: write indicator_values - 3 of 8 tasks done, 12 s, about 20 s left");
    assertThat(Progress.line("Spark stage 7", 0, 2, 5)).isEqualTo("Spark stage 7 - 0 of 2 tasks done, 5 s");
  }
}
