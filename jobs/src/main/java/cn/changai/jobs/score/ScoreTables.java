package cn.changai.jobs.score;

import cn.changai.indicators.Part;
import cn.changai.indicators.score.RankInterval;
import cn.changai.indicators.score.UnitScore;
import cn.changai.jobs.warehouse.Tables;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** The tables score reads and the {@code scores} table it publishes (docs/scoring.md documents them). */
public final class ScoreTables {

  public static final String INDICATOR_VALUES = Tables.INDICATOR_VALUES.name();
  public static final String ENTERPRISES = Tables.ENTERPRISES.name();
  public static final String SCORES = Tables.SCORES.name();
  public static final String AUDIT = Tables.AUDIT.name();

  /** One row per unit and scope that was ranked together, partitioned by period. */
  public static final StructType SCORES_SCHEMA = Tables.SCORES.schema();

  private ScoreTables() {}

  /** The row of one audit figure. */
  static Row row(cn.changai.indicators.score.AuditRow a, String runId, String period) {
    return RowFactory.create(a.unitLevel(), a.scope(), a.section(), a.indicatorId(), a.other(), a.unitId(), a.statistic(),
        a.value(), runId, period);
  }

  /** The row of one unit's scores in one scope. */
  static Row row(UnitScore s, String method, String runId, String period) {
    RankInterval interval = s.interval();
    return RowFactory.create(
        s.scope(), s.unitLevel(), s.unitId(), s.unitName(), s.composite(),
        s.part(Part.A), s.part(Part.B), s.part(Part.C), s.part(Part.D),
        s.rank(), s.rankChange(), s.tier(),
        interval == null ? null : interval.median(),
        interval == null ? null : interval.p05(),
        interval == null ? null : interval.p95(),
        interval == null ? null : interval.unstable(),
        scala.jdk.javaapi.CollectionConverters.asScala(List.copyOf(s.indicatorsUsed())).toSeq(),
        s.unrankedReason(), method, runId, period);
  }
}
