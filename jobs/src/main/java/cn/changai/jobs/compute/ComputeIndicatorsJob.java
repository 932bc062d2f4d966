package cn.changai.jobs.compute;

import cn.changai.domain.Period;
import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Components;
import cn.changai.indicators.EnterpriseValues;
import cn.changai.indicators.IndicatorValue;
import cn.changai.indicators.Measure;
import cn.changai.indicators.MeasureKernel;
import cn.changai.indicators.RollUp;
import cn.changai.indicators.TreeWarning;
import cn.changai.indicators.Unit;
import cn.changai.jobs.ingest.IngestTables;
import cn.changai.jobs.warehouse.LocalFastFileSystem;
import cn.changai.jobs.warehouse.SmallTableWriter;
import cn.changai.jobs.warehouse.Warehouse;
import cn.changai.jobs.warehouse.Warehouse.TableFile;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
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

  /** The setting that says where workers and studios are scanned (see {@link #scanInDriver()}). */
  public static final String SCAN_SETTING = "changai.compute.scan";
  /**
   * The setting that says how the driver's scan reads a file: {@code auto} (the default) decodes
   * its pages itself where it can ({@code PageBlocks}), {@code spark} always uses Spark's reader.
   */
  public static final String READER_SETTING = "changai.compute.reader";

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
    List<TableFile> enterpriseFiles = checkedFiles(IngestTables.ENTERPRISES, chosen);
    List<TableFile> workerFiles = checkedFiles(IngestTables.WORKERS, chosen);
    List<TableFile> studioFiles = checkedFiles(IngestTables.STUDIOS, chosen);
    List<Measure> measures = Catalogue.measures();
    boolean inDriver = scanInDriver();
    boolean pages = decodePages();
    int threads = spark.sparkContext().defaultParallelism();
    t = stage(stages, "check", t);

    MeasureKernel workerKernel = new MeasureKernel(Components.workerMeasures(measures), IngestTables.WORKERS_SCHEMA, windows);
    MeasureKernel studioKernel = new MeasureKernel(Components.studioMeasures(measures), IngestTables.STUDIOS_SCHEMA, windows);
    spark.sparkContext().setJobDescription("compute: worker measures, one pass over workers");
    MeasureKernel.Totals workerTotals = inDriver
        ? ColumnarScan.inDriver(spark, workerFiles, IngestTables.WORKERS_SCHEMA, workerKernel, threads, pages)
        : ColumnarScan.inTasks(table(IngestTables.WORKERS, workerFiles), windows, workerKernel);
    t = stage(stages, "workers", t);
    spark.sparkContext().setJobDescription("compute: studio measures");
    MeasureKernel.Totals studioTotals = inDriver
        ? ColumnarScan.inDriver(spark, studioFiles, IngestTables.STUDIOS_SCHEMA, studioKernel, threads, pages)
        : ColumnarScan.inTasks(table(IngestTables.STUDIOS, studioFiles), windows, studioKernel);
    t = stage(stages, "studios", t);
    Map<String, List<EnterpriseValues>> byPeriod = new TreeMap<>();
    chosen.forEach(p -> byPeriod.put(p, new ArrayList<>()));
    for (Row unit : enterpriseRows(enterpriseFiles, Components.enterpriseColumns(measures))) {
      EnterpriseValues e = Components.of(unit, measures, workerKernel, workerTotals, studioKernel, studioTotals);
      byPeriod.get(e.period()).add(e);
    }
    t = stage(stages, "enterprises", t);

    // Each unit's values depend on that unit alone: the units of a period are shared out in
    // contiguous slices of about equal work (rows and member visits), one slice per thread, and each slice
    // is written as a file of its own, so both steps use every core.
    RollUp rollUp = new RollUp(Catalogue.all(), minBase);
    List<Slice> slices = new ArrayList<>();
    Map<String, RollUp.Units> unitsByPeriod = new LinkedHashMap<>();
    for (Period period : windows) {
      RollUp.Units units = rollUp.units(period.id(), byPeriod.get(period.id()));
      unitsByPeriod.put(period.id(), units);
      for (TreeWarning w : units.warnings()) {
        LOG.warn("Period {}: {}", w.period(), w.message());
      }
      int part = 0;
      for (List<Unit> share : Slice.shares(units.units(), threads)) {
        slices.add(new Slice(units, part++, share));
      }
    }
    List<Slice.Rows> sliced = Parallel.map(slices, threads, slice -> slice.rollUp(rollUp, runId));
    List<ComputeResult.PeriodStats> stats = new ArrayList<>();
    List<TreeWarning> warnings = new ArrayList<>();
    long valueCount = 0;
    long skillCount = 0;
    for (Map.Entry<String, RollUp.Units> period : unitsByPeriod.entrySet()) {
      List<IndicatorValue> values = new ArrayList<>();
      for (Slice.Rows rows : sliced) {
        if (rows.period().equals(period.getKey())) {
          values.addAll(rows.values());
          skillCount += rows.skillRows().size();
        }
      }
      warnings.addAll(period.getValue().warnings());
      long lowBase = values.stream().filter(IndicatorValue::lowBase).count();
      long nulls = values.stream().filter(v -> v.value() == null).count();
      stats.add(new ComputeResult.PeriodStats(period.getKey(), period.getValue().unitsPerLevel(), values.size(), lowBase,
          nulls));
      valueCount += values.size();
    }
    t = stage(stages, "roll-up", t);

    Path staging = warehouse.staging(runId);
    FileSystem fs = LocalFastFileSystem.of(staging, warehouse.fs().getConf());
    for (String table : ComputeTables.TABLES.keySet()) {
      fs.delete(new Path(staging, table), true);
    }
    Parallel.map(sliced, threads, rows -> {
      SmallTableWriter.write(fs, new Path(staging, ComputeTables.INDICATOR_VALUES),
          ComputeTables.TABLES.get(ComputeTables.INDICATOR_VALUES), rows.valueRows(), runId, rows.part());
      SmallTableWriter.write(fs, new Path(staging, ComputeTables.SKILL_DISTRIBUTION),
          ComputeTables.TABLES.get(ComputeTables.SKILL_DISTRIBUTION), rows.skillRows(), runId, rows.part());
      return rows;
    });
    t = stage(stages, "write", t);
    for (String table : ComputeTables.TABLES.keySet()) {
      warehouse.publish(table, new Path(staging, table), chosen, runId);
    }
    warehouse.cleanUp(runId);
    stage(stages, "publish", t);
    LOG.info("Computed {} indicator values and {} skill counts for periods {} from {} worker rows; steps (ms): {}",
        valueCount, skillCount, chosen, workerTotals.rows(), stages);
    return new ComputeResult(runId, warehouse.root().toString(), started, Instant.now(), minBase, Catalogue.VERSION,
        Catalogue.all().size(), stats, warnings,
        Map.of(ComputeTables.INDICATOR_VALUES, valueCount, ComputeTables.SKILL_DISTRIBUTION, skillCount),
        stages);
  }

  /**
   * The files of a published ingest table in the given periods, after checking that they have the
   * schema ingest writes; none when the table does not exist (studios of an inbox without studios).
   */
  private List<TableFile> checkedFiles(String name, Collection<String> periods) throws IOException {
    if (!warehouse.hasTable(name)) {
      return List.of();
    }
    return warehouse.checkSchema(name, IngestTables.TABLES.get(name), periods);
  }

  /** Whether the driver's scan decodes pages itself: {@value #READER_SETTING} (see there). */
  private boolean decodePages() {
    String reader = spark.conf().get(READER_SETTING, "auto");
    return switch (reader) {
      case "auto" -> true;
      case "spark" -> false;
      default -> throw new IllegalArgumentException(READER_SETTING + " must be auto or spark, not " + reader);
    };
  }

  /**
   * Where workers and studios are scanned: {@value #SCAN_SETTING} = {@code auto} (the default)
   * scans in the driver's threads in local mode, where they are the only executors, and in Spark
   * tasks next to the data on a cluster; {@code driver} and {@code tasks} force one way.
   */
  private boolean scanInDriver() {
    String scan = spark.conf().get(SCAN_SETTING, "auto");
    return switch (scan) {
      case "auto" -> spark.sparkContext().isLocal();
      case "driver" -> true;
      case "tasks" -> false;
      default -> throw new IllegalArgumentException(SCAN_SETTING + " must be auto, driver or tasks, not " + scan);
    };
  }

  /**
   * A published ingest table as Spark reads it, with the schema ingest writes (the scan keeps the
   * periods asked for); an empty one when the periods asked for have no files.
   */
  private Dataset<Row> table(String name, List<TableFile> files) {
    StructType schema = IngestTables.TABLES.get(name);
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(warehouse.table(name).toString());
  }

  /**
   * The given columns of every enterprise of the files, as rows with a schema (period last). Read
   * in the driver whatever the master: one row per enterprise and period.
   */
  private List<Row> enterpriseRows(List<TableFile> files, List<String> columns) throws IOException {
    ParquetBatches reader = ParquetBatches.of(spark, IngestTables.ENTERPRISES_SCHEMA, columns);
    scala.Function1<Object, Object> toRow = CatalystTypeConverters.createToScalaConverter(reader.batchSchema());
    List<Row> rows = new ArrayList<>();
    for (TableFile file : files) {
      reader.read(file, batch -> {
        for (int i = 0; i < batch.numRows(); i++) {
          rows.add((Row) toRow.apply(batch.getRow(i)));
        }
      });
    }
    return rows;
  }

  private static long stage(Map<String, Long> stages, String name, long since) {
    long now = System.nanoTime();
    stages.put(name, (now - since) / 1_000_000);
    return now;
  }
}
