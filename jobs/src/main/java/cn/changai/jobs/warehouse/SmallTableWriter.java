package cn.changai.jobs.warehouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Writes a small table, one whose rows the driver holds (a few hundred thousand at most: one per
 * unit and indicator), as Parquet partitioned by period, the way Spark lays it out
 * ({@code period=P/part-00000-<tag>.c000.snappy.parquet}, Spark's schema in the footer), straight
 * from the driver. A Spark job would ship every row to a task first, which for compute's two
 * tables cost more than working them out. The rows go through Spark's own Parquet write support as
 * the UnsafeRows Spark's plans give it, so the files are written as Spark writes them, by code
 * that a nightly run's ingest has already had the JIT compile (docs/performance.md). Plain columns
 * only: string, double, boolean, int, bigint.
 */
public final class SmallTableWriter {

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
    StructType fileSchema = new StructType(java.util.Arrays.copyOf(fields, periodAt));
    checkPlain(fileSchema);
    Map<String, List<Row>> byPeriod = new TreeMap<>();
    for (Row row : rows) {
      byPeriod.computeIfAbsent(row.getString(periodAt), k -> new ArrayList<>()).add(row);
    }
    Configuration settings = writeSettings(fileSchema);
    Unsafe unsafe = new Unsafe(fileSchema);
    for (Map.Entry<String, List<Row>> period : byPeriod.entrySet()) {
      String name = String.format("part-%05d-%s.c000.snappy.parquet", part, tag);
      Path file = new Path(new Path(folder, "period=" + period.getKey()), name);
      Builder builder = new Builder(new FileOut(fs, file));
      for (StructField f : fileSchema.fields()) {
        // Ratios and sums hardly repeat: a dictionary of them is built only to be dropped.
        if (f.dataType() instanceof DoubleType) {
          builder.withDictionaryEncoding(f.name(), false);
        }
      }
      try (ParquetWriter<InternalRow> writer = builder
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.CREATE)
          .withConf(settings)
          .build()) {
        for (Row row : period.getValue()) {
          writer.write(unsafe.of(row));
        }
      }
    }
  }

  /** Fails on a column this writer does not write: plain columns only. */
  private static void checkPlain(StructType schema) {
    for (StructField f : schema.fields()) {
      DataType t = f.dataType();
      if (!(t instanceof StringType || t instanceof DoubleType || t instanceof BooleanType || t instanceof IntegerType
          || t instanceof LongType)) {
        throw new IllegalArgumentException("column " + f.name() + " of type " + t.simpleString() + " is not written here");
      }
    }
  }

  /**
   * The settings Spark's own Parquet write (ParquetUtils.prepareWrite) gives its write support,
   * from the session's SQL settings.
   */
  private static Configuration writeSettings(StructType schema) {
    SQLConf sql = SQLConf.get();
    Configuration conf = new Configuration(false);
    ParquetWriteSupport.setSchema(schema, conf);
    conf.set(SQLConf.PARQUET_WRITE_LEGACY_FORMAT().key(), Boolean.toString(sql.writeLegacyParquetFormat()));
    conf.set(SQLConf.PARQUET_OUTPUT_TIMESTAMP_TYPE().key(), sql.parquetOutputTimestampType().toString());
    conf.set(SQLConf.PARQUET_FIELD_ID_WRITE_ENABLED().key(), Boolean.toString(sql.parquetFieldIdWriteEnabled()));
    conf.set(SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key(), Boolean.toString(sql.legacyParquetNanosAsLong()));
    conf.set(SQLConf.PARQUET_ANNOTATE_VARIANT_LOGICAL_TYPE().key(),
        String.valueOf(sql.getConf(SQLConf.PARQUET_ANNOTATE_VARIANT_LOGICAL_TYPE())));
    return conf;
  }

  private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {

    Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
      return new ParquetWriteSupport();
    }
  }

  /**
   * Turns Rows (all columns but the last, the period) into the UnsafeRows Spark's own plans hand
   * its Parquet writer, one at a time into one reused buffer.
   */
  private static final class Unsafe {
    private final StructField[] fields;
    private final UnsafeRowWriter writer;
    /**
     * Strings already encoded: a unit's id and name recur on each of its rows, the run id and the
     * catalogue version on every row.
     */
    private final Map<String, UTF8String> encoded = new HashMap<>();

    Unsafe(StructType schema) {
      fields = schema.fields();
      writer = new UnsafeRowWriter(fields.length, 64);
    }

    UnsafeRow of(Row row) {
      // As Spark's generated projections do; resetRowWriter() would start a row after this one.
      writer.reset();
      writer.zeroOutNullBytes();
      for (int i = 0; i < fields.length; i++) {
        if (row.isNullAt(i)) {
          if (!fields[i].nullable()) {
            throw new IllegalArgumentException("column " + fields[i].name() + " is null in " + row);
          }
          writer.setNullAt(i);
          continue;
        }
        DataType t = fields[i].dataType();
        if (t instanceof StringType) {
          writer.write(i, encoded.computeIfAbsent(row.getString(i), UTF8String::fromString));
        } else if (t instanceof DoubleType) {
          writer.write(i, row.getDouble(i));
        } else if (t instanceof BooleanType) {
          writer.write(i, row.getBoolean(i));
        } else if (t instanceof IntegerType) {
          writer.write(i, row.getInt(i));
        } else {
          writer.write(i, row.getLong(i));
        }
      }
      return writer.getRow();
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
      return new PositionOutputStream() {
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
      };
    }
  }
}
