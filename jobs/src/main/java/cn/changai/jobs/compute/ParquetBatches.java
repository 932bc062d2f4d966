package cn.changai.jobs.compute;

import static org.apache.spark.sql.types.DataTypes.StringType;

import cn.changai.jobs.warehouse.Warehouse.TableFile;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.execution.datasources.parquet.VectorizedParquetRecordReader;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads files of a table partitioned by period as Spark's columnar batches, in the calling
 * thread, with the vectorized reader Spark's own Parquet scan uses, set up the way that scan sets
 * it up: the requested columns, then {@code period} as a constant column. No Spark job, no query
 * plan: in local mode the driver's threads are the only executors, and for a single pass over a
 * table the job machinery cost more than the reading (docs/performance.md).
 */
final class ParquetBatches {

  private static final StructType PARTITION = new StructType().add("period", StringType, false);

  private final Configuration conf;
  private final StructType requested;
  private final int batchSize;
  private final String timeZone;

  /**
   * A reader of the given columns of a table of the given schema, with the session's Parquet
   * settings; {@code period}, the partition column, comes last in every batch whether asked for or not.
   */
  static ParquetBatches of(SparkSession spark, StructType schema, java.util.List<String> columns) {
    StructType requested = new StructType();
    for (String column : columns) {
      if (!column.equals(PARTITION.fields()[0].name())) {
        requested = requested.add(schema.apply(column));
      }
    }
    return new ParquetBatches(spark, requested);
  }

  private ParquetBatches(SparkSession spark, StructType requested) {
    SQLConf sql = spark.sessionState().conf();
    this.requested = requested;
    this.batchSize = sql.parquetVectorizedReaderBatchSize();
    this.timeZone = sql.sessionLocalTimeZone();
    // What ParquetFileFormat.setupHadoopConf sets for its readers.
    conf = spark.sessionState().newHadoopConf();
    conf.set(ParquetInputFormat.READ_SUPPORT_CLASS, ParquetReadSupport.class.getName());
    conf.set(ParquetReadSupport.SPARK_ROW_REQUESTED_SCHEMA(), requested.json());
    conf.set(ParquetWriteSupport.SPARK_ROW_SCHEMA(), requested.json());
    conf.set(SQLConf.SESSION_LOCAL_TIMEZONE().key(), timeZone);
    conf.setBoolean(SQLConf.NESTED_SCHEMA_PRUNING_ENABLED().key(), sql.nestedSchemaPruningEnabled());
    conf.setBoolean(SQLConf.CASE_SENSITIVE().key(), sql.caseSensitiveAnalysis());
    conf.setBoolean(SQLConf.PARQUET_BINARY_AS_STRING().key(), sql.isParquetBinaryAsString());
    conf.setBoolean(SQLConf.PARQUET_INT96_AS_TIMESTAMP().key(), sql.isParquetINT96AsTimestamp());
    conf.setBoolean(SQLConf.PARQUET_INFER_TIMESTAMP_NTZ_ENABLED().key(), sql.parquetInferTimestampNTZEnabled());
    conf.setBoolean(SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key(), sql.legacyParquetNanosAsLong());
    conf.setBoolean(SQLConf.PARQUET_READER_RESPECT_UNKNOWN_TYPE_ANNOTATION().key(),
        sql.parquetReaderRespectUnknownTypeAnnotation());
  }

  /** The Hadoop configuration the reader opens files with. */
  Configuration conf() {
    return conf;
  }

  /** The columns of every batch: the requested ones, then period. */
  StructType batchSchema() {
    return requested.add(PARTITION.fields()[0]);
  }

  /**
   * Hands every batch of the file to {@code each}, in order. The reader reuses its batch: each
   * must be used up before the next comes.
   */
  void read(TableFile file, Consumer<ColumnarBatch> each) throws IOException {
    // Dates are read as written (CORRECTED): these files are Spark 4's, and the calendars differ
    // only before 1582 anyway. No timestamp column is read here, so no INT96 conversion.
    VectorizedParquetRecordReader reader =
        new VectorizedParquetRecordReader(null, "CORRECTED", timeZone, "CORRECTED", timeZone, false, batchSize);
    try {
      FileSplit split = new FileSplit(file.status().getPath(), 0, file.status().getLen(), new String[0]);
      reader.initialize(split, new TaskAttemptContextImpl(conf, new TaskAttemptID()));
      reader.initBatch(PARTITION, new GenericInternalRow(new Object[] {UTF8String.fromString(file.period())}));
      reader.enableReturningBatches();
      while (reader.nextBatch()) {
        each.accept(reader.resultBatch());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening " + file.status().getPath(), e);
    } finally {
      reader.close();
    }
  }
}
