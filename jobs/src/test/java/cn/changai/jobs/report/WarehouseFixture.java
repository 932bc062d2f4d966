package cn.changai.jobs.report;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import cn.changai.jobs.ingest.IngestTables;
import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import cn.changai.jobs.report.PeriodData.IssueRow;
import cn.changai.jobs.report.PeriodData.RejectedSubmissionRow;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import cn.changai.jobs.report.PeriodData.SkillRow;
import cn.changai.jobs.warehouse.Tables;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes periods of report rows as the published Parquet tables of a warehouse: the ingest tables
 * in their real schemas (every column filled), the derived tables in the schemas the compute and
 * score jobs publish. A table a period lists as missing gets no folder for that period.
 */
final class WarehouseFixture {

  /** What every rejected row's raw line holds, so tests can check it never reaches a page. */
  static final String RAW_MARKER = "RAW-LINE-NEVER-SHOWN";

  static final StructType INDICATOR_VALUES = schema(
      "unit_level", StringType, "unit_id", StringType, "unit_name", StringType, "indicator_id", StringType,
      "numerator", DoubleType, "denominator", DoubleType, "value", DoubleType, "low_base", BooleanType,
      "members_reporting", IntegerType, "members_total", IntegerType, "catalogue_version", StringType,
      "run_id", StringType, "period", StringType);

  static final StructType SKILL_DISTRIBUTION = schema(
      "unit_level", StringType, "unit_id", StringType, "skill_level", StringType, "count", LongType,
      "share", DoubleType, "period", StringType);

  private WarehouseFixture() {}

  static void write(SparkSession spark, Path warehouse, List<PeriodData> periods) {
    String tables = warehouse.resolve("tables").toString();
    table(spark, tables, PeriodData.INDICATOR_VALUES, INDICATOR_VALUES, periods, PeriodData::indicators,
        (IndicatorRow r, String p) -> RowFactory.create(r.unitLevel(), r.unitId(), r.unitName(), r.indicatorId(),
            r.numerator(), r.denominator(), r.value(), r.lowBase(), r.membersReporting(), r.membersTotal(),
            r.catalogueVersion(), r.runId(), p));
    table(spark, tables, PeriodData.SKILL_DISTRIBUTION, SKILL_DISTRIBUTION, periods, PeriodData::skills,
        (SkillRow r, String p) -> RowFactory.create(r.unitLevel(), r.unitId(), r.skillLevel(), r.count(), r.share(), p));
    table(spark, tables, PeriodData.SCORES, Tables.SCORES.schema(), periods, PeriodData::scores,
        (ScoreRow r, String p) -> RowFactory.create(r.scope(), r.unitLevel(), r.unitId(), r.unitName(), r.composite(),
            r.partA(), r.partB(), r.partC(), r.partD(), r.rank(), r.rankChange(), r.tier(), r.rankMedian(), r.rankP05(),
            r.rankP95(), r.rankUnstable(), r.indicatorsUsed(), r.unrankedReason(), r.method(), "score-run", p));
    table(spark, tables, PeriodData.ENTERPRISES, IngestTables.ENTERPRISES_SCHEMA, periods, PeriodData::enterprises,
        WarehouseFixture::enterpriseRow);
    table(spark, tables, PeriodData.REJECTED_SUBMISSIONS, IngestTables.REJECTED_SUBMISSIONS_SCHEMA, periods,
        PeriodData::rejectedSubmissions,
        (RejectedSubmissionRow r, String p) -> RowFactory.create(r.enterpriseId(), r.path(), r.reasonCode(), r.reason(), p));
    table(spark, tables, PeriodData.REJECTED_ROWS, IngestTables.ISSUES_SCHEMA, periods, PeriodData::rejectedRows,
        WarehouseFixture::issueRow);
    table(spark, tables, PeriodData.WARNINGS, IngestTables.ISSUES_SCHEMA, periods, PeriodData::warnings,
        WarehouseFixture::issueRow);
  }

  private static Row issueRow(IssueRow r, String period) {
    return RowFactory.create(r.enterpriseId(), r.file(), r.line(), r.column(), r.reasonCode(), r.reason(),
        r.isDataRow() ? "E9999,Y,N," + RAW_MARKER : null, period);
  }

  private static Row enterpriseRow(EnterpriseRow e, String period) {
    Map<String, Object> values = new java.util.HashMap<>();
    values.put("enterprise_id", e.enterpriseId());
    values.put("name", e.name());
    values.put("parent_id", e.parentId());
    values.put("level", e.level());
    values.put("industry", e.industry());
    values.put("district", e.district());
    values.put("submitted_at", Instant.parse("2026-01-10T01:30:00Z"));
    values.put("submitted_at_offset", "+08:00");
    values.put("schema_version", 1);
    values.put("reform_in_party_assessment", true);
    values.put("innovation_funding_wan_yuan", new BigDecimal("150.0000"));
    values.put("content_hash", "0".repeat(64));
    values.put("workers_read", e.workersRead());
    values.put("workers_accepted", e.workersAccepted());
    values.put("workers_rejected", e.workersRejected());
    values.put("studios_read", e.studiosRead());
    values.put("studios_accepted", e.studiosAccepted());
    values.put("studios_rejected", e.studiosRejected());
    values.put("warnings", e.warnings());
    values.put("run_id", "ingest-run");
    values.put("period", period);
    StructField[] fields = IngestTables.ENTERPRISES_SCHEMA.fields();
    Object[] row = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Object value = values.get(fields[i].name());
      if (value == null && fields[i].dataType().equals(LongType)) {
        value = 7L; // a figure
      }
      row[i] = value;
    }
    return RowFactory.create(row);
  }

  private interface ToRow<T> {
    Row apply(T row, String period);
  }

  private static <T> void table(SparkSession spark, String tables, String name, StructType schema,
      List<PeriodData> periods, Function<PeriodData, List<T>> rows, ToRow<T> toRow) {
    List<Row> all = new ArrayList<>();
    for (PeriodData data : periods) {
      if (!data.isMissing(name)) {
        for (T row : rows.apply(data)) {
          all.add(toRow.apply(row, data.period()));
        }
      }
    }
    if (all.isEmpty()) {
      return;
    }
    spark.createDataFrame(all, schema).coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("period")
        .parquet(tables + "/" + name);
  }

  private static StructType schema(Object... pairs) {
    StructField[] fields = new StructField[pairs.length / 2];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = new StructField((String) pairs[2 * i], (DataType) pairs[2 * i + 1], true,
          org.apache.spark.sql.types.Metadata.empty());
    }
    return new StructType(fields);
  }
}
