package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The report asks the registry's tables for the registry's columns only. */
class ReportReadsTest {

  @Test
  void aColumnOrTableTheRegistryDoesNotDeclareIsRefused() {
    assertThatCode(() -> ReportJob.declared("scores", new String[] {"unit_id", "rank_median", "indicators_used"}))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ReportJob.declared("scores", new String[] {"unit_id", "rank_mean"}))
        .hasMessage("the report reads scores.rank_mean, which the registry does not declare");
    assertThatThrownBy(() -> ReportJob.declared("score", new String[] {"unit_id"}))
        .hasMessage("the report reads score, which is no table of the registry");
  }
}
