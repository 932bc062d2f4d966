package cn.changai.jobs.ingest;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import cn.changai.jobs.warehouse.Tables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables ingest publishes, their schemas, and the conversion of read submissions into rows.
 * Every table is partitioned by {@code period}, its last column. docs/tables.md documents them.
 */
public final class IngestTables {

  public static final String ENTERPRISES = Tables.ENTERPRISES.name();
  public static final String WORKERS = Tables.WORKERS.name();
  public static final String STUDIOS = Tables.STUDIOS.name();
  public static final String REJECTED_ROWS = Tables.REJECTED_ROWS.name();
  public static final String REJECTED_SUBMISSIONS = Tables.REJECTED_SUBMISSIONS.name();
  public static final String WARNINGS = Tables.WARNINGS.name();

  /** Money and hours: 14 integer digits and 4 decimals, summed exactly and fast (a long inside). */
  public static final DataType DECIMAL = Tables.DECIMAL;

  public static final StructType ENTERPRISES_SCHEMA = Tables.ENTERPRISES.schema();

  public static final StructType WORKERS_SCHEMA = Tables.WORKERS.schema();

  public static final StructType STUDIOS_SCHEMA = Tables.STUDIOS.schema();

  /** The shape of rejected_rows and of warnings. */
  public static final StructType ISSUES_SCHEMA = Tables.ISSUES_SCHEMA;

  public static final StructType REJECTED_SUBMISSIONS_SCHEMA = Tables.REJECTED_SUBMISSIONS.schema();

  /** Every published table with its schema, in the order they are written. */
  public static final Map<String, StructType> TABLES = tables();

  // The rows a Spark task emits: one shape for every kind, told apart by `kind`.
  static final String KIND = "kind";
  static final String SUMMARY = "summary";
  static final String KIND_STUDIO = "studio";
  static final String KIND_REJECTED_ROW = "rejected_row";
  static final String KIND_WARNING = "warning";
  static final String KIND_SUMMARY = "summary";
  static final StructType TASK_ROW = taskRowSchema();
  private static final Map<String, Integer> TASK_INDEX = index(TASK_ROW);

  private IngestTables() {}

  private static Map<String, StructType> tables() {
    Map<String, StructType> tables = new LinkedHashMap<>();
    tables.put(ENTERPRISES, ENTERPRISES_SCHEMA);
    tables.put(WORKERS, WORKERS_SCHEMA);
    tables.put(STUDIOS, STUDIOS_SCHEMA);
    tables.put(REJECTED_ROWS, ISSUES_SCHEMA);
    tables.put(WARNINGS, ISSUES_SCHEMA);
    tables.put(REJECTED_SUBMISSIONS, REJECTED_SUBMISSIONS_SCHEMA);
    return java.util.Collections.unmodifiableMap(tables);
  }

  private static StructType taskRowSchema() {
    Map<String, StructField> fields = new LinkedHashMap<>();
    fields.put(KIND, field(KIND, StringType, false));
    for (StructType table : List.of(STUDIOS_SCHEMA, ISSUES_SCHEMA)) {
      for (StructField f : table.fields()) {
        StructField known = fields.get(f.name());
        if (known != null && !known.dataType().equals(f.dataType())) {
          throw new IllegalStateException("column " + f.name() + " has two types");
        }
        fields.putIfAbsent(f.name(), field(f.name(), f.dataType(), true));
      }
    }
    fields.put(SUMMARY, field(SUMMARY, BinaryType, true));
    return new StructType(fields.values().toArray(new StructField[0]));
  }

  /**
   * The small rows one submission contributes, in one shape told apart by {@code kind}: its
   * studios, rejected rows, warnings and its summary. Its workers go their own way ({@link #workerRows}).
   */
  static List<Row> taskRows(SubmissionResult result) {
    String period = result.ref().period();
    String enterprise = result.ref().enterpriseId();
    List<Row> rows = new ArrayList<>(result.studios().size() + result.rejectedRows().size() + 1);
    for (StudioRecord s : result.studios()) {
      rows.add(new TaskRow(KIND_STUDIO, period, enterprise)
          .set("studio_id", s.studioId()).set("type", s.type()).set("level", s.level())
          .set("established", s.established()).set("leader_id", s.leaderId())
          .set("achievements", s.achievements()).set("achievements_converted", s.achievementsConverted())
          .set("funding_wan_yuan", s.fundingWanYuan()).set("line", s.line()).row());
    }
    for (Issue issue : result.rejectedRows()) {
      rows.add(issueTaskRow(KIND_REJECTED_ROW, period, enterprise, issue));
    }
    if (result.status() == SubmissionResult.Status.ACCEPTED) {
      // Warnings of a submission refused whole are not published: its rejection says it all.
      for (Issue issue : result.warnings()) {
        rows.add(issueTaskRow(KIND_WARNING, period, enterprise, issue));
      }
    }
    rows.add(new TaskRow(KIND_SUMMARY, period, enterprise).set(SUMMARY, serialize(result.summary())).row());
    return rows;
  }

  /** The workers rows of an accepted submission, in the shape of the workers table. */
  static List<Row> workerRows(SubmissionResult result) {
    String period = result.ref().period();
    String enterprise = result.ref().enterpriseId();
    List<Row> rows = new ArrayList<>(result.workers().size());
    for (WorkerRecord w : result.workers()) {
      rows.add(RowFactory.create(enterprise, w.workerId(), w.industrialWorker(), w.frontline(), w.partyMember(),
          w.partyJoined(), w.skillLevel(), w.birthYear(), w.gender(), w.hireDate(), w.annualWageYuan(),
          w.trainingHours(), w.mentorId(), scala.jdk.javaapi.CollectionConverters.asScala(w.honours()).toSeq(),
          w.massOrgPost(), w.healthCheck(), w.recuperation(), w.studioId(), w.line(), period));
    }
    return rows;
  }

  private static Row issueTaskRow(String kind, String period, String enterprise, Issue issue) {
    TaskRow row = new TaskRow(kind, period, enterprise);
    Object[] issueValues = issueValues(period, enterprise, issue);
    String[] names = ISSUES_SCHEMA.fieldNames();
    for (int i = 0; i < names.length; i++) {
      row.set(names[i], issueValues[i]);
    }
    return row.row();
  }

  private static Object[] issueValues(String period, String enterprise, Issue issue) {
    return new Object[] {enterprise, issue.file(), issue.line(), issue.column(), issue.code().name(),
        issue.reason(), issue.raw(), period};
  }

  /** A row of rejected_rows or warnings. */
  public static Row issueRow(String period, String enterprise, Issue issue) {
    return RowFactory.create(issueValues(period, enterprise, issue));
  }

  /** A row of rejected_submissions. */
  public static Row rejectionRow(String period, String enterprise, Rejection rejection) {
    return RowFactory.create(enterprise, rejection.path(), rejection.code().name(), rejection.reason(), period);
  }

  /** The enterprises row of an accepted submission. */
  public static Row enterpriseRow(SubmissionResult result, String runId) {
    EnterpriseRecord e = result.enterprise();
    SubmissionResult.Counts c = result.counts();
    List<Object> values = new ArrayList<>();
    values.add(e.enterpriseId());
    values.add(e.name());
    values.add(e.parentId());
    values.add(e.level());
    values.add(e.industry());
    values.add(e.district());
    values.add(e.submittedAt());
    values.add(e.schemaVersion());
    for (String figure : EnterpriseRecord.COUNT_FIGURES) {
      values.add(e.counts().get(figure));
    }
    values.add(e.reformInPartyAssessment());
    values.add(e.innovationFundingWanYuan());
    values.add(result.contentHash());
    values.add(c.workersRead());
    values.add(c.workersAccepted());
    values.add(c.workersRejected());
    values.add(c.studiosRead());
    values.add(c.studiosAccepted());
    values.add(c.studiosRejected());
    values.add(c.warnings());
    values.add(runId);
    values.add(e.period());
    return RowFactory.create(values.toArray());
  }

  static SubmissionResult deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (SubmissionResult) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] serialize(SubmissionResult summary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(summary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A row of the task schema, filled by column name. */
  private static final class TaskRow {
    private final Object[] values = new Object[TASK_ROW.size()];

    TaskRow(String kind, String period, String enterprise) {
      set(KIND, kind).set("period", period).set("enterprise_id", enterprise);
    }

    TaskRow set(String name, Object value) {
      values[TASK_INDEX.get(name)] = value;
      return this;
    }

    Row row() {
      return RowFactory.create(values);
    }
  }

  private static Map<String, Integer> index(StructType schema) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < schema.size(); i++) {
      index.put(schema.fields()[i].name(), i);
    }
    return index;
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }
}
