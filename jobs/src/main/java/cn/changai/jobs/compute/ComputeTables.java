package cn.changai.jobs.compute;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.IndicatorValue;
import cn.changai.indicators.SkillCount;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The tables compute publishes, their schemas and their rows. Both are partitioned by
 * {@code period}, their last column; docs/tables.md documents them.
 */
public final class ComputeTables {

  public static final String INDICATOR_VALUES = "indicator_values";
  public static final String SKILL_DISTRIBUTION = "skill_distribution";

  public static final StructType INDICATOR_VALUES_SCHEMA =
      new StructType()
          .add("unit_level", StringType, false)
          .add("unit_id", StringType, false)
          .add("unit_name", StringType, true)
          .add("indicator_id", StringType, false)
          .add("numerator", DoubleType, true)
          .add("denominator", DoubleType, true)
          .add("value", DoubleType, true)
          .add("low_base", BooleanType, false)
          .add("members_reporting", IntegerType, false)
          .add("members_total", IntegerType, false)
          .add("catalogue_version", StringType, false)
          .add("run_id", StringType, false)
          .add("period", StringType, false);

  public static final StructType SKILL_DISTRIBUTION_SCHEMA =
      new StructType()
          .add("unit_level", StringType, false)
          .add("unit_id", StringType, false)
          .add("skill_level", StringType, false)
          .add("count", LongType, false)
          .add("share", DoubleType, true)
          .add("period", StringType, false);

  /** Every table compute publishes, with its schema. */
  public static final Map<String, StructType> TABLES = tables();

  private ComputeTables() {}

  private static Map<String, StructType> tables() {
    Map<String, StructType> tables = new LinkedHashMap<>();
    tables.put(INDICATOR_VALUES, INDICATOR_VALUES_SCHEMA);
    tables.put(SKILL_DISTRIBUTION, SKILL_DISTRIBUTION_SCHEMA);
    return Collections.unmodifiableMap(tables);
  }

  /** A row of indicator_values. */
  public static Row indicatorRow(IndicatorValue v, String runId) {
    return RowFactory.create(v.unitLevel().code(), v.unitId(), v.unitName(), v.indicatorId(), v.numerator(),
        v.denominator(), v.value(), v.lowBase(), v.membersReporting(), v.membersTotal(), Catalogue.VERSION, runId,
        v.period());
  }

  /** A row of skill_distribution. */
  public static Row skillRow(SkillCount s) {
    return RowFactory.create(s.unitLevel().code(), s.unitId(), s.skillLevel(), s.count(), s.share(), s.period());
  }
}
