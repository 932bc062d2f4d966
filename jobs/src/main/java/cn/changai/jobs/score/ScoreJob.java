package cn.changai.jobs.score;

import cn.changai.indicators.score.AuditRow;
import cn.changai.indicators.score.PeriodScorer;
import cn.changai.indicators.score.PeriodUnits;
import cn.changai.indicators.score.Periods;
import cn.changai.indicators.score.ScopeInputs;
import cn.changai.indicators.score.ScopeScores;
import cn.changai.indicators.score.UnitScore;
import cn.changai.jobs.threads.Futures;
import cn.changai.jobs.warehouse.TableFiles;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores and ranks the units of {@code indicator_values} for the periods asked, publishes the
 * {@code scores} table (staged, then each period renamed into place) and the ranking reports
 * under {@code reports/<period>/}. The scoring itself is plain Java over the collected per-unit
 * table, which is small: a few dozen values per enterprise.
 */
public final class ScoreJob {

  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final ScoreSettings settings;
  private final String runId;

  public ScoreJob(SparkSession spark, Warehouse warehouse, ScoreSettings settings, String runId) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.settings = settings;
    this.runId = runId;
  }

  public ScoreResult run() throws IOException {
    Instant started = Instant.now();
    Map<String, Long> stages = new LinkedHashMap<>();
    long t = System.nanoTime();

    SortedSet<String> withData = ScoreInputs.periodsWithData(warehouse, ScoreTables.INDICATOR_VALUES);
    SortedSet<String> periods = new TreeSet<>(ScoreInputs.PERIOD_ORDER);
    periods.addAll(settings.periods().isEmpty() ? withData : settings.periods());
    for (String period : periods) {
      if (!withData.contains(period)) {
        throw new IllegalStateException("table indicator_values has no period " + period);
      }
    }
    Map<String, String> previousOf = new LinkedHashMap<>();
    SortedSet<String> needed = new TreeSet<>(periods);
    for (String period : periods) {
      Periods.previous(period, withData).ifPresent(p -> {
        previousOf.put(period, p);
        needed.add(p);
      });
    }
    LOG.info("Scoring periods {} ({}); previous periods {}", periods, settings.method(), previousOf);

    ScoreInputs.Read read = ScoreInputs.read(warehouse, needed);
    List<String> warnings = new ArrayList<>(read.warnings());
    warnings.forEach(w -> LOG.warn("{}", w));
    t = stage(stages, "read", t);

    PeriodScorer scorer = new PeriodScorer(settings.weights(), settings.normalisation(), settings.screening(),
        settings.treatment(), settings.draws(), settings.seed());
    Map<String, List<ScopeScores>> scored = new LinkedHashMap<>();
    Map<String, List<ScopeInputs>> inputs = new LinkedHashMap<>();
    Map<String, Map<String, Double>> previousComposites = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> previousUnits = new LinkedHashMap<>();
    Map<String, List<AuditRow>> audits = new LinkedHashMap<>();
    for (String period : periods) {
      String previous = previousOf.get(period);
      PeriodUnits before = previous == null ? null : read.periods().get(previous);
      PeriodScorer.Scored result = scorer.scoreWithLevels(read.periods().get(period), before);
      List<ScopeScores> scopes = result.scopes();
      scored.put(period, scopes);
      inputs.put(period, result.inputs());
      previousComposites.put(period, before == null ? Map.of() : RankingReports.composites(result.previous()));
      previousUnits.put(period, before == null ? java.util.Set.of() : PeriodScorer.keys(before));
      audits.put(period, result.audit());
      LOG.info("Period {}: {} scopes, {} units ranked", period, scopes.size(),
          String.format(java.util.Locale.ROOT, "%,d", scopes.stream().mapToLong(ScopeScores::rankedCount).sum()));
    }
    t = stage(stages, "score", t);

    List<Row> rows = new ArrayList<>();
    String method = settings.method();
    scored.forEach((period, scopes) -> {
      for (ScopeScores scope : scopes) {
        for (UnitScore unit : scope.units()) {
          rows.add(ScoreTables.row(unit, method, runId, period));
        }
      }
    });
    Path staged = new Path(warehouse.staging(runId), ScoreTables.SCORES);
    List<Row> auditRows = new ArrayList<>();
    audits.forEach((period, audit) -> audit.forEach(a -> auditRows.add(ScoreTables.row(a, runId, period))));
    Path stagedAudit = new Path(warehouse.staging(runId), ScoreTables.AUDIT);
    // The two writes run side by side.
    ExecutorService writers = Executors.newFixedThreadPool(2, Futures.daemons("score-write"));
    try {
      Futures.awaitAll(List.of(
          writers.submit(() -> {
            write(rows, ScoreTables.SCORES_SCHEMA, staged);
            return null;
          }),
          writers.submit(() -> {
            write(auditRows, Tables.AUDIT.schema(), stagedAudit);
            return null;
          })),
          "writing the scores and the audit");
    } finally {
      writers.shutdown();
    }
    t = stage(stages, "write", t);

    List<ScoreResult.PeriodScores> outcomes = new ArrayList<>();
    Path stagedReports = new Path(warehouse.staging(runId), "reports");
    List<Warehouse.Move> moves = new ArrayList<>(warehouse.periodMoves(ScoreTables.SCORES, staged, periods));
    for (Map.Entry<String, List<ScopeScores>> e : scored.entrySet()) {
      String period = e.getKey();
      RankingReports.Ranking ranking =
          new RankingReports.Ranking(period, previousOf.get(period), method, runId, e.getValue(),
              previousComposites.get(period), previousUnits.get(period));
      Path folder = new Path(stagedReports, period);
      Path target = new Path(new Path(warehouse.root(), "reports"), period);
      List<String> reports = new ArrayList<>();
      write(new Path(folder, RankingReports.CSV), RankingReports.csv(ranking));
      write(new Path(folder, RankingReports.MARKDOWN), RankingReports.markdown(ranking).getBytes(StandardCharsets.UTF_8));
      write(new Path(folder, RankingReports.JSON), RankingReports.json(ranking));
      write(new Path(folder, ScoringInputsReport.FILE),
          ScoringInputsReport.json(period, method, runId, settings.weights(), inputs.get(period)));
      for (String name : List.of(RankingReports.CSV, RankingReports.MARKDOWN, RankingReports.JSON, ScoringInputsReport.FILE)) {
        moves.add(new Warehouse.Move(warehouse.relative(new Path(target, name)), warehouse.relative(new Path(folder, name)),
            true));
        reports.add(new Path(target, name).toString());
      }
      outcomes.add(new ScoreResult.PeriodScores(period, previousOf.get(period), e.getValue(), List.copyOf(reports),
          audits.get(period)));
    }

    // Scores, their audit and the ranking files become visible together, by one journaled commit.
    moves.addAll(warehouse.periodMoves(ScoreTables.AUDIT, stagedAudit, periods));
    warehouse.commit(runId, moves);
    warehouse.cleanUp(runId);
    stage(stages, "publish", t);
    return new ScoreResult(runId, warehouse.root().toString(), settings, started, Instant.now(), stages,
        List.copyOf(outcomes), List.copyOf(warnings));
  }

  /** Reports are for people: on a local disk they are written without Hadoop's .crc side files. */
  private FileSystem reportFs() {
    return warehouse.fs() instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : warehouse.fs();
  }

  private void write(Path path, byte[] content) throws IOException {
    try (OutputStream out = reportFs().create(path, true)) {
      out.write(content);
    }
  }

  /**
   * Writes driver rows into staging, one folder and file per period, through parquet-java's writer
   * ({@link TableFiles#write}): a Spark job for rows the driver holds cost a second or more of
   * planning, serialising and scheduling (docs/performance.md).
   */
  private void write(List<Row> rows, StructType schema, Path folder) throws IOException {
    TableFiles.write(folder, schema, rows, spark.sparkContext().hadoopConfiguration());
  }

  private static long stage(Map<String, Long> stages, String name, long since) {
    long now = System.nanoTime();
    stages.put(name, (now - since) / 1_000_000);
    return now;
  }
}
