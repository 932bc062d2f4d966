package cn.changai.jobs.ingest;

import cn.changai.jobs.warehouse.TableFiles;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.spark.sql.types.StructType;

/**
 * One Parquet file of the {@code workers} table, written by the task that reads the submissions
 * as their rows are accepted, through parquet-java's writer and a {@link WriteSupport}. The file
 * has the layout Spark itself writes for the table's schema (the partition column {@code period}
 * is the folder), so every reader sees no difference.
 */
final class WorkersFile implements Closeable {

  /** The table's columns as stored in a file: all but the partition column. */
  static final StructType FILE_SCHEMA = TableFiles.fileSchema(IngestTables.WORKERS_SCHEMA);

  private final ParquetWriter<Row> writer;
  private long rows;

  /** A worker of one enterprise: the record and the enterprise it belongs to. */
  record Row(String enterpriseId, WorkerRecord worker) {}

  WorkersFile(Path path, Configuration conf) throws IOException {
    writer = new Builder(path)
        .withConf(conf)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withDictionaryEncoding(true)
        // A worker id is unique in its file: a dictionary of them only costs a hash lookup a row.
        .withDictionaryEncoding("worker_id", false)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        // Pages end at Parquet's byte limit, not at 20,000 rows: fewer pages for every reader.
        .withPageRowCountLimit(Integer.MAX_VALUE)
        .build();
  }

  void write(String enterpriseId, WorkerRecord worker) throws IOException {
    writer.write(new Row(enterpriseId, worker));
    rows++;
  }

  /** The rows written so far. */
  long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    Builder(Path path) {
      super(path);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return new Support();
    }
  }

  /** Writes a worker's fields in the order of {@link #FILE_SCHEMA}. */
  private static final class Support extends WriteSupport<Row> {
    private final MessageType schema = TableFiles.parquetSchema(FILE_SCHEMA);
    /** Codes and enterprise ids repeat on every row: their bytes are made once. */
    private final Map<String, Binary> binaries = new HashMap<>();
    private RecordConsumer out;

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, TableFiles.sparkMetadata(FILE_SCHEMA));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      out = recordConsumer;
    }

    @Override
    public void write(Row row) {
      WorkerRecord w = row.worker();
      out.startMessage();
      int i = 0;
      repeated(i++, "enterprise_id", row.enterpriseId());
      string(i++, "worker_id", w.workerId());
      bool(i++, "industrial_worker", w.industrialWorker());
      bool(i++, "frontline", w.frontline());
      bool(i++, "party_member", w.partyMember());
      date(i++, "party_joined", w.partyJoined());
      repeated(i++, "skill_level", w.skillLevel());
      integer(i++, "birth_year", w.birthYear());
      repeated(i++, "gender", w.gender());
      date(i++, "hire_date", w.hireDate());
      decimal(i++, "annual_wage_yuan", w.annualWageYuan());
      decimal(i++, "training_hours", w.trainingHours());
      string(i++, "mentor_id", w.mentorId());
      honours(i++, w.honours());
      bool(i++, "mass_org_post", w.massOrgPost());
      bool(i++, "health_check", w.healthCheck());
      bool(i++, "recuperation", w.recuperation());
      string(i++, "studio_id", w.studioId());
      integer(i, "line", w.line());
      out.endMessage();
    }

    private void string(int index, String name, String value) {
      if (value != null) {
        out.startField(name, index);
        out.addBinary(TableFiles.binary(value));
        out.endField(name, index);
      }
    }

    /** A string that repeats across rows (a code, an enterprise id). */
    private void repeated(int index, String name, String value) {
      if (value != null) {
        out.startField(name, index);
        out.addBinary(binaries.computeIfAbsent(value, TableFiles::binary));
        out.endField(name, index);
      }
    }

    private void bool(int index, String name, boolean value) {
      out.startField(name, index);
      out.addBoolean(value);
      out.endField(name, index);
    }

    private void integer(int index, String name, Integer value) {
      if (value != null) {
        out.startField(name, index);
        out.addInteger(value);
        out.endField(name, index);
      }
    }

    private void date(int index, String name, java.time.LocalDate value) {
      if (value != null) {
        out.startField(name, index);
        out.addInteger((int) value.toEpochDay());
        out.endField(name, index);
      }
    }

    /** decimal(18,4) as Spark stores it: the unscaled value as a 64-bit integer. */
    private void decimal(int index, String name, BigDecimal value) {
      if (value != null) {
        out.startField(name, index);
        // Scale 0 after the shift: longValueExact reads the compact long, no BigInteger made.
        out.addLong(value.setScale(FieldValue.SCALE).scaleByPowerOfTen(FieldValue.SCALE).longValueExact());
        out.endField(name, index);
      }
    }

    /** array&lt;string&gt; in Spark's three-level layout: honours / list / element. */
    private void honours(int index, List<String> honours) {
      out.startField("honours", index);
      TableFiles.stringList(out, honours);
      out.endField("honours", index);
    }
  }
}
