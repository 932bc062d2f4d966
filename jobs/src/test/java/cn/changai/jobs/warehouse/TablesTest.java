package cn.changai.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Components;
import cn.changai.indicators.Measure;
import cn.changai.jobs.ingest.EnterpriseRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

  @Test
  void everyTableIsNamedOnceAndPartitionedByPeriodLast() {
    assertThat(Tables.ALL).extracting(Tables.Table::name).doesNotHaveDuplicates()
        .containsExactly("enterprises", "workers", "studios", "rejected_rows", "warnings", "rejected_submissions",
            "indicator_values", "skill_distribution", "indicator_wide", "scores");
    for (Tables.Table t : Tables.ALL) {
      List<String> columns = List.of(t.schema().fieldNames());
      assertThat(columns.get(columns.size() - 1)).as(t.name()).isEqualTo(t.partitionColumn()).isEqualTo("period");
    }
    assertThat(Tables.byName("workers")).contains(Tables.WORKERS);
    assertThat(Tables.byName("runs")).isEmpty();
  }

  @Test
  void theFiguresAreThoseIngestReads() {
    // Ingest keeps its own list until its rewrite reads the registry's; the two must not drift.
    assertThat(Tables.COUNT_FIGURES).isEqualTo(EnterpriseRecord.COUNT_FIGURES);
    assertThat(Tables.REFORM_FIGURE).isEqualTo(EnterpriseRecord.REFORM_FIGURE);
    assertThat(Tables.FUNDING_FIGURE).isEqualTo(EnterpriseRecord.FUNDING_FIGURE);
  }

  @Test
  void everyColumnTheCatalogueReadsIsInItsTable() {
    List<Measure> measures = Catalogue.measures();
    List<String> workers = List.of(Tables.WORKERS.schema().fieldNames());
    for (Measure.RowTotal m : Components.workerMeasures(measures)) {
      assertThat(workers).as(m.name()).containsAll(m.condition().columns());
      if (m.value() != null) {
        assertThat(Tables.WORKERS.schema().apply(m.value()).dataType().catalogString()).as(m.name()).isEqualTo(Measure.SUMMED);
      }
    }
    List<String> studios = List.of(Tables.STUDIOS.schema().fieldNames());
    for (Measure.RowTotal m : Components.studioMeasures(measures)) {
      assertThat(studios).as(m.name()).containsAll(m.condition().columns());
    }
    assertThat(List.of(Tables.ENTERPRISES.schema().fieldNames())).containsAll(Components.enterpriseColumns(measures));
  }
}
