package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The report asks the registry's tables for the registry's columns only, in the registry's types. */
class ReportReadsTest {

  @Test
  void aColumnIsReadInTheRegistrysTypeAndOneTheRegistryDoesNotDeclareIsRefused() {
    assertThat(ReportJob.declared("scores", new String[] {"unit_id", "rank_median", "indicators_used"}))
        .containsExactly(DataTypes.StringType, DataTypes.IntegerType,
            DataTypes.createArrayType(DataTypes.StringType, false));
    assertThat(ReportJob.declared("skill_distribution", new String[] {"count", "share"}))
        .containsExactly(DataTypes.LongType, DataTypes.DoubleType);
    assertThatThrownBy(() -> ReportJob.declared("scores", new String[] {"unit_id", "rank_mean"}))
        .hasMessage("the report reads scores.rank_mean, which the registry does not declare");
    assertThatThrownBy(() -> ReportJob.declared("score", new String[] {"unit_id"}))
        .hasMessage("the report reads score, which is no table of the registry");
  }
}
