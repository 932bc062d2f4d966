package cn.changai.jobs.score;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import cn.changai.indicators.Part;
import cn.changai.indicators.score.RankInterval;
import cn.changai.indicators.score.UnitScore;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The tables score reads and the {@code scores} table it publishes (docs/scoring.md documents them). */
public final class ScoreTables {

  public static final String INDICATOR_VALUES = "indicator_values";
  public static final String ENTERPRISES = "enterprises";
  public static final String SCORES = "scores";

  /** One row per unit and scope that was ranked together, partitioned by period. */
  public static final StructType SCORES_SCHEMA =
      new StructType()
          .add("scope", StringType, false)
          .add("unit_level", StringType, false)
          .add("unit_id", StringType, false)
          .add("unit_name", StringType, true)
          .add("composite", DoubleType, true)
          .add("part_a", DoubleType, true)
          .add("part_b", DoubleType, true)
          .add("part_c", DoubleType, true)
          .add("part_d", DoubleType, true)
          .add("rank", IntegerType, true)
          .add("rank_change", IntegerType, true)
          .add("tier", StringType, true)
          .add("rank_median", IntegerType, true)
          .add("rank_p05", IntegerType, true)
          .add("rank_p95", IntegerType, true)
          .add("rank_unstable", BooleanType, true)
          .add("indicators_used", DataTypes.createArrayType(StringType, false), false)
          .add("method", StringType, false)
          .add("run_id", StringType, false)
          .add("period", StringType, false);

  private ScoreTables() {}

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
        method, runId, period);
  }
}
