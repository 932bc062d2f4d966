package cn.changai.indicators;

import java.util.Objects;

/**
 * A per-enterprise quantity an indicator is built from: a count or sum over the enterprise's
 * workers, a count of its studios, or one of its figures. Worker and studio measures are Spark SQL
 * conditions that the compute job fuses into one aggregation; figures are columns of enterprises.
 */
public sealed interface Measure {

  /** The measure's name: a column of the per-enterprise component table, unique in the catalogue. */
  String name();

  /** What the measure is, in words a data team can read (shown by {@code changai indicators}). */
  String describe();

  /** True when the value can be null for an enterprise (only figures: null means unknown). */
  default boolean nullable() {
    return false;
  }

  /**
   * The number of rows of workers meeting a condition (a Spark SQL boolean expression over the
   * columns of workers and the period window {@code period_start}, {@code period_end}). A null
   * condition counts as false. Summed as a long, so counts are exact.
   */
  record WorkerCount(String name, String condition) implements Measure {
    public WorkerCount {
      Objects.requireNonNull(name);
      Objects.requireNonNull(condition);
    }

    @Override
    public String describe() {
      return "count of workers where " + condition;
    }
  }

  /**
   * The sum of a decimal column of workers over the rows meeting a condition; null values add
   * nothing. Summed as a decimal, so sums of money and hours are exact.
   */
  record WorkerSum(String name, String value, String condition) implements Measure {
    public WorkerSum {
      Objects.requireNonNull(name);
      Objects.requireNonNull(value);
      Objects.requireNonNull(condition);
    }

    @Override
    public String describe() {
      return "sum of " + value + " over workers where " + condition;
    }
  }

  /** The number of rows of studios meeting a condition (Spark SQL over the columns of studios). */
  record StudioCount(String name, String condition) implements Measure {
    public StudioCount {
      Objects.requireNonNull(name);
      Objects.requireNonNull(condition);
    }

    @Override
    public String describe() {
      return "count of studios where " + condition;
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

  static WorkerCount workers(String name, String condition) {
    return new WorkerCount(name, condition);
  }

  static WorkerSum workerSum(String name, String value, String condition) {
    return new WorkerSum(name, value, condition);
  }

  static StudioCount studios(String name, String condition) {
    return new StudioCount(name, condition);
  }

  static Figure figure(String name) {
    return new Figure(name);
  }
}
