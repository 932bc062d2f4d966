package cn.changai.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import cn.changai.domain.Period;
import cn.changai.indicators.score.AuditRow;
import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import cn.changai.jobs.report.PeriodData.IssueRow;
import cn.changai.jobs.report.PeriodData.RejectedSubmissionRow;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import cn.changai.jobs.report.PeriodData.SkillRow;
import cn.changai.jobs.threads.Futures;
import cn.changai.jobs.warehouse.TableFiles;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the HTML report of each period: reads the period's per-unit rows of the published
 * tables (small: one row per unit and indicator at most; on the driver, and the findings through
 * Spark), builds the pages in plain Java, and replaces {@code
 * <warehouse>/reports/<period>/} index, quality page and scorecards.
 */
public final class ReportJob {

  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  /** The default minimum base, as in the catalogue: fewer industrial workers than this are not shown. */
  public static final int DEFAULT_MIN_BASE = 10;

  private static final Comparator<String> BY_PERIOD = Comparator.comparing(
      (String p) -> Period.parse(p).orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(Comparator.naturalOrder());

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final SortedSet<String> periods;
  private final int minBase;
  private final String runId;

  public ReportJob(SparkSession spark, Warehouse warehouse, Collection<String> periods, int minBase, String runId) {
    if (periods.isEmpty()) {
      throw new IllegalArgumentException("no period to report");
    }
    if (minBase < 1) {
      throw new IllegalArgumentException("minimum base must be 1 or more: " + minBase);
    }
    this.spark = spark;
    this.warehouse = warehouse;
    this.periods = new TreeSet<>(BY_PERIOD);
    this.periods.addAll(periods);
    this.minBase = minBase;
    this.runId = runId;
  }

  public ReportResult run() throws IOException {
    long started = System.nanoTime();
    List<ReportResult.PeriodReport> reports = new ArrayList<>();
    // The reads run side by side (the Spark ones are mostly waiting on planning and scheduling):
    // the history beside the first period's tables, and each period's tables beside the pages of
    // the period before.
    ExecutorService readers = Executors.newFixedThreadPool(READERS, Futures.daemons("report-read"));
    try {
      // Change and trend compare with earlier periods: read once for every period reported.
      Future<History> history = readers.submit(() -> HistoryReader.read(warehouse));
      List<String> order = List.copyOf(periods);
      Reads next = new Reads(order.get(0), readers);
      for (int i = 0; i < order.size(); i++) {
        String period = order.get(i);
        Reads reads = next;
        next = i + 1 < order.size() ? new Reads(order.get(i + 1), readers) : null;
        PeriodData data = reads.data();
        ReportWriter.Published published = ReportWriter.publish(warehouse, data,
            Futures.await(history, "reading the history"), reads.audit(), minBase, runId);
        ReportSite.Counts counts = published.counts();
        LOG.info("Report {}: {} pages in {}", period, String.format(java.util.Locale.ROOT, "%,d", counts.pages()),
            published.folder());
        reports.add(new ReportResult.PeriodReport(period, published.folder().toString(), counts.pages(),
            counts.groups(), counts.enterprises(), ScorecardModel.missing(data), data.everyRefused()));
      }
    } finally {
      readers.shutdownNow();
      warehouse.cleanUp(runId);
    }
    return new ReportResult(runId, reports, (System.nanoTime() - started) / 1_000_000);
  }

  /** Spark jobs the report runs at once. */
  private static final int READERS = 4;

  /** One period's reads, under way on the readers' threads. */
  private final class Reads {
    private final String period;
    private final Set<String> missing = new ConcurrentSkipListSet<>();
    private final Future<List<IndicatorRow>> indicators;
    private final Future<List<ScoreRow>> scores;
    private final Future<List<SkillRow>> skills;
    private final Future<List<EnterpriseRow>> enterprises;
    private final Future<List<RejectedSubmissionRow>> refused;
    private final Future<List<IssueRow>> rejectedRows;
    private final Future<List<IssueRow>> warnings;
    private final Future<List<AuditRow>> audit;

    Reads(String period, ExecutorService readers) {
      this.period = period;
      indicators = readers.submit(() -> indicators(period, missing));
      scores = readers.submit(() -> scores(period, missing));
      skills = readers.submit(() -> skills(period, missing));
      enterprises = readers.submit(() -> enterprises(period, missing));
      refused = readers.submit(() -> refused(period, missing));
      rejectedRows = readers.submit(() -> rejectedRows(period, missing));
      warnings = readers.submit(() -> warnings(period, missing));
      audit = readers.submit(() -> readAudit(period));
    }

    PeriodData data() throws IOException {
      String doing = "reading the tables of " + period;
      return new PeriodData(period, Futures.await(indicators, doing), Futures.await(scores, doing),
          Futures.await(skills, doing), Futures.await(enterprises, doing), Futures.await(refused, doing),
          Futures.await(rejectedRows, doing), Futures.await(warnings, doing), new TreeSet<>(missing));
    }

    List<AuditRow> audit() throws IOException {
      return Futures.await(audit, "reading the audit of " + period);
    }
  }

  /**
   * The periods any table the report reads holds, found by listing partition folders (no Spark),
   * in period order.
   */
  public static SortedSet<String> periodsIn(Warehouse warehouse) throws IOException {
    SortedSet<String> found = new TreeSet<>(BY_PERIOD);
    for (String table : PeriodData.TABLES) {
      warehouse.periods(table).stream().filter(Period::isValidPeriod).forEach(found::add);
    }
    return found;
  }

  /** Reads one period's rows of every table the report needs; a table without the period is noted as missing. */
  PeriodData read(String period) throws IOException {
    ExecutorService readers = Executors.newFixedThreadPool(READERS, Futures.daemons("report-read"));
    try {
      return new Reads(period, readers).data();
    } finally {
      readers.shutdownNow();
    }
  }

  private List<IndicatorRow> indicators(String period, Set<String> missing) throws IOException {
    return onDriver(period, PeriodData.INDICATOR_VALUES, missing, ReportJob::reportedLevel,
        new String[] {"unit_level", "unit_id", "unit_name", "indicator_id", "numerator", "denominator", "value", "low_base",
            "members_reporting", "members_total", "catalogue_version", "run_id"},
        r -> new IndicatorRow(str(r, 0), str(r, 1), str(r, 2), str(r, 3), dbl(r, 4), dbl(r, 5), dbl(r, 6), bool(r, 7),
            integer(r, 8), integer(r, 9), str(r, 10), str(r, 11)));
  }

  private List<ScoreRow> scores(String period, Set<String> missing) throws IOException {
    return onDriver(period, PeriodData.SCORES, missing, r -> true,
        new String[] {"scope", "unit_level", "unit_id", "unit_name", "composite", "part_a", "part_b", "part_c", "part_d",
            "rank", "rank_change", "tier", "rank_median", "rank_p05", "rank_p95", "rank_unstable", "indicators_used",
            "method", "unranked_reason"},
        r -> new ScoreRow(str(r, 0), str(r, 1), str(r, 2), str(r, 3), dbl(r, 4), dbl(r, 5), dbl(r, 6), dbl(r, 7),
            dbl(r, 8), integer(r, 9), integer(r, 10), str(r, 11), integer(r, 12), integer(r, 13), integer(r, 14),
            bool(r, 15), texts(r, 16), str(r, 17), str(r, 18)));
  }

  private List<SkillRow> skills(String period, Set<String> missing) throws IOException {
    return onDriver(period, PeriodData.SKILL_DISTRIBUTION, missing, ReportJob::reportedLevel,
        new String[] {"unit_level", "unit_id", "skill_level", "count", "share"},
        r -> new SkillRow(str(r, 0), str(r, 1), str(r, 2), r.isNullAt(3) ? 0L : r.getLong(3), dbl(r, 4)));
  }

  private List<EnterpriseRow> enterprises(String period, Set<String> missing) throws IOException {
    return onDriver(period, PeriodData.ENTERPRISES, missing, r -> true,
        new String[] {"enterprise_id", "name", "parent_id", "level", "industry", "district", "workers_read",
            "workers_accepted", "workers_rejected", "studios_read", "studios_accepted", "studios_rejected", "warnings"},
        r -> new EnterpriseRow(str(r, 0), str(r, 1), str(r, 2), str(r, 3), str(r, 4), str(r, 5), integer(r, 6),
            integer(r, 7), integer(r, 8), integer(r, 9), integer(r, 10), integer(r, 11), integer(r, 12)));
  }

  private List<RejectedSubmissionRow> refused(String period, Set<String> missing) throws IOException {
    return onDriver(period, PeriodData.REJECTED_SUBMISSIONS, missing, r -> true,
        new String[] {"enterprise_id", "path", "reason_code", "reason"},
        r -> new RejectedSubmissionRow(str(r, 0), str(r, 1), str(r, 2), str(r, 3)));
  }

  // The raw line of a rejected row is never read: it is worker-level data.
  private static final String[] ISSUE_COLUMNS = {"enterprise_id", "file", "line", "column", "reason_code", "reason"};

  private static IssueRow issue(Row r) {
    return new IssueRow(str(r, 0), str(r, 1), integer(r, 2), str(r, 3), str(r, 4), str(r, 5), r.getLong(6));
  }

  /** Rejected rows can run to millions: only the first lines of each group reach the driver. */
  private List<IssueRow> rejectedRows(String period, Set<String> missing) throws IOException {
    return collect(period, PeriodData.REJECTED_ROWS, missing, ReportJob::firstOfEachGroup, ISSUE_COLUMNS,
        ReportJob::issue);
  }

  private List<IssueRow> warnings(String period, Set<String> missing) throws IOException {
    return collect(period, PeriodData.WARNINGS, missing, ReportJob::firstOfEachGroup, ISSUE_COLUMNS,
        ReportJob::issue);
  }

  /** The period's rows of {@code audit} (none when the table or the period is missing). */
  List<AuditRow> readAudit(String period) throws IOException {
    Set<String> ignored = new TreeSet<>();
    return onDriver(period, AUDIT, ignored, r -> true,
        new String[] {"unit_level", "scope", "section", "indicator_id", "other", "unit_id", "statistic", "value"},
        r -> new AuditRow(str(r, 0), str(r, 1), str(r, 2), str(r, 3), str(r, 4), str(r, 5), str(r, 6), dbl(r, 7)));
  }

  private static final String AUDIT = Tables.AUDIT.name();

  /**
   * The first {@link QualityModel#LINES_SHOWN} findings of each group the quality page shows
   * (enterprise, reason, file, column, and the text of findings not about a data row), the first
   * of each group weighted with the group's size: what the page needs, never the whole table.
   */
  static Dataset<Row> firstOfEachGroup(Dataset<Row> findings) {
    Column dataRow = col("file").endsWith(".csv").and(col("line").isNotNull()).and(col("line").gt(1));
    Column text = when(dataRow, lit("\u0000row")).otherwise(coalesce(col("reason"), lit("")));
    WindowSpec group = Window.partitionBy(col("enterprise_id"), col("reason_code"), col("file"), col("column"), text);
    return findings
        .withColumn("group_size", count(lit(1)).over(group))
        .withColumn("n", row_number().over(group.orderBy(col("line").asc_nulls_first(), col("reason"))))
        .filter(col("n").leq(QualityModel.LINES_SHOWN))
        .withColumn("weight", when(col("n").equalTo(1), col("group_size")).otherwise(lit(0L)))
        .drop("group_size", "n");
  }

  /**
   * Tables whose rows are findings: a period without any has a file of no rows, or, in a warehouse
   * written before ingest wrote those, no folder.
   */
  private static final Set<String> FINDINGS = Tables.FINDINGS.stream()
      .map(Tables.Table::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private <T> List<T> collect(String period, String table, Set<String> missing,
      Function<Dataset<Row>, Dataset<Row>> filter, String[] columns, Function<Row, T> map)
      throws IOException {
    DataType[] types = declared(table, columns);
    Path folder = warehouse.periodFolder(table, period);
    FileSystem fs = warehouse.fs();
    if (folder == null || !fs.exists(folder)) {
      // A period without rejects or warnings has no folder in those tables, and a warehouse whose
      // inbox never had any has no such table at all (ingest writes none without rows): that is
      // no rows, not a missing table, once ingest has published the enterprises. Only the tables
      // every period has are missing when their folder is.
      if (!FINDINGS.contains(table) || !warehouse.hasTable(PeriodData.ENTERPRISES)) {
        missing.add(table);
      }
      return List.of();
    }
    List<FileStatus> files = java.util.Arrays.stream(fs.listStatus(folder))
        .filter(s -> s.isFile() && s.getPath().getName().endsWith(".parquet"))
        .sorted(java.util.Comparator.comparing(s -> s.getPath().getName())).toList();
    // A period without findings has a file of no rows: told by its footers, without a Spark query
    // (whose planning costs about half a second in a fresh session).
    if (!TableFiles.anyRows(files.stream().map(FileStatus::getPath).toList(), fs.getConf())) {
      return List.of();
    }
    FileStatus first = files.get(0);
    spark.sparkContext().setJobDescription("report " + period + ": read " + table);
    // The schema of the period's files (one run wrote them all), read from a footer here: Spark
    // would run a job to infer it, and the report reads about ten tables a period.
    Dataset<Row> df = spark.read().schema(warehouse.fileSchema(first)).parquet(folder.toString());
    Set<String> present = Set.of(df.columns());
    Column[] select = new Column[columns.length];
    for (int i = 0; i < columns.length; i++) {
      // A column the table lacks reads as null, and every column is read in the registry's type.
      Column c = present.contains(columns[i]) ? col("`" + columns[i] + "`") : lit(null);
      select[i] = c.cast(types[i]).as(columns[i]);
    }
    List<Row> rows = filter.apply(df.select(select)).collectAsList();
    List<T> result = new ArrayList<>(rows.size());
    for (Row row : rows) {
      result.add(map.apply(row));
    }
    return result;
  }

  /** Whether a row's first column, its unit level, is one the pages show. */
  private static boolean reportedLevel(Row r) {
    return !r.isNullAt(0) && PeriodData.REPORTED_LEVELS.contains(r.getString(0));
  }

  /**
   * As {@link #collect}, for the tables of one row per unit (or fewer), read on the driver
   * ({@link #onDriver(Warehouse, String, Collection, String[], Predicate)}) instead of a Spark job
   * each.
   */
  private <T> List<T> onDriver(String period, String table, Set<String> missing, Predicate<Row> keep,
      String[] columns, Function<Row, T> map) throws IOException {
    Path folder = warehouse.periodFolder(table, period);
    if (folder == null || !warehouse.fs().exists(folder)) {
      // As in collect: a period without findings has no folder, which is no rows, not a missing table.
      if (!FINDINGS.contains(table) || !warehouse.hasTable(PeriodData.ENTERPRISES)) {
        missing.add(table);
      }
      return List.of();
    }
    List<T> result = new ArrayList<>();
    for (Row row : onDriver(warehouse, table, List.of(period), columns, keep)) {
      result.add(map.apply(row));
    }
    return result;
  }

  /**
   * The registry's types ({@link Tables}) of the columns the report reads of a table: the report
   * names the columns it shows, the registry their meaning and type. Fails unless the registry
   * declares every one.
   */
  static DataType[] declared(String table, String[] columns) {
    StructType schema = Tables.byName(table)
        .orElseThrow(() -> new IllegalArgumentException("the report reads " + table + ", which is no table of the registry"))
        .schema();
    Set<String> known = Set.of(schema.fieldNames());
    DataType[] types = new DataType[columns.length];
    for (int i = 0; i < columns.length; i++) {
      if (!known.contains(columns[i])) {
        throw new IllegalArgumentException("the report reads " + table + "." + columns[i] + ", which the registry does not declare");
      }
      types[i] = schema.apply(columns[i]).dataType();
    }
    return types;
  }

  /**
   * The given columns of a table's rows in the given periods, as this run sees them, read on the
   * driver through parquet-java ({@link TableFiles#rows}), in the registry's types. Each file is read
   * with its own schema, as a Spark read of its folder takes it: a column the file lacks reads as
   * null, and a whole number stored wider or narrower is converted as Spark's cast would
   * ({@link #cast}); {@code period} is the file's folder. Only the rows {@code keep} accepts are kept.
   */
  static List<Row> onDriver(Warehouse warehouse, String table, Collection<String> periods, String[] columns,
      Predicate<Row> keep) throws IOException {
    DataType[] types = declared(table, columns);
    List<Row> rows = new ArrayList<>();
    for (Warehouse.TableFile file : warehouse.files(table, periods)) {
      StructType own = warehouse.fileSchema(file.status());
      Set<String> present = Set.of(own.fieldNames());
      List<String> read = Arrays.stream(columns).filter(present::contains).toList();
      // Where each column asked for is in the rows read (-1: the file lacks it), and its stored type.
      int[] at = new int[columns.length];
      DataType[] stored = new DataType[columns.length];
      for (int i = 0; i < columns.length; i++) {
        at[i] = read.indexOf(columns[i]);
        stored[i] = at[i] < 0 ? null : own.apply(columns[i]).dataType();
      }
      for (Row r : TableFiles.rows(List.of(file), own, read, any -> true, warehouse.fs().getConf())) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          values[i] = columns[i].equals("period") ? file.period()
              : at[i] < 0 ? null : cast(r.get(at[i]), stored[i], types[i], table, columns[i]);
        }
        Row row = org.apache.spark.sql.RowFactory.create(values);
        if (keep.test(row)) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /**
   * A stored value in the registry's type, as Spark's cast gives it for a whole number stored in
   * another width (an int as a long or a double, a long as an int that holds it). Any other pair
   * fails naming the table and column.
   */
  static Object cast(Object value, DataType from, DataType to, String table, String column) {
    if (value == null || from.equals(to)) {
      return value;
    }
    if (value instanceof Integer || value instanceof Long) {
      long whole = ((Number) value).longValue();
      if (to.equals(DataTypes.DoubleType)) {
        return (double) whole;
      } else if (to.equals(DataTypes.LongType)) {
        return whole;
      } else if (to.equals(DataTypes.IntegerType)) {
        return Math.toIntExact(whole);
      }
    }
    throw new IllegalStateException("table " + table + ": column " + column + " is " + from.catalogString()
        + ", which the report cannot read as " + to.catalogString());
  }

  private static String str(Row r, int i) {
    return r.isNullAt(i) ? null : r.getString(i);
  }

  private static Double dbl(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }

  private static Integer integer(Row r, int i) {
    return r.isNullAt(i) ? null : r.getInt(i);
  }

  /** A list of texts, as the driver's reads give it ({@link TableFiles#rows}). */
  @SuppressWarnings("unchecked")
  private static List<String> texts(Row r, int i) {
    return r.isNullAt(i) ? null : List.copyOf((List<String>) r.get(i));
  }

  private static boolean bool(Row r, int i) {
    return !r.isNullAt(i) && r.getBoolean(i);
  }
}
