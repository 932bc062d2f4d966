package cn.changai.jobs.ingest;

import static org.apache.spark.sql.types.DataTypes.StringType;

import cn.changai.jobs.warehouse.Tables;
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

  private IngestTables() {}

  private static Map<String, StructType> tables() {
    Map<String, StructType> tables = new LinkedHashMap<>();
    Tables.INGEST.forEach(t -> tables.put(t.name(), t.schema()));
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

  /** Rows of rejected_rows or warnings: the given findings of a submission. */
  static List<Row> issueRows(SubmissionResult result, List<Issue> issues) {
    List<Row> rows = new ArrayList<>(issues.size());
    for (Issue issue : issues) {
      rows.add(issueRow(result.ref().period(), result.ref().enterpriseId(), issue));
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
    return RowFactory.create(SafeText.name(enterprise), SafeText.path(rejection.path()), rejection.code().name(),
        rejection.reason(), period);
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
    values.add(e.submittedAtOffset());
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
}
