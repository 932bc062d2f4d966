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
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
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
  /** The string columns some test compares with literals (indexes into columns), and those literals. */
  private final int[] stringColumns;
  private final String[][] stringLiterals;
  /** Per string column, per code (see {@link #codes}): the bits of the tests on the column it meets. */
  private final long[][] codeBits;

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
    Map<Integer, List<String>> literals = new LinkedHashMap<>();
    for (int t = 0; t < tests.length; t++) {
      testColumn[t] = column(tests[t].column());
      checkType(tests[t], type(schema, tests[t].column()));
      if (tests[t] instanceof Condition.OneOf o) {
        List<String> known = literals.computeIfAbsent(testColumn[t], k -> new ArrayList<>());
        o.values().stream().filter(v -> !known.contains(v)).forEach(known::add);
      }
    }
    stringColumns = literals.keySet().stream().mapToInt(Integer::intValue).toArray();
    stringLiterals = literals.values().stream().map(l -> l.toArray(new String[0])).toArray(String[][]::new);
    codeBits = new long[stringColumns.length][];
    for (int c = 0; c < stringColumns.length; c++) {
      codeBits[c] = new long[stringLiterals[c].length + 2];
    }
    for (int t = 0; t < tests.length; t++) {
      if (tests[t] instanceof Condition.OneOf o) {
        int c = List.copyOf(literals.keySet()).indexOf(testColumn[t]);
        // Null (code 0) meets no test; another string (code 1) meets only the negated ones.
        if (o.negated()) {
          codeBits[c][1] |= 1L << t;
        }
        for (int k = 0; k < stringLiterals[c].length; k++) {
          if (o.values().contains(stringLiterals[c][k]) != o.negated()) {
            codeBits[c][k + 2] |= 1L << t;
          }
        }
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
    Scratch scratch = totals.scratch(n, this);
    ColumnVector period = batch.column(at[0]);
    ColumnVector enterprise = batch.column(at[1]);
    long[] masks = scratch.masks;
    java.util.Arrays.fill(masks, 0, n, 0L);
    windowsOf(period, n, scratch);
    for (int c = 0; c < stringColumns.length; c++) {
      // Every test on a string column at once: each code stands for the bits of the tests it meets.
      int[] codes = scratch.codes[c];
      codes(batch.column(at[stringColumns[c]]), n, scratch.known[c], codes, scratch.memo);
      long[] bits = codeBits[c];
      for (int i = 0; i < n; i++) {
        masks[i] |= bits[codes[i]];
      }
    }
    for (int t = 0; t < tests.length; t++) {
      if (!(tests[t] instanceof Condition.OneOf)) {
        mark(t, batch.column(at[testColumn[t]]), scratch, n, 1L << t);
      }
    }
    ColumnVector[] values = new ColumnVector[required.length];
    for (int m = 0; m < required.length; m++) {
      values[m] = valueColumn[m] < 0 ? null : batch.column(at[valueColumn[m]]);
    }
    // Rows come in runs of one enterprise (ingest writes a submission at a time): the totals slot
    // is looked up again only when the enterprise or the period changes. Dictionary-encoded
    // enterprise ids are compared as their dictionary numbers.
    WritableColumnVector ids = enterprise instanceof WritableColumnVector w && w.hasDictionary() ? w.getDictionaryIds() : null;
    boolean onePeriod = period instanceof ConstantColumnVector;
    int lastId = -1;
    UTF8String lastEnterprise = null;
    UTF8String lastPeriod = null;
    long[] slot = null;
    for (int i = 0; i < n; i++) {
      long mask = masks[i];
      if ((mask & common) != common) {
        continue;
      }
      boolean same = slot != null;
      if (same && !onePeriod && !period.getUTF8String(i).equals(lastPeriod)) {
        same = false;
      }
      if (same) {
        same = ids != null ? ids.getInt(i) == lastId : enterprise.getUTF8String(i).equals(lastEnterprise);
      }
      if (!same) {
        lastPeriod = period.getUTF8String(i).clone();
        lastEnterprise = enterprise.getUTF8String(i).clone();
        lastId = ids != null ? ids.getInt(i) : -1;
        slot = totals.slot(lastPeriod.toString(), lastEnterprise.toString());
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

  /** Each row's period window (first and last day) into the scratch. */
  private void windowsOf(ColumnVector period, int n, Scratch scratch) {
    UTF8String last = null;
    int[] w = null;
    for (int i = 0; i < n; i++) {
      if (w != null && period instanceof ConstantColumnVector) {
        java.util.Arrays.fill(scratch.start, i, n, w[0]);
        java.util.Arrays.fill(scratch.end, i, n, w[1]);
        return;
      }
      UTF8String p = period.getUTF8String(i);
      if (w == null || !p.equals(last)) {
        w = windows.get(p.toString());
        if (w == null) {
          throw new IllegalStateException("a row of period " + p + ", which is not one of " + windows.keySet());
        }
        last = p.clone();
      }
      scratch.start[i] = w[0];
      scratch.end[i] = w[1];
    }
  }

  /**
   * Each row's string as a code: 0 for null, 1 for a string that is none of the literals, k + 2
   * for literal k. With a dictionary-encoded batch each dictionary entry is compared once.
   */
  private static void codes(ColumnVector v, int n, UTF8String[] known, int[] out, Memo memo) {
    WritableColumnVector ids = v instanceof WritableColumnVector w && w.hasDictionary() ? w.getDictionaryIds() : null;
    memo.clear();
    for (int i = 0; i < n; i++) {
      if (v.isNullAt(i)) {
        out[i] = 0;
      } else if (ids == null) {
        out[i] = indexOf(v.getUTF8String(i), known) + 2;
      } else {
        int id = ids.getInt(i);
        int code = memo.get(id);
        if (code == Memo.UNSET) {
          code = indexOf(v.getUTF8String(i), known) + 2;
          memo.put(id, code);
        }
        out[i] = code;
      }
    }
  }

  private static int indexOf(UTF8String s, UTF8String[] known) {
    for (int k = 0; k < known.length; k++) {
      if (known[k].equals(s)) {
        return k;
      }
    }
    return -1;
  }

  private void mark(int t, ColumnVector v, Scratch scratch, int n, long bit) {
    Condition.Test test = tests[t];
    long[] masks = scratch.masks;
    if (test instanceof Condition.IsTrue) {
      boolean nulls = v.hasNull();
      for (int i = 0; i < n; i++) {
        if ((!nulls || !v.isNullAt(i)) && v.getBoolean(i)) {
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
    } else if (test instanceof Condition.InPeriod) {
      int[] start = scratch.start;
      int[] end = scratch.end;
      for (int i = 0; i < n; i++) {
        if (!v.isNullAt(i)) {
          int day = v.getInt(i);
          if (day >= start[i] && day <= end[i]) {
            masks[i] |= bit;
          }
        }
      }
    } else if (test instanceof Condition.WithinMonthsOfEnd w) {
      int[] end = scratch.end;
      int lastEnd = Integer.MIN_VALUE;
      int from = 0;
      for (int i = 0; i < n; i++) {
        if (!v.isNullAt(i)) {
          if (end[i] != lastEnd) {
            lastEnd = end[i];
            from = (int) java.time.LocalDate.ofEpochDay(lastEnd).minusMonths(w.months()).toEpochDay();
          }
          int day = v.getInt(i);
          if (day > from && day <= lastEnd) {
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
    private transient Scratch scratch;

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

    private Scratch scratch(int n, MeasureKernel kernel) {
      if (scratch == null || scratch.masks.length < n) {
        scratch = new Scratch(n, kernel.stringLiterals);
      }
      return scratch;
    }
  }

  /** Per-task working arrays, reused from batch to batch. */
  private static final class Scratch {
    final long[] masks;
    final int[] start;
    final int[] end;
    final int[][] codes;
    final UTF8String[][] known;
    final Memo memo = new Memo();

    Scratch(int n, String[][] literals) {
      masks = new long[n];
      start = new int[n];
      end = new int[n];
      codes = new int[literals.length][n];
      known = new UTF8String[literals.length][];
      for (int c = 0; c < literals.length; c++) {
        known[c] = java.util.Arrays.stream(literals[c]).map(UTF8String::fromString).toArray(UTF8String[]::new);
      }
    }
  }

  /** Codes by dictionary number within one batch: set ones are stamped with the batch's generation. */
  private static final class Memo {
    static final int UNSET = Integer.MIN_VALUE;
    private int[] codes = new int[64];
    private int[] stamps = new int[64];
    private int generation = 1;

    void clear() {
      generation++;
    }

    int get(int id) {
      return id < stamps.length && stamps[id] == generation ? codes[id] : UNSET;
    }

    void put(int id, int code) {
      if (id >= stamps.length) {
        int size = Math.max(id + 1, stamps.length * 2);
        codes = java.util.Arrays.copyOf(codes, size);
        stamps = java.util.Arrays.copyOf(stamps, size);
      }
      codes[id] = code;
      stamps[id] = generation;
    }
  }
}
