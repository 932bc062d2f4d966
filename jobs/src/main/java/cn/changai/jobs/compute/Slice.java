package cn.changai.jobs.compute;

import cn.changai.indicators.IndicatorValue;
import cn.changai.indicators.RollUp;
import cn.changai.indicators.SkillCount;
import cn.changai.indicators.Unit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A contiguous run of one period's units ({@code of}), rolled up by one thread and written as file
 * number {@code part} of the period's partitions.
 */
record Slice(RollUp.Units of, int part, List<Unit> units) {

  /** What a slice gives: its indicator values, and its rows of both tables. */
  record Rows(String period, int part, List<IndicatorValue> values, List<Row> valueRows, List<Row> skillRows) {}

  /**
   * The units cut into at most {@code count} contiguous runs of about equal work. A unit's work is
   * its rows (one per indicator and skill level, made and written) and its members (each member's
   * pooled parts added once): 64 for the rows and 1 per member, so the cut falls near the middle
   * of the enterprises. The ratio was measured at 10^7 workers when members were still visited
   * once per indicator (docs/performance.md); pooling made members cheaper, which moves the best
   * cut only slightly towards the groups and the system.
   */
  static List<List<Unit>> shares(List<Unit> units, int count) {
    long total = 0;
    for (Unit u : units) {
      total += weight(u);
    }
    List<List<Unit>> shares = new ArrayList<>();
    List<Unit> share = new ArrayList<>();
    long done = 0;
    for (Unit u : units) {
      share.add(u);
      done += weight(u);
      if (shares.size() < count - 1 && done * count >= total * (shares.size() + 1)) {
        shares.add(share);
        share = new ArrayList<>();
      }
    }
    if (!share.isEmpty()) {
      shares.add(share);
    }
    return shares;
  }

  private static long weight(Unit u) {
    return 64 + u.members().size();
  }

  /** The slice's values and skill counts, and their rows. */
  Rows rollUp(RollUp rollUp, String runId) {
    List<IndicatorValue> values = new ArrayList<>();
    List<Row> valueRows = new ArrayList<>();
    List<Row> skillRows = new ArrayList<>();
    for (Unit unit : units) {
      for (IndicatorValue v : rollUp.values(of, unit)) {
        values.add(v);
        valueRows.add(ComputeTables.indicatorRow(v, runId));
      }
      for (SkillCount s : rollUp.skills(of, unit)) {
        skillRows.add(ComputeTables.skillRow(s));
      }
    }
    return new Rows(of.period(), part, values, valueRows, skillRows);
  }
}
