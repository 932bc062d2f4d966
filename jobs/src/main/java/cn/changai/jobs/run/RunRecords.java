package cn.changai.jobs.run;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.score.ScopeScores;
import cn.changai.indicators.TreeWarning;
import cn.changai.jobs.compute.ComputeResult;
import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.ingest.HeldSubmission;
import cn.changai.jobs.ingest.Inbox;
import cn.changai.jobs.ingest.IngestResult;
import cn.changai.jobs.ingest.Rejection;
import cn.changai.jobs.ingest.SubmissionResult;
import cn.changai.jobs.report.ReportResult;
import cn.changai.jobs.score.ScoreResult;
import cn.changai.jobs.score.ScoreSettings;
import cn.changai.jobs.warehouse.Lock;
import cn.changai.jobs.warehouse.Warehouse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/** The run record: one JSON file per run under {@code <warehouse>/runs/}, saying what was read and done. */
public final class RunRecords {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private RunRecords() {}

  /** A new run id: the UTC start time, sortable, and a random suffix against collisions. */
  public static String newRunId() {
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    return ID_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + HexFormat.of().formatHex(random);
  }

  /** Writes the record of an ingest and returns its path. */
  public static String writeIngest(Warehouse warehouse, String command, IngestResult result) throws IOException {
    return write(warehouse, result.runId(), ingestRecord(command, result));
  }

  /**
   * Records the runs whose publication {@code recoveredBy} completed ({@link Warehouse#recover}):
   * each was killed after its commit point, so its results are published but it never wrote its
   * record once everything was swapped. A nightly run's commit publishes its record ({@link
   * #stage}): that record is kept, and says who completed it. Otherwise the record is made from the
   * run's row of the {@code runs} table, which its commit published.
   */
  public static void writeCompleted(Warehouse warehouse, List<String> runIds, String recoveredBy) throws IOException {
    for (String journal : runIds) {
      // A standalone command's runs row has a journal of its own, named <run id>-row.
      String runId = journal.endsWith("-row") ? journal.substring(0, journal.length() - "-row".length()) : journal;
      Path own = new Path(warehouse.runs(), runId + ".json");
      if (warehouse.fs().exists(own)) {
        Map<String, Object> staged;
        try (java.io.InputStream in = warehouse.fs().open(own)) {
          staged = JSON.readValue(in, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
        }
        if (!staged.containsKey("publication_completed_by")) {
          staged.put("note", completedNote(recoveredBy));
          staged.put("publication_completed_by", recoveredBy);
          writeNow(warehouse, runId, staged);
        }
        continue;
      }
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("run_id", runId);
      RunsTable.read(warehouse, runId).ifPresentOrElse(row -> {
        record.putAll(head(runId, row.command(), row.status(), row.exitCode(), row.startedAt(), row.finishedAt()));
        record.put("periods_touched", row.periodsTouched().isEmpty() ? List.of() : List.of(row.periodsTouched().split(",")));
        record.put("totals", Map.of("workers_read", row.rowsIn(), "workers_accepted", row.rowsAccepted(),
            "workers_rejected", row.rowsRejected()));
      }, () -> record.put("status", "succeeded"));
      record.put("note", completedNote(recoveredBy) + "; this record is made from its row of the runs table");
      record.put("publication_completed_by", recoveredBy);
      write(warehouse, runId, record);
    }
  }

  /**
   * Records each run that died holding the warehouse's lock (kill -9, the machine going down, the
   * kernel ending it for memory), found by {@code recoveredBy} as it took the lock over (more than
   * one when a run died as it took over the lock of another that had died): a run that
   * dies writes no record, and {@code changai runs} would not know of it. Nothing it staged was
   * published (had its commit begun, recovery completed it and {@link #writeCompleted} recorded
   * it, and a run that wrote its own record is left as it recorded itself). It has no exit code,
   * no end and no row in the {@code runs} table, which holds the runs that ended.
   */
  public static void writeDied(Warehouse warehouse, List<Lock.Holder> died, String recoveredBy)
      throws IOException {
    for (Lock.Holder holder : died) {
      writeDied(warehouse, holder, recoveredBy);
    }
  }

  private static void writeDied(Warehouse warehouse, Lock.Holder died, String recoveredBy) throws IOException {
    if (died.runId() == null || warehouse.fs().exists(new Path(warehouse.runs(), died.runId() + ".json"))) {
      return;
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("run_id", died.runId());
    record.put("command", died.command());
    record.put("status", "died");
    record.put("started_at", died.startedAt());
    record.put("pid", died.pid());
    record.put("host", died.host());
    // A run that failed on a read-only or full warehouse printed its closing line but could neither
    // record itself nor release the lock: "ended without a word" was untrue of it.
    record.put("note", "the process ended without recording the run (kill -9, the machine going down, want of"
        + " memory, or a failure it could not record here, such as a read-only or full warehouse, said in its own"
        + " output) while it held the warehouse; nothing it staged was published, and run " + recoveredBy
        + " removed it as it took the lock over");
    record.put("found_by", recoveredBy);
    write(warehouse, died.runId(), record);
  }

  /**
   * What a command that failed before it could take the lock (a full disk, a read-only warehouse)
   * adds when a run stopped half-way through its swaps: the tables stay part old, part new until a
   * command takes the lock and completes that publication first thing. Empty otherwise.
   */
  public static String stillMixed(Warehouse warehouse) {
    List<String> stopped = warehouse.stoppedWhileSwapping();
    return stopped.isEmpty() ? "" : "; run " + String.join(", ", stopped) + " stopped while publishing, and its"
        + " tables stay part old, part new until a command that can take the lock (with room on the disk)"
        + " completes its publication first thing";
  }

  private static String completedNote(String recoveredBy) {
    return "the process ended after its commit point, before its commit was done; run " + recoveredBy
        + " completed the publication of its results";
  }

  /**
   * Stages a nightly run's record to be published by its one commit, beside its tables: a run
   * stopped after its commit point then has its whole record (the commit's own time aside) once
   * the next run completes the commit. The run writes the record again when everything is swapped.
   */
  public static void stage(Warehouse warehouse, String runId, Map<String, Object> record) throws IOException {
    Path fresh = new Path(warehouse.staging(runId), "record.json");
    try (OutputStream out = warehouse.fs().create(fresh, true)) {
      JSON.writeValue(out, record);
    }
    warehouse.commit(runId + "-record", List.of(new Warehouse.Move(
        warehouse.relative(new Path(warehouse.runs(), runId + ".json")), warehouse.relative(fresh), true)));
  }

  /** The first entries of every record, in the order changai runs and readers expect them. */
  private static Map<String, Object> head(String runId, String command, String status, int exitCode, Instant started,
      Instant finished) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("run_id", runId);
    record.put("command", command);
    record.put("status", status);
    record.put("exit_code", exitCode);
    record.put("started_at", started.toString());
    record.put("finished_at", finished.toString());
    record.put("duration_ms", finished.toEpochMilli() - started.toEpochMilli());
    return record;
  }

  /** Writes any run record (a map that becomes a JSON object) and returns its path, as printed to the user. */
  public static String write(Warehouse warehouse, String runId, Map<String, Object> record) throws IOException {
    Path path = new Path(warehouse.runs(), runId + ".json");
    if (warehouse.holdsCommits()) {
      // A command whose results wait for its one commit: its record is published by that commit,
      // beside them, so that one stopped after its commit point has it whole once the next run
      // completes the commit.
      stage(warehouse, runId, new LinkedHashMap<>(record));
      return cn.changai.jobs.warehouse.PlainPath.of(path);
    }
    return writeNow(warehouse, runId, record);
  }

  private static String writeNow(Warehouse warehouse, String runId, Map<String, Object> record) throws IOException {
    Path path = new Path(warehouse.runs(), runId + ".json");
    Path fresh = new Path(warehouse.runs(), "." + runId + ".json.tmp");
    warehouse.fs().mkdirs(warehouse.runs());
    // Whole or not at all: a kill while writing leaves a hidden temporary file, never a cut record.
    try (OutputStream out = warehouse.fs().create(fresh, true)) {
      JSON.writeValue(out, record);
    } catch (IOException | RuntimeException | Error e) {
      try {
        warehouse.fs().delete(fresh, false);
      } catch (IOException | RuntimeException | Error again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    // Over the previous record in one rename: a reader, or a kill, never finds the record absent.
    warehouse.replaceFile(fresh, path);
    return cn.changai.jobs.warehouse.PlainPath.of(path);
  }

  /** The record of an ingest, as a map, for its own file or as part of a nightly run's record. */
  public static Map<String, Object> ingestRecord(String command, IngestResult result) {
    Map<String, Object> record =
        head(result.runId(), command, "succeeded", result.exitCode(), result.startedAt(), result.finishedAt());
    record.put("stages_ms", result.stageMillis());
    record.put("versions", versions());
    record.put("inbox", result.inbox());
    record.put("warehouse", result.warehouse());
    record.put("periods_rewritten", List.copyOf(result.periodsRewritten()));
    record.put("totals", totals(result));
    record.putAll(inputs(result));
    return record;
  }

  /**
   * What ingest looked at, for a run record: per submission its status, content and file hashes,
   * counts, refusal reasons and the submission it superseded ({@code submissions}); the refusals
   * of top-level folders ({@code refused_folders}); the files ignored at the inbox root.
   */
  public static Map<String, Object> inputs(IngestResult result) {
    Map<String, Object> record = new LinkedHashMap<>();
    List<Object> submissions = new ArrayList<>();
    for (SubmissionResult s : result.submissions()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("period", s.ref().period());
      entry.put("enterprise_id", SafeText.name(s.ref().enterpriseId()));
      entry.put("path", SafeText.path(s.ref().path()));
      entry.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
      entry.put("content_hash", s.contentHash());
      HeldSubmission before = result.superseded().get(s.ref().key());
      if (before != null) {
        // The contract's "the earlier one is recorded as superseded".
        entry.put("superseded", Map.of("submitted_at", before.submittedAt().toString(),
            "content_hash", before.contentHash()));
      }
      Map<String, Object> files = new LinkedHashMap<>();
      s.fileHashes().forEach((name, hash) -> files.put(name,
          s.charsets().containsKey(name) ? Map.of("sha256", hash, "charset", s.charsets().get(name)) : Map.of("sha256", hash)));
      entry.put("files", files);
      entry.put("counts", counts(s.counts()));
      entry.put("rejections", rejections(s.rejections()));
      entry.put("duration_ms", s.durationMillis());
      submissions.add(entry);
    }
    record.put("submissions", submissions);
    List<Object> refused = new ArrayList<>();
    for (Inbox.PeriodRejection p : result.listing().rejections()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("period", p.period());
      entry.put("path", SafeText.path(p.rejection().path()));
      entry.put("reason_code", p.rejection().code().name());
      entry.put("reason", p.rejection().reason());
      refused.add(entry);
    }
    record.put("refused_folders", refused);
    record.put("ignored_at_inbox_root", result.listing().ignoredAtRoot());
    return record;
  }

  /**
   * Writes the record of a report run ({@code changai report}) and returns its path: the periods
   * whose pages it rewrote and, per period, how many pages.
   */
  public static String writeReport(Warehouse warehouse, Instant started, ReportResult result) throws IOException {
    Instant finished = Instant.now();
    Map<String, Object> record = head(result.runId(), "report", "succeeded", 0, started, finished);
    record.put("versions", versions());
    record.put("warehouse", warehouse.root().toUri().getPath());
    record.put("periods_rewritten", result.periods().stream().map(ReportResult.PeriodReport::period).toList());
    Map<String, Object> pages = new LinkedHashMap<>();
    result.periods().forEach(p -> pages.put(p.period(), p.pages()));
    record.put("pages", pages);
    return write(warehouse, result.runId(), record);
  }

  /** Writes the record of a compute run and returns its path. */
  public static String writeCompute(Warehouse warehouse, String command, ComputeResult result) throws IOException {
    return writeCompute(warehouse, command, result, Map.of());
  }

  /** As {@link #writeCompute(Warehouse, String, ComputeResult)}, with the entries of the steps after it. */
  public static String writeCompute(Warehouse warehouse, String command, ComputeResult result, Map<String, Object> after)
      throws IOException {
    Map<String, Object> record = head(result.runId(), command, "succeeded", 0, result.startedAt(), result.finishedAt());
    record.put("duration_ms", result.durationMillis());
    record.put("stages_ms", result.stageMillis());
    record.put("versions", versions());
    record.put("warehouse", result.warehouse());
    record.put("min_base", result.minBase());
    record.put("indicators", result.indicators());
    record.put("periods_rewritten", result.periodIds());
    List<Object> periods = new ArrayList<>();
    for (ComputeResult.PeriodStats p : result.periods()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("period", p.period());
      Map<String, Object> units = new LinkedHashMap<>();
      p.units().forEach((level, count) -> units.put(level.code(), count));
      entry.put("units", units);
      entry.put("values", p.values());
      entry.put("low_base", p.lowBase());
      entry.put("null_values", p.nullValues());
      periods.add(entry);
    }
    record.put("periods", periods);
    record.put("rows_written", new java.util.TreeMap<>(result.rowsWritten()));
    record.put("tree_warnings", treeWarnings(result.treeWarnings()));
    record.putAll(after);
    return write(warehouse, result.runId(), record);
  }

  /** The record's {@code tree_warnings}: one entry per warning, as compute and the nightly run write it. */
  public static List<Object> treeWarnings(List<TreeWarning> treeWarnings) {
    List<Object> warnings = new ArrayList<>();
    for (TreeWarning w : treeWarnings) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("period", w.period());
      entry.put("enterprise_id", w.enterpriseId());
      entry.put("problem", w.problem().name());
      entry.put("parent_id", w.parentId());
      entry.put("message", w.message());
      warnings.add(entry);
    }
    return warnings;
  }

  /** Writes the record of a score run and returns its path. */
  public static String writeScore(Warehouse warehouse, ScoreResult result) throws IOException {
    ScoreSettings settings = result.settings();
    Map<String, Object> record = head(result.runId(), "score", "succeeded", 0, result.startedAt(), result.finishedAt());
    record.put("stages_ms", result.stageMillis());
    record.put("versions", versions());
    record.put("warehouse", result.warehouse());
    record.put("method", settings.method());
    record.put("normalise", settings.normalisation().id());
    record.put("draws", settings.draws());
    record.put("seed", settings.seed());
    record.put("treat_outliers", settings.treatment().id());
    record.put("screening", settings.screening().minShare());
    Map<String, Object> weights = new LinkedHashMap<>();
    weights.put("source", settings.weightsSource());
    weights.put("version", settings.weights().version());
    weights.put("sha256", settings.weights().sha256());
    Map<String, Object> parts = new LinkedHashMap<>();
    settings.weights().parts().forEach((part, w) -> parts.put(part.name(), w));
    weights.put("parts", parts);
    weights.put("indicators", settings.weights().indicators());
    weights.put("tiers", Map.of("excellent", settings.weights().tiers().excellent(),
        "good", settings.weights().tiers().good(), "pass", settings.weights().tiers().pass()));
    record.put("weights", weights);
    List<Object> periods = new ArrayList<>();
    for (ScoreResult.PeriodScores p : result.periods()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("period", p.period());
      entry.put("previous_period", p.previousPeriod());
      entry.put("rows", p.rows());
      List<Object> scopes = new ArrayList<>();
      for (ScopeScores s : p.scopes()) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("scope", s.scope());
        scope.put("units", s.units().size());
        scope.put("ranked", s.rankedCount());
        scope.put("unstable", s.units().stream().filter(u -> u.interval() != null && u.interval().unstable()).count());
        scope.put("indicators_used", s.indicatorsUsed());
        scope.put("indicators_left_out", s.indicatorsLeftOut());
        scopes.add(scope);
      }
      entry.put("scopes", scopes);
      entry.put("treated_values", p.treated());
      entry.put("reports", p.reports());
      periods.add(entry);
    }
    record.put("periods", periods);
    record.put("warnings", result.warnings());
    return write(warehouse, result.runId(), record);
  }

  /** The versions of what a run ran with. */
  public static Map<String, Object> versions() {
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("changai", Versions.changai());
    versions.put("data_contract", 1);
    versions.put("catalogue", cn.changai.indicators.Catalogue.VERSION);
    versions.put("spark", Versions.spark());
    versions.put("java", Versions.java());
    return versions;
  }

  /** The totals of an ingest: submissions by verdict, rows and studios read, accepted, rejected. */
  public static Map<String, Object> totals(IngestResult r) {
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("submissions", r.submissions().size() + r.listing().rejections().size());
    totals.put("accepted", r.count(SubmissionResult.Status.ACCEPTED));
    totals.put("unchanged", r.count(SubmissionResult.Status.UNCHANGED));
    totals.put("rejected", r.rejected());
    totals.put("workers_read", r.sum(null, SubmissionResult.Counts::workersRead));
    totals.put("workers_accepted", r.sum(null, SubmissionResult.Counts::workersAccepted));
    totals.put("workers_rejected", r.sum(null, SubmissionResult.Counts::workersRejected));
    totals.put("workers_rejected_with_submission", r.sum(SubmissionResult.Status.REJECTED, SubmissionResult.Counts::workersRead));
    totals.put("studios_read", r.sum(null, SubmissionResult.Counts::studiosRead));
    totals.put("studios_accepted", r.sum(null, SubmissionResult.Counts::studiosAccepted));
    totals.put("studios_rejected", r.sum(null, SubmissionResult.Counts::studiosRejected));
    totals.put("warnings", r.sum(null, SubmissionResult.Counts::warnings) + r.listing().warnings().size());
    totals.put("reasons", r.reasons());
    return totals;
  }

  private static Map<String, Object> counts(SubmissionResult.Counts c) {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("workers_read", c.workersRead());
    counts.put("workers_accepted", c.workersAccepted());
    counts.put("workers_rejected", c.workersRejected());
    counts.put("studios_read", c.studiosRead());
    counts.put("studios_accepted", c.studiosAccepted());
    counts.put("studios_rejected", c.studiosRejected());
    counts.put("warnings", c.warnings());
    counts.put("reasons", c.reasons());
    return counts;
  }

  private static List<Object> rejections(List<Rejection> rejections) {
    List<Object> list = new ArrayList<>();
    for (Rejection r : rejections) {
      list.add(Map.of("reason_code", r.code().name(), "reason", r.reason(), "path", SafeText.path(r.path())));
    }
    return list;
  }
}
