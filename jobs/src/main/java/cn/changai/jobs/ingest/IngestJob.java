package cn.changai.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import cn.changai.jobs.ingest.SubmissionResult.Status;
import cn.changai.jobs.pause.Pause;
import cn.changai.jobs.spark.HadoopConf;
import cn.changai.jobs.threads.Futures;
import cn.changai.jobs.warehouse.TableFiles;
import cn.changai.domain.Period;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every submission of an inbox inside Spark tasks (one task per pack of submissions) and publishes
 * the validated rows, rejects and warnings into the warehouse, one period at a time, keeping what
 * the warehouse already holds for submissions that did not change.
 */
public final class IngestJob {

  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  /** Footers of the tasks' files read at once by the driver's check. */
  private static final int FOOTER_READERS = 8;

  /** Where task attempts write their files, under the run's staging folder. */
  static final String ATTEMPTS = "_attempts";

  private final SparkSession spark;
  private final String inbox;
  private final Warehouse warehouse;
  private final Set<String> periods;
  private final String runId;
  private final Set<String> rebuild;
  /** Milliseconds of each step, for the run record: scan, read, one per table written, publish. */
  private final Map<String, Long> stages = new LinkedHashMap<>();
  /** Prints of inbox files by path relative to the inbox ({@code period/folder/file}): see {@link #trusting}. */
  private final java.util.NavigableMap<String, HeldSubmission.FilePrint> prints = new TreeMap<>();
  private final Set<String> othersChanged = new java.util.HashSet<>();

  public IngestJob(SparkSession spark, String inbox, Warehouse warehouse, Set<String> periods, String runId) {
    this(spark, inbox, warehouse, periods, runId, Set.of());
  }

  /**
   * An ingest that also rebuilds the given periods from scratch: what the warehouse holds for
   * them is forgotten, and their tables are made from the inbox alone.
   */
  public IngestJob(SparkSession spark, String inbox, Warehouse warehouse, Set<String> periods, String runId,
      Set<String> rebuild) {
    this.spark = spark;
    this.inbox = inbox;
    this.warehouse = warehouse;
    this.periods = Set.copyOf(periods);
    this.runId = runId;
    this.rebuild = Set.copyOf(rebuild);
  }

  /**
   * This ingest, given the prints a completed run recorded of the inbox's contract files (by
   * path relative to the inbox, {@code period/folder/file}): a held submission whose files still
   * have the recorded size and modification time is found unchanged without reading them again.
   */
  public IngestJob trusting(Map<String, HeldSubmission.FilePrint> prints) {
    this.prints.putAll(prints);
    return this;
  }

  /**
   * This ingest, told which submission folders ({@code period/folder}) gained or lost a file or
   * folder beside the contract's since the last completed run: a held one among them is read again
   * even if its contract files are unchanged, so its {@code IGNORED_FILE} warnings are today's.
   */
  public IngestJob rereading(Set<String> othersChanged) {
    this.othersChanged.addAll(othersChanged);
    return this;
  }

  public IngestResult run() throws IOException {
    Instant started = Instant.now();
    long t = System.nanoTime();

    Path inboxPath = new Path(inbox);
    FileSystem inboxFs = inboxPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
    Inbox listing = Inbox.scan(inboxFs, inboxFs.makeQualified(inboxPath), periods);
    Map<String, HeldRow> held = readHeld();
    held.keySet().removeIf(key -> rebuild.contains(key.substring(0, key.indexOf('/'))));
    // Folders that are not periods are counted, not named: a hostile inbox holds thousands.
    List<String> named = listing.periods().stream().filter(cn.changai.domain.Period::isValidPeriod).toList();
    LOG.info("Inbox {}: {} submissions in periods {}{}; warehouse holds {} submissions", inbox,
        String.format(Locale.ROOT, "%,d", listing.submissions().size()), named, named.size() == listing.periods().size() ? ""
            : String.format(Locale.ROOT, " and %,d folder(s) that are not periods", listing.periods().size() - named.size()),
        String.format(Locale.ROOT, "%,d", held.size()));
    List<Pack> packs = Pack.of(listing.submissions(), sizes(inboxFs, listing.submissions()),
        spark.sparkContext().defaultParallelism());
    t = stage(stages, "scan", t);

    Map<String, HeldSubmission> decide = new HashMap<>();
    // The key is the submission's folder path in the inbox, period/folder.
    held.forEach((key, row) -> {
      HeldSubmission submission = row.submission().withPrints(printsOf(key));
      decide.put(key, othersChanged.contains(key) ? submission.withOthersChanged() : submission);
    });
    Pause.point("ingest-listed");
    List<Pack.Result> packResults = readSubmissions(packs, decide, listing.submissions().size());
    List<SubmissionResult> results = new ArrayList<>();
    Map<String, HeldSubmission> superseded = new HashMap<>();
    for (Pack.Result pack : packResults) {
      for (SubmissionResult result : pack.submissions()) {
        HeldRow before = held.get(result.ref().key());
        results.add(result.status() == Status.UNCHANGED && before != null ? before.asUnchanged(result) : result);
        // Read again for the files beside it, the same content supersedes nothing.
        if (result.status() == Status.ACCEPTED && before != null
            && !before.submission().contentHash().equals(result.contentHash())) {
          superseded.put(result.ref().key(), before.submission());
        }
      }
    }
    results.sort(Comparator.comparing(SubmissionResult::ref));
    t = stage(stages, "read", t);
    reconcile(results, packResults);
    t = stage(stages, "reconcile", t);

    SortedSet<String> rewritten = write(results, packResults, listing);
    t = stage(stages, "write", t);
    Pause.point("ingest-staged");

    // A period of the inbox holds a file in every table it publishes, of no rows where it has none
    // (no rejects, no studios): a reader's glob over the table then finds it empty, not missing.
    for (String table : IngestTables.TABLES.keySet()) {
      for (String period : tablePeriods(table, results, rewritten, rebuild)) {
        if (Period.isValidPeriod(period) && listing.periods().contains(period)) {
          TableFiles.ensureFile(new Path(new Path(warehouse.staging(runId), table), Warehouse.partitionFolder(period)),
              IngestTables.TABLES.get(table), spark.sparkContext().hadoopConfiguration());
        }
      }
    }
    // Every table's periods are published together: one journal, then the swaps.
    List<Warehouse.Move> moves = new ArrayList<>();
    for (String table : IngestTables.TABLES.keySet()) {
      moves.addAll(warehouse.periodMoves(table, new Path(warehouse.staging(runId), table),
          tablePeriods(table, results, rewritten, rebuild)));
    }
    warehouse.commit(runId, moves);
    warehouse.cleanUp(runId);
    stage(stages, "publish", t);
    return new IngestResult(runId, inbox, warehouse.root().toString(), started, Instant.now(),
        List.copyOf(results), listing, rewritten, stages, superseded);
  }

  /** The prints of one submission's files, by file name. */
  private Map<String, HeldSubmission.FilePrint> printsOf(String key) {
    Map<String, HeldSubmission.FilePrint> own = new HashMap<>();
    // Every path of the folder key/ sorts between key + "/" and key + "0" ('0' follows '/').
    prints.subMap(key + "/", true, key + "0", false).forEach((path, print) -> {
      String name = path.substring(key.length() + 1);
      if (name.indexOf('/') < 0) {
        own.put(name, print);
      }
    });
    return own;
  }

  /** What the warehouse holds for one submission: enough to decide, and its counts. */
  private record HeldRow(HeldSubmission submission, SubmissionResult.Counts counts) {

    SubmissionResult asUnchanged(SubmissionResult r) {
      return new SubmissionResult(r.ref(), r.status(), r.contentHash(), r.fileHashes(), r.charsets(),
          r.enterprise(), List.of(), List.of(), List.of(), List.of(), List.of(), counts, r.durationMillis());
    }
  }

  private Map<String, HeldRow> readHeld() throws IOException {
    Map<String, HeldRow> held = new HashMap<>();
    if (!warehouse.hasTable(IngestTables.ENTERPRISES)) {
      return held;
    }
    spark.sparkContext().setJobDescription("ingest: read what the warehouse holds");
    List<Row> rows = table(IngestTables.ENTERPRISES)
        .select("period", "enterprise_id", "content_hash", "submitted_at", "workers_read",
            "workers_accepted", "workers_rejected", "studios_read", "studios_accepted",
            "studios_rejected", "warnings")
        .collectAsList();
    for (Row r : rows) {
      SubmissionResult.Counts counts = new SubmissionResult.Counts(r.getInt(4), r.getInt(5), r.getInt(6),
          r.getInt(7), r.getInt(8), r.getInt(9), r.getInt(10), Map.of());
      held.put(r.getString(0) + "/" + r.getString(1),
          new HeldRow(new HeldSubmission(r.getString(2), r.getAs(3)), counts));
    }
    return held;
  }

  /** The size in bytes of each submission's folder (its files, not sub-folders), to pack tasks by. */
  private static Map<String, Long> sizes(FileSystem fs, List<SubmissionRef> refs) throws IOException {
    Map<String, Long> sizes = new HashMap<>();
    for (SubmissionRef ref : refs) {
      long bytes = 0;
      if (ref.regularFolder()) {
        try {
          for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(new Path(ref.path()))) {
            bytes += f.isFile() ? f.getLen() : 0;
          }
        } catch (IOException e) {
          // The task that reads the folder reports why it cannot be read.
        }
      }
      sizes.put(ref.key(), bytes);
    }
    return sizes;
  }

  /**
   * Reads every submission once, in tasks that each take a pack of submissions of one period. A
   * task writes the rows of its pack (workers, studios, rejected rows, warnings) into its own
   * Parquet files as each submission is accepted, and returns only small results: verdicts,
   * counts, refusals, and the files it wrote. Files are named by task attempt: only those of the attempts whose results
   * come back are ever published.
   */
  private List<Pack.Result> readSubmissions(List<Pack> packs, Map<String, HeldSubmission> held, int submissions) {
    if (packs.isEmpty()) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Map<String, HeldSubmission>> heldB = jsc.broadcast(held);
    Broadcast<HadoopConf> confB = jsc.broadcast(new HadoopConf(spark.sparkContext().hadoopConfiguration()));
    String attempts = new Path(warehouse.staging(runId), ATTEMPTS).toString();
    LongAccumulator done = spark.sparkContext().longAccumulator("changai.ingest.submissions");
    LongAccumulator rows = spark.sparkContext().longAccumulator("changai.ingest.rows");
    spark.sparkContext().setJobDescription("ingest: read and check " + submissions + " submissions");
    spark.sparkContext().setCallSite("ingest: read and check submissions");
    try (IngestProgress progress = IngestProgress.start(spark, submissions, done, rows)) {
      return jsc.parallelize(packs, packs.size())
          .map(pack -> pack.read(confB.value().get(), heldB.value(), attempts, done, rows))
          .collect();
    } finally {
      spark.sparkContext().clearCallSite();
    }
  }

  /**
   * Checks, before anything is published, that every row is accounted for: per submission, rows
   * read = accepted + rejected; per file a task wrote, the row count in its footer (Parquet's own)
   * equals the rows of that table its accepted submissions had: workers and studios accepted,
   * rows rejected, warnings.
   */
  private void reconcile(List<SubmissionResult> results, List<Pack.Result> packs) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> files = packs.stream().flatMap(pack -> pack.files().values().stream()).toList();
    Map<String, Long> footers = new java.util.concurrent.ConcurrentHashMap<>();
    // A footer read is mostly waiting on the file system: several at once.
    java.util.concurrent.ExecutorService readers =
        java.util.concurrent.Executors.newFixedThreadPool(FOOTER_READERS, Futures.daemons("footer-read"));
    try {
      List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
      for (String file : files) {
        reads.add(readers.submit(() -> {
          try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            footers.put(file, reader.getRecordCount());
          }
          return null;
        }));
      }
      Futures.awaitAll(reads, "reading the footers of ingest's files");
    } finally {
      readers.shutdownNow();
    }
    List<String> faults = reconciliationFaults(results, packs, footers);
    if (!faults.isEmpty()) {
      throw new IllegalStateException("ingest does not reconcile, nothing is published: " + String.join("; ", faults));
    }
  }

  /** What does not add up, given the row count in each written file's footer; empty when all does. */
  static List<String> reconciliationFaults(List<SubmissionResult> results, List<Pack.Result> packs,
      Map<String, Long> footers) {
    List<String> faults = new ArrayList<>();
    for (SubmissionResult r : results) {
      SubmissionResult.Counts c = r.counts();
      if (c.workersRead() != c.workersAccepted() + c.workersRejected()
          || c.studiosRead() != c.studiosAccepted() + c.studiosRejected()) {
        faults.add(r.ref().key() + ": rows read " + c.workersRead() + " (studios " + c.studiosRead()
            + ") are not accepted + rejected " + c.workersAccepted() + " + " + c.workersRejected()
            + " (studios " + c.studiosAccepted() + " + " + c.studiosRejected() + ")");
      }
    }
    for (Pack.Result pack : packs) {
      for (String table : Pack.TABLES) {
        long expected = pack.submissions().stream()
            .filter(r -> r.status() == Status.ACCEPTED).mapToLong(r -> rowsOf(table, r.counts())).sum();
        String file = pack.files().get(table);
        long inFile = file == null ? 0 : footers.getOrDefault(file, -1L);
        if (inFile != expected) {
          faults.add((file == null ? "pack " + pack.index() + " (no file)" : file) + " holds " + inFile + " "
              + table + " rows but its submissions had " + expected);
        }
      }
    }
    return faults;
  }

  /** The rows of a table an accepted submission with these counts publishes. */
  private static long rowsOf(String table, SubmissionResult.Counts c) {
    if (table.equals(IngestTables.WORKERS)) {
      return c.workersAccepted();
    } else if (table.equals(IngestTables.STUDIOS)) {
      return c.studiosAccepted();
    } else if (table.equals(IngestTables.REJECTED_ROWS)) {
      return (long) c.workersRejected() + c.studiosRejected();
    } else if (table.equals(IngestTables.WARNINGS)) {
      return c.warnings();
    }
    throw new IllegalArgumentException("no task writes " + table);
  }

  /** Writes every table's new content for the periods that change into staging; returns them. */
  private SortedSet<String> write(List<SubmissionResult> results, List<Pack.Result> packs, Inbox listing)
      throws IOException {
    // The enterprises whose held rows each period drops: those whose submission was accepted.
    Map<String, Set<String>> replaced = new HashMap<>();
    // Periods rebuilt from scratch are rewritten whole, even when nothing in them was accepted.
    SortedSet<String> accepted = new TreeSet<>(rebuild);
    accepted.retainAll(listing.periods());
    // The rows of studios, rejected_rows and warnings are in the tasks' files (Pack#read).
    List<Row> enterprises = new ArrayList<>();
    for (SubmissionResult r : results) {
      if (r.status() == Status.ACCEPTED) {
        accepted.add(r.ref().period());
        replaced.computeIfAbsent(r.ref().period(), p -> new java.util.HashSet<>()).add(r.ref().enterpriseId());
        enterprises.add(IngestTables.enterpriseRow(r, runId));
      }
    }
    // The periods looked at: those listed, and the refusals of top-level folders that are no
    // period and have left the inbox (they show the latest look at it, and go with the folder).
    SortedSet<String> looked = new TreeSet<>(listing.periods());
    if (warehouse.hasTable(IngestTables.REJECTED_SUBMISSIONS)) {
      for (String held : warehouse.periods(IngestTables.REJECTED_SUBMISSIONS)) {
        if (!Period.isValidPeriod(held) && !listing.otherRootEntries().contains(held)) {
          looked.add(held);
        }
      }
    }
    Map<String, List<String>> newRejections = new TreeMap<>();
    Map<String, List<String>> newPeriodWarnings = new TreeMap<>();
    List<Row> rejectionRows = new ArrayList<>();
    List<Row> periodWarningRows = new ArrayList<>();
    for (String period : looked) {
      newRejections.put(period, new ArrayList<>());
      newPeriodWarnings.put(period, new ArrayList<>());
    }
    for (SubmissionResult r : results) {
      for (Rejection rejection : r.rejections()) {
        Row row = IngestTables.rejectionRow(r.ref().period(), r.ref().enterpriseId(), rejection);
        rejectionRows.add(row);
        newRejections.get(r.ref().period()).add(row.toString());
      }
    }
    for (Inbox.PeriodRejection p : listing.rejections()) {
      Row row = IngestTables.rejectionRow(p.period(), p.enterpriseId(), p.rejection());
      rejectionRows.add(row);
      newRejections.get(p.period()).add(row.toString());
    }
    // A refusal stays until its period and enterprise is looked at again (accepted, unchanged or
    // refused anew), even when its folder has left the inbox: the analyst keeps the record.
    // Held refusals name the enterprise as published: masked when its folder is an identity number.
    Set<String> lookedAt = new java.util.HashSet<>();
    results.forEach(r -> lookedAt.add(r.ref().period() + "/" + SafeText.name(r.ref().enterpriseId())));
    for (Row row : heldRefusals(looked)) {
      String period = row.getString(row.fieldIndex("period"));
      String enterprise = row.getString(row.fieldIndex("enterprise_id"));
      if (enterprise != null && !lookedAt.contains(period + "/" + enterprise)) {
        Row kept = RowFactory.create(columnsOf(row, IngestTables.REJECTED_SUBMISSIONS_SCHEMA));
        rejectionRows.add(kept);
        newRejections.get(period).add(kept.toString());
      }
    }
    for (Inbox.PeriodWarning w : listing.warnings()) {
      Row row = IngestTables.issueRow(w.period(), null, w.issue());
      periodWarningRows.add(row);
      newPeriodWarnings.get(w.period()).add(row.toString());
    }

    // A period without accepted submissions is rewritten only when its refusals changed.
    SortedSet<String> rewritten = new TreeSet<>(accepted);
    Map<String, List<String>> heldRejections = heldRows(IngestTables.REJECTED_SUBMISSIONS, null);
    Map<String, List<String>> heldPeriodWarnings = heldRows(IngestTables.WARNINGS, col("enterprise_id").isNull());
    for (String period : looked) {
      if (!sorted(newRejections.get(period)).equals(sorted(heldRejections.getOrDefault(period, List.of())))
          || !sorted(newPeriodWarnings.get(period)).equals(sorted(heldPeriodWarnings.getOrDefault(period, List.of())))) {
        rewritten.add(period);
      }
    }
    if (rewritten.isEmpty()) {
      LOG.info("Nothing changed: no table is rewritten");
      return rewritten;
    }

    if (!accepted.isEmpty()) {
      writeSmall(IngestTables.ENTERPRISES, accepted, replaced, null, enterprises, List.of());
      stageWorkers(accepted, replaced, packs);
      writeSmall(IngestTables.STUDIOS, accepted, replaced, null, List.of(), packs);
      writeSmall(IngestTables.REJECTED_ROWS, accepted, replaced, null, List.of(), packs);
    }
    // Warnings: those of held submissions stay, those of replaced ones and of the period folder go.
    writeSmall(IngestTables.WARNINGS, rewritten, replaced, row -> TableFiles.has(row, "enterprise_id"),
        periodWarningRows, packs);
    // Refusals: the latest look at each period replaces the previous one whole.
    rejectionRows.removeIf(row -> !rewritten.contains(row.getString(row.length() - 1)));
    writeSmall(IngestTables.REJECTED_SUBMISSIONS, Set.of(), replaced, null, rejectionRows, List.of());
    return rewritten;
  }

  /** The periods whose folder a table replaces when published. */
  private static SortedSet<String> tablePeriods(String table, List<SubmissionResult> results,
      SortedSet<String> rewritten, Set<String> rebuild) {
    if (table.equals(IngestTables.WARNINGS) || table.equals(IngestTables.REJECTED_SUBMISSIONS)) {
      return rewritten;
    }
    SortedSet<String> accepted = new TreeSet<>(rebuild);
    accepted.retainAll(rewritten);
    results.stream().filter(r -> r.status() == Status.ACCEPTED).forEach(r -> accepted.add(r.ref().period()));
    return accepted;
  }

  /**
   * Stages a small table for the given periods: the rows the warehouse keeps there (those of
   * enterprises that did not resubmit, and that pass {@code keep}, when given), copied from its
   * files, the fresh ones the driver made ({@link TableFiles#stage}), and the files the tasks of
   * {@code packs} wrote of it.
   */
  private void writeSmall(String name, Set<String> periods, Map<String, Set<String>> replaced, Predicate<Group> keep,
      List<Row> fresh, List<Pack.Result> packs) throws IOException {
    long t = System.nanoTime();
    StructType schema = IngestTables.TABLES.get(name);
    Set<String> kept = new TreeSet<>(periods);
    kept.removeAll(rebuild);
    if (!kept.isEmpty() && warehouse.hasTable(name)) {
      kept.retainAll(warehouse.periods(name));
    } else {
      kept.clear();
    }
    // The held files are checked against the schema ingest writes: none is copied unless it has it.
    List<Warehouse.TableFile> held = kept.isEmpty() ? List.of() : warehouse.checkSchema(name, schema, kept);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TableFiles.stage(new Path(warehouse.staging(runId), name), schema, held,
        file -> keep == null && !TableFiles.mayHold(file.status().getPath(), replaced.getOrDefault(file.period(), Set.of()), conf),
        (period, row) -> (keep == null || keep.test(row)) && !(TableFiles.has(row, "enterprise_id")
            && replaced.getOrDefault(period, Set.of()).contains(row.getString("enterprise_id", 0))),
        fresh, conf);
    stageTaskFiles(name, packs);
    stages.merge("write " + name, (System.nanoTime() - t) / 1_000_000, Long::sum);
  }

  /**
   * Stages the workers of the periods that change: the rows the warehouse keeps (those of
   * enterprises that did not resubmit) and beside them the files the tasks wrote, moved in as
   * they are. A held file without a row of a resubmitting enterprise is kept whole, copied byte
   * for byte; only the files that may hold such rows ({@link TableFiles#mayHold}: Parquet's
   * row-group filters, no Spark job) are copied row by row without them ({@link
   * TableFiles#stage}). A night with one resubmission among thousands then copies the
   * period's files instead of rewriting every row of them (at 10^7 rows: 41.5 s to rewrite).
   */
  private void stageWorkers(Set<String> periods, Map<String, Set<String>> replaced, List<Pack.Result> packs)
      throws IOException {
    Path staged = new Path(warehouse.staging(runId), IngestTables.WORKERS);
    Set<String> keptPeriods = new TreeSet<>(periods);
    keptPeriods.removeAll(rebuild);
    if (warehouse.hasTable(IngestTables.WORKERS)) {
      keptPeriods.retainAll(warehouse.periods(IngestTables.WORKERS));
    } else {
      keptPeriods.clear();
    }
    FileSystem fs = warehouse.fs();
    if (!keptPeriods.isEmpty()) {
      long t = System.nanoTime();
      // The held files, checked against the schema ingest writes: none is copied into the new
      // state unless it has it. A worker id is unique in a file: its copy has no dictionary of them.
      List<Warehouse.TableFile> held = warehouse.checkSchema(IngestTables.WORKERS, IngestTables.WORKERS_SCHEMA, keptPeriods);
      TableFiles.stage(staged, IngestTables.WORKERS_SCHEMA, held,
          file -> !TableFiles.mayHold(file.status().getPath(), replaced.getOrDefault(file.period(), Set.of()), fs.getConf()),
          (period, row) -> !replaced.getOrDefault(period, Set.of()).contains(row.getString("enterprise_id", 0)),
          List.of(), fs.getConf(), "worker_id");
      stages.merge("write workers", (System.nanoTime() - t) / 1_000_000, Long::sum);
    }
    stageTaskFiles(IngestTables.WORKERS, packs);
  }

  /** Moves the files the tasks wrote of a table, as they are, into its staged period folders. */
  private void stageTaskFiles(String table, List<Pack.Result> packs) throws IOException {
    FileSystem fs = warehouse.fs();
    Path staged = new Path(warehouse.staging(runId), table);
    for (Pack.Result pack : packs) {
      String written = pack.files().get(table);
      if (written != null) {
        Path folder = new Path(staged, Warehouse.partitionFolder(pack.period()));
        fs.mkdirs(folder);
        Path file = new Path(written);
        if (!fs.rename(file, new Path(folder, file.getName()))) {
          throw new IOException("could not move " + file + " into " + folder);
        }
      }
    }
  }

  /** A published table, or an empty one of the right shape when it does not exist yet. */
  private Dataset<Row> table(String name) {
    return table(name, null);
  }

  /**
   * A published table whose files of the given periods (all when null), the ones about to be read,
   * have the schema ingest writes; an empty one of the right shape when it does not exist yet.
   */
  private Dataset<Row> table(String name, Collection<String> periods) {
    StructType schema = IngestTables.TABLES.get(name);
    try {
      if (warehouse.hasTable(name)) {
        warehouse.checkSchema(name, schema, periods);
        return warehouse.read(spark, name, schema, periods == null ? warehouse.periods(name) : periods);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return spark.createDataFrame(List.of(), schema);
  }

  /** The published refusals of the given periods (but those rebuilt from scratch). */
  private List<Row> heldRefusals(Set<String> periods) throws IOException {
    Set<String> looked = new TreeSet<>(periods);
    looked.removeAll(rebuild);
    if (looked.isEmpty() || !warehouse.holdsRows(IngestTables.REJECTED_SUBMISSIONS)) {
      return List.of();
    }
    return table(IngestTables.REJECTED_SUBMISSIONS).filter(col("period").isin(looked.toArray()))
        .select(columns(IngestTables.REJECTED_SUBMISSIONS_SCHEMA)).collectAsList();
  }

  private static Object[] columnsOf(Row row, StructType schema) {
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(row.fieldIndex(schema.fields()[i].name()));
    }
    return values;
  }

  /** Small held rows of a table by period, as text, to tell whether a period's content changed. */
  private Map<String, List<String>> heldRows(String name, org.apache.spark.sql.Column filter) throws IOException {
    Map<String, List<String>> byPeriod = new TreeMap<>();
    if (!warehouse.holdsRows(name)) {
      // Nothing held: no Spark query (its first costs seconds of planning in a fresh session).
      return byPeriod;
    }
    Dataset<Row> rows = table(name);
    if (filter != null) {
      rows = rows.filter(filter);
    }
    for (Row row : rows.collectAsList()) {
      byPeriod.computeIfAbsent(row.getAs("period"), p -> new ArrayList<>()).add(row.toString());
    }
    return byPeriod;
  }

  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    copy.sort(null);
    return copy;
  }

  private static org.apache.spark.sql.Column[] columns(StructType schema) {
    String[] names = schema.fieldNames();
    org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] = col(names[i]);
    }
    return columns;
  }

  private static long stage(Map<String, Long> stages, String name, long since) {
    long now = System.nanoTime();
    stages.put(name, (now - since) / 1_000_000);
    return now;
  }
}
