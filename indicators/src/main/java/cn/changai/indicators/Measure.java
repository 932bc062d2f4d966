package cn.changai.indicators;

import java.math.BigDecimal;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A per-enterprise quantity an indicator is built from: a count or sum over the enterprise's
 * workers, a count of its studios, or one of its figures. Worker and studio measures are row
 * totals under a {@link Condition}, each declared as a Spark aggregate ({@link RowTotal#aggregate()})
 * that the compute job fuses with every other measure of its table into one
 * {@code groupBy(period, enterprise_id).agg(...)}; figures are columns of enterprises.
 */
public sealed interface Measure extends java.io.Serializable {

  /** The type every summed column is read as, in Spark SQL: the warehouse's money and hours. */
  String SUMMED = "decimal(18,4)";
  /** The scale of {@link #SUMMED}: sums are added as units of 10^-4. */
  int SUMMED_SCALE = 4;
  /** 10^{@value #SUMMED_SCALE}, what a summed value is multiplied by to become its unscaled long. */
  BigDecimal UNIT = BigDecimal.TEN.pow(SUMMED_SCALE);
  /** Below this magnitude a {@link #SUMMED} value finds its unscaled long through a double (see {@link #unscaled}). */
  double UNSCALED_BY_DOUBLE_BELOW = 1e9;

  /**
   * A {@link #SUMMED} value as its unscaled long (the value × 10^4), exactly; null stays null.
   *
   * <p>Why through a double: Spark multiplies a {@code decimal(18,4)} by 10^4 as a
   * {@code decimal(24,4)}, which no longer fits a long, so every row went through
   * {@code BigDecimal}s (a third of compute's CPU at 10^7 rows, docs/performance.md). Below 10^9
   * the value's unscaled long u has |u| < 10^13 < 2^44: the double nearest the value, times 10^4,
   * is within |u| × 2^-52 < 0.003 of u, adding 0.5 rounds off less than 2^-9, so the floor is u
   * itself. Larger values (never a wage or an hour count) take the exact decimal product.
   */
  static Column unscaled(Column value) {
    Column asDouble = value.cast(DataTypes.DoubleType);
    Column viaDouble = functions.floor(asDouble.multiply(1e4).plus(0.5));
    Column exact = value.cast(DataTypes.createDecimalType(18, SUMMED_SCALE)).multiply(functions.lit(UNIT))
        .cast(DataTypes.LongType);
    return functions.when(functions.abs(asDouble).lt(UNSCALED_BY_DOUBLE_BELOW), viaDouble).otherwise(exact);
  }

  /** The measure's name: a column of the per-enterprise component table, unique in the catalogue. */
  String name();

  /** What the measure is, in words a data team can read (shown by {@code changai indicators}). */
  String describe();

  /** The measure in the catalogue's notation: {@code |W ∧ party_member|}, {@code fig.x}. */
  String notation();

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

    /**
     * The measure as an aggregate over one enterprise's rows, named after the measure: a count
     * ({@code count_if}, a long, 0 when no row meets the condition) or a sum of the value over the
     * rows meeting it, as {@code decimal(18,4)} units of 10^-4 (each value's unscaled long, exact;
     * null when no row meets it). {@link #total} reads the result back.
     *
     * <p>Why not Spark's decimal sum: its buffer is a {@code decimal(28,4)}, which Spark keeps as a
     * BigInteger's bytes and reads back and writes again for every row; summing longs (an
     * overflow fails the query, it never wraps) was most of the difference at 10^7 rows
     * (docs/performance.md).
     */
    default Column aggregate() {
      Column condition = condition().toColumn();
      Column total = value() == null
          ? functions.count_if(condition)
          : functions.sum(functions.when(condition, unscaled(functions.col(value()))));
      return total.as(name());
    }

    /**
     * The measure's value from its {@link #aggregate()}: a count as a Long (0 when null), a sum
     * as an exact BigDecimal of scale 4 (0 when null, no row met the condition).
     */
    default Object total(Object aggregated) {
      long raw = aggregated == null ? 0 : ((Number) aggregated).longValue();
      return value() == null ? (Object) raw : BigDecimal.valueOf(raw, SUMMED_SCALE);
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

    @Override
    public String notation() {
      return "|" + condition.notation() + "|";
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

    @Override
    public String notation() {
      return "Σ " + value + " over " + condition.notation();
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

    @Override
    public String notation() {
      return "|S ∧ " + condition.notation() + "|";
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
    public String notation() {
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
