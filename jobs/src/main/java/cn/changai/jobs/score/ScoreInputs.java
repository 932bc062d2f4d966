package cn.changai.jobs.score;

import cn.changai.domain.Period;
import cn.changai.indicators.Catalogue;
import cn.changai.indicators.score.PeriodUnits;
import cn.changai.indicators.score.UnitValues;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * Reads what scoring needs into plain Java: the enterprise and group rows of
 * {@code indicator_values} and each enterprise's industry, one small table per period.
 */
public final class ScoreInputs {

  static final String ENTERPRISE = "enterprise";
  static final String GROUP = "group";

  private static final List<String> VALUE_COLUMNS =
      List.of("period", "unit_level", "unit_id", "unit_name", "indicator_id", "value", "low_base");

  /** Periods in {@link Period} order. */
  public static final Comparator<String> PERIOD_ORDER =
      Comparator.comparing((String id) -> Period.parse(id).orElseThrow(() -> new IllegalArgumentException("not a period: " + id)));

  private ScoreInputs() {}

  /**
   * The periods a table holds, from its {@code period=} folders, without Spark (with the run's
   * held commit applied: {@link Warehouse#periods}); empty when the table does not exist. Folders
   * that are not valid periods are ignored.
   */
  public static SortedSet<String> periodsWithData(Warehouse warehouse, String table) throws IOException {
    SortedSet<String> periods = new TreeSet<>(PERIOD_ORDER);
    warehouse.periods(table).stream().filter(Period::isValidPeriod).forEach(periods::add);
    return periods;
  }

  /** What was read, and what in it was ignored. */
  record Read(Map<String, PeriodUnits> periods, List<String> warnings) {}

  /**
   * Collects the given periods' units from {@code indicator_values} (enterprise and group rows
   * only) and their industries from {@code enterprises} (none when that table does not exist), as
   * the warehouse shows them to this run.
   */
  static Read read(Warehouse warehouse, Collection<String> periods) throws IOException {
    // On the driver, without a Spark job: a row per unit and indicator.
    Set<String> levels = Set.of(ENTERPRISE, GROUP);
    List<Row> rows = warehouse.rows(Tables.INDICATOR_VALUES, periods, VALUE_COLUMNS,
        r -> !r.isNullAt(1) && levels.contains(r.getString(1)));
    List<String> warnings = new ArrayList<>();
    Map<String, Map<String, String>> industries = new HashMap<>();
    boolean hasEnterprises = warehouse.hasTable(Tables.ENTERPRISES.name());
    if (!hasEnterprises) {
      warnings.add("no enterprises table: enterprises are not ranked within their industry");
    } else {
      for (Row r : warehouse.rows(Tables.ENTERPRISES, periods, List.of("period", "enterprise_id", "industry"),
          r -> true)) {
        industries.computeIfAbsent(r.getString(0), p -> new HashMap<>()).put(r.getString(1), r.getString(2));
      }
    }

    Set<String> known = new TreeSet<>();
    Catalogue.all().forEach(i -> known.add(i.id()));
    Set<String> unknown = new TreeSet<>();
    // period -> "level\0id" -> values; names kept apart, first non-null wins.
    Map<String, Map<String, Map<String, UnitValues.Value>>> values = new TreeMap<>();
    Map<String, String> names = new HashMap<>();
    for (Row r : rows) {
      String period = r.getString(0);
      String unit = r.getString(1) + '\u0000' + r.getString(2);
      String indicator = r.getString(4);
      Map<String, UnitValues.Value> unitValues =
          values.computeIfAbsent(period, p -> new HashMap<>()).computeIfAbsent(unit, u -> new LinkedHashMap<>());
      if (!r.isNullAt(3)) {
        names.putIfAbsent(period + '\u0000' + unit, r.getString(3));
      }
      if (!known.contains(indicator)) {
        unknown.add(indicator);
        continue;
      }
      Double value = r.isNullAt(5) ? null : r.getDouble(5);
      boolean lowBase = !r.isNullAt(6) && r.getBoolean(6);
      if (unitValues.put(indicator, new UnitValues.Value(value, lowBase)) != null) {
        throw new IllegalStateException("table indicator_values has more than one row for period " + period
            + ", " + r.getString(1) + " " + r.getString(2) + ", indicator " + indicator);
      }
    }
    if (!unknown.isEmpty()) {
      warnings.add("indicators not in catalogue " + Catalogue.VERSION + " are ignored: " + String.join(", ", unknown));
    }

    Map<String, PeriodUnits> out = new TreeMap<>(PERIOD_ORDER);
    for (String period : periods) {
      List<UnitValues> groups = new ArrayList<>();
      List<UnitValues> enterpriseUnits = new ArrayList<>();
      Map<String, String> industryOf = new HashMap<>();
      Map<String, String> periodIndustries = industries.getOrDefault(period, Map.of());
      int withoutIndustry = 0;
      for (Map.Entry<String, Map<String, UnitValues.Value>> e : values.getOrDefault(period, Map.of()).entrySet()) {
        String[] key = e.getKey().split("\u0000", 2);
        UnitValues unit = new UnitValues(key[0], key[1], names.get(period + '\u0000' + e.getKey()), e.getValue());
        if (key[0].equals(GROUP)) {
          groups.add(unit);
        } else {
          enterpriseUnits.add(unit);
          String industry = periodIndustries.get(key[1]);
          if (industry != null) {
            industryOf.put(key[1], industry);
          } else {
            withoutIndustry++;
          }
        }
      }
      if (hasEnterprises && withoutIndustry > 0) {
        warnings.add(period + ": " + withoutIndustry + " enterprises have no industry in table enterprises"
            + " and are ranked among all enterprises only");
      }
      out.put(period, new PeriodUnits(period, groups, enterpriseUnits, industryOf));
    }
    return new Read(out, warnings);
  }
}
