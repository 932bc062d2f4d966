package cn.changai.jobs.compute;

import static org.apache.spark.sql.functions.col;

import cn.changai.domain.Period;
import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Components;
import cn.changai.indicators.EnterpriseValues;
import cn.changai.indicators.IndicatorValue;
import cn.changai.indicators.Measure;
import cn.changai.indicators.RollUp;
import cn.changai.indicators.SkillCount;
import cn.changai.indicators.TreeWarning;
import cn.changai.indicators.Unit;
import cn.changai.jobs.spark.Sessions;
import cn.changai.jobs.threads.Futures;
import cn.changai.jobs.warehouse.TableFiles;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import cn.changai.jobs.warehouse.Warehouse.TableFile;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes every indicator of the catalogue and the skill distribution for every unit (enterprise,
 * group, industry, system) of the given periods, from the tables ingest published, and publishes
 * indicator_values, skill_distribution and indicator_wide for those periods only.
 *
 * <p>Deequ's {@code AnalysisRunner} is the model: every worker and studio measure of the catalogue
 * declares its aggregate ({@link Measure.RowTotal#aggregate()}), and this job fuses them into one
 * {@code groupBy(period, enterprise_id).agg(...)} over {@code workers} and one over
 * {@code studios}, which Spark executes the same way locally and on a cluster. The result (one row
 * per enterprise and period) comes to the driver, where the roll-up to groups, industries and the
 * system is plain Java, and the driver writes the tables through parquet-java ({@link TableFiles}).
 */
public final class ComputeIndicatorsJob {

  private static final Logger LOG = LoggerFactory.getLogger(ComputeIndicatorsJob.class);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final SortedSet<String> periods;
  private final int minBase;
  private final String runId;

  /** A job over the given periods (none: every period of enterprises) with the given minimum base. */
  public ComputeIndicatorsJob(SparkSession spark, Warehouse warehouse, SortedSet<String> periods, int minBase, String runId) {
    if (minBase < 1) {
      throw new IllegalArgumentException("the minimum base must be 1 or more, not " + minBase);
    }
    for (String p : periods) {
      if (!Period.isValidPeriod(p)) {
        throw new IllegalArgumentException("not a period: " + p);
      }
    }
    this.spark = spark;
    this.warehouse = warehouse;
    this.periods = new TreeSet<>(periods);
    this.minBase = minBase;
    this.runId = runId;
  }

  public ComputeResult run() throws IOException {
    Instant started = Instant.now();
    Map<String, Long> stages = new LinkedHashMap<>();
    long t = System.nanoTime();

    if (!warehouse.hasTable(Tables.ENTERPRISES.name()) || !warehouse.hasTable(Tables.WORKERS.name())) {
      throw new IllegalStateException("warehouse " + warehouse.root() + " has no enterprises or workers table: run ingest first");
    }
    SortedSet<String> chosen = periods.isEmpty() ? new TreeSet<>(warehouse.periods(Tables.ENTERPRISES.name())) : periods;
    List<Period> windows = chosen.stream().map(p -> Period.parse(p).orElseThrow()).sorted().toList();
    List<TableFile> enterpriseFiles = checkedFiles(Tables.ENTERPRISES, chosen);
    List<TableFile> workerFiles = checkedFiles(Tables.WORKERS, chosen);
    List<TableFile> studioFiles = checkedFiles(Tables.STUDIOS, chosen);
    List<Measure> measures = Catalogue.measures();
    t = stage(stages, "check", t);

    // The three reads run side by side: the two scans are Spark jobs, each mostly planning, code
    // generation and scheduling on one thread when the tables are small, and the enterprises are
    // read on the driver.
    List<Measure.RowTotal> workerMeasures = Components.workerMeasures(measures);
    List<Measure.RowTotal> studioMeasures = Components.studioMeasures(measures);
    List<String> enterpriseColumns = Components.enterpriseColumns(measures);
    ExecutorService readers = Executors.newFixedThreadPool(3, Futures.daemons("compute-read"));
    Map<String, Map<String, Object>> totals = new HashMap<>();
    long workerRows;
    List<Map<String, Object>> enterpriseRows;
    try {
      Future<List<Row>> workers = readers.submit(() -> perEnterprise("compute: worker measures, one pass over workers",
          Tables.WORKERS, workerFiles, windows, workerMeasures));
      Future<List<Row>> studios = readers.submit(() -> perEnterprise("compute: studio measures, one pass over studios",
          Tables.STUDIOS, studioFiles, windows, studioMeasures));
      Future<List<Map<String, Object>>> enterprises = readers.submit(() -> TableFiles.read(enterpriseFiles,
          Tables.ENTERPRISES.schema(), enterpriseColumns, spark.sparkContext().hadoopConfiguration()));
      workerRows = addTotals(Futures.await(workers, "computing the worker measures"), workerMeasures, totals);
      addTotals(Futures.await(studios, "computing the studio measures"), studioMeasures, totals);
      enterpriseRows = Futures.await(enterprises, "reading the enterprises");
    } finally {
      readers.shutdownNow();
    }
    t = stage(stages, "read", t);
    Map<String, List<EnterpriseValues>> byPeriod = new TreeMap<>();
    chosen.forEach(p -> byPeriod.put(p, new ArrayList<>()));
    for (Map<String, Object> e : enterpriseRows) {
      Map<String, Object> own = totals.getOrDefault(key((String) e.get(Tables.PERIOD), (String) e.get("enterprise_id")), Map.of());
      EnterpriseValues values = Components.of(e, own, measures);
      byPeriod.get(values.period()).add(values);
    }
    t = stage(stages, "enterprises", t);

    RollUp rollUp = new RollUp(Catalogue.all(), minBase);
    List<Row> valueRows = new ArrayList<>();
    List<Row> skillRows = new ArrayList<>();
    List<Row> wideRows = new ArrayList<>();
    List<ComputeResult.PeriodStats> stats = new ArrayList<>();
    List<TreeWarning> warnings = new ArrayList<>();
    for (Period period : windows) {
      RollUp.Units units = rollUp.units(period.id(), byPeriod.get(period.id()));
      List<TreeWarning> found = units.warnings();
      for (TreeWarning w : found.subList(0, Math.min(ComputeSummary.TREE_WARNINGS_LISTED, found.size()))) {
        LOG.warn("Period {}: {}", w.period(), w.message());
      }
      if (found.size() > ComputeSummary.TREE_WARNINGS_LISTED) {
        LOG.warn("Period {}: {} more tree warnings (the run record's tree_warnings lists them all)", period.id(),
            found.size() - ComputeSummary.TREE_WARNINGS_LISTED);
      }
      warnings.addAll(units.warnings());
      long values = 0;
      long lowBase = 0;
      long nulls = 0;
      for (Unit unit : units.units()) {
        List<IndicatorValue> unitValues = rollUp.values(units, unit);
        if (!unitValues.isEmpty()) {
          wideRows.add(ComputeTables.wideRow(unitValues, runId));
        }
        for (IndicatorValue v : unitValues) {
          valueRows.add(ComputeTables.indicatorRow(v, runId));
          values++;
          lowBase += v.lowBase() ? 1 : 0;
          nulls += v.value() == null ? 1 : 0;
        }
        for (SkillCount s : rollUp.skills(units, unit)) {
          skillRows.add(ComputeTables.skillRow(s));
        }
      }
      stats.add(new ComputeResult.PeriodStats(period.id(), units.unitsPerLevel(), values, lowBase, nulls));
    }
    t = stage(stages, "roll-up", t);

    Path staging = warehouse.staging(runId);
    writeAll(Map.of(Tables.INDICATOR_VALUES, valueRows, Tables.SKILL_DISTRIBUTION, skillRows,
        Tables.INDICATOR_WIDE, wideRows), staging);
    t = stage(stages, "write", t);
    for (Tables.Table table : Tables.COMPUTE) {
      warehouse.publish(table.name(), new Path(staging, table.name()), chosen, runId);
    }
    warehouse.cleanUp(runId);
    stage(stages, "publish", t);
    LOG.info("Computed {} indicator values and {} skill counts for periods {} from {} worker rows; steps (ms): {}",
        String.format(Locale.ROOT, "%,d", valueRows.size()), String.format(Locale.ROOT, "%,d", skillRows.size()), chosen,
        String.format(Locale.ROOT, "%,d", workerRows), stages);
    return new ComputeResult(runId, warehouse.root().toString(), started, Instant.now(), minBase, Catalogue.VERSION,
        Catalogue.all().size(), stats, warnings,
        Map.of(ComputeTables.INDICATOR_VALUES, (long) valueRows.size(),
            ComputeTables.SKILL_DISTRIBUTION, (long) skillRows.size(), Tables.INDICATOR_WIDE.name(), (long) wideRows.size()),
        stages);
  }

  /**
   * The files of a published ingest table in the given periods, after checking that they have the
   * schema ingest writes; none when the table does not exist (studios of an inbox without studios).
   */
  private List<TableFile> checkedFiles(Tables.Table table, Collection<String> periods) throws IOException {
    if (!warehouse.hasTable(table.name())) {
      return List.of();
    }
    return warehouse.checkSchema(table.name(), table.schema(), periods);
  }

  /**
   * The rows of one fused aggregation over the table's given periods ({@link #perEnterprise}), one
   * per enterprise and period; none when the table has no files or no measure reads it.
   */
  private List<Row> perEnterprise(String description, Tables.Table table, List<TableFile> files, List<Period> windows,
      List<Measure.RowTotal> measures) {
    if (files.isEmpty() || measures.isEmpty()) {
      return List.of();
    }
    spark.sparkContext().setJobDescription(description);
    long bytes = files.stream().mapToLong(f -> f.status().getLen()).sum();
    return perEnterprise(read(Sessions.forScan(spark, bytes), table, files), windows, measures).collectAsList();
  }

  /**
   * Adds the measures' totals of {@link #perEnterprise} rows to {@code totals} (per enterprise and
   * period, by measure name) and returns the table rows they were made from.
   */
  private static long addTotals(List<Row> rows, List<Measure.RowTotal> measures, Map<String, Map<String, Object>> totals) {
    long read = 0;
    for (Row r : rows) {
      Map<String, Object> own = totals.computeIfAbsent(key(r.getString(0), r.getString(1)), k -> new HashMap<>());
      read += r.getLong(2);
      for (int m = 0; m < measures.size(); m++) {
        own.put(measures.get(m).name(), measures.get(m).total(aggregated(r, m + 3)));
      }
    }
    return read;
  }

  /**
   * Column {@code i} of a {@link #perEnterprise} row as {@link Measure.RowTotal#total} reads it: a
   * sum's struct as the array of its parts (the domain knows no Spark rows), a count as it is.
   */
  static Object aggregated(Row row, int i) {
    return row.get(i) instanceof Row parts ? new Object[] {parts.get(0), parts.get(1)} : row.get(i);
  }

  /**
   * The per-enterprise totals of the given measures over a table's rows (with {@code period} and
   * {@code enterprise_id} columns): one {@code groupBy(period, enterprise_id).agg(...)} of every
   * measure's declared aggregate, each row beside its period's window ({@code period_start},
   * {@code period_end}, which the conditions read). Columns: period, enterprise_id, {@code rows}
   * (rows read), then one per measure, named after it, in the order given ({@link
   * Measure.RowTotal#total} reads each). Every period of the rows must be one of {@code windows}.
   */
  static Dataset<Row> perEnterprise(Dataset<Row> rows, List<Period> windows, List<Measure.RowTotal> measures) {
    List<Column> aggregates = new ArrayList<>();
    measures.forEach(m -> aggregates.add(m.aggregate()));
    return rows
        .withColumn("period_start", window(windows, true))
        .withColumn("period_end", window(windows, false))
        .groupBy(Tables.PERIOD, "enterprise_id")
        .agg(functions.count(functions.lit(1)).as("rows"), aggregates.toArray(new Column[0]));
  }

  /** The first ({@code start}) or last day of each row's period, from the periods computed. */
  private static Column window(List<Period> windows, boolean start) {
    Column day = null;
    for (Period p : windows) {
      Column is = col(Tables.PERIOD).equalTo(p.id());
      Object value = start ? p.start() : p.end();
      day = day == null ? functions.when(is, functions.lit(value)) : day.when(is, functions.lit(value));
    }
    return day;
  }

  /** The given periods of a published table, as the given session reads it with the registry's schema. */
  private Dataset<Row> read(SparkSession spark, Tables.Table table, List<TableFile> files) {
    try {
      return warehouse.read(spark, table.name(), table.schema(), files.stream().map(TableFile::period).distinct().toList());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Writes the computed tables at once, each from its own thread, from the driver through
   * parquet-java's writer ({@link TableFiles#write}): the rows are the driver's roll-up, and a Spark
   * job per table cost 3-4 s at 10^7 workers for 170,000 rows (planning over the driver's rows,
   * serialising them into tasks, a sort by period; docs/performance.md). The first failure is
   * thrown once all have ended.
   */
  private void writeAll(Map<Tables.Table, List<Row>> tables, Path staging) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(tables.size(), Futures.daemons("compute-write"));
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      List<Future<?>> writes = new ArrayList<>();
      tables.forEach((table, rows) -> writes.add(pool.submit(() -> {
        TableFiles.write(new Path(staging, table.name()), table.schema(), rows, conf);
        return null;
      })));
      Futures.awaitAll(writes, "writing the computed tables");
    } finally {
      pool.shutdown();
    }
  }

  private static String key(String period, String enterprise) {
    return period + "/" + enterprise;
  }

  private static long stage(Map<String, Long> stages, String name, long since) {
    long now = System.nanoTime();
    stages.put(name, (now - since) / 1_000_000);
    return now;
  }
}
