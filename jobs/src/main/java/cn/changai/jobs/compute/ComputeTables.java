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

  /**
   * The row of indicator_wide for one unit's values (all of one unit and period): each value under
   * its indicator's column, null when null or low base; the low-base ids in catalogue order.
   */
  public static Row wideRow(java.util.List<IndicatorValue> unitValues, String runId) {
    IndicatorValue first = unitValues.get(0);
    java.util.List<cn.changai.indicators.Indicator> catalogue = Catalogue.all();
    Object[] row = new Object[catalogue.size() + 7];
    row[0] = first.unitLevel().code();
    row[1] = first.unitId();
    row[2] = first.unitName();
    Map<String, IndicatorValue> byId = new java.util.HashMap<>();
    unitValues.forEach(v -> byId.put(v.indicatorId(), v));
    java.util.List<String> lowBase = new java.util.ArrayList<>();
    for (int i = 0; i < catalogue.size(); i++) {
      IndicatorValue v = byId.get(catalogue.get(i).id());
      if (v != null && v.lowBase()) {
        lowBase.add(v.indicatorId());
      }
      row[3 + i] = v == null || v.lowBase() ? null : v.value();
    }
    int at = 3 + catalogue.size();
    row[at] = scala.jdk.javaapi.CollectionConverters.asScala(lowBase).toSeq();
    row[at + 1] = Catalogue.VERSION;
    row[at + 2] = runId;
    row[at + 3] = first.period();
    return RowFactory.create(row);
  }

  /** A row of skill_distribution. */
  public static Row skillRow(SkillCount s) {
    return RowFactory.create(s.unitLevel().code(), s.unitId(), s.skillLevel(), s.count(), s.share(), s.period());
  }
}
