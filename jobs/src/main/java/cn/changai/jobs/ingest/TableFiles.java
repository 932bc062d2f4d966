package cn.changai.jobs.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import cn.changai.jobs.spark.DeclaredSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the small tables of an ingest (enterprises, studios, rejected rows, warnings,
 * refusals) from the driver, one Parquet file per period, through parquet-java's writer and a
 * {@link WriteSupport}: a Spark job per table cost seconds of fixed cost for a few thousand rows.
 * The files have the layout Spark writes for the schema (the partition column {@code period} is
 * the folder); timestamps are stored as instants (INT64 microseconds, adjusted to UTC), which
 * every reader takes as such.
 */
final class TableFiles {

  private static final String SPARK_ROW_METADATA = "org.apache.spark.sql.parquet.row.metadata";

  private TableFiles() {}

  /** A table's columns as a file stores them: all but the partition column, which is the folder. */
  static StructType fileSchema(StructType schema) {
    return new StructType(java.util.Arrays.stream(schema.fields())
        .filter(f -> !f.name().equals("period")).toArray(StructField[]::new));
  }

  /** The Parquet schema Spark writes for {@code schema}, timestamps as UTC instants in microseconds. */
  static MessageType parquetSchema(StructType schema) {
    SQLConf conf = new SQLConf();
    conf.setConfString("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    return new SparkToParquetSchemaConverter(conf).convert(schema);
  }

  /** The footer metadata through which Spark reads back its exact schema. */
  static Map<String, String> sparkMetadata(StructType schema) {
    return Map.of(SPARK_ROW_METADATA, schema.json());
  }

  /** An array of strings in Spark's three-level layout: group (LIST) / repeated group list / element. */
  static void stringList(RecordConsumer out, List<?> items) {
    out.startGroup();
    if (!items.isEmpty()) {
      out.startField("list", 0);
      for (Object item : items) {
        out.startGroup();
        out.startField("element", 0);
        out.addBinary(Binary.fromString((String) item));
        out.endField("element", 0);
        out.endGroup();
      }
      out.endField("list", 0);
    }
    out.endGroup();
  }

  /**
   * Stages a table's rows for some periods: those it keeps from the warehouse ({@code kept}, in
   * any column order; null when it keeps none) and the fresh ones. Kept rows never come to the
   * driver, for a period's rejected rows or warnings can run to millions: with any, Spark writes
   * kept and fresh rows together, with the registry's nullability ({@link DeclaredSchema}); with
   * none, the driver writes the fresh rows itself ({@link #write}), which spares a small night a
   * Spark job. Either way a period without rows gets no folder.
   */
  static void stage(Path table, StructType schema, Dataset<Row> kept, List<Row> fresh, Configuration conf)
      throws IOException {
    if (kept == null) {
      write(table, schema, fresh, conf);
      return;
    }
    Column[] columns = Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new);
    Dataset<Row> rows = kept.select(columns).unionByName(kept.sparkSession().createDataFrame(fresh, schema));
    DeclaredSchema.apply(rows, schema).write().mode(SaveMode.Overwrite).partitionBy("period").parquet(table.toString());
  }

  /**
   * Writes {@code rows} (in the table's schema, {@code period} last) under {@code table}, one
   * folder and file per period; a period without rows gets no folder.
   */
  static void write(Path table, StructType schema, List<Row> rows, Configuration conf) throws IOException {
    int periodIndex = schema.fieldIndex("period");
    Map<String, List<Row>> byPeriod = new TreeMap<>();
    for (Row row : rows) {
      byPeriod.computeIfAbsent(row.getString(periodIndex), p -> new ArrayList<>()).add(row);
    }
    StructType fileSchema = fileSchema(schema);
    for (Map.Entry<String, List<Row>> period : byPeriod.entrySet()) {
      Path file = new Path(new Path(table, cn.changai.jobs.warehouse.Warehouse.partitionFolder(period.getKey())),
          "part-00000.snappy.parquet");
      try (ParquetWriter<Row> writer = new Builder(file, fileSchema, schema)
          .withConf(conf)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
          .build()) {
        for (Row row : period.getValue()) {
          writer.write(row);
        }
      }
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final StructType schema;
    private final StructType rowSchema;

    Builder(Path path, StructType schema, StructType rowSchema) {
      super(path);
      this.schema = schema;
      this.rowSchema = rowSchema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return new Support(schema, rowSchema);
    }
  }

  /** Writes a row's fields (skipping {@code period}) in Spark's layout for each type. */
  private static final class Support extends WriteSupport<Row> {
    private final StructType schema;
    /** Where each field of the file is in a row, which is in the table's schema. */
    private final int[] positions;
    private final MessageType parquet;
    private RecordConsumer out;

    Support(StructType schema, StructType rowSchema) {
      this.schema = schema;
      this.positions = java.util.Arrays.stream(schema.fieldNames()).mapToInt(rowSchema::fieldIndex).toArray();
      this.parquet = parquetSchema(schema);
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(parquet, sparkMetadata(schema));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      out = recordConsumer;
    }

    @Override
    public void write(Row row) {
      out.startMessage();
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        Object value = row.get(positions[i]);
        if (value != null) {
          out.startField(fields[i].name(), i);
          value(fields[i].dataType(), value);
          out.endField(fields[i].name(), i);
        }
      }
      out.endMessage();
    }

    private void value(DataType type, Object value) {
      if (type.equals(DataTypes.StringType)) {
        out.addBinary(Binary.fromString((String) value));
      } else if (type.equals(DataTypes.BooleanType)) {
        out.addBoolean((Boolean) value);
      } else if (type.equals(DataTypes.IntegerType)) {
        out.addInteger((Integer) value);
      } else if (type.equals(DataTypes.LongType)) {
        out.addLong(((Number) value).longValue());
      } else if (type.equals(DataTypes.DateType)) {
        LocalDate date = value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
        out.addInteger((int) date.toEpochDay());
      } else if (type.equals(DataTypes.TimestampType)) {
        Instant instant = value instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) value;
        out.addLong(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000));
      } else if (type instanceof DecimalType decimal && decimal.precision() <= 18) {
        out.addLong(((BigDecimal) value).setScale(decimal.scale()).unscaledValue().longValueExact());
      } else if (type instanceof ArrayType array && array.elementType().equals(DataTypes.StringType)) {
        stringList(out, value instanceof scala.collection.Seq<?> seq
            ? scala.jdk.javaapi.CollectionConverters.asJava(seq) : (List<?>) value);
      } else {
        throw new IllegalArgumentException("no Parquet layout here for " + type);
      }
    }
  }
}
