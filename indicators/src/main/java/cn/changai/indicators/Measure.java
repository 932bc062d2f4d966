package cn.changai.indicators;

import java.util.Objects;

/**
 * A per-enterprise quantity an indicator is built from: a count or sum over the enterprise's
 * workers, a count of its studios, or one of its figures. Worker and studio measures are row
 * totals under a {@link Condition}, all of a table evaluated in one pass by {@link MeasureKernel};
 * figures are columns of enterprises.
 */
public sealed interface Measure extends java.io.Serializable {

  /** The measure's name: a column of the per-enterprise component table, unique in the catalogue. */
  String name();

  /** What the measure is, in words a data team can read (shown by {@code changai indicators}). */
  String describe();

  /** True when the value can be null for an enterprise (only figures: null means unknown). */
  default boolean nullable() {
    return false;
  }

  /**
   * A total over the rows of one table meeting a condition: their number ({@link #value()} null)
   * or the sum of a numeric column (null values add nothing). Counts and sums are exact.
   */
  sealed interface RowTotal extends Measure {
    /** The rows counted or summed. */
    Condition condition();

    /** The column summed, or null for a count. */
    default String value() {
      return null;
    }
  }

  /**
   * The number of rows of workers meeting a condition over the columns of workers and the
   * period window.
   */
  record WorkerCount(String name, Condition condition) implements RowTotal {
    public WorkerCount {
      Objects.requireNonNull(name);
      Objects.requireNonNull(condition);
    }

    @Override
    public String describe() {
      return "count of workers where " + condition.sql();
    }
  }

  /**
   * The sum of a decimal column of workers over the rows meeting a condition; null values add
   * nothing. Summed as a decimal, so sums of money and hours are exact.
   */
  record WorkerSum(String name, String value, Condition condition) implements RowTotal {
    public WorkerSum {
      Objects.requireNonNull(name);
      Objects.requireNonNull(value);
      Objects.requireNonNull(condition);
    }

    @Override
    public String describe() {
      return "sum of " + value + " over workers where " + condition.sql();
    }
  }

  /** The number of rows of studios meeting a condition over the columns of studios. */
  record StudioCount(String name, Condition condition) implements RowTotal {
    public StudioCount {
      Objects.requireNonNull(name);
      Objects.requireNonNull(condition);
    }

    @Override
    public String describe() {
      return "count of studios where " + condition.sql();
    }
  }

  /** A figure of enterprise.json, a column of enterprises: a whole number or a boolean, null when unknown. */
  record Figure(String name) implements Measure {
    public Figure {
      Objects.requireNonNull(name);
    }

    @Override
    public String describe() {
      return "fig." + name;
    }

    @Override
    public boolean nullable() {
      return true;
    }
  }

  static WorkerCount workers(String name, Condition condition) {
    return new WorkerCount(name, condition);
  }

  static WorkerSum workerSum(String name, String value, Condition condition) {
    return new WorkerSum(name, value, condition);
  }

  static StudioCount studios(String name, Condition condition) {
    return new StudioCount(name, condition);
  }

  static Figure figure(String name) {
    return new Figure(name);
  }
}
