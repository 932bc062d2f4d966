package cn.changai.indicators;

/**
 * A block of rows of one table as {@link MeasureKernel} reads it: column at a time, in bulk, each
 * column named by its index in {@link MeasureKernel#columns()}. A Spark columnar batch is one
 * ({@link BatchBlock}); so is a row group decoded straight from Parquet's pages. Bitmaps hold row
 * {@code i} in bit {@code i & 63} of word {@code i >>> 6}; what a null row holds in a value array
 * or a value bitmap is unspecified, as the kernel masks it with {@link #notNull}.
 */
public interface KernelBlock {

  /** The rows of the block. */
  int size();

  /** The period of every row, or null when the rows are of more than one ({@link #period(int)} then). */
  String period();

  /** The period of one row. */
  String period(int row);

  // The bitmap methods write words 0 to (size() + 63) / 64 of out, whatever those held before.

  /** The bitmap of the rows whose value is not null. */
  void notNull(int column, long[] out);

  /** The bitmap of the rows whose boolean is true. */
  void trues(int column, long[] out);

  /** The bitmap of the rows whose array holds at least one element (a null element counts). */
  void notEmpty(int column, long[] out);

  /** The values of a date column as epoch days, or of an int column; one per row. */
  int[] ints(int column);

  /** The values of a whole-number column, or the unscaled values of a decimal one, widened to longs; one per row. */
  long[] longs(int column);

  /**
   * A number per row for the string of a string column: rows with equal strings have equal numbers
   * within the block, and {@link #string} gives a number's string. Numbers are small (below the
   * block's distinct strings, or its dictionary), so they index arrays.
   */
  int[] ids(int column);

  /** The string of number {@code id} of {@link #ids}. */
  String string(int column, int id);
}
