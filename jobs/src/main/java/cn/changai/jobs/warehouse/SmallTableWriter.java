package cn.changai.jobs.warehouse;

import static java.nio.charset.StandardCharsets.UTF_8;

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
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
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
    StructType fileSchema = new StructType(java.util.Arrays.copyOf(fields, periodAt));
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
      Builder builder = new Builder(new FileOut(fs, file), fileSchema, parquet, footer);
      for (StructField f : fileSchema.fields()) {
        // Ratios and sums hardly repeat: a dictionary of them is built only to be dropped.
        if (f.dataType() instanceof DoubleType) {
          builder.withDictionaryEncoding(f.name(), false);
        }
      }
      try (ParquetWriter<Row> writer = builder
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.CREATE)
          .withConf(new Configuration(false))
          .build()) {
        for (Row row : period.getValue()) {
          writer.write(row);
        }
      }
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

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final StructType schema;
    private final MessageType parquet;
    private final Map<String, String> footer;

    Builder(OutputFile file, StructType schema, MessageType parquet, Map<String, String> footer) {
      super(file);
      this.schema = schema;
      this.parquet = parquet;
      this.footer = footer;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema, parquet, footer);
    }
  }

  /** Writes a Row's columns (all but the last, the period) in schema order; a null is left out. */
  private static final class RowWriteSupport extends WriteSupport<Row> {
    private final StructType schema;
    private final MessageType parquet;
    private final Map<String, String> footer;
    private RecordConsumer out;
    /**
     * Strings already encoded: a unit's id and name recur on each of its rows, the run id and the
     * catalogue version on every row.
     */
    private final Map<String, Binary> encoded = new HashMap<>();

    RowWriteSupport(StructType schema, MessageType parquet, Map<String, String> footer) {
      this.schema = schema;
      this.parquet = parquet;
      this.footer = footer;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(parquet, footer);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Row row) {
      out.startMessage();
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        if (row.isNullAt(i)) {
          if (!fields[i].nullable()) {
            throw new IllegalArgumentException("column " + fields[i].name() + " is null in " + row);
          }
          continue;
        }
        out.startField(fields[i].name(), i);
        DataType t = fields[i].dataType();
        if (t instanceof StringType) {
          out.addBinary(encoded.computeIfAbsent(row.getString(i), v -> Binary.fromConstantByteArray(v.getBytes(UTF_8))));
        } else if (t instanceof DoubleType) {
          out.addDouble(row.getDouble(i));
        } else if (t instanceof BooleanType) {
          out.addBoolean(row.getBoolean(i));
        } else if (t instanceof IntegerType) {
          out.addInteger(row.getInt(i));
        } else {
          out.addLong(row.getLong(i));
        }
        out.endField(fields[i].name(), i);
      }
      out.endMessage();
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
