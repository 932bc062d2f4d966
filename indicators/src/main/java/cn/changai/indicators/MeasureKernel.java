package cn.changai.indicators;

import cn.changai.domain.Period;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The row totals (counts and sums) of one table, worked out per period and enterprise in one pass
 * over Spark's columnar batches of the table. Each distinct test of the measures' conditions is
 * evaluated once per batch, column by column, into a bit of a per-row mask; a row then adds to
 * every measure whose tests' bits it has. Sums of decimals add their unscaled longs, so they are
 * exact (an overflow fails, it never wraps). Serializable: Spark tasks run it next to the data.
 */
public final class MeasureKernel implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The column every batch carries the period in (the table's partition column). */
  public static final String PERIOD = "period";
  /** The column every batch carries the enterprise in. */
  public static final String ENTERPRISE = "enterprise_id";

  private final List<Measure.RowTotal> measures;
  private final List<String> columns = new ArrayList<>();
  private final Condition.Test[] tests;
  private final int[] testColumn;
  private final long[] required;
  private final int[] valueColumn;
  private final int[] valueScale;
  /** True where the summed column is held as an int (an int, or a decimal of at most 9 digits). */
  private final boolean[] valueInt;
  private final long common;
  private final Map<String, int[]> windows = new HashMap<>();
  /** Per string column (index into columns): the literals its tests compare with. */
  private final Map<Integer, List<String>> literals = new HashMap<>();

  /**
   * A kernel for the given measures of a table with the given schema, over the given periods.
   * Fails when a measure reads a column the schema lacks or has a type its test cannot read.
   */
  public MeasureKernel(List<? extends Measure.RowTotal> measures, StructType schema, Collection<Period> periods) {
    this.measures = List.copyOf(measures);
    columns.add(PERIOD);
    columns.add(ENTERPRISE);
    List<Condition.Test> distinct = new ArrayList<>();
    for (Measure.RowTotal m : this.measures) {
      for (Condition.Test t : m.condition().tests()) {
        if (!distinct.contains(t)) {
          distinct.add(t);
        }
      }
    }
    if (distinct.size() > Long.SIZE) {
      throw new IllegalArgumentException("at most " + Long.SIZE + " distinct tests in one pass, not " + distinct.size());
    }
    tests = distinct.toArray(new Condition.Test[0]);
    testColumn = new int[tests.length];
    for (int t = 0; t < tests.length; t++) {
      testColumn[t] = column(tests[t].column());
      checkType(tests[t], type(schema, tests[t].column()));
      if (tests[t] instanceof Condition.OneOf o) {
        List<String> known = literals.computeIfAbsent(testColumn[t], k -> new ArrayList<>());
        o.values().stream().filter(v -> !known.contains(v)).forEach(known::add);
      }
    }
    required = new long[this.measures.size()];
    valueColumn = new int[this.measures.size()];
    valueScale = new int[this.measures.size()];
    valueInt = new boolean[this.measures.size()];
    long all = -1L;
    for (int m = 0; m < required.length; m++) {
      Measure.RowTotal measure = this.measures.get(m);
      for (Condition.Test t : measure.condition().tests()) {
        required[m] |= 1L << distinct.indexOf(t);
      }
      all &= required[m];
      valueColumn[m] = -1;
      if (measure.value() != null) {
        valueColumn[m] = column(measure.value());
        DataType type = type(schema, measure.value());
        valueScale[m] = sumScale(measure, type);
        valueInt[m] = type instanceof IntegerType || type instanceof DecimalType d && d.precision() <= 9;
      }
    }
    common = required.length == 0 ? 0 : all;
    for (Period p : periods) {
      windows.put(p.id(), new int[] {(int) p.start().toEpochDay(), (int) p.end().toEpochDay()});
    }
  }

  /** The columns a batch must carry, in this order of {@link #add}'s index: period, enterprise_id, then the inputs. */
  public List<String> columns() {
    return List.copyOf(columns);
  }

  /** The measures, in the order of the raw totals. */
  public List<Measure.RowTotal> measures() {
    return measures;
  }

  /** Empty totals to add batches to. */
  public Totals newTotals() {
    return new Totals(measures.size());
  }

  /**
   * Adds the rows of a batch to the totals. {@code at[i]} is the batch column holding
   * {@code columns().get(i)}.
   */
  public void add(ColumnarBatch batch, int[] at, Totals totals) {
    int n = batch.numRows();
    if (n == 0) {
      return;
    }
    ColumnVector period = batch.column(at[0]);
    ColumnVector enterprise = batch.column(at[1]);
    long[] masks = totals.masks(n);
    int[][] window = windowsOf(period, n, totals);
    Map<Integer, int[]> codes = new HashMap<>();
    for (Map.Entry<Integer, List<String>> e : literals.entrySet()) {
      codes.put(e.getKey(), codes(batch.column(at[e.getKey()]), n, e.getValue()));
    }
    for (int t = 0; t < tests.length; t++) {
      mark(tests[t], batch.column(at[testColumn[t]]), codes.get(testColumn[t]), window, n, 1L << t, masks);
    }
    ColumnVector[] values = new ColumnVector[required.length];
    for (int m = 0; m < required.length; m++) {
      values[m] = valueColumn[m] < 0 ? null : batch.column(at[valueColumn[m]]);
    }
    UTF8String lastEnterprise = null;
    UTF8String lastPeriod = null;
    long[] slot = null;
    for (int i = 0; i < n; i++) {
      long mask = masks[i];
      if ((mask & common) != common) {
        continue;
      }
      UTF8String e = enterprise.getUTF8String(i);
      UTF8String p = period.getUTF8String(i);
      if (slot == null || !e.equals(lastEnterprise) || !p.equals(lastPeriod)) {
        slot = totals.slot(p.toString(), e.toString());
        lastEnterprise = e.clone();
        lastPeriod = p.clone();
      }
      for (int m = 0; m < required.length; m++) {
        long r = required[m];
        if ((mask & r) != r) {
          continue;
        }
        ColumnVector v = values[m];
        if (v == null) {
          slot[m]++;
        } else if (!v.isNullAt(i)) {
          slot[m] = Math.addExact(slot[m], valueInt[m] ? v.getInt(i) : v.getLong(i));
        }
      }
    }
    totals.rows += n;
  }

  /** The totals of one enterprise as measure values: Long for counts, BigDecimal for decimal sums. */
  public Map<String, Object> values(long[] raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int m = 0; m < measures.size(); m++) {
      long v = raw == null ? 0 : raw[m];
      out.put(measures.get(m).name(), valueColumn[m] >= 0 && valueScale[m] >= 0 ? BigDecimal.valueOf(v, valueScale[m]) : (Object) v);
    }
    return out;
  }

  private int[][] windowsOf(ColumnVector period, int n, Totals totals) {
    int[][] out = totals.windows(n);
    UTF8String last = null;
    int[] w = null;
    for (int i = 0; i < n; i++) {
      UTF8String p = period.getUTF8String(i);
      if (w == null || !p.equals(last)) {
        w = windows.get(p.toString());
        if (w == null) {
          throw new IllegalStateException("a row of period " + p + ", which is not one of " + windows.keySet());
        }
        last = p.clone();
      }
      out[0][i] = w[0];
      out[1][i] = w[1];
    }
    return out;
  }

  /** The index of each row's string among the literals, -1 for another string or null. */
  private static int[] codes(ColumnVector v, int n, List<String> literals) {
    UTF8String[] known = literals.stream().map(UTF8String::fromString).toArray(UTF8String[]::new);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int code = -1;
      if (!v.isNullAt(i)) {
        UTF8String s = v.getUTF8String(i);
        for (int k = 0; k < known.length; k++) {
          if (known[k].equals(s)) {
            code = k;
            break;
          }
        }
      }
      out[i] = code;
    }
    return out;
  }

  private void mark(Condition.Test test, ColumnVector v, int[] codes, int[][] window, int n, long bit, long[] masks) {
    if (test instanceof Condition.IsTrue) {
      for (int i = 0; i < n; i++) {
        if (!v.isNullAt(i) && v.getBoolean(i)) {
          masks[i] |= bit;
        }
      }
    } else if (test instanceof Condition.IsSet) {
      for (int i = 0; i < n; i++) {
        if (!v.isNullAt(i)) {
          masks[i] |= bit;
        }
      }
    } else if (test instanceof Condition.NotEmpty) {
      for (int i = 0; i < n; i++) {
        if (!v.isNullAt(i) && v.getArray(i).numElements() > 0) {
          masks[i] |= bit;
        }
      }
    } else if (test instanceof Condition.OneOf o) {
      List<String> known = literals.get(column(o.column()));
      boolean[] meets = new boolean[known.size() + 1];
      for (int k = 0; k < known.size(); k++) {
        meets[k + 1] = o.values().contains(known.get(k)) != o.negated();
      }
      for (int i = 0; i < n; i++) {
        // A string that is none of the literals meets a negated test, unless it is null.
        boolean yes = codes[i] >= 0 ? meets[codes[i] + 1] : o.negated() && !v.isNullAt(i);
        if (yes) {
          masks[i] |= bit;
        }
      }
    } else if (test instanceof Condition.InPeriod) {
      for (int i = 0; i < n; i++) {
        if (!v.isNullAt(i)) {
          int day = v.getInt(i);
          if (day >= window[0][i] && day <= window[1][i]) {
            masks[i] |= bit;
          }
        }
      }
    } else if (test instanceof Condition.WithinMonthsOfEnd w) {
      Map<Integer, Integer> after = new HashMap<>();
      for (int i = 0; i < n; i++) {
        if (!v.isNullAt(i)) {
          int day = v.getInt(i);
          int end = window[1][i];
          int from = after.computeIfAbsent(end, e -> (int) java.time.LocalDate.ofEpochDay(e).minusMonths(w.months()).toEpochDay());
          if (day > from && day <= end) {
            masks[i] |= bit;
          }
        }
      }
    } else {
      throw new IllegalStateException("no evaluation for " + test);
    }
  }

  private int column(String name) {
    int at = columns.indexOf(name);
    if (at < 0) {
      columns.add(name);
      at = columns.size() - 1;
    }
    return at;
  }

  private static DataType type(StructType schema, String column) {
    if (!List.of(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("the table has no column " + column + ": " + schema.simpleString());
    }
    return schema.apply(column).dataType();
  }

  private static void checkType(Condition.Test test, DataType type) {
    boolean fits;
    if (test instanceof Condition.IsTrue) {
      fits = type instanceof BooleanType;
    } else if (test instanceof Condition.NotEmpty) {
      fits = type instanceof ArrayType;
    } else if (test instanceof Condition.OneOf) {
      fits = type instanceof StringType;
    } else if (test instanceof Condition.InPeriod || test instanceof Condition.WithinMonthsOfEnd) {
      fits = type instanceof DateType;
    } else {
      fits = test instanceof Condition.IsSet;
    }
    if (!fits) {
      throw new IllegalArgumentException("cannot test " + test.sql() + " on a column of type " + type.simpleString());
    }
  }

  /** The decimal scale of a summed column, or -1 for a whole-number column. */
  private static int sumScale(Measure.RowTotal measure, DataType type) {
    if (type instanceof DecimalType d && d.precision() <= 18) {
      return d.scale();
    }
    if (type instanceof LongType || type instanceof IntegerType) {
      return -1;
    }
    throw new IllegalArgumentException("cannot sum " + measure.value() + " of " + measure.name() + ": type "
        + type.simpleString() + " (a decimal of at most 18 digits, an int or a bigint)");
  }

  /**
   * Raw totals per period and enterprise, in the order of the kernel's measures, and the rows
   * read. Serializable, so tasks return them; {@link #merge} adds another task's.
   */
  public static final class Totals implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int width;
    private final Map<String, Map<String, long[]>> byPeriod = new HashMap<>();
    private long rows;
    private transient long[] masks;
    private transient int[][] windows;

    Totals(int width) {
      this.width = width;
    }

    long[] slot(String period, String enterprise) {
      return byPeriod.computeIfAbsent(period, k -> new HashMap<>()).computeIfAbsent(enterprise, k -> new long[width]);
    }

    /** The raw totals of one enterprise in one period, or null when none of its rows counted. */
    public long[] get(String period, String enterprise) {
      Map<String, long[]> p = byPeriod.get(period);
      return p == null ? null : p.get(enterprise);
    }

    /** The rows read, counted or not. */
    public long rows() {
      return rows;
    }

    /** Adds another's totals to these. */
    public Totals merge(Totals other) {
      if (other.width != width) {
        throw new IllegalArgumentException("totals of " + other.width + " measures cannot be added to " + width);
      }
      for (Map.Entry<String, Map<String, long[]>> p : other.byPeriod.entrySet()) {
        for (Map.Entry<String, long[]> e : p.getValue().entrySet()) {
          long[] mine = slot(p.getKey(), e.getKey());
          for (int m = 0; m < width; m++) {
            mine[m] = Math.addExact(mine[m], e.getValue()[m]);
          }
        }
      }
      rows += other.rows;
      return this;
    }

    private long[] masks(int n) {
      if (masks == null || masks.length < n) {
        masks = new long[n];
      } else {
        java.util.Arrays.fill(masks, 0, n, 0L);
      }
      return masks;
    }

    private int[][] windows(int n) {
      if (windows == null || windows[0].length < n) {
        windows = new int[2][n];
      }
      return windows;
    }
  }
}
