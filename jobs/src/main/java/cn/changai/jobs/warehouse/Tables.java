package cn.changai.jobs.warehouse;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The registry of published tables: every table of {@code <warehouse>/tables/}, its name, schema
 * and partitioning, declared once here and read by every stage (docs/tables.md documents them).
 * Every table is partitioned by {@code period}, its last column.
 */
public final class Tables {

  /** The partition column of every table. */
  public static final String PERIOD = "period";

  /** Money and hours: 14 integer digits and 4 decimals, summed exactly. */
  public static final DataType DECIMAL = DataTypes.createDecimalType(18, 4);

  /** The whole-number figures of enterprise.json, in the contract's order: columns of enterprises. */
  public static final List<String> COUNT_FIGURES = List.of(
      "ideology_participants",
      "school_partnerships",
      "order_class_trainees",
      "competition_participants",
      "innovation_achievements",
      "achievements_converted",
      "rationalization_proposals",
      "proposals_adopted",
      "frontline_party_meeting_attendances",
      "congress_levels_required",
      "congress_levels_established",
      "employee_directors",
      "employee_supervisors",
      "dedicated_reform_staff");
  /** The boolean figure of enterprise.json. */
  public static final String REFORM_FIGURE = "reform_in_party_assessment";
  /** The decimal figure of enterprise.json. */
  public static final String FUNDING_FIGURE = "innovation_funding_wan_yuan";

  /** One published table: its folder name under {@code tables/} and its schema, period last. */
  public record Table(String name, StructType schema) {
    public Table {
      Objects.requireNonNull(name);
      String[] columns = schema.fieldNames();
      if (columns.length == 0 || !columns[columns.length - 1].equals(PERIOD)) {
        throw new IllegalArgumentException("table " + name + " must end with its partition column " + PERIOD);
      }
    }

    /** The partition column. */
    public String partitionColumn() {
      return PERIOD;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // Ingest's tables.

  public static final Table ENTERPRISES = new Table("enterprises", enterprisesSchema());

  public static final Table WORKERS = new Table("workers",
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
          PERIOD, StringType, false));

  public static final Table STUDIOS = new Table("studios",
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
          PERIOD, StringType, false));

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
          PERIOD, StringType, false);

  public static final Table REJECTED_ROWS = new Table("rejected_rows", ISSUES_SCHEMA);

  public static final Table WARNINGS = new Table("warnings", ISSUES_SCHEMA);

  public static final Table REJECTED_SUBMISSIONS = new Table("rejected_submissions",
      schema(
          "enterprise_id", StringType, true,
          "path", StringType, false,
          "reason_code", StringType, false,
          "reason", StringType, false,
          PERIOD, StringType, false));

  // Compute's tables.

  public static final Table INDICATOR_VALUES = new Table("indicator_values",
      schema(
          "unit_level", StringType, false,
          "unit_id", StringType, false,
          "unit_name", StringType, true,
          "indicator_id", StringType, false,
          "numerator", DoubleType, true,
          "denominator", DoubleType, true,
          "value", DoubleType, true,
          "low_base", BooleanType, false,
          "members_reporting", IntegerType, false,
          "members_total", IntegerType, false,
          "catalogue_version", StringType, false,
          "run_id", StringType, false,
          PERIOD, StringType, false));

  /**
   * The wide view of indicator_values: one row per unit, a column per indicator of the catalogue
   * holding the value that may be published (null when null or {@code low_base}), and the ids of
   * the {@code low_base} ones in a list.
   */
  public static final Table INDICATOR_WIDE = new Table("indicator_wide", indicatorWideSchema());

  public static final Table SKILL_DISTRIBUTION = new Table("skill_distribution",
      schema(
          "unit_level", StringType, false,
          "unit_id", StringType, false,
          "skill_level", StringType, false,
          "count", LongType, false,
          "share", DoubleType, true,
          PERIOD, StringType, false));

  // Score's table.

  /** One row per unit and scope that was ranked together. */
  public static final Table SCORES = new Table("scores",
      schema(
          "scope", StringType, false,
          "unit_level", StringType, false,
          "unit_id", StringType, false,
          "unit_name", StringType, true,
          "composite", DoubleType, true,
          "part_a", DoubleType, true,
          "part_b", DoubleType, true,
          "part_c", DoubleType, true,
          "part_d", DoubleType, true,
          "rank", IntegerType, true,
          "rank_change", IntegerType, true,
          "tier", StringType, true,
          "rank_median", IntegerType, true,
          "rank_p05", IntegerType, true,
          "rank_p95", IntegerType, true,
          "rank_unstable", BooleanType, true,
          "indicators_used", DataTypes.createArrayType(StringType, false), false,
          "unranked_reason", StringType, true,
          "method", StringType, false,
          "run_id", StringType, false,
          PERIOD, StringType, false));

  /** The methodology audit of each scored level: one figure a row (docs/scoring.md, docs/tables.md). */
  public static final Table AUDIT = new Table("audit",
      schema(
          "unit_level", StringType, false,
          "scope", StringType, true,
          "section", StringType, false,
          "indicator_id", StringType, true,
          "other", StringType, true,
          "unit_id", StringType, true,
          "statistic", StringType, false,
          "value", DoubleType, true,
          "run_id", StringType, false,
          PERIOD, StringType, false));

  /** Ingest's tables, in the order ingest writes them. */
  public static final List<Table> INGEST = List.of(ENTERPRISES, WORKERS, STUDIOS, REJECTED_ROWS, WARNINGS,
      REJECTED_SUBMISSIONS);
  /**
   * Ingest's tables of findings. Ingest writes a file of no rows for a period of the inbox without
   * findings; a warehouse written before it did may lack the folder or the table, which, once
   * {@link #ENTERPRISES} is published, holds none.
   */
  public static final List<Table> FINDINGS = List.of(REJECTED_SUBMISSIONS, REJECTED_ROWS, WARNINGS);
  /** Compute's tables. */
  public static final List<Table> COMPUTE = List.of(INDICATOR_VALUES, SKILL_DISTRIBUTION, INDICATOR_WIDE);
  /** Every published table: ingest's, compute's, then score's. */
  public static final List<Table> ALL = all();

  private Tables() {}

  /** The table of that name, if it is one of ours. */
  public static Optional<Table> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static List<Table> all() {
    List<Table> all = new ArrayList<>(INGEST);
    all.addAll(COMPUTE);
    all.add(SCORES);
    all.add(AUDIT);
    return List.copyOf(all);
  }

  private static StructType enterprisesSchema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(field("enterprise_id", StringType, false));
    fields.add(field("name", StringType, false));
    fields.add(field("parent_id", StringType, true));
    fields.add(field("level", StringType, false));
    fields.add(field("industry", StringType, false));
    fields.add(field("district", StringType, false));
    fields.add(field("submitted_at", TimestampType, false));
    fields.add(field("submitted_at_offset", StringType, false));
    fields.add(field("schema_version", IntegerType, false));
    for (String figure : COUNT_FIGURES) {
      fields.add(field(figure, LongType, true));
    }
    fields.add(field(REFORM_FIGURE, BooleanType, true));
    fields.add(field(FUNDING_FIGURE, DECIMAL, true));
    fields.add(field("content_hash", StringType, false));
    for (String count : List.of("workers_read", "workers_accepted", "workers_rejected", "studios_read",
        "studios_accepted", "studios_rejected", "warnings")) {
      fields.add(field(count, IntegerType, false));
    }
    fields.add(field("run_id", StringType, false));
    fields.add(field(PERIOD, StringType, false));
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static StructType indicatorWideSchema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(field("unit_level", StringType, false));
    fields.add(field("unit_id", StringType, false));
    fields.add(field("unit_name", StringType, true));
    for (cn.changai.indicators.Indicator indicator : cn.changai.indicators.Catalogue.all()) {
      fields.add(field(indicator.id(), DoubleType, true));
    }
    fields.add(field("low_base_indicators", DataTypes.createArrayType(StringType, false), false));
    fields.add(field("catalogue_version", StringType, false));
    fields.add(field("run_id", StringType, false));
    fields.add(field(PERIOD, StringType, false));
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  private static StructType schema(Object... triples) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < triples.length; i += 3) {
      fields.add(field((String) triples[i], (DataType) triples[i + 1], (Boolean) triples[i + 2]));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }
}
