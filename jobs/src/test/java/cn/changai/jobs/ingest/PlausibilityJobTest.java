package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plausibility job on a warehouse written by hand. 2024: E1 with 100 industrial workers and 10
 * competition participants. 2025: E1 with 140 (+40%) and 60 (×6); E2, new, with no submission in
 * 2024. 2025H1: E1 alone, no earlier half. Warnings of 2025 already hold an ingest warning of E1
 * and a stale plausibility warning of E2.
 */
class PlausibilityJobTest {

  @TempDir Path dir;

  @Test
  void comparesWithThePreviousPeriodAndReplacesOnlyItsOwnWarnings() throws Exception {
    SparkSession spark = SharedSpark.session();
    Warehouse warehouse = new Warehouse(dir.toString(), spark.sparkContext().hadoopConfiguration());
    List<Row> enterprises = List.of(enterprise("E1", "2024", 10), enterprise("E1", "2025", 60),
        enterprise("E2", "2025", 10), enterprise("E1", "2025H1", 1000));
    List<Row> values = List.of(headcount("E1", "2024", 100), headcount("E1", "2025", 140), headcount("E2", "2025", 50),
        headcount("E1", "2025H1", 900));
    List<Row> warnings = List.of(
        RowFactory.create("E1", "说明.txt", null, null, "IGNORED_FILE", "file 说明.txt ignored", null, "2025"),
        RowFactory.create("E2", "workers.csv", null, "A02", "RATIO_JUMP", "stale", null, "2025"));
    write(spark, Tables.ENTERPRISES, enterprises, warehouse);
    write(spark, Tables.INDICATOR_VALUES, values, warehouse);
    write(spark, Tables.WARNINGS, warnings, warehouse);

    PlausibilityJob.Result result = new PlausibilityJob(spark, warehouse, List.of("2024", "2025", "2025H1"),
        Plausibility.Thresholds.defaults(), "run-p").run();

    assertThat(result.previousOf()).isEqualTo(Map.of("2025", "2024"));
    assertThat(result.findings()).extracting(f -> f.period() + " " + f.enterpriseId() + " " + f.issue().code())
        .containsExactly("2025 E1 HEADCOUNT_JUMP", "2025 E1 FIGURE_JUMP");
    assertThat(result.rewritten()).containsExactly("2025");
    assertThat(result.record()).containsEntry("thresholds_version", "plausibility-1")
        .containsEntry("warnings", Map.of("2025", 2));
    List<String> published = new ArrayList<>();
    for (Row r : spark.read().parquet(warehouse.table(Tables.WARNINGS.name()).toString())
        .orderBy("enterprise_id", "reason_code").collectAsList()) {
      published.add(r.getAs("enterprise_id") + " " + r.getAs("reason_code") + " " + r.getAs("file") + " "
          + r.getAs("column") + ": " + r.getAs("reason"));
    }
    assertThat(published).containsExactly(
        "E1 FIGURE_JUMP enterprise.json competition_participants: competition_participants 10 in 2024, 60 in 2025: ×6, beyond ×5",
        "E1 HEADCOUNT_JUMP workers.csv industrial_worker: industrial workers 100 in 2024, 140 in 2025: +40.0%, beyond ±30%",
        "E1 IGNORED_FILE 说明.txt null: file 说明.txt ignored");

    // Run again: nothing changed, nothing is rewritten.
    PlausibilityJob.Result again = new PlausibilityJob(spark, warehouse, List.of("2025"),
        Plausibility.Thresholds.defaults(), "run-q").run();
    assertThat(again.findings()).hasSize(2);
    assertThat(again.rewritten()).isEmpty();
  }

  private static void write(SparkSession spark, Tables.Table table, List<Row> rows, Warehouse warehouse) {
    spark.createDataFrame(rows, table.schema()).write().mode(SaveMode.Overwrite).partitionBy("period")
        .parquet(warehouse.table(table.name()).toString());
  }

  /** A row of indicator_values holding the headcount |W| as the denominator of its indicator. */
  private static Row headcount(String id, String period, double workers) {
    return RowFactory.create("enterprise", id, id, Plausibility.HEADCOUNT_INDICATOR, 0.0, workers, 0.0, false, 1, 1,
        "1", "run-1", period);
  }

  /** A row of enterprises: every figure null but competition_participants. */
  private static Row enterprise(String id, String period, long competitors) {
    StructType schema = Tables.ENTERPRISES.schema();
    Object[] values = new Object[schema.length()];
    for (int i = 0; i < values.length; i++) {
      StructField f = schema.fields()[i];
      values[i] = f.nullable() ? null : filler(f.dataType());
    }
    values[schema.fieldIndex("enterprise_id")] = id;
    values[schema.fieldIndex("competition_participants")] = competitors;
    values[schema.fieldIndex("period")] = period;
    return RowFactory.create(values);
  }

  private static Object filler(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return "x";
    }
    if (type.equals(DataTypes.IntegerType)) {
      return 0;
    }
    if (type.equals(DataTypes.TimestampType)) {
      return new Timestamp(0);
    }
    if (type.equals(DataTypes.LongType)) {
      return 0L;
    }
    return BigDecimal.ZERO;
  }
}
