package cn.changai.jobs.compute;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.IndicatorValue;
import cn.changai.indicators.SkillCount;
import cn.changai.jobs.warehouse.Tables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The tables compute publishes (declared in {@link Tables}) and how a value becomes one of their
 * rows. Both are partitioned by {@code period}, their last column; docs/tables.md documents them.
 */
public final class ComputeTables {

  public static final String INDICATOR_VALUES = Tables.INDICATOR_VALUES.name();
  public static final String SKILL_DISTRIBUTION = Tables.SKILL_DISTRIBUTION.name();

  public static final StructType INDICATOR_VALUES_SCHEMA = Tables.INDICATOR_VALUES.schema();

  public static final StructType SKILL_DISTRIBUTION_SCHEMA = Tables.SKILL_DISTRIBUTION.schema();

  /** Every table compute publishes, with its schema. */
  public static final Map<String, StructType> TABLES = tables();

  private ComputeTables() {}

  private static Map<String, StructType> tables() {
    Map<String, StructType> tables = new LinkedHashMap<>();
    for (Tables.Table t : Tables.COMPUTE) {
      tables.put(t.name(), t.schema());
    }
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
