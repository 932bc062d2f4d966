package cn.changai.jobs.report;

import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import org.apache.spark.sql.Row;

/**
 * Reads the {@link History} of a warehouse on the driver: the enterprise, group and system rows of
 * {@code indicator_values}, every ranking of {@code scores} (groups, enterprises, each industry's) and
 * each enterprise's parent, every period, only the columns change and trend need (one small row per
 * unit and indicator, ranking or enterprise).
 */
final class HistoryReader {

  private HistoryReader() {}

  static History read(Warehouse warehouse) throws IOException {
    History history = History.empty();
    // Read through the warehouse on the driver (ReportJob.onDriver): in a nightly run it sees what
    // this run's stages staged, and each period's files are read with their own schema, so
    // periods older builds wrote still read.
    for (Row r : ReportJob.onDriver(warehouse, PeriodData.INDICATOR_VALUES, warehouse.periods(PeriodData.INDICATOR_VALUES),
        new String[] {"period", "unit_level", "unit_id", "indicator_id", "value", "low_base", "unit_name"},
        r -> !r.isNullAt(1) && PeriodData.REPORTED_LEVELS.contains(r.getString(1)))) {
      history.addIndicator(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
          r.isNullAt(4) ? null : r.getDouble(4), !r.isNullAt(5) && r.getBoolean(5));
      if (PeriodData.LEVEL_ENTERPRISE.equals(r.getString(1))) {
        history.addEnterprise(r.getString(0), r.getString(2), r.isNullAt(6) ? null : r.getString(6));
      }
    }
    // Who was under whom, for a group's members that are no longer counted in it.
    for (Row r : ReportJob.onDriver(warehouse, PeriodData.ENTERPRISES, warehouse.periods(PeriodData.ENTERPRISES),
        new String[] {"period", "enterprise_id", "parent_id"}, r -> !r.isNullAt(1) && !r.isNullAt(2))) {
      history.addParent(r.getString(0), r.getString(1), r.getString(2));
    }
    for (Row r : ReportJob.onDriver(warehouse, PeriodData.SCORES, warehouse.periods(PeriodData.SCORES),
        new String[] {"period", "scope", "unit_level", "unit_id", "composite", "part_a", "part_b", "part_c", "part_d", "rank",
            "method"},
        r -> !r.isNullAt(1))) {
      history.addMethod(r.getString(0), r.isNullAt(10) ? null : r.getString(10));
      history.addScore(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
          new History.ScorePoint(dbl(r, 4), dbl(r, 5), dbl(r, 6), dbl(r, 7), dbl(r, 8),
              r.isNullAt(9) ? null : r.getInt(9)));
    }
    return history;
  }

  private static Double dbl(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }
}
