package cn.changai.indicators;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-enterprise components the roll-up starts from: every enterprise of a period with its
 * place in the unit tree, its figures, and the totals of every worker and studio measure (which
 * the compute job aggregates, one fused pass per table), as plain values.
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
   * One enterprise (its {@link #enterpriseColumns}, by name) and the totals of its worker and
   * studio measures (by name; none when it has no rows) as the roll-up's input. A count it has no
   * total for is 0, a sum 0; whole-number figures become longs.
   */
  public static EnterpriseValues of(Map<String, Object> enterprise, Map<String, Object> totals, List<Measure> measures) {
    Map<String, Object> values = new HashMap<>();
    for (Measure m : measures) {
      Object value = m instanceof Measure.Figure ? enterprise.get(m.name()) : totals.get(m.name());
      if (value == null && !m.nullable()) {
        value = m instanceof Measure.WorkerSum ? BigDecimal.ZERO : (Object) 0L;
      }
      if (value instanceof Integer i) {
        value = i.longValue();
      }
      values.put(m.name(), value);
    }
    return new EnterpriseValues((String) enterprise.get("period"), (String) enterprise.get("enterprise_id"),
        (String) enterprise.get("name"), (String) enterprise.get("parent_id"), (String) enterprise.get("level"),
        (String) enterprise.get("industry"), values);
  }
}
