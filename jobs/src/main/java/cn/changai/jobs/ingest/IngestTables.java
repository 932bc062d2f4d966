package cn.changai.jobs.ingest;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
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

  public static final String ENTERPRISES = "enterprises";
  public static final String WORKERS = "workers";
  public static final String STUDIOS = "studios";
  public static final String REJECTED_ROWS = "rejected_rows";
  public static final String REJECTED_SUBMISSIONS = "rejected_submissions";
  public static final String WARNINGS = "warnings";

  /** Money and hours: 14 integer digits and 4 decimals, summed exactly and fast (a long inside). */
  public static final DataType DECIMAL = DataTypes.createDecimalType(FieldValue.PRECISION, FieldValue.SCALE);

  public static final StructType ENTERPRISES_SCHEMA = enterprisesSchema();

  public static final StructType WORKERS_SCHEMA =
      schema(
          "enterprise_id", StringType, false,
          "worker_id", StringType, false,
          "industrial_worker", BooleanType, false,
          "frontline", BooleanType, false,
          "party_member", BooleanType, false,
          "party_joined", DateType, true,
          "skill_level", StringType, false,
          "birth_year", IntegerType, true,
          "gender", StringType, true,
          "hire_date", DateType, false,
          "annual_wage_yuan", DECIMAL, true,
          "training_hours", DECIMAL, false,
          "mentor_id", StringType, true,
          "honours", DataTypes.createArrayType(StringType, false), false,
          "mass_org_post", BooleanType, false,
          "health_check", BooleanType, false,
          "recuperation", BooleanType, false,
          "studio_id", StringType, true,
          "line", IntegerType, false,
          "period", StringType, false);

  public static final StructType STUDIOS_SCHEMA =
      schema(
          "enterprise_id", StringType, false,
          "studio_id", StringType, false,
          "type", StringType, false,
          "level", StringType, false,
          "established", DateType, true,
          "leader_id", StringType, true,
          "achievements", IntegerType, true,
          "achievements_converted", IntegerType, true,
          "funding_wan_yuan", DECIMAL, true,
          "line", IntegerType, false,
          "period", StringType, false);

  /** The shape of rejected_rows and of warnings. */
  public static final StructType ISSUES_SCHEMA =
      schema(
          "enterprise_id", StringType, true,
          "file", StringType, false,
          "line", IntegerType, true,
          "column", StringType, true,
          "reason_code", StringType, false,
          "reason", StringType, false,
          "raw", StringType, true,
          "period", StringType, false);

  public static final StructType REJECTED_SUBMISSIONS_SCHEMA =
      schema(
          "enterprise_id", StringType, true,
          "path", StringType, false,
          "reason_code", StringType, false,
          "reason", StringType, false,
          "period", StringType, false);

  /** Every published table with its schema, in the order they are written. */
  public static final Map<String, StructType> TABLES = tables();

  private IngestTables() {}

  private static StructType enterprisesSchema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(field("enterprise_id", StringType, false));
    fields.add(field("name", StringType, false));
    fields.add(field("parent_id", StringType, true));
    fields.add(field("level", StringType, false));
    fields.add(field("industry", StringType, false));
    fields.add(field("district", StringType, false));
    fields.add(field("submitted_at", TimestampType, false));
    fields.add(field("schema_version", IntegerType, false));
    for (String figure : EnterpriseRecord.COUNT_FIGURES) {
      fields.add(field(figure, LongType, true));
    }
    fields.add(field(EnterpriseRecord.REFORM_FIGURE, BooleanType, true));
    fields.add(field(EnterpriseRecord.FUNDING_FIGURE, DECIMAL, true));
    fields.add(field("content_hash", StringType, false));
    for (String count : List.of("workers_read", "workers_accepted", "workers_rejected", "studios_read",
        "studios_accepted", "studios_rejected", "warnings")) {
      fields.add(field(count, IntegerType, false));
    }
    fields.add(field("run_id", StringType, false));
    fields.add(field("period", StringType, false));
    return new StructType(fields.toArray(new StructField[0]));
  }

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

  /** The studios rows of an accepted submission. */
  static List<Row> studioRows(SubmissionResult result) {
    String period = result.ref().period();
    String enterprise = result.ref().enterpriseId();
    List<Row> rows = new ArrayList<>(result.studios().size());
    for (StudioRecord s : result.studios()) {
      rows.add(RowFactory.create(enterprise, s.studioId(), s.type(), s.level(), s.established(), s.leaderId(),
          s.achievements(), s.achievementsConverted(), s.fundingWanYuan(), s.line(), period));
    }
    return rows;
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

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  private static StructType schema(Object... triples) {
    StructField[] fields = new StructField[triples.length / 3];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = field((String) triples[3 * i], (DataType) triples[3 * i + 1], (Boolean) triples[3 * i + 2]);
    }
    return new StructType(fields);
  }
}
