package cn.changai.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import cn.changai.domain.Period;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per-enterprise component table: one row per period and enterprise with its place in the
 * unit tree, its figures, and every worker and studio measure of the catalogue. All worker measures
 * come from one {@code groupBy(period, enterprise_id).agg(...)} over workers (one scan), the studio
 * measures from one small aggregation over studios.
 */
public final class Components {

  /** The columns of enterprises every component row carries besides the measures. */
  public static final List<String> UNIT_COLUMNS =
      List.of("period", "enterprise_id", "name", "parent_id", "level", "industry");

  /** The first day of the row's period (a date column the measures may use). */
  public static final String PERIOD_START = "period_start";
  /** The last day of the row's period, the reference date (a date column the measures may use). */
  public static final String PERIOD_END = "period_end";

  private static final String[] KEY = {"period", "enterprise_id"};

  private Components() {}

  /** Adds the period window ({@code period_start}, {@code period_end}) to rows with a period column. */
  public static Dataset<Row> withWindow(Dataset<Row> rows, Collection<Period> periods) {
    Column start = lit(null).cast("date");
    Column end = lit(null).cast("date");
    for (Period p : periods) {
      start = when(col("period").equalTo(p.id()), lit(p.start())).otherwise(start);
      end = when(col("period").equalTo(p.id()), lit(p.end())).otherwise(end);
    }
    return rows.withColumn(PERIOD_START, start).withColumn(PERIOD_END, end);
  }

  /** The aggregate column of one worker or studio measure. */
  public static Column aggregate(Measure measure) {
    if (measure instanceof Measure.WorkerCount m) {
      return count(m.condition()).alias(m.name());
    }
    if (measure instanceof Measure.StudioCount m) {
      return count(m.condition()).alias(m.name());
    }
    if (measure instanceof Measure.WorkerSum m) {
      return sum(when(expr(m.condition()), expr(m.value()))).alias(m.name());
    }
    throw new IllegalArgumentException("not an aggregate measure: " + measure);
  }

  private static Column count(String condition) {
    // A null condition is not met; the sum is a long, so the count is exact.
    return sum(when(expr(condition), lit(1L)).otherwise(lit(0L)));
  }

  /**
   * One row per period and enterprise of workers with every worker measure: the one scan of
   * workers. Only the given periods are kept.
   */
  public static Dataset<Row> workerMeasures(Dataset<Row> workers, Collection<Period> periods, List<Measure> measures) {
    List<Column> aggregates = new ArrayList<>();
    for (Measure m : measures) {
      if (m instanceof Measure.WorkerCount || m instanceof Measure.WorkerSum) {
        aggregates.add(aggregate(m));
      }
    }
    return groupAll(withWindow(inPeriods(workers, periods), periods), aggregates);
  }

  /** One row per period and enterprise of studios with every studio measure. */
  public static Dataset<Row> studioMeasures(Dataset<Row> studios, Collection<Period> periods, List<Measure> measures) {
    List<Column> aggregates = new ArrayList<>();
    for (Measure m : measures) {
      if (m instanceof Measure.StudioCount) {
        aggregates.add(aggregate(m));
      }
    }
    return groupAll(withWindow(inPeriods(studios, periods), periods), aggregates);
  }

  /**
   * The component table of the given periods: every enterprise of those periods (also one whose
   * rows were all rejected: its counts are 0), its figures, and its worker and studio measures.
   */
  public static Dataset<Row> table(Dataset<Row> enterprises, Dataset<Row> workers, Dataset<Row> studios,
      Collection<Period> periods, List<Measure> measures) {
    List<Column> columns = new ArrayList<>();
    UNIT_COLUMNS.forEach(c -> columns.add(col(c)));
    for (Measure m : measures) {
      if (m instanceof Measure.Figure) {
        columns.add(col(m.name()));
      }
    }
    Dataset<Row> table = inPeriods(enterprises, periods).select(columns.toArray(new Column[0]));
    Dataset<Row> workerAgg = workerMeasures(workers, periods, measures);
    if (workerAgg != null) {
      table = table.join(workerAgg, KEY, "left");
    }
    Dataset<Row> studioAgg = studioMeasures(studios, periods, measures);
    if (studioAgg != null) {
      table = table.join(studioAgg, KEY, "left");
    }
    // An enterprise without worker or studio rows has counts and sums of 0, never null.
    List<Column> out = new ArrayList<>();
    for (String c : table.columns()) {
      Measure m = find(measures, c);
      if (m instanceof Measure.WorkerCount || m instanceof Measure.StudioCount) {
        out.add(coalesce(col(c), lit(0L)).alias(c));
      } else if (m instanceof Measure.WorkerSum) {
        out.add(coalesce(col(c), lit(BigDecimal.ZERO).cast(table.schema().apply(c).dataType())).alias(c));
      } else {
        out.add(col(c));
      }
    }
    return table.select(out.toArray(new Column[0]));
  }

  /** The rows of a component table as the roll-up's input (small: one row per enterprise and period). */
  public static List<EnterpriseValues> collect(Dataset<Row> table, List<Measure> measures) {
    List<EnterpriseValues> values = new ArrayList<>();
    for (Row row : table.collectAsList()) {
      values.add(fromRow(row, measures));
    }
    return values;
  }

  /** One component row as the roll-up's input. */
  public static EnterpriseValues fromRow(Row row, List<Measure> measures) {
    Map<String, Object> values = new HashMap<>();
    for (Measure m : measures) {
      Object value = row.get(row.fieldIndex(m.name()));
      if (value == null && !m.nullable()) {
        value = m instanceof Measure.WorkerSum ? BigDecimal.ZERO : (Object) 0L;
      }
      if (value instanceof Integer i) {
        value = i.longValue();
      }
      values.put(m.name(), value);
    }
    return new EnterpriseValues(row.getAs("period"), row.getAs("enterprise_id"), row.getAs("name"),
        row.getAs("parent_id"), row.getAs("level"), row.getAs("industry"), values);
  }

  private static Dataset<Row> inPeriods(Dataset<Row> rows, Collection<Period> periods) {
    return rows.filter(col("period").isin(periods.stream().map(Period::id).toArray()));
  }

  private static Dataset<Row> groupAll(Dataset<Row> rows, List<Column> aggregates) {
    if (aggregates.isEmpty()) {
      return null;
    }
    return rows.groupBy(col("period"), col("enterprise_id"))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
  }

  private static Measure find(List<Measure> measures, String name) {
    for (Measure m : measures) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }
}
