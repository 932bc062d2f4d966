package cn.changai.indicators;

import java.math.BigDecimal;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

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
  /** The scale of {@link #SUMMED}. */
  int SUMMED_SCALE = 4;
  /** {@link #SUMMED} as a Spark type. */
  DecimalType SUMMED_TYPE = DataTypes.createDecimalType(18, SUMMED_SCALE);
  /** The fraction of a {@link #SUMMED} value (less than 1 in magnitude), small enough for Spark to sum as a long. */
  DecimalType FRACTION_TYPE = DataTypes.createDecimalType(8, SUMMED_SCALE);

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
     * ({@code count_if}, a long, 0 when no row meets the condition), or for a sum a struct of two
     * exact sums over the rows meeting the condition, {@code whole} (each value's integer part, a
     * long) and {@code fraction} (the rest, less than 1 in magnitude, as {@code decimal(8,4)}).
     * {@link #total} adds them back.
     *
     * <p>Why in two parts: Spark's sum of a {@code decimal(18,4)} keeps a {@code decimal(28,4)}
     * buffer as a BigInteger's bytes, and any product or conversion to a double of a decimal goes
     * through {@code BigDecimal}s, for every row (docs/performance.md). The integer part is a
     * long division, the fraction a subtraction of longs, and Spark's optimizer sums a decimal of
     * at most 8 digits as its unscaled long; so no row makes a {@code BigDecimal}. An overflow
     * fails the query (ANSI mode), it never wraps.
     */
    default Column aggregate() {
      Column condition = condition().toColumn();
      if (value() == null) {
        return functions.count_if(condition).as(name());
      }
      Column value = functions.col(value()).cast(SUMMED_TYPE);
      Column whole = value.cast(DataTypes.LongType);
      Column fraction = value.minus(whole.cast(SUMMED_TYPE)).cast(FRACTION_TYPE);
      return functions.struct(
          functions.sum(functions.when(condition, whole)).as("whole"),
          functions.sum(functions.when(condition, fraction)).as("fraction")).as(name());
    }

    /**
     * The measure's value from its {@link #aggregate()}: a count as a Long (0 when null), a sum
     * as an exact BigDecimal of scale 4 (0 when no row met the condition) from the struct's two
     * fields given as an array {whole, fraction}.
     */
    default Object total(Object aggregated) {
      if (value() == null) {
        return aggregated == null ? 0L : ((Number) aggregated).longValue();
      }
      Object[] parts = aggregated == null ? new Object[2] : (Object[]) aggregated;
      BigDecimal whole = parts[0] == null ? BigDecimal.ZERO : BigDecimal.valueOf(((Number) parts[0]).longValue());
      BigDecimal fraction = parts[1] == null ? BigDecimal.ZERO : (BigDecimal) parts[1];
      return whole.add(fraction).setScale(SUMMED_SCALE);
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
