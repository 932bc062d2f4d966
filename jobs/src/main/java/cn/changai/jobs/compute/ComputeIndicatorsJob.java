package cn.changai.jobs.compute;

import static org.apache.spark.sql.functions.col;

import cn.changai.domain.Period;
import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Components;
import cn.changai.indicators.EnterpriseValues;
import cn.changai.indicators.IndicatorValue;
import cn.changai.indicators.Measure;
import cn.changai.indicators.MeasureKernel;
import cn.changai.indicators.RollUp;
import cn.changai.indicators.SkillCount;
import cn.changai.indicators.TreeWarning;
import cn.changai.jobs.ingest.IngestTables;
import cn.changai.jobs.warehouse.LocalFastFileSystem;
import cn.changai.jobs.warehouse.SmallTableWriter;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes every indicator of the catalogue and the skill distribution for every unit (enterprise,
 * group, industry, system) of the given periods, from the tables ingest published, and publishes
 * indicator_values and skill_distribution for those periods only. One pass over workers (a
 * {@link MeasureKernel} on Spark's columnar batches) gives every enterprise's measures; the roll-up
 * to groups, industries and the system is plain Java over them.
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

    if (!warehouse.hasTable(IngestTables.ENTERPRISES) || !warehouse.hasTable(IngestTables.WORKERS)) {
      throw new IllegalStateException("warehouse " + warehouse.root() + " has no enterprises or workers table: run ingest first");
    }
    SortedSet<String> chosen = periods.isEmpty() ? new TreeSet<>(warehouse.periods(IngestTables.ENTERPRISES)) : periods;
    List<Period> windows = chosen.stream().map(p -> Period.parse(p).orElseThrow()).sorted().toList();
    Dataset<Row> enterprises = table(IngestTables.ENTERPRISES, chosen);
    Dataset<Row> workers = table(IngestTables.WORKERS, chosen);
    Dataset<Row> studios = table(IngestTables.STUDIOS, chosen);
    List<Measure> measures = Catalogue.measures();
    t = stage(stages, "check", t);

    MeasureKernel workerKernel = new MeasureKernel(Components.workerMeasures(measures), IngestTables.WORKERS_SCHEMA, windows);
    MeasureKernel studioKernel = new MeasureKernel(Components.studioMeasures(measures), IngestTables.STUDIOS_SCHEMA, windows);
    spark.sparkContext().setJobDescription("compute: worker measures, one pass over workers");
    MeasureKernel.Totals workerTotals = ColumnarScan.totals(workers, windows, workerKernel);
    t = stage(stages, "workers", t);
    spark.sparkContext().setJobDescription("compute: studio measures");
    MeasureKernel.Totals studioTotals = ColumnarScan.totals(studios, windows, studioKernel);
    t = stage(stages, "studios", t);
    spark.sparkContext().setJobDescription("compute: enterprises");
    List<Row> units = enterprises.filter(col("period").isin(chosen.toArray()))
        .select(Components.enterpriseColumns(measures).stream().map(c -> col(c)).toArray(Column[]::new))
        .collectAsList();
    Map<String, List<EnterpriseValues>> byPeriod = new TreeMap<>();
    chosen.forEach(p -> byPeriod.put(p, new ArrayList<>()));
    for (Row unit : units) {
      EnterpriseValues e = Components.of(unit, measures, workerKernel, workerTotals, studioKernel, studioTotals);
      byPeriod.get(e.period()).add(e);
    }
    t = stage(stages, "enterprises", t);

    RollUp rollUp = new RollUp(Catalogue.all(), minBase);
    List<Row> valueRows = new ArrayList<>();
    List<Row> skillRows = new ArrayList<>();
    List<ComputeResult.PeriodStats> stats = new ArrayList<>();
    List<TreeWarning> warnings = new ArrayList<>();
    for (Period period : windows) {
      RollUp.Result result = rollUp.compute(period.id(), byPeriod.get(period.id()));
      long lowBase = 0;
      long nulls = 0;
      for (IndicatorValue v : result.values()) {
        valueRows.add(ComputeTables.indicatorRow(v, runId));
        lowBase += v.lowBase() ? 1 : 0;
        nulls += v.value() == null ? 1 : 0;
      }
      for (SkillCount s : result.skills()) {
        skillRows.add(ComputeTables.skillRow(s));
      }
      for (TreeWarning w : result.warnings()) {
        LOG.warn("Period {}: {}", w.period(), w.message());
      }
      warnings.addAll(result.warnings());
      stats.add(new ComputeResult.PeriodStats(period.id(), result.unitsPerLevel(), result.values().size(), lowBase, nulls));
    }
    t = stage(stages, "roll-up", t);

    // The two tables are written side by side: the driver has the cores to itself here.
    java.util.concurrent.CompletableFuture<Void> skillsWritten = java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        stageTable(ComputeTables.SKILL_DISTRIBUTION, skillRows);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    stageTable(ComputeTables.INDICATOR_VALUES, valueRows);
    try {
      skillsWritten.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof java.io.UncheckedIOException io) {
        throw io.getCause();
      }
      throw e;
    }
    t = stage(stages, "write", t);
    for (String table : ComputeTables.TABLES.keySet()) {
      warehouse.publish(table, new Path(warehouse.staging(runId), table), chosen, runId);
    }
    warehouse.cleanUp(runId);
    stage(stages, "publish", t);
    LOG.info("Computed {} indicator values and {} skill counts for periods {} from {} worker rows; steps (ms): {}",
        valueRows.size(), skillRows.size(), chosen, workerTotals.rows(), stages);
    return new ComputeResult(runId, warehouse.root().toString(), started, Instant.now(), minBase, Catalogue.VERSION,
        Catalogue.all().size(), stats, warnings,
        Map.of(ComputeTables.INDICATOR_VALUES, (long) valueRows.size(), ComputeTables.SKILL_DISTRIBUTION, (long) skillRows.size()),
        stages);
  }

  private void stageTable(String name, List<Row> rows) throws IOException {
    Path folder = new Path(warehouse.staging(runId), name);
    FileSystem fs = LocalFastFileSystem.of(folder, warehouse.fs().getConf());
    fs.delete(folder, true);
    SmallTableWriter.write(fs, folder, ComputeTables.TABLES.get(name), rows, runId);
  }

  /**
   * A published ingest table read with the schema ingest writes, after checking that its files
   * have it; an empty table of that schema when the table does not exist (studios of an inbox
   * without studios).
   */
  private Dataset<Row> table(String name, Collection<String> periods) throws IOException {
    StructType expected = IngestTables.TABLES.get(name);
    if (!warehouse.hasTable(name) || warehouse.periods(name).isEmpty()) {
      return spark.createDataFrame(List.of(), expected);
    }
    warehouse.checkSchema(name, expected, periods);
    return spark.read().schema(expected).parquet(warehouse.table(name).toString());
  }

  private static long stage(Map<String, Long> stages, String name, long since) {
    long now = System.nanoTime();
    stages.put(name, (now - since) / 1_000_000);
    return now;
  }
}
