package cn.changai.indicators;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The per-enterprise components the roll-up starts from: every enterprise of a period with its
 * place in the unit tree, its figures, and the totals of every worker and studio measure (which
 * {@link MeasureKernel} works out, one pass per table).
 */
public final class Components {

  /** The columns of enterprises every component row carries besides the figures. */
  public static final List<String> UNIT_COLUMNS =
      List.of("period", "enterprise_id", "name", "parent_id", "level", "industry");

  private Components() {}

  /** The measures totalled over workers, in catalogue order. */
  public static List<Measure.RowTotal> workerMeasures(List<Measure> measures) {
    List<Measure.RowTotal> out = new ArrayList<>();
    for (Measure m : measures) {
      if (m instanceof Measure.WorkerCount || m instanceof Measure.WorkerSum) {
        out.add((Measure.RowTotal) m);
      }
    }
    return out;
  }

  /** The measures totalled over studios, in catalogue order. */
  public static List<Measure.RowTotal> studioMeasures(List<Measure> measures) {
    List<Measure.RowTotal> out = new ArrayList<>();
    for (Measure m : measures) {
      if (m instanceof Measure.StudioCount s) {
        out.add(s);
      }
    }
    return out;
  }

  /** The columns of enterprises to read: the unit columns, then every figure. */
  public static List<String> enterpriseColumns(List<Measure> measures) {
    List<String> out = new ArrayList<>(UNIT_COLUMNS);
    for (Measure m : measures) {
      if (m instanceof Measure.Figure) {
        out.add(m.name());
      }
    }
    return out;
  }

  /**
   * One enterprise row (of {@link #enterpriseColumns}) and its worker and studio totals as the
   * roll-up's input. An enterprise none of whose rows counted has counts and sums of 0.
   */
  public static EnterpriseValues of(Row row, List<Measure> measures, MeasureKernel workers,
      MeasureKernel.Totals workerTotals, MeasureKernel studios, MeasureKernel.Totals studioTotals) {
    String period = row.getAs("period");
    String id = row.getAs("enterprise_id");
    Map<String, Object> totals = new HashMap<>(workers.values(workerTotals.get(period, id)));
    totals.putAll(studios.values(studioTotals.get(period, id)));
    Map<String, Object> values = new HashMap<>();
    for (Measure m : measures) {
      Object value = m instanceof Measure.Figure ? row.get(row.fieldIndex(m.name())) : totals.get(m.name());
      if (value == null && !m.nullable()) {
        value = m instanceof Measure.WorkerSum ? BigDecimal.ZERO : (Object) 0L;
      }
      if (value instanceof Integer i) {
        value = i.longValue();
      }
      values.put(m.name(), value);
    }
    return new EnterpriseValues(period, id, row.getAs("name"), row.getAs("parent_id"), row.getAs("level"),
        row.getAs("industry"), values);
  }
}
