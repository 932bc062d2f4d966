package cn.changai.jobs.run;

import cn.changai.jobs.pause.Pause;
import cn.changai.jobs.warehouse.TableFiles;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The {@code runs} table: one row per nightly run, one small Parquet file each, written without
 * Spark so that a run with nothing to do is recorded too.
 */
public final class RunsTable {

  public static final String NAME = "runs";

  /** One row of the table. */
  public record Row(
      String runId,
      String command,
      Instant startedAt,
      Instant finishedAt,
      String status,
      int exitCode,
      String periodsTouched,
      long rowsIn,
      long rowsAccepted,
      long rowsRejected,
      String changaiVersion,
      String catalogueVersion,
      String weightsVersion,
      String sparkVersion) {}

  static final MessageType SCHEMA =
      Types.buildMessage()
          .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
          .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("command")
          .required(PrimitiveTypeName.INT64)
              .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named("started_at")
          .required(PrimitiveTypeName.INT64)
              .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named("finished_at")
          .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("status")
          .required(PrimitiveTypeName.INT32).named("exit_code")
          .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("periods_touched")
          .required(PrimitiveTypeName.INT64).named("rows_in")
          .required(PrimitiveTypeName.INT64).named("rows_accepted")
          .required(PrimitiveTypeName.INT64).named("rows_rejected")
          .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("changai_version")
          .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("catalogue_version")
          .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("weights_version")
          .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("spark_version")
          .named("runs");

  private RunsTable() {}

  /**
   * Appends one run's row as its own file {@code tables/runs/run-<id>.parquet}: written in the
   * run's staging folder, then moved into the table by a commit of the warehouse (with the rest of
   * the run's results when the warehouse holds its commits), so a kill while writing never leaves
   * a cut file in the table (readers such as DuckDB refuse a whole table for one).
   */
  public static void append(Warehouse warehouse, Row row) throws IOException {
    String file = "run-" + row.runId() + ".parquet";
    Path staged = new Path(new Path(warehouse.staging(row.runId()), NAME), file);
    write(warehouse, staged, row);
    Pause.point("runs-row-staged");
    Path path = new Path(warehouse.table(NAME), file);
    // A journal of its own: the row of a run that failed during its commit must not replace that
    // commit's journal, which the next run rolls forward.
    warehouse.commit(row.runId() + "-row",
        List.of(new Warehouse.Move(warehouse.relative(path), warehouse.relative(staged), true)));
    if (!warehouse.holdsCommits()) {
      warehouse.fs().delete(staged.getParent(), true);
      if (warehouse.fs().listStatus(warehouse.staging(row.runId())).length == 0) {
        warehouse.fs().delete(warehouse.staging(row.runId()), true);
      }
    }
  }

  /** A run's row as the table holds it, read from its file; empty when the table has none for the run. */
  public static java.util.Optional<Row> read(Warehouse warehouse, String runId) throws IOException {
    Path path = new Path(warehouse.table(NAME), "run-" + runId + ".parquet");
    if (!warehouse.fs().exists(path)) {
      return java.util.Optional.empty();
    }
    try (ParquetReader<Group> reader = TableFiles.groups(path, warehouse.fs().getConf())) {
      Group g = reader.read();
      if (g == null) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new Row(g.getString("run_id", 0), g.getString("command", 0),
          Instant.ofEpochMilli(g.getLong("started_at", 0)), Instant.ofEpochMilli(g.getLong("finished_at", 0)),
          g.getString("status", 0), g.getInteger("exit_code", 0), g.getString("periods_touched", 0),
          g.getLong("rows_in", 0), g.getLong("rows_accepted", 0), g.getLong("rows_rejected", 0),
          g.getString("changai_version", 0), g.getString("catalogue_version", 0), g.getString("weights_version", 0),
          g.getString("spark_version", 0)));
    }
  }

  private static void write(Warehouse warehouse, Path path, Row row) throws IOException {
    Group g = new SimpleGroupFactory(SCHEMA).newGroup()
        .append("run_id", row.runId())
        .append("command", row.command())
        .append("started_at", row.startedAt().toEpochMilli())
        .append("finished_at", row.finishedAt().toEpochMilli())
        .append("status", row.status())
        .append("exit_code", row.exitCode())
        .append("periods_touched", row.periodsTouched())
        .append("rows_in", row.rowsIn())
        .append("rows_accepted", row.rowsAccepted())
        .append("rows_rejected", row.rowsRejected())
        .append("changai_version", row.changaiVersion())
        .append("catalogue_version", row.catalogueVersion())
        .append("weights_version", row.weightsVersion())
        .append("spark_version", row.sparkVersion());
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, warehouse.fs().getConf()))
        .withType(SCHEMA)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build()) {
      writer.write(g);
    }
  }
}
