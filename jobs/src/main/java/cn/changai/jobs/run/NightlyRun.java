package cn.changai.jobs.run;

import cn.changai.domain.Period;
import cn.changai.indicators.Catalogue;
import cn.changai.indicators.score.Normalisation;
import cn.changai.indicators.score.Periods;
import cn.changai.indicators.score.Sensitivity;
import cn.changai.indicators.score.Weights;
import cn.changai.jobs.compute.ComputeIndicatorsJob;
import cn.changai.jobs.compute.ComputeResult;
import cn.changai.jobs.pause.Pause;
import cn.changai.jobs.report.ReportJob;
import cn.changai.jobs.report.ReportResult;
import cn.changai.jobs.score.ScoreJob;
import cn.changai.jobs.score.ScoreResult;
import cn.changai.jobs.score.ScoreSettings;
import cn.changai.jobs.ingest.HeldSubmission;
import cn.changai.jobs.ingest.IngestJob;
import cn.changai.jobs.ingest.IngestResult;
import cn.changai.jobs.ingest.IngestSummary;
import cn.changai.jobs.ingest.Plausibility;
import cn.changai.jobs.ingest.PlausibilityJob;
import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.ingest.SubmissionResult;
import cn.changai.jobs.spark.Progress;
import cn.changai.jobs.spark.Sessions;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.Lock;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly run: finds the periods whose submissions changed since the last successful run
 * (without Spark), then ingests, computes, scores and reports exactly those, under the
 * warehouse's lock, and publishes everything in one crash-safe commit at the end.
 */
public final class NightlyRun {

  private static final Logger LOG = LoggerFactory.getLogger(NightlyRun.class);

  /** What the command line asks of a run. */
  public record Options(String inbox, String warehouse, boolean dryRun, java.util.Set<String> rebuild,
      Weights weights, String weightsSource, int minBase, SparkOptions spark) {}

  /** The periods to process and why. */
  public record Plan(SortedSet<String> periods, String reason, InboxDigest digest, RunState state) {}

  private final Options options;
  private final PrintStream out;
  /** Where the run is, for the message of a failure: "during ingest", "after ingest", ... */
  private String stage = "while taking the lock";
  /** What ingest did, once it did: a failed run's record and row count it. */
  private IngestResult ingest;
  /** The signals of the run under way. */
  private Interruption interruption;

  public NightlyRun(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Runs and returns the exit code: 0 done, 3 done with submissions rejected whole (or, with
   * nothing to do, with refused submissions still in the inbox).
   */
  public int run() throws Exception {
    Warehouse warehouse = new Warehouse(options.warehouse(), new Configuration());
    if (options.dryRun()) {
      Plan plan = plan(warehouse);
      out.println(describe(plan));
      if (plan.periods().isEmpty() && warehouse.fs().exists(warehouse.root())) {
        // What the run would list, read without the lock (nothing is written): its exit would be 3.
        StandingRefusals.report(warehouse, inboxFs().makeQualified(new Path(options.inbox())), out,
            "Still refused (the inbox holds them unchanged; the run would exit 3):", period -> true, null);
      }
      out.println("Dry run: nothing was changed.");
      return 0;
    }
    Lock lock;
    // Named in the lock file: a run that takes over the lock of this one, should it die, records it.
    String runId = RunRecords.newRunId();
    try {
      lock = Lock.acquire(warehouse, "run", runId);
    } catch (java.io.IOException e) {
      // A read-only or unwritable warehouse fails here, before any stage: no record can be written.
      throw new Failures.Described(Failures.describe(e) + " (before the run started, taking the lock of warehouse "
          + options.warehouse() + "); the run could not be recorded" + RunRecords.stillMixed(warehouse), e);
    }
    try (lock; Interruption guard = Interruption.guard()) {
      interruption = guard;
      Pause.point("locked");
      return runLocked(warehouse, guard, runId, lock.diedHolding());
    }
  }

  /** Works out what to do from the inbox digest and the last run's state. */
  public Plan plan(Warehouse warehouse) throws java.io.IOException {
    long started = System.nanoTime();
    RunState state = RunState.read(warehouse);
    FileSystem fs = inboxFs();
    InboxDigest digest = InboxDigest.of(fs, fs.makeQualified(new Path(options.inbox())), state.files());
    SortedSet<String> periods;
    String reason;
    String weights = weightsVersion();
    if (state.runId() != null && !Catalogue.VERSION.equals(state.catalogueVersion())) {
      periods = new TreeSet<>(digest.periods().keySet());
      periods.addAll(warehouse.periods(Tables.ENTERPRISES.name()));
      reason = "catalogue version changed from " + state.catalogueVersion() + " to " + Catalogue.VERSION;
    } else if (state.runId() != null && !weights.equals(state.weightsVersion())) {
      periods = new TreeSet<>(digest.periods().keySet());
      periods.addAll(warehouse.periods(Tables.ENTERPRISES.name()));
      reason = state.weightsVersion().startsWith(RunState.SCORED_ALONE)
          // changai score run alone with other settings: every period is scored again as the run scores.
          ? "periods were " + state.weightsVersion() + "; scoring every period with " + weights + " again"
          : "weights changed from " + state.weightsVersion() + " to " + weights;
    } else if (state.runId() != null && state.minBase() != null && state.minBase() != options.minBase()) {
      // low_base flags every ratio against the base: periods computed with two bases would be
      // compared (scores, change, plausibility) as if alike.
      periods = new TreeSet<>(digest.periods().keySet());
      periods.addAll(warehouse.periods(Tables.ENTERPRISES.name()));
      reason = state.minBase() == RunState.MIXED_MIN_BASE
          ? "compute run alone (" + state.runId() + ") used another minimum base; every period with " + options.minBase()
          : "minimum base changed from " + state.minBase() + " to " + options.minBase();
    } else {
      periods = state.changedPeriods(digest.periods());
      reason = state.runId() != null ? (periods.isEmpty() ? "no submission changed since run " : "submissions changed since run ")
          + state.runId()
          : RunState.written(warehouse) ? "the last run's state, runs/state.json, could not be read: every period again"
          : "first run on this warehouse";
    }
    if (!options.rebuild().isEmpty()) {
      periods.addAll(options.rebuild());
      reason += "; rebuilding " + String.join(", ", new TreeSet<>(options.rebuild())) + " from scratch";
    }
    LOG.info("Plan made in {} ms: {} period(s) to process", (System.nanoTime() - started) / 1_000_000, periods.size());
    return new Plan(periods, reason, digest, state);
  }

  private FileSystem inboxFs() throws java.io.IOException {
    return new Path(options.inbox()).getFileSystem(new Configuration());
  }

  /** The weights as the state records them: version and content hash, so any edit counts. */
  private String weightsVersion() {
    return RunState.weightsVersion(options.weights());
  }

  private String describe(Plan plan) {
    if (plan.periods().isEmpty() && plan.digest().periods().isEmpty()) {
      // An empty inbox is more often a mount that failed than a quiet night: said so.
      return "Nothing to do: the inbox " + SafeText.escape(options.inbox()) + " holds no folders"
          + " (is it the right folder, and mounted?)";
    }
    if (plan.periods().isEmpty()) {
      return "Nothing to do: no submission changed since the last successful run"
          + (plan.state().runId() == null ? "." : " (" + plan.state().runId() + ").");
    }
    // The plan names every folder of the inbox, valid period or not: printed escaped.
    return "Periods to process: " + SafeText.escape(String.join(", ", shown(plan.periods()))) + " (" + plan.reason() + ")\n"
        + "Stages: ingest -> compute -> score -> report";
  }

  private int runLocked(Warehouse warehouse, Interruption interruption, String runId, List<Lock.Holder> died)
      throws Exception {
    Instant started = Instant.now();
    Map<String, Object> record = new LinkedHashMap<>();
    try {
      return runLocked(warehouse, interruption, started, runId, record, died);
    } catch (Throwable e) {
      throw failed(warehouse, record, started, ingest, e, interruption);
    }
  }

  private int runLocked(Warehouse warehouse, Interruption interruption, Instant started, String runId,
      Map<String, Object> record, List<Lock.Holder> died) throws Exception {
    record.put("run_id", runId);
    record.put("command", "run");
    record.put("started_at", started.toString());
    record.put("versions", RunRecords.versions());
    record.put("inbox", inboxFs().makeQualified(new Path(options.inbox())).toString());
    record.put("warehouse", warehouse.root().toString());
    stage = "during recovery";
    List<String> completed = warehouse.recover();
    if (!completed.isEmpty()) {
      RunRecords.writeCompleted(warehouse, completed, runId);
      record.put("publication_completed_of", completed);
    }
    RunRecords.writeDied(warehouse, died, runId);
    stage = "during planning";
    Plan plan = plan(warehouse);
    out.println(describe(plan));
    Pause.point("planned");
    record.put("periods_planned", shown(plan.periods()));
    record.put("plan_reason", plan.reason());
    Map<String, Long> stages = new LinkedHashMap<>();
    record.put("stages_ms", stages);
    interruption.check();
    if (plan.periods().isEmpty()) {
      stage = "while recording the run";
      // Refusals of submissions still in the inbox stand: the exit code stays 3 until they are fixed.
      FileSystem inboxFs = inboxFs();
      int exit = StandingRefusals.report(warehouse, inboxFs.makeQualified(new Path(options.inbox())), out,
          "Still refused (the inbox holds them unchanged; exit 3):", period -> true, record);
      finish(warehouse, record, started, "nothing_to_do", exit, null, true);
      return exit;
    }
    stage = "while starting Spark on " + SafeText.escape(options.spark().master);
    try (SparkSession spark = Sessions.create("changai run", options.spark());
        Progress progress = Progress.every(spark, 10)) {
      interruption.spark(spark.sparkContext());
      Warehouse target = new Warehouse(options.warehouse(), spark.sparkContext().hadoopConfiguration());
      // Every stage's publication waits for one commit at the end of the run: a run stopped at any
      // point before it leaves the last good state whole, tables, reports and records alike.
      target.holdCommits();
      long t = stageStart("ingest");
      ingest = new IngestJob(spark, options.inbox(), target, plan.periods(), runId, options.rebuild())
          .trusting(hashedPrints(plan.digest())).rereading(plan.digest().othersChanged()).run();
      stages.put("ingest", stageEnd("ingest", t, ingestCounts(ingest)));
      out.print(IngestSummary.format(ingest));
      record.put("ingest", RunRecords.totals(ingest));
      record.put("ingest_steps_ms", ingest.stageMillis());
      // The record is the submissions' history: what each was, and what it superseded.
      record.putAll(RunRecords.inputs(ingest));
      SortedSet<String> periods = validPeriods(plan.periods());
      periods.retainAll(target.periods(Tables.ENTERPRISES.name()));
      record.put("periods_touched", List.copyOf(periods));
      Pause.point("before-compute");
      interruption.check();
      if (!periods.isEmpty()) {
        // The stages after ingest read what it leaves; ingest itself keeps generated code, which a
        // first load's later stages reuse (at 10^6 rows, interpreting ingest cost compute 0.8 s).
        Sessions.fitTo(spark, workerBytes(target, periods));
        t = stageStart("compute");
        ComputeResult computed = new ComputeIndicatorsJob(spark, target, periods, options.minBase(), runId).run();
        stages.put("compute", stageEnd("compute", t, String.format(Locale.ROOT, "%,d indicator values, %,d low base, %,d tree warnings",
            computed.periods().stream().mapToLong(ComputeResult.PeriodStats::values).sum(),
            computed.periods().stream().mapToLong(ComputeResult.PeriodStats::lowBase).sum(),
            computed.treeWarnings().size())));
        // As compute alone says them: a subsidiary whose parent is missing drops out of its group.
        out.print(cn.changai.jobs.compute.ComputeSummary.treeWarnings(computed.treeWarnings()));
        record.put("tree_warnings", RunRecords.treeWarnings(computed.treeWarnings()));
        record.put("compute_steps_ms", computed.stageMillis());
        interruption.check();

        // A period's rank change, its scorecards' changes and its plausibility checks compare with
        // its previous period: a changed period changes the next one's too.
        SortedSet<String> scored = withNextPeriods(periods, target.periods(Tables.INDICATOR_VALUES.name()));
        t = stageStart("plausibility");
        PlausibilityJob.Result plausible =
            new PlausibilityJob(spark, target, scored, Plausibility.Thresholds.defaults(), runId).run();
        stages.put("plausibility", stageEnd("plausibility", t, String.format(Locale.ROOT, "%,d warnings", plausible.findings().size())));
        out.print(plausible.summary());
        record.put("plausibility", plausible.record());
        interruption.check();

        Pause.point("before-score");
        t = stageStart("score");
        ScoreResult scores = new ScoreJob(spark, target, new ScoreSettings(scored, options.weights(),
            options.weightsSource(), Normalisation.MINMAX, Sensitivity.DEFAULT_DRAWS, Sensitivity.DEFAULT_SEED), runId).run();
        stages.put("score", stageEnd("score", t, scores.periods().stream()
            .map(p -> String.format(Locale.ROOT, "%s: %,d ranked rows", p.period(), p.rows())).collect(java.util.stream.Collectors.joining(", "))));
        record.put("periods_scored", List.copyOf(scored));
        interruption.check();
      }
      SortedSet<String> reported = reported(target, periods, plan.periods());
      if (!reported.isEmpty()) {
        Pause.point("before-report");
        t = stageStart("report");
        ReportResult reports = new ReportJob(spark, target, reported, options.minBase(), runId).run();
        stages.put("report", stageEnd("report", t, reports.periods().stream()
            .map(p -> p.period() + ": " + p.pages() + " pages").collect(java.util.stream.Collectors.joining(", "))));
        record.put("periods_reported", List.copyOf(reported));
      }
      interruption.check();
      stage = "while publishing";
      // The hashes of new and resized files are those ingest made as it read them.
      // A folder ingest did not see or could not read (gone from the inbox between the plan and
      // its listing, or between the listing and its task) keeps its period planned: the plan's
      // prints of it would say it was read.
      InboxDigest digest = plan.digest().completed(inboxFs(), ingest.fileHashes(), validPeriods(plan.periods()),
          ingest.submissionsRead());
      RunState next = plan.state().withPeriods(runId, Catalogue.VERSION, weightsVersion(), options.minBase(),
          digest.periods(), digest.files());
      next.write(target);
      int exit = ingest.exitCode();
      // Refusals in the periods ingest did not read still stand (and ingest's own root listing
      // looked at every folder that is not a period again).
      Set<String> looked = new java.util.HashSet<>(plan.periods());
      ingest.listing().rejections().forEach(r -> looked.add(r.period()));
      exit = Math.max(exit, StandingRefusals.inPeriodsNotRead(warehouse,
          inboxFs().makeQualified(new Path(options.inbox())), out, looked, record));
      finish(target, record, started, "succeeded", exit, ingest, true);
      @SuppressWarnings("unchecked")
      List<String> reportedPeriods = (List<String>) record.getOrDefault("periods_reported", List.of());
      for (String period : reportedPeriods) {
        out.println("Scorecards " + period + ": "
            + cn.changai.jobs.warehouse.PlainPath.of(new Path(target.reports(period), "index.html")));
      }
      return exit;
    } finally {
      interruption.spark(null);
    }
  }

  /**
   * Records a run that failed or was stopped by a signal, if the warehouse lets it, and returns
   * what to throw: {@link Interruption.Stopped} or {@link Failures.Described}, with one line to print.
   */
  private Exception failed(Warehouse warehouse, Map<String, Object> record, Instant started, IngestResult ingest,
      Throwable e, Interruption interruption) {
    // A signal interrupts this thread to stop it; recording the run must not be interrupted too.
    Thread.interrupted();
    String signal = interruption.signal();
    String runId = (String) record.get("run_id");
    String status = signal != null ? "interrupted" : "failed";
    int exit = signal != null ? interruption.exitCode() : 1;
    String message = signal != null ? "stopped by " + signal + " " + stage
        : Failures.describe(e) + " (" + stage + ", warehouse " + warehouse.root().toUri().getPath() + ")";
    boolean committed = false;
    boolean rowPublished = false;
    try {
      committed = warehouse.pastCommitPoint(runId);
      // Past its commit point the run's row is in its journal (or already published): a row saying
      // "failed" would be staged where the journal's row waits, and published in its place.
      rowPublished = committed || RunsTable.read(warehouse, runId).isPresent();
      // What the run staged goes first: on a full disk it is the room the record needs.
      warehouse.discard(runId);
    } catch (Throwable again) {
      e.addSuppressed(again);
    }
    record.put("error", message);
    record.putIfAbsent("periods_planned", List.of());
    record.putIfAbsent("stages_ms", Map.of());
    String outcome;
    try {
      finish(warehouse, record, started, status, exit, ingest, !rowPublished);
      outcome = "; run " + runId + " recorded as " + status;
    } catch (Throwable again) {
      e.addSuppressed(again);
      outcome = "; the run could not be recorded: " + Failures.describe(again);
    }
    if (committed) {
      // Past its journal the run's results are published whatever failed: say so, or the operator
      // reads "failed" while the next run finishes the swaps and records the run as succeeded.
      outcome += Failures.PAST_COMMIT_POINT;
    }
    if (signal != null) {
      Interruption.Stopped stopped = new Interruption.Stopped(message + outcome, exit);
      stopped.initCause(e);
      return stopped;
    }
    return new Failures.Described(message + outcome, e);
  }

  /**
   * The periods and, for each, every later period of the same kind that has data: a period's
   * pages draw its course over every earlier period of its kind, so a change to one (a roster
   * resubmitted for 2023, a 2022 that arrives late) changes the pages of every later one.
   */
  /**
   * The periods a run reports: those it computed, every later period of their kind (the next ones
   * were scored again, and change and trend read back), and the periods it read whose every
   * submission was refused (their pages say so and list why).
   */
  static SortedSet<String> reported(Warehouse warehouse, SortedSet<String> computed, SortedSet<String> read)
      throws IOException {
    SortedSet<String> reported = withLaterPeriods(computed, warehouse.periods(Tables.INDICATOR_VALUES.name()));
    SortedSet<String> everyRefused = validPeriods(read);
    everyRefused.removeAll(warehouse.periods(Tables.ENTERPRISES.name()));
    everyRefused.retainAll(warehouse.periods(Tables.REJECTED_SUBMISSIONS.name()));
    reported.addAll(everyRefused);
    return reported;
  }

  public static SortedSet<String> withLaterPeriods(SortedSet<String> periods, java.util.Collection<String> withData) {
    SortedSet<String> all = new TreeSet<>(periods);
    for (String period : periods) {
      if (cn.changai.domain.Period.isValidPeriod(period)) {
        all.addAll(Periods.later(period, withData));
      }
    }
    return all;
  }

  /** The periods and, for each, the next period of the same kind that has data. */
  public static SortedSet<String> withNextPeriods(SortedSet<String> periods, java.util.Collection<String> withData) {
    SortedSet<String> all = new TreeSet<>(periods);
    for (String candidate : withData) {
      Periods.previous(candidate, withData).filter(periods::contains).ifPresent(p -> all.add(candidate));
    }
    return all;
  }

  /** The most heap this JVM has used, summed over its heap pools' peaks (an upper bound). */
  private static long peakHeap() {
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** Periods a stage after ingest can work on: valid period names only. */
  private static SortedSet<String> validPeriods(SortedSet<String> periods) {
    SortedSet<String> valid = new TreeSet<>();
    periods.stream().filter(Period::isValidPeriod).forEach(valid::add);
    return valid;
  }

  private static String ingestCounts(IngestResult r) {
    return String.format(Locale.ROOT, "%,d accepted, %,d unchanged, %,d rejected submissions; %,d rows accepted, %,d rejected",
        r.count(SubmissionResult.Status.ACCEPTED), r.count(SubmissionResult.Status.UNCHANGED), r.rejected(),
        r.sum(null, SubmissionResult.Counts::workersAccepted), r.sum(null, SubmissionResult.Counts::workersRejected));
  }

  /** The bytes of the workers' Parquet files the warehouse holds in the given periods. */
  private static long workerBytes(Warehouse warehouse, SortedSet<String> periods) throws IOException {
    return warehouse.files(Tables.WORKERS.name(), validPeriods(periods)).stream().mapToLong(f -> f.status().getLen()).sum();
  }

  private long stageStart(String stage) {
    this.stage = "during " + stage;
    LOG.info("Stage {}: started", stage);
    return System.nanoTime();
  }

  private long stageEnd(String stage, long started, String counts) {
    this.stage = "after " + stage;
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.info("Stage {}: done in {} s: {}", stage, String.format(Locale.ROOT, "%.1f", millis / 1000.0), counts);
    return millis;
  }

  /**
   * Records the run: its record file and (unless {@code row} is false: a failed run's row already
   * waits in its journal) its row of the {@code runs} table; when the warehouse
   * holds the run's commits, the row, then the commit of everything the run produced, then the
   * record (a record that says succeeded is written only once the run's results are published).
   */
  private void finish(Warehouse warehouse, Map<String, Object> record, Instant started, String status,
      int exit, IngestResult ingest, boolean row) throws java.io.IOException, Interruption.Stopped {
    Instant finished = Instant.now();
    record.put("status", status);
    record.put("exit_code", exit);
    record.put("finished_at", finished.toString());
    record.put("duration_ms", finished.toEpochMilli() - started.toEpochMilli());
    record.put("peak_heap_bytes", peakHeap());
    String runId = (String) record.get("run_id");
    String path = null;
    if (!warehouse.holdsCommits()) {
      // Nothing to publish but the row: the record first, so that a kill while the row is written
      // still leaves one.
      path = RunRecords.write(warehouse, runId, record);
    }
    @SuppressWarnings("unchecked")
    List<String> touched = (List<String>) record.getOrDefault("periods_touched", List.of());
    if (row) {
      RunsTable.append(warehouse, new RunsTable.Row(runId, "run", started, finished, status, exit,
          String.join(",", touched),
          ingest == null ? 0 : ingest.sum(null, SubmissionResult.Counts::workersRead),
          ingest == null ? 0 : ingest.sum(null, SubmissionResult.Counts::workersAccepted),
          ingest == null ? 0 : ingest.sum(null, SubmissionResult.Counts::workersRejected),
          Versions.changai(), Catalogue.VERSION, weightsVersion(), Versions.spark()));
    }
    if (warehouse.holdsCommits()) {
      // The run's one commit: every table of every touched period, the reports, the state and
      // the runs row. A signal now lets it finish.
      // The record is written once everything is swapped and before the journal goes: a run
      // stopped after its commit point has its record, or the next run writes it from the journal.
      RunRecords.stage(warehouse, runId, record);
      long t = System.nanoTime();
      @SuppressWarnings("unchecked")
      Map<String, Long> stages = (Map<String, Long>) record.get("stages_ms");
      String[] written = new String[1];
      interruption.committing(true);
      try {
        warehouse.commitHeld(runId, () -> {
          stages.put("commit", (System.nanoTime() - t) / 1_000_000);
          try {
            written[0] = RunRecords.write(warehouse, runId, record);
          } catch (java.io.IOException e) {
            // The commit has just published the record staged before it, whole but for the
            // commit's time: a disk that filled since must not turn a published run into a failed
            // one (exit 1 beside a runs row saying succeeded, and a next run "completing" swaps
            // that were all done).
            LOG.warn("The run's record keeps the version published with its tables, without the commit's time: {}",
                Failures.describe(e));
            written[0] = cn.changai.jobs.warehouse.PlainPath.of(new Path(warehouse.runs(), runId + ".json"));
          }
        });
        interruption.published();
        Pause.point("published");
      } finally {
        interruption.committing(false);
      }
      path = written[0];
    }
    // The time to now, the commit included (it may wait up to 30 s for readers): the record's
    // duration_ms ends where the commit begins, as the runs row it publishes must be written before.
    out.println(String.format(Locale.ROOT, "Run %s %s in %.1f s; record %s", runId, status.replace('_', ' '),
        (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0, path));
  }

  /**
   * The plan's prints of the inbox's files whose hash is known (carried from the last completed
   * run, or made by the plan for a file whose time alone changed): ingest need not read a held
   * submission again to find it unchanged while its files keep that size and time.
   */
  static Map<String, HeldSubmission.FilePrint> hashedPrints(InboxDigest digest) {
    Map<String, HeldSubmission.FilePrint> prints = new java.util.TreeMap<>();
    digest.files().forEach((path, print) -> {
      if (print.sha256() != null && !InboxDigest.isFolderPrint(path)) {
        prints.put(path, new HeldSubmission.FilePrint(print.size(), print.modified(), print.sha256()));
      }
    });
    return prints;
  }

  /** Period folder names as the console and the record show them: a folder that is no period masked. */
  private static List<String> shown(java.util.Collection<String> periods) {
    return periods.stream().map(SafeText::name).toList();
  }
}
