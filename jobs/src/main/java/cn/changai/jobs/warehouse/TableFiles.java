package cn.changai.jobs.warehouse;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet files of the warehouse's tables written and copied from the driver, one file per
 * period, through parquet-java's writer and a {@link WriteSupport}: ingest's small tables
 * (enterprises, studios, rejected rows, warnings, refusals), and compute's tables, which are
 * made on the driver by the roll-up. A Spark job per table cost seconds of fixed cost (planning
 * over the driver's rows, serialising them into tasks, a sort by period) for rows the driver
 * already holds. The rows a table keeps from the warehouse are copied from its files the same
 * way ({@link #copyKept}). The files have the layout Spark writes for the schema (the partition
 * column {@code period} is the folder, Spark's schema in the footer); timestamps are stored as
 * instants (INT64 microseconds, adjusted to UTC), which every reader takes as such.
 */
public final class TableFiles {

  private static final String SPARK_ROW_METADATA = "org.apache.spark.sql.parquet.row.metadata";

  private TableFiles() {}

  /** A table's columns as a file stores them: all but the partition column, which is the folder. */
  public static StructType fileSchema(StructType schema) {
    return new StructType(java.util.Arrays.stream(schema.fields())
        .filter(f -> !f.name().equals("period")).toArray(StructField[]::new));
  }

  /** The Parquet schema Spark writes for {@code schema}, timestamps as UTC instants in microseconds. */
  public static MessageType parquetSchema(StructType schema) {
    SQLConf conf = new SQLConf();
    conf.setConfString("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    return new SparkToParquetSchemaConverter(conf).convert(schema);
  }

  /** The footer metadata through which Spark reads back its exact schema. */
  public static Map<String, String> sparkMetadata(StructType schema) {
    return Map.of(SPARK_ROW_METADATA, schema.json());
  }

  /**
   * A string's UTF-8 bytes as an array-backed Binary: the dictionary writer hashes and compares
   * every value, which {@code Binary.fromString}'s buffer-backed Binary does a byte at a time
   * through the buffer (a sixth of ingest's CPU at 10^7 rows).
   */
  public static Binary binary(String value) {
    return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
  }

  /** An array of strings in Spark's three-level layout: group (LIST) / repeated group list / element. */
  public static void stringList(RecordConsumer out, List<?> items) {
    out.startGroup();
    if (!items.isEmpty()) {
      out.startField("list", 0);
      for (Object item : items) {
        out.startGroup();
        out.startField("element", 0);
        out.addBinary(binary((String) item));
        out.endField("element", 0);
        out.endGroup();
      }
      out.endField("list", 0);
    }
    out.endGroup();
  }

  /** A held file smaller than this is small: in practice the fresh rows of one night's resubmissions. */
  public static final long SMALL_FILE_BYTES = 256L << 10;
  /** How many small held files a period may have before a stage merges them into one. */
  public static final int SMALL_FILES_MERGED_AT = 8;

  /**
   * Stages a table's rows for some periods: those of its held files that {@code keep} accepts
   * (given the file's period and the row), and the fresh ones, written by the driver ({@link
   * #write}) in a file of their own per period. A held file that {@code whole} says loses no row
   * is copied byte for byte; the others row by row ({@link #copyKept}, with {@code
   * withoutDictionary} as there). Nothing passes through Spark, and memory does not grow with the
   * held files (a period's rejected rows or warnings can run to millions). A period without rows
   * gets no folder.
   *
   * <p>Each night with a resubmission leaves one more small file in the period (its fresh rows),
   * so that a year of nights would leave hundreds for every reader to open. Once a period has
   * {@link #SMALL_FILES_MERGED_AT} files under {@link #SMALL_FILE_BYTES}, they are copied row by
   * row into one ({@link #copyKept}): a few thousand rows every few nights, while the large files
   * of a first load stay as they are.
   */
  public static void stage(Path table, StructType schema, List<Warehouse.TableFile> held, Whole whole,
      BiPredicate<String, Group> keep, List<Row> fresh, Configuration conf, String... withoutDictionary)
      throws IOException {
    Map<String, Integer> copies = new TreeMap<>();
    String token = fileToken();
    Map<String, List<Warehouse.TableFile>> merged = smallFilesToMerge(held);
    for (Warehouse.TableFile file : held) {
      if (merged.getOrDefault(file.period(), List.of()).contains(file)) {
        continue;
      }
      Path source = file.status().getPath();
      // A name of its own: the fresh rows' file, and the files ingest's tasks write, are part-...
      // Creating the file makes its folder; a copy that keeps no row makes neither.
      Path copy = keptFile(table, file.period(), copies, token);
      if (!whole.test(file)) {
        copyKept(List.of(source), copy, row -> keep.test(file.period(), row), conf, withoutDictionary);
      } else if (!FileUtil.copy(source.getFileSystem(conf), source, copy.getFileSystem(conf), copy, false, conf)) {
        throw new IOException("could not copy " + source + " to " + copy);
      }
    }
    for (Map.Entry<String, List<Warehouse.TableFile>> period : merged.entrySet()) {
      // Files of one layout (Parquet schema and Spark's schema in the footer) go into one copy;
      // a table whose files differ in layout (written by another version) keeps them apart.
      Map<String, List<Path>> byLayout = new LinkedHashMap<>();
      for (Warehouse.TableFile file : period.getValue()) {
        ParquetMetadata footer = footer(file.status().getPath(), conf);
        byLayout.computeIfAbsent(footer.getFileMetaData().getSchema() + "\n" + keyValues(footer),
            layout -> new ArrayList<>()).add(file.status().getPath());
      }
      for (List<Path> sources : byLayout.values()) {
        copyKept(sources, keptFile(table, period.getKey(), copies, token), row -> keep.test(period.getKey(), row), conf,
            withoutDictionary);
      }
    }
    write(table, schema, fresh, conf, token);
  }

  /** The held small files of each period that has {@link #SMALL_FILES_MERGED_AT} of them or more. */
  private static Map<String, List<Warehouse.TableFile>> smallFilesToMerge(List<Warehouse.TableFile> held) {
    Map<String, List<Warehouse.TableFile>> small = new TreeMap<>();
    for (Warehouse.TableFile file : held) {
      if (file.status().getLen() < SMALL_FILE_BYTES) {
        small.computeIfAbsent(file.period(), p -> new ArrayList<>()).add(file);
      }
    }
    small.values().removeIf(files -> files.size() < SMALL_FILES_MERGED_AT);
    return small;
  }

  /** The next name for a copy of held rows in a period of a staged table. */
  private static Path keptFile(Path table, String period, Map<String, Integer> copies, String token) {
    return new Path(new Path(table, Warehouse.partitionFolder(period)),
        String.format(Locale.ROOT, "kept-%05d-%s.snappy.parquet", copies.merge(period, 1, Integer::sum), token));
  }

  /**
   * A token that makes the names of the files one write stages its own, as Spark's writer names
   * files by job: a reader that listed a period's files just before a commit replaced them, and
   * opens one by name afterwards, then finds none (and says so) rather than another file of the
   * same name whose layout is not the one it read first.
   */
  public static String fileToken() {
    return String.format(Locale.ROOT, "%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
  }

  /** Whether a held file loses no row to a copy, so that it is copied byte for byte ({@link #stage}). */
  @FunctionalInterface
  public interface Whole {
    boolean test(Warehouse.TableFile file) throws IOException;
  }

  /**
   * A reader of a Parquet file's rows as parquet-java's example {@link Group}s, under the given
   * settings. Not {@code ParquetReader.builder(support, path)}: that builder makes a fresh Hadoop
   * {@code Configuration} for each file, which parses Hadoop's default XML again (about 8 ms a
   * file: a quiet night over 2,000 refused folders' files spent 16 s in it).
   */
  public static ParquetReader<Group> groups(Path file, Configuration conf) throws IOException {
    return new ParquetReader.Builder<Group>(HadoopInputFile.fromPath(file, conf)) {
      @Override
      protected org.apache.parquet.hadoop.api.ReadSupport<Group> getReadSupport() {
        return new GroupReadSupport();
      }
    }.build();
  }

  /**
   * Whether a Parquet file with an {@code enterprise_id} column may hold a row of the given
   * enterprises: false only when parquet-java's row-group filters (statistics, dictionaries, bloom
   * filters) rule each of its row groups out, as they do for Spark's own filters. A false "may"
   * costs a row-by-row copy that drops nothing; it never keeps a row that should go.
   */
  public static boolean mayHold(Path file, Set<String> enterprises, Configuration conf) throws IOException {
    if (enterprises.isEmpty()) {
      return false;
    }
    Set<Binary> ids = new HashSet<>();
    enterprises.forEach(id -> ids.add(Binary.fromString(id)));
    ParquetReadOptions options = HadoopReadOptions.builder(conf, file)
        .withRecordFilter(FilterCompat.get(FilterApi.in(FilterApi.binaryColumn("enterprise_id"), ids)))
        .useStatsFilter(true).useDictionaryFilter(true).useBloomFilter(true)
        .build();
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf), options)) {
      return !reader.getRowGroups().isEmpty();
    }
  }

  /**
   * Copies the rows of held Parquet files of one layout that {@code keep} accepts into {@code
   * copy}, in order, row by row through parquet-java's example object model (memory of one row
   * group, no Spark job), with the first file's schema and footer metadata (Spark's schema) and
   * the writer settings of this project's files; {@code withoutDictionary} names columns unique in
   * a file. Writes no file when no row is kept. Returns the rows copied, after checking that the
   * rows read of each held file are all that its footer counts and that the copy's footer counts
   * the rows copied.
   */
  public static long copyKept(List<Path> held, Path copy, Predicate<Group> keep, Configuration conf,
      String... withoutDictionary) throws IOException {
    ParquetMetadata first = footer(held.get(0), conf);
    long copied = 0;
    ParquetWriter<Group> writer = null;
    try {
      for (Path source : held) {
        long heldRows = rows(footer(source, conf));
        long read = 0;
        try (ParquetReader<Group> reader = groups(source, conf)) {
          for (Group row = reader.read(); row != null; row = reader.read()) {
            read++;
            if (!keep.test(row)) {
              continue;
            }
            if (writer == null) {
              writer = keptWriter(copy, first, conf, withoutDictionary);
            }
            writer.write(row);
            copied++;
          }
        }
        if (read != heldRows) {
          throw new IOException("copying the kept rows of " + source + ": " + read + " rows read of " + heldRows);
        }
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    long written = writer == null ? 0 : rows(footer(copy, conf));
    if (written != copied) {
      throw new IOException("copying the kept rows of " + held + ": " + copied + " copied, " + written + " in the copy");
    }
    return copied;
  }

  private static ParquetWriter<Group> keptWriter(Path copy, ParquetMetadata footer, Configuration conf,
      String... withoutDictionary) throws IOException {
    ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(copy)
        .withType(footer.getFileMetaData().getSchema())
        .withExtraMetaData(keyValues(footer))
        .withConf(conf)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withDictionaryEncoding(true)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withPageRowCountLimit(Integer.MAX_VALUE);
    for (String column : withoutDictionary) {
      builder = builder.withDictionaryEncoding(column, false);
    }
    return builder.build();
  }

  /**
   * The given columns of every row of a table's files, read on the driver through parquet-java's
   * example object model, in file order: no Spark job, for the small tables a stage needs whole
   * (enterprises, indicator values, scores, warnings). A value has the Java type Spark's {@code
   * collect} gives for the column's type in {@code schema} (String, Boolean, Integer, Long, Double,
   * a BigDecimal of the column's scale; a list of strings as a java.util.List), null when absent;
   * {@code period} is the file's folder.
   * The files must have the schema's types ({@link Warehouse#checkSchema}). Only the rows {@code
   * keep} accepts are kept, as they are read: a table of millions of rows costs the memory of
   * those kept.
   */
  public static List<Row> rows(List<Warehouse.TableFile> files, StructType schema, List<String> columns,
      Predicate<Row> keep, Configuration conf) throws IOException {
    DataType[] types = columns.stream().map(c -> schema.apply(c).dataType()).toArray(DataType[]::new);
    List<Row> rows = new ArrayList<>();
    for (Warehouse.TableFile file : files) {
      try (ParquetReader<Group> reader = groups(file.status().getPath(), conf)) {
        for (Group row = reader.read(); row != null; row = reader.read()) {
          Object[] values = new Object[types.length];
          for (int i = 0; i < types.length; i++) {
            values[i] = columns.get(i).equals("period") ? file.period() : value(row, columns.get(i), types[i]);
          }
          Row kept = RowFactory.create(values);
          if (keep.test(kept)) {
            rows.add(kept);
          }
        }
      }
    }
    return rows;
  }

  /** As {@link #rows}, each row a map by column name. */
  public static List<Map<String, Object>> read(List<Warehouse.TableFile> files, StructType schema, List<String> columns,
      Configuration conf) throws IOException {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Row row : rows(files, schema, columns, r -> true, conf)) {
      Map<String, Object> values = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        values.put(columns.get(i), row.get(i));
      }
      maps.add(values);
    }
    return maps;
  }

  /** A value of {@link #rows}: null when the row has none. */
  private static Object value(Group row, String column, DataType type) {
    if (!has(row, column)) {
      return null;
    }
    if (type.equals(DataTypes.StringType)) {
      return row.getString(column, 0);
    } else if (type.equals(DataTypes.BooleanType)) {
      return row.getBoolean(column, 0);
    } else if (type.equals(DataTypes.IntegerType)) {
      return row.getInteger(column, 0);
    } else if (type.equals(DataTypes.LongType)) {
      return row.getLong(column, 0);
    } else if (type.equals(DataTypes.DoubleType)) {
      return row.getDouble(column, 0);
    } else if (type instanceof DecimalType decimal && decimal.precision() <= 18) {
      return BigDecimal.valueOf(row.getLong(column, 0), decimal.scale());
    } else if (type instanceof ArrayType array && array.elementType().equals(DataTypes.StringType)) {
      // Spark's three-level list: group / repeated group list / element.
      Group list = row.getGroup(column, 0);
      int n = list.getFieldRepetitionCount("list");
      List<String> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Group item = list.getGroup("list", i);
        items.add(has(item, "element") ? item.getString("element", 0) : null);
      }
      return items;
    }
    throw new IllegalArgumentException("no reading here of " + type + " (column " + column + ")");
  }

  /** Whether a row read by {@link #copyKept} has a value in the given column. */
  public static boolean has(Group row, String column) {
    return row.getFieldRepetitionCount(column) > 0;
  }

  /** A footer's key-value metadata (Spark's schema among them) but the writer's name, which the copy's writer sets. */
  private static Map<String, String> keyValues(ParquetMetadata footer) {
    Map<String, String> values = new TreeMap<>(footer.getFileMetaData().getKeyValueMetaData());
    values.remove("writer.model.name");
    return values;
  }

  private static ParquetMetadata footer(Path file, Configuration conf) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      return reader.getFooter();
    }
  }

  /** Whether any of the files holds a row, by their footers (no row is read). */
  public static boolean anyRows(List<Path> files, Configuration conf) throws IOException {
    for (Path file : files) {
      if (rows(footer(file, conf)) > 0) {
        return true;
      }
    }
    return false;
  }

  private static long rows(ParquetMetadata footer) {
    return footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
  }

  /**
   * Writes a file of no rows in the table's schema into a period's folder that holds no Parquet
   * file, so that the period reads as empty, not as missing: a reader's glob over a table's period
   * folders (DuckDB's {@code read_parquet}, pyarrow's datasets) fails when it matches no file.
   */
  public static void ensureFile(Path periodFolder, StructType schema, Configuration conf) throws IOException {
    FileSystem fs = periodFolder.getFileSystem(conf);
    if (fs.exists(periodFolder)) {
      for (FileStatus status : fs.listStatus(periodFolder)) {
        if (status.getPath().getName().endsWith(".parquet")) {
          return;
        }
      }
    }
    writer(new Path(periodFolder, "part-00000-" + fileToken() + ".snappy.parquet"), schema,
        ParquetFileWriter.Mode.OVERWRITE, conf).close();
  }

  /**
   * Writes {@code rows} (in the table's schema, {@code period} last) under {@code table}, one
   * folder and file per period; a period without rows gets no folder.
   */
  public static void write(Path table, StructType schema, List<Row> rows, Configuration conf) throws IOException {
    write(table, schema, rows, conf, fileToken());
  }

  private static void write(Path table, StructType schema, List<Row> rows, Configuration conf, String token)
      throws IOException {
    int periodIndex = schema.fieldIndex("period");
    Map<String, List<Row>> byPeriod = new TreeMap<>();
    for (Row row : rows) {
      byPeriod.computeIfAbsent(row.getString(periodIndex), p -> new ArrayList<>()).add(row);
    }
    for (Map.Entry<String, List<Row>> period : byPeriod.entrySet()) {
      Path file = new Path(new Path(table, Warehouse.partitionFolder(period.getKey())),
          "part-00000-" + token + ".snappy.parquet");
      try (ParquetWriter<Row> writer = writer(file, schema, ParquetFileWriter.Mode.OVERWRITE, conf)) {
        for (Row row : period.getValue()) {
          writer.write(row);
        }
      }
    }
  }

  /**
   * A writer of one file of a table: rows in the table's schema ({@code period} last), each
   * written without its period, which the file's folder says.
   */
  public static ParquetWriter<Row> writer(Path file, StructType schema, ParquetFileWriter.Mode mode,
      Configuration conf) throws IOException {
    return new Builder(file, fileSchema(schema), schema)
        .withConf(conf)
        .withWriteMode(mode)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .build();
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
        } else if (!fields[i].nullable()) {
          // Parquet's writer would leave the required column without a value and go on.
          throw new IllegalArgumentException("a null in the never-null column " + fields[i].name());
        }
      }
      out.endMessage();
    }

    private void value(DataType type, Object value) {
      if (type.equals(DataTypes.StringType)) {
        out.addBinary(binary((String) value));
      } else if (type.equals(DataTypes.BooleanType)) {
        out.addBoolean((Boolean) value);
      } else if (type.equals(DataTypes.IntegerType)) {
        out.addInteger((Integer) value);
      } else if (type.equals(DataTypes.DoubleType)) {
        out.addDouble((Double) value);
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
