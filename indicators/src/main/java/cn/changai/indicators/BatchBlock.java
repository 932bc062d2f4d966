package cn.changai.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A Spark columnar batch as a {@link KernelBlock}: {@code at[i]} is the batch column holding the
 * kernel's column {@code i}. Values are read in bulk (one call per column and batch); a
 * dictionary-encoded string column gives its dictionary numbers as its ids.
 */
public final class BatchBlock implements KernelBlock {

  private final ColumnarBatch batch;
  private final int[] at;
  private final int n;
  /** Per kernel column, the strings of its ids when the vector has no dictionary, or the row of each id when it has. */
  private final Object[] strings;

  public BatchBlock(ColumnarBatch batch, int[] at) {
    this.batch = batch;
    this.at = at;
    this.n = batch.numRows();
    this.strings = new Object[at.length];
  }

  private ColumnVector v(int column) {
    return batch.column(at[column]);
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public String period() {
    ColumnVector p = v(0);
    return p instanceof ConstantColumnVector && n > 0 ? p.getUTF8String(0).toString() : null;
  }

  @Override
  public String period(int row) {
    return v(0).getUTF8String(row).toString();
  }

  @Override
  public void notNull(int column, long[] out) {
    ColumnVector v = v(column);
    int words = (n + 63) >>> 6;
    // Without a row-by-row look when the column has no null, or only nulls.
    int nulls = v instanceof WritableColumnVector w ? w.numNulls() : v.hasNull() ? -1 : 0;
    if (nulls == 0) {
      Arrays.fill(out, 0, words, -1L);
    } else {
      Arrays.fill(out, 0, words, 0L);
      if (nulls != n) {
        setWhereNotNull(v, n, out);
      }
    }
  }

  private static void setWhereNotNull(ColumnVector v, int n, long[] out) {
    for (int i = 0; i < n; i++) {
      if (!v.isNullAt(i)) {
        out[i >>> 6] |= 1L << i;
      }
    }
  }

  @Override
  public void trues(int column, long[] out) {
    boolean[] values = v(column).getBooleans(0, n);
    // Packed a word at a time without a branch (the values are a coin toss).
    for (int base = 0; base < n; base += 64) {
      int end = Math.min(64, n - base);
      long x = 0;
      for (int j = 0; j < end; j++) {
        x |= (long) (values[base + j] ? 1 : 0) << j;
      }
      out[base >>> 6] = x;
    }
  }

  @Override
  public void notEmpty(int column, long[] out) {
    ColumnVector v = v(column);
    Arrays.fill(out, 0, (n + 63) >>> 6, 0L);
    if (v instanceof WritableColumnVector arrays) {
      for (int i = 0; i < n; i++) {
        if (!arrays.isNullAt(i) && arrays.getArrayLength(i) > 0) {
          out[i >>> 6] |= 1L << i;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (!v.isNullAt(i) && v.getArray(i).numElements() > 0) {
          out[i >>> 6] |= 1L << i;
        }
      }
    }
  }

  @Override
  public int[] ints(int column) {
    return v(column).getInts(0, n);
  }

  @Override
  public long[] longs(int column) {
    ColumnVector v = v(column);
    boolean asInt = v.dataType() instanceof IntegerType || v.dataType() instanceof DateType
        || v.dataType() instanceof DecimalType d && d.precision() <= 9;
    if (!asInt) {
      return v.getLongs(0, n);
    }
    int[] ints = v.getInts(0, n);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = ints[i];
    }
    return out;
  }

  @Override
  public int[] ids(int column) {
    ColumnVector v = v(column);
    if (v instanceof WritableColumnVector w && w.hasDictionary()) {
      return w.getDictionaryIds().getInts(0, n);
    }
    // No dictionary: number the distinct strings of the batch (null rows get 0, as the kernel masks them).
    Map<UTF8String, Integer> seen = new HashMap<>();
    List<String> names = new ArrayList<>();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      if (!v.isNullAt(i)) {
        UTF8String s = v.getUTF8String(i);
        Integer id = seen.get(s);
        if (id == null) {
          id = names.size();
          seen.put(s.clone(), id);
          names.add(s.toString());
        }
        out[i] = id;
      }
    }
    strings[column] = names;
    return out;
  }

  @Override
  public String string(int column, int id) {
    ColumnVector v = v(column);
    if (!(v instanceof WritableColumnVector w && w.hasDictionary())) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) strings[column];
      if (names == null) {
        ids(column);
        return string(column, id);
      }
      return names.get(id);
    }
    // The batch's dictionary is Spark's own; a row that holds the id decodes it.
    int[] rowOf = (int[]) strings[column];
    if (rowOf == null) {
      int[] ids = w.getDictionaryIds().getInts(0, n);
      // A null row's number is stale (perhaps of another row group's dictionary): only set rows count.
      boolean nulls = w.numNulls() > 0;
      int max = -1;
      for (int i = 0; i < n; i++) {
        if (!nulls || !v.isNullAt(i)) {
          max = Math.max(max, ids[i]);
        }
      }
      rowOf = new int[max + 1];
      Arrays.fill(rowOf, -1);
      for (int i = n - 1; i >= 0; i--) {
        if (!nulls || !v.isNullAt(i)) {
          rowOf[ids[i]] = i;
        }
      }
      strings[column] = rowOf;
    }
    if (id >= rowOf.length || rowOf[id] < 0) {
      throw new IllegalArgumentException("no row of the batch holds string number " + id + " of column " + column);
    }
    return v.getUTF8String(rowOf[id]).toString();
  }
}
