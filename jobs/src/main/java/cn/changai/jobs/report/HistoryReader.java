package cn.changai.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the {@link History} of a warehouse with Spark: the enterprise, group and system rows of
 * {@code indicator_values} and the group and enterprise rankings of {@code scores}, every period,
 * only the columns change and trend need (one small row per unit and indicator or ranking).
 */
final class HistoryReader {

  private HistoryReader() {}

  static History read(SparkSession spark, Warehouse warehouse) throws IOException {
    History history = History.empty();
    // Read through the warehouse: in a nightly run it sees what this run's stages staged.
    Dataset<Row> values = read(spark, warehouse, PeriodData.INDICATOR_VALUES);
    if (values != null) {
      spark.sparkContext().setJobDescription("report: read the history of indicator_values");
      Dataset<Row> df = values;
      for (Row r : df.filter(col("unit_level").isin(PeriodData.LEVEL_ENTERPRISE, PeriodData.LEVEL_GROUP,
              PeriodData.LEVEL_SYSTEM))
          .select(col("period").cast("string"), col("unit_level"), col("unit_id"), col("indicator_id"),
              col("value").cast("double"), col("low_base").cast("boolean"))
          .collectAsList()) {
        history.addIndicator(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
            r.isNullAt(4) ? null : r.getDouble(4), !r.isNullAt(5) && r.getBoolean(5));
      }
    }
    Dataset<Row> scores = read(spark, warehouse, PeriodData.SCORES);
    if (scores != null) {
      spark.sparkContext().setJobDescription("report: read the history of scores");
      Dataset<Row> df = scores;
      Set<String> present = Set.of(df.columns());
      String[] doubles = {"composite", "part_a", "part_b", "part_c", "part_d"};
      Column[] select = new Column[4 + doubles.length + 1];
      select[0] = col("period").cast("string");
      select[1] = col("scope");
      select[2] = col("unit_level");
      select[3] = col("unit_id");
      for (int i = 0; i < doubles.length; i++) {
        select[4 + i] = (present.contains(doubles[i]) ? col(doubles[i]) : lit(null)).cast("double");
      }
      select[select.length - 1] = (present.contains("rank") ? col("rank") : lit(null)).cast("int");
      for (Row r : df.filter(col("scope").isin(PeriodData.SCOPE_GROUPS, PeriodData.SCOPE_ENTERPRISES))
          .select(select).collectAsList()) {
        history.addScore(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
            new History.ScorePoint(dbl(r, 4), dbl(r, 5), dbl(r, 6), dbl(r, 7), dbl(r, 8),
                r.isNullAt(9) ? null : r.getInt(9)));
      }
    }
    return history;
  }

  /** Every period of a table that holds a Parquet file, or null when none does. */
  private static Dataset<Row> read(SparkSession spark, Warehouse warehouse, String table) throws IOException {
    List<String> periods = new ArrayList<>();
    for (String period : warehouse.periods(table)) {
      Path folder = warehouse.periodFolder(table, period);
      if (folder != null && warehouse.fs().exists(folder) && Arrays.stream(warehouse.fs().listStatus(folder))
          .anyMatch(s -> s.isFile() && s.getPath().getName().endsWith(".parquet"))) {
        periods.add(period);
      }
    }
    return periods.isEmpty() ? null : warehouse.read(spark, table, null, periods);
  }

  private static Double dbl(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }
}
