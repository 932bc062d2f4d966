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
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The row totals (counts and sums) of one table, worked out per period and enterprise in one pass
 * over blocks of the table's rows ({@link KernelBlock}: Spark's columnar batches, or row groups
 * decoded from Parquet's pages). Each distinct test of the measures' conditions is evaluated once
 * per block, column by column, into a bit of a per-row mask; a row then adds to
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
  /** Per measure, the tests it needs (indexes into tests). */
  private final int[][] measureTests;
  private final int[] valueColumn;
  private final int[] valueScale;
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
    measureTests = new int[this.measures.size()][];
    valueColumn = new int[this.measures.size()];
    valueScale = new int[this.measures.size()];
    for (int m = 0; m < measureTests.length; m++) {
      Measure.RowTotal measure = this.measures.get(m);
      measureTests[m] = measure.condition().tests().stream().mapToInt(distinct::indexOf).toArray();
      valueColumn[m] = -1;
      if (measure.value() != null) {
        valueColumn[m] = column(measure.value());
        DataType type = type(schema, measure.value());
        valueScale[m] = sumScale(measure, type);
      }
    }
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
   * Empty totals that work in the arrays {@code done} worked in (a block's bitmaps and codes, a few
   * megabytes for a row group of a million rows), so a thread that adds file after file allocates
   * them once. Nothing may be added to {@code done} afterwards.
   */
  public Totals newTotals(Totals done) {
    Totals totals = new Totals(measures.size());
    totals.scratch = done == null ? null : done.scratch;
    return totals;
  }

  /**
   * Adds the rows of a batch to the totals. {@code at[i]} is the batch column holding
   * {@code columns().get(i)}.
   */
  public void add(ColumnarBatch batch, int[] at, Totals totals) {
    add(new BatchBlock(batch, at), totals);
  }

  /**
   * Adds the rows of a block to the totals.
   *
   * <p>Column at a time: each test sets one bit per row in a bitmap of its own, reading its
   * column in bulk (one call per block, not one per row), then every run of rows of one period and
   * enterprise (ingest writes a submission at a time, so runs are long) gets each count as the
   * population count of the AND of its tests' bitmaps, 64 rows a word, and each sum by visiting
   * the set bits only. Few, simple loops over plain arrays: they are quick from the first block,
   * before the JIT has compiled them, which matters in a nightly run that does this once.
   */
  public void add(KernelBlock block, Totals totals) {
    int n = block.size();
    if (n == 0) {
      return;
    }
    Scratch scratch = totals.scratch(n, this);
    scratch.batch++;
    int words = (n + 63) >>> 6;
    long[][] bits = scratch.bits;
    for (long[] b : bits) {
      java.util.Arrays.fill(b, 0, words, 0L);
    }
    String period = block.period();
    if (period == null) {
      if (scratch.start == null) {
        scratch.start = new int[scratch.codes.length];
        scratch.end = new int[scratch.codes.length];
      }
      windowsOf(block, n, scratch);
    }
    for (int c = 0; c < stringColumns.length; c++) {
      int column = stringColumns[c];
      markStrings(c, block, notNull(column, block, scratch), n, scratch, words);
    }
    for (int t = 0; t < tests.length; t++) {
      if (!(tests[t] instanceof Condition.OneOf)) {
        mark(t, block, notNull(testColumn[t], block, scratch), period, scratch, n, words, bits[t]);
      }
    }
    for (int m = 0; m < valueColumn.length; m++) {
      int c = valueColumn[m];
      if (c >= 0) {
        scratch.valueSet[m] = notNull(c, block, scratch);
        scratch.values[m] = longs(c, block, scratch);
      }
    }
    // Runs of one period and enterprise, told apart by the block's numbers for the enterprise ids.
    int[] ids = block.ids(1);
    int from = 0;
    while (from < n) {
      int id = ids[from];
      int to = from + 1;
      while (to < n && ids[to] == id) {
        to++;
      }
      String p = period;
      if (p == null) {
        p = block.period(from);
        int end = from + 1;
        while (end < to && block.period(end).equals(p)) {
          end++;
        }
        to = end;
      }
      addRun(from, to, totals.slot(p, block.string(1, id)), scratch);
      from = to;
    }
    totals.rows += n;
  }

  /** The rows {@code from} (included) to {@code to} (excluded), all of one period and enterprise, into its slot. */
  private void addRun(int from, int to, long[] slot, Scratch scratch) {
    long[][] bits = scratch.bits;
    int first = from >>> 6;
    int last = (to - 1) >>> 6;
    long firstMask = -1L << (from & 63);
    long lastMask = -1L >>> (63 - ((to - 1) & 63));
    for (int m = 0; m < measureTests.length; m++) {
      int[] needs = measureTests[m];
      long[] values = valueColumn[m] < 0 ? null : scratch.values[m];
      long[] set = values == null ? null : scratch.valueSet[m];
      long total = 0;
      for (int w = first; w <= last; w++) {
        long x = -1L;
        for (int t : needs) {
          x &= bits[t][w];
        }
        if (w == first) {
          x &= firstMask;
        }
        if (w == last) {
          x &= lastMask;
        }
        if (values == null) {
          total += Long.bitCount(x);
        } else {
          // A null value adds nothing.
          x &= set[w];
          while (x != 0) {
            total = Math.addExact(total, values[(w << 6) + Long.numberOfTrailingZeros(x)]);
            x &= x - 1;
          }
        }
      }
      slot[m] = Math.addExact(slot[m], total);
    }
  }

  // Values are read once per block and column, however many tests and sums use them (the wage
  // column feeds two sums), in bulk: one call per block.

  /** The int values of kernel column {@code c}; a null row holds 0 or a stale value. */
  private static int[] ints(int c, KernelBlock block, Scratch scratch) {
    if (scratch.intsBatch[c] != scratch.batch) {
      scratch.intsBatch[c] = scratch.batch;
      scratch.ints[c] = block.ints(c);
    }
    return scratch.ints[c];
  }

  /** The long values of kernel column {@code c}, as {@link #ints} reads ints. */
  private static long[] longs(int c, KernelBlock block, Scratch scratch) {
    if (scratch.longsBatch[c] != scratch.batch) {
      scratch.longsBatch[c] = scratch.batch;
      scratch.longs[c] = block.longs(c);
    }
    return scratch.longs[c];
  }

  /** The bitmap of the rows whose value in kernel column {@code c} is set, worked out once per block. */
  private static long[] notNull(int c, KernelBlock block, Scratch scratch) {
    long[] out = scratch.notNull[c];
    if (scratch.notNullBatch[c] != scratch.batch) {
      scratch.notNullBatch[c] = scratch.batch;
      block.notNull(c, out);
    }
    return out;
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

  /** Each row's period window (first and last day) into the scratch: a block of several periods. */
  private void windowsOf(KernelBlock block, int n, Scratch scratch) {
    String last = null;
    int[] w = null;
    for (int i = 0; i < n; i++) {
      String p = block.period(i);
      if (w == null || !p.equals(last)) {
        w = window(p);
        last = p;
      }
      scratch.start[i] = w[0];
      scratch.end[i] = w[1];
    }
  }

  /**
   * Each row's string as a code: 0 for null, 1 for a string that is none of the literals, k + 2
   * for literal k. Each of the block's distinct strings is compared once.
   */
  private static void codes(KernelBlock block, int column, long[] set, int n, String[] known, int[] out, Memo memo) {
    int[] ids = block.ids(column);
    memo.clear();
    for (int i = 0; i < n; i++) {
      if ((set[i >>> 6] >>> i & 1L) == 0) {
        out[i] = 0;
      } else {
        int id = ids[i];
        int code = memo.get(id);
        if (code == Memo.UNSET) {
          code = indexOf(block.string(column, id), known) + 2;
          memo.put(id, code);
        }
        out[i] = code;
      }
    }
  }

  private static int indexOf(String s, String[] known) {
    for (int k = 0; k < known.length; k++) {
      if (known[k].equals(s)) {
        return k;
      }
    }
    return -1;
  }

  /**
   * The bits of every test on string column {@code c}: each row's code (null, another string, or
   * one of the literals) sets its bit in the bitmap of that code, and a test's bitmap is the OR of
   * the bitmaps of the codes that meet it.
   */
  private void markStrings(int c, KernelBlock block, long[] set, int n, Scratch scratch, int words) {
    int[] codes = scratch.codes;
    codes(block, stringColumns[c], set, n, stringLiterals[c], codes, scratch.memo);
    long[][] byCode = scratch.byCode;
    int kinds = stringLiterals[c].length + 2;
    for (int k = 0; k < kinds; k++) {
      java.util.Arrays.fill(byCode[k], 0, words, 0L);
    }
    for (int i = 0; i < n; i++) {
      byCode[codes[i]][i >>> 6] |= 1L << i;
    }
    for (int t = 0; t < tests.length; t++) {
      if (testColumn[t] != stringColumns[c] || !(tests[t] instanceof Condition.OneOf)) {
        continue;
      }
      long[] out = scratch.bits[t];
      for (int k = 0; k < kinds; k++) {
        if ((codeBits[c][k] >>> t & 1L) != 0) {
          long[] in = byCode[k];
          for (int w = 0; w < words; w++) {
            out[w] |= in[w];
          }
        }
      }
    }
  }

  /** The bit of test {@code t} for every row where it holds; {@code set} has the rows whose value is not null. */
  private void mark(int t, KernelBlock block, long[] set, String period, Scratch scratch, int n, int words, long[] out) {
    Condition.Test test = tests[t];
    int c = testColumn[t];
    if (test instanceof Condition.IsTrue) {
      block.trues(c, out);
    } else if (test instanceof Condition.IsSet) {
      System.arraycopy(set, 0, out, 0, words);
    } else if (test instanceof Condition.NotEmpty) {
      block.notEmpty(c, out);
    } else if (test instanceof Condition.InPeriod) {
      int[] days = ints(c, block, scratch);
      if (period != null) {
        int[] one = window(period);
        setWhereWithin(days, one[0] - 1, one[1], n, out);
      } else {
        for (int i = 0; i < n; i++) {
          if (days[i] >= scratch.start[i] && days[i] <= scratch.end[i]) {
            out[i >>> 6] |= 1L << i;
          }
        }
      }
    } else if (test instanceof Condition.WithinMonthsOfEnd w) {
      int[] days = ints(c, block, scratch);
      if (period != null) {
        int end = window(period)[1];
        setWhereWithin(days, monthsBefore(end, w.months()), end, n, out);
      } else {
        int lastEnd = scratch.end[0];
        int after = monthsBefore(lastEnd, w.months());
        for (int i = 0; i < n; i++) {
          if (scratch.end[i] != lastEnd) {
            lastEnd = scratch.end[i];
            after = monthsBefore(lastEnd, w.months());
          }
          if (days[i] > after && days[i] <= lastEnd) {
            out[i >>> 6] |= 1L << i;
          }
        }
      }
    } else {
      throw new IllegalStateException("no evaluation for " + test);
    }
    if (!(test instanceof Condition.IsSet)) {
      // A null meets no test (whatever the block holds in a null's place).
      for (int i = 0; i < words; i++) {
        out[i] &= set[i];
      }
    }
  }

  // The row loops are small methods of their own: the JIT compiles each soon and quickly, where
  // one large method would run slowly, uncompiled or half-compiled, through much of a nightly pass.

  /** Rows whose day is after {@code after} and not after {@code last}. */
  private static void setWhereWithin(int[] days, int after, int last, int n, long[] out) {
    for (int i = 0; i < n; i++) {
      int d = days[i];
      if (d > after && d <= last) {
        out[i >>> 6] |= 1L << i;
      }
    }
  }

  private static int monthsBefore(int epochDay, int months) {
    return (int) java.time.LocalDate.ofEpochDay(epochDay).minusMonths(months).toEpochDay();
  }

  /** The window (first and last day) of a period; fails on a period the kernel was not made for. */
  private int[] window(String p) {
    int[] w = windows.get(p);
    if (w == null) {
      throw new IllegalStateException("a row of period " + p + ", which is not one of " + windows.keySet());
    }
    return w;
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
      if (scratch == null || scratch.codes.length < n) {
        scratch = new Scratch(n, kernel.tests.length, kernel.columns.size(), kernel.measures.size(), kernel.stringLiterals);
      }
      return scratch;
    }
  }

  /** Per-task working arrays, reused from batch to batch. */
  private static final class Scratch {
    final long[][] bits;
    final long[][] byCode;
    /** Per kernel column, the rows whose value is set, and the batch that bitmap is of. */
    final long[][] notNull;
    final int[] notNullBatch;
    /** Per measure, the batch's values of its summed column and the rows where they are set. */
    final long[][] values;
    final long[][] valueSet;
    /** Per kernel column, its values read this batch (see {@link #ints}, {@link #longs}), and the batch they are of. */
    final int[][] ints;
    final int[] intsBatch;
    final long[][] longs;
    final int[] longsBatch;
    int batch;
    /** Each row's period window, for blocks of several periods only (made on first use). */
    int[] start;
    int[] end;
    final int[] codes;
    final Memo memo = new Memo();

    Scratch(int n, int tests, int columns, int measures, String[][] literals) {
      int words = (n + 63) >>> 6;
      bits = new long[tests][words];
      notNull = new long[columns][words];
      notNullBatch = new int[columns];
      values = new long[measures][];
      valueSet = new long[measures][];
      ints = new int[columns][];
      intsBatch = new int[columns];
      longs = new long[columns][];
      longsBatch = new int[columns];
      int kinds = 2;
      for (String[] l : literals) {
        kinds = Math.max(kinds, l.length + 2);
      }
      byCode = new long[kinds][words];
      codes = new int[n];
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
