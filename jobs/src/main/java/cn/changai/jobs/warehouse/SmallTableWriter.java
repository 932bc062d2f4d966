package cn.changai.jobs.warehouse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a small table, one whose rows the driver holds (a few hundred thousand at most: one per
 * unit and indicator), as Parquet partitioned by period, the way Spark lays it out
 * ({@code period=P/part-00000-<tag>.c000.snappy.parquet}, Spark's schema in the footer), straight
 * from the driver. A Spark job would ship every row to a task first, which for compute's two
 * tables cost more than working them out. Plain columns only: string, double, boolean, int, bigint.
 */
public final class SmallTableWriter {

  /** Rows per page: Parquet's default limit, so readers skip pages by their statistics as they would Spark's. */
  static final int PAGE_ROWS = 20_000;

  /** The footer key Spark keeps its schema under, so Spark reads the columns back with their exact types. */
  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
  private static final String SPARK_VERSION_KEY = "org.apache.spark.version";

  private SmallTableWriter() {}

  /**
   * Writes the rows under {@code folder}, one file (part 0) per period; the schema's last column is
   * {@code period}, the partition column (a folder, not a column of the files).
   */
  public static void write(FileSystem fs, Path folder, StructType schema, List<Row> rows, String tag) throws IOException {
    write(fs, folder, schema, rows, tag, 0);
  }

  /**
   * Writes the rows as file number {@code part} of each of their periods ({@code part-0000N-...}):
   * several parts of one table can be written at once, by different threads.
   */
  public static void write(FileSystem fs, Path folder, StructType schema, List<Row> rows, String tag, int part)
      throws IOException {
    if (part < 0 || part > 99_999) {
      throw new IllegalArgumentException("a part number is 0 to 99999, not " + part);
    }
    StructField[] fields = schema.fields();
    int periodAt = fields.length - 1;
    if (!fields[periodAt].name().equals("period")) {
      throw new IllegalArgumentException("the last column must be period, not " + fields[periodAt].name());
    }
    StructType fileSchema = new StructType(Arrays.copyOf(fields, periodAt));
    MessageType parquet = parquetSchema(fileSchema);
    Map<String, List<Row>> byPeriod = new TreeMap<>();
    for (Row row : rows) {
      byPeriod.computeIfAbsent(row.getString(periodAt), k -> new ArrayList<>()).add(row);
    }
    Map<String, String> footer = new HashMap<>();
    footer.put(SPARK_SCHEMA_KEY, fileSchema.json());
    footer.put(SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT());
    for (Map.Entry<String, List<Row>> period : byPeriod.entrySet()) {
      String name = String.format("part-%05d-%s.c000.snappy.parquet", part, tag);
      Path file = new Path(new Path(folder, "period=" + period.getKey()), name);
      writeFile(new FileOut(fs, file), fileSchema, parquet, footer, period.getValue());
    }
  }

  /**
   * One file: one row group, each column written whole, in pages of at most {@link #PAGE_ROWS}
   * rows, plain-encoded and compressed with Snappy, with statistics per page and column.
   */
  private static void writeFile(OutputFile out, StructType schema, MessageType parquet, Map<String, String> footer,
      List<Row> rows) throws IOException {
    CodecFactory codecs = new CodecFactory(new Configuration(false), 0);
    try {
      BytesInputCompressor snappy = codecs.getCompressor(CompressionCodecName.SNAPPY);
      ParquetFileWriter writer = new ParquetFileWriter(out, parquet, ParquetFileWriter.Mode.CREATE,
          ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
          ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH, ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH,
          false);
      writer.start();
      writer.startBlock(rows.size());
      StructField[] fields = schema.fields();
      // The rows' values column by column, in one pass over the rows: each page's loops below then
      // do little per value.
      Object[][] columns = new Object[fields.length][rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        for (int c = 0; c < fields.length; c++) {
          Object v = row.get(c);
          if (v == null && !fields[c].nullable()) {
            throw new IllegalArgumentException("column " + fields[c].name() + " is null in " + row);
          }
          columns[c][i] = v;
        }
      }
      for (int c = 0; c < fields.length; c++) {
        ColumnDescriptor column = parquet.getColumns().get(c);
        writer.startColumn(column, rows.size(), CompressionCodecName.SNAPPY);
        for (int from = 0; from < rows.size(); from += PAGE_ROWS) {
          int to = Math.min(rows.size(), from + PAGE_ROWS);
          Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
          BytesInput page = BytesInput.from(ColumnPage.encode(fields[c], Arrays.copyOfRange(columns[c], from, to), stats));
          writer.writeDataPage(to - from, (int) page.size(), snappy.compress(page), stats, to - from,
              Encoding.BIT_PACKED, fields[c].nullable() ? Encoding.RLE : Encoding.BIT_PACKED, Encoding.PLAIN);
        }
        writer.endColumn();
      }
      writer.endBlock();
      writer.end(footer);
    } finally {
      codecs.release();
    }
  }

  private static MessageType parquetSchema(StructType schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (StructField f : schema.fields()) {
      Type.Repetition repetition = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      DataType t = f.dataType();
      if (t instanceof StringType) {
        message.addField(Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(f.name()));
      } else if (t instanceof DoubleType) {
        message.addField(Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(f.name()));
      } else if (t instanceof BooleanType) {
        message.addField(Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(f.name()));
      } else if (t instanceof IntegerType) {
        message.addField(Types.primitive(PrimitiveTypeName.INT32, repetition).named(f.name()));
      } else if (t instanceof LongType) {
        message.addField(Types.primitive(PrimitiveTypeName.INT64, repetition).named(f.name()));
      } else {
        throw new IllegalArgumentException("column " + f.name() + " of type " + t.simpleString() + " is not written here");
      }
    }
    return message.named("spark_schema");
  }

  /**
   * One page of one column, as a version-1 data page's bytes before compression: the definition
   * levels of a nullable column (4-byte length, then Parquet's hybrid encoding: one run when no
   * value is null, else a bit per row), then the values that are not null, plain-encoded.
   * Column at a time, in a few small loops: they are quick before the JIT has compiled them, where
   * Parquet's record writer spent its time on per-value bookkeeping (docs/performance.md).
   */
  static final class ColumnPage {
    private ColumnPage() {}

    /** The page of the given values of a column (a null where null). */
    static byte[] encode(StructField field, Object[] values, Statistics<?> stats) {
      int n = values.length;
      int count = present(values);
      stats.incrementNumNulls(n - count);
      byte[] levels = field.nullable() ? levels(values, count) : new byte[0];
      DataType t = field.dataType();
      byte[] plain;
      if (t instanceof StringType) {
        plain = strings(values, stats);
      } else if (t instanceof DoubleType) {
        plain = doubles(values, count, stats);
      } else if (t instanceof BooleanType) {
        plain = booleans(values, count, stats);
      } else if (t instanceof IntegerType) {
        plain = ints(values, count, stats);
      } else {
        plain = longs(values, count, stats);
      }
      if (!field.nullable()) {
        return plain;
      }
      return ByteBuffer.allocate(4 + levels.length + plain.length).order(ByteOrder.LITTLE_ENDIAN)
          .putInt(levels.length).put(levels).put(plain).array();
    }

    private static int present(Object[] values) {
      int count = 0;
      for (Object v : values) {
        if (v != null) {
          count++;
        }
      }
      return count;
    }

    // Statistics: the minimum and maximum are found here and handed over once, not value by value.

    private static byte[] doubles(Object[] values, int count, Statistics<?> stats) {
      long[] bits = new long[count];
      int k = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      boolean ordered = false;
      for (Object o : values) {
        if (o != null) {
          double v = (Double) o;
          bits[k++] = Double.doubleToLongBits(v);
          // A NaN has no place in the order, and Parquet's statistics leave it out.
          if (v == v) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            ordered = true;
          }
        }
      }
      if (ordered) {
        stats.updateStats(min);
        stats.updateStats(max);
      }
      return longBytes(bits);
    }

    private static byte[] longs(Object[] values, int count, Statistics<?> stats) {
      long[] out = new long[count];
      int k = 0;
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (Object o : values) {
        if (o != null) {
          long v = (Long) o;
          out[k++] = v;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      if (count > 0) {
        stats.updateStats(min);
        stats.updateStats(max);
      }
      return longBytes(out);
    }

    private static byte[] longBytes(long[] values) {
      ByteBuffer out = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      out.asLongBuffer().put(values);
      return out.array();
    }

    private static byte[] ints(Object[] values, int count, Statistics<?> stats) {
      int[] out = new int[count];
      int k = 0;
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (Object o : values) {
        if (o != null) {
          int v = (Integer) o;
          out[k++] = v;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      if (count > 0) {
        stats.updateStats(min);
        stats.updateStats(max);
      }
      ByteBuffer bytes = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asIntBuffer().put(out);
      return bytes.array();
    }

    /** Bit-packed, least significant bit first. */
    private static byte[] booleans(Object[] values, int count, Statistics<?> stats) {
      byte[] out = new byte[(count + 7) / 8];
      int k = 0;
      boolean anyTrue = false;
      boolean anyFalse = false;
      for (Object o : values) {
        if (o != null) {
          if ((Boolean) o) {
            out[k >>> 3] |= (byte) (1 << (k & 7));
            anyTrue = true;
          } else {
            anyFalse = true;
          }
          k++;
        }
      }
      if (anyFalse) {
        stats.updateStats(false);
      }
      if (anyTrue) {
        stats.updateStats(true);
      }
      return out;
    }

    /**
     * Each string's 4-byte length and UTF-8 bytes. A unit's id and name recur on each of its rows,
     * the run id and the catalogue version on every row: a string equal to the row before's is
     * encoded once, and compared for the statistics once.
     */
    private static byte[] strings(Object[] values, Statistics<?> stats) {
      byte[][] encoded = new byte[values.length][];
      String last = null;
      byte[] bytes = null;
      byte[] min = null;
      byte[] max = null;
      int size = 0;
      for (int i = 0; i < values.length; i++) {
        if (values[i] != null) {
          String v = (String) values[i];
          if (!v.equals(last)) {
            last = v;
            bytes = v.getBytes(UTF_8);
            // Parquet orders strings by their bytes, unsigned.
            if (min == null || Arrays.compareUnsigned(bytes, min) < 0) {
              min = bytes;
            }
            if (max == null || Arrays.compareUnsigned(bytes, max) > 0) {
              max = bytes;
            }
          }
          encoded[i] = bytes;
          size += 4 + bytes.length;
        }
      }
      if (min != null) {
        stats.updateStats(Binary.fromConstantByteArray(min));
        stats.updateStats(Binary.fromConstantByteArray(max));
      }
      byte[] out = new byte[size];
      int at = 0;
      for (byte[] b : encoded) {
        if (b != null) {
          int n = b.length;
          out[at] = (byte) n;
          out[at + 1] = (byte) (n >>> 8);
          out[at + 2] = (byte) (n >>> 16);
          out[at + 3] = (byte) (n >>> 24);
          System.arraycopy(b, 0, out, at + 4, n);
          at += 4 + n;
        }
      }
      return out;
    }

    /** The definition levels in the hybrid encoding: one run of ones, or bit-packed groups of eight. */
    private static byte[] levels(Object[] values, int count) {
      int n = values.length;
      ByteBuffer out = ByteBuffer.allocate(10 + (n + 7) / 8);
      if (count == n) {
        varint(out, n << 1);
        out.put((byte) 1);
        return Arrays.copyOf(out.array(), out.position());
      }
      int groups = (n + 7) / 8;
      varint(out, groups << 1 | 1);
      byte[] bits = new byte[groups];
      for (int i = 0; i < n; i++) {
        if (values[i] != null) {
          bits[i >>> 3] |= (byte) (1 << (i & 7));
        }
      }
      out.put(bits);
      return Arrays.copyOf(out.array(), out.position());
    }

    private static void varint(ByteBuffer out, int v) {
      while ((v & ~0x7f) != 0) {
        out.put((byte) (v & 0x7f | 0x80));
        v >>>= 7;
      }
      out.put((byte) v);
    }
  }

  /** A Parquet output file on a Hadoop file system (the warehouse's, or the fast local one). */
  private record FileOut(FileSystem fs, Path path) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return wrap(fs.create(path, false));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return wrap(fs.create(path, true));
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return path.toString();
    }

    private static PositionOutputStream wrap(FSDataOutputStream out) {
      return new OutStream(out);
    }
  }

  /** A Hadoop output stream as Parquet's. */
  private static final class OutStream extends PositionOutputStream {
    private final FSDataOutputStream out;

    OutStream(FSDataOutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() throws IOException {
      return out.getPos();
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
