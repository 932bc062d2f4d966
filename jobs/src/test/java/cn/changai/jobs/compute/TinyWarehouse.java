package cn.changai.jobs.compute;

import cn.changai.jobs.warehouse.Tables;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** A warehouse of tiny ingest tables, with the schemas of the table registry, written as ingest would. */
final class TinyWarehouse {

  private final List<Row> enterprises = new ArrayList<>();
  private final List<Row> workers = new ArrayList<>();
  private final List<Row> studios = new ArrayList<>();
  private int line = 2;

  /** An enterprise row; figures not given are null (unknown). */
  TinyWarehouse enterprise(String period, String id, String parent, String level, String industry, Map<String, Object> figures) {
    List<Object> values = new ArrayList<>();
    values.add(id);
    values.add("企业" + id);
    values.add(parent);
    values.add(level);
    values.add(industry);
    values.add("浦东新区");
    values.add(Instant.parse("2026-01-10T01:30:00Z"));
    values.add("+08:00");
    values.add(1);
    for (String figure : Tables.COUNT_FIGURES) {
      Object value = figures.get(figure);
      values.add(value == null ? null : ((Number) value).longValue());
    }
    values.add(figures.get(Tables.REFORM_FIGURE));
    values.add(figures.get(Tables.FUNDING_FIGURE));
    values.add("hash-" + id);
    for (int i = 0; i < 7; i++) {
      values.add(0);
    }
    values.add("ingest-run");
    values.add(period);
    enterprises.add(RowFactory.create(values.toArray()));
    return this;
  }

  /** One worker row; see {@link Worker} for the defaults. */
  TinyWarehouse worker(String period, String enterprise, Worker w) {
    workers.add(RowFactory.create(enterprise, w.id, w.industrial, w.frontline, w.partyMember, w.partyJoined,
        w.skill, 1980, "M", w.hired, w.wage, w.hours, w.mentor, w.honours, w.massOrg, w.health, w.recuperation,
        w.studio, line++, period));
    return this;
  }

  /** {@code count} plain industrial workers (not front-line, no skill, 100,000 yuan, hired 2000), the first {@code party} party members. */
  TinyWarehouse plainWorkers(String period, String enterprise, int count, int party) {
    for (int i = 0; i < count; i++) {
      worker(period, enterprise, new Worker(enterprise + "-" + i).party(i < party ? null : LocalDate.MIN, i < party));
    }
    return this;
  }

  TinyWarehouse studio(String period, String enterprise, String id, String type) {
    studios.add(RowFactory.create(enterprise, id, type, "enterprise", LocalDate.of(2020, 1, 1), null, 1, 0,
        new BigDecimal("10.0000"), line++, period));
    return this;
  }

  void write(SparkSession spark, Path warehouse) {
    write(spark, warehouse, Tables.ENTERPRISES.name(), enterprises);
    write(spark, warehouse, Tables.WORKERS.name(), workers);
    write(spark, warehouse, Tables.STUDIOS.name(), studios);
  }

  private static void write(SparkSession spark, Path warehouse, String table, List<Row> rows) {
    spark.createDataFrame(rows, Tables.byName(table).orElseThrow().schema()).coalesce(1).write().mode(SaveMode.Overwrite)
        .partitionBy("period").parquet(warehouse.resolve("tables").resolve(table).toString());
  }

  static Map<String, Object> figures(Object... pairs) {
    Map<String, Object> figures = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      figures.put((String) pairs[i], pairs[i + 1]);
    }
    return figures;
  }

  /** A worker row: by default an industrial, non-front-line, non-party worker at level none, hired 2000-01-01. */
  static final class Worker {
    final String id;
    boolean industrial = true;
    boolean frontline;
    boolean partyMember;
    LocalDate partyJoined;
    String skill = "none";
    LocalDate hired = LocalDate.of(2000, 1, 1);
    BigDecimal wage = new BigDecimal("100000.0000");
    BigDecimal hours = BigDecimal.ZERO.setScale(4);
    String mentor;
    List<String> honours = List.of();
    boolean massOrg;
    boolean health;
    boolean recuperation;
    String studio;

    Worker(String id) {
      this.id = id;
    }

    Worker office() {
      industrial = false;
      return this;
    }

    Worker frontline() {
      frontline = true;
      return this;
    }

    /** A party member, joined on the date (null: date not given); MIN means not a member. */
    Worker party(LocalDate joined, boolean member) {
      partyMember = member;
      partyJoined = member ? joined : null;
      return this;
    }

    Worker party(LocalDate joined) {
      return party(joined, true);
    }

    Worker skill(String value) {
      skill = value;
      return this;
    }

    Worker hired(LocalDate value) {
      hired = value;
      return this;
    }

    Worker wage(String value) {
      wage = value == null ? null : new BigDecimal(value).setScale(4);
      return this;
    }

    Worker hours(String value) {
      hours = new BigDecimal(value).setScale(4);
      return this;
    }

    Worker mentor(String value) {
      mentor = value;
      return this;
    }

    Worker honours(String... codes) {
      honours = List.of(codes);
      return this;
    }

    Worker massOrg() {
      massOrg = true;
      return this;
    }

    Worker health() {
      health = true;
      return this;
    }

    Worker recuperation() {
      recuperation = true;
      return this;
    }

    Worker studio(String value) {
      studio = value;
      return this;
    }
  }
}
