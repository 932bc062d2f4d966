package cn.changai.jobs.warehouse;

import cn.changai.jobs.pause.Pause;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse folder: published tables under {@code tables/}, reports under {@code reports/},
 * run records under {@code runs/}, work in progress under {@code _staging/<run_id>/}.
 *
 * <p>Publication is crash-safe: a run writes everything into staging, then writes a journal of
 * the folders to swap (the commit point), then swaps each folder by renames. A run killed before
 * the journal leaves the published folders untouched; one killed after it is rolled forward by
 * {@link #recover()} at the start of the next run.
 *
 * <p>A stage run on its own commits what it staged at its end. The nightly run {@linkplain
 * #holdCommits() holds} every stage's commit and publishes them all in one at its end; meanwhile
 * the reads of this object ({@link #periods}, {@link #files}, {@link #read}, {@link
 * #periodFolder}) see the held folders in place of the published ones, so each stage reads what the
 * stages before it produced.
 */
public final class Warehouse {

  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Reading a footer needs no setting: options built from Hadoop's configuration would parse its
   * XML resources first, the better part of a schema check.
   */
  private static final ParquetReadOptions FOOTER_ONLY = ParquetReadOptions.builder().build();

  private final Path root;
  private final FileSystem fs;
  /** Moves staged for one commit at the end of the run, by target; null when commits publish at once. */
  private Map<String, Move> held;
  /**
   * What each held move's staged path held when its stage committed it (relative file names,
   * lengths and times), by target: the one commit checks it is still so ({@link #requireStaged}).
   */
  private final Map<String, Map<String, StagedFile>> heldContents = new java.util.HashMap<>();

  /** A staged file's length and time of last change, as a commit checks them ({@link #requireStaged}). */
  private record StagedFile(long length, long modified) {}

  public Warehouse(String location, Configuration conf) throws IOException {
    Path path = new Path(location);
    this.fs = path.getFileSystem(conf);
    // Hadoop's local file system writes a .crc file beside each file; readers of the warehouse
    // (DuckDB, pandas, people) do not need them.
    fs.setWriteChecksum(false);
    this.root = fs.makeQualified(path);
  }

  public FileSystem fs() {
    return fs;
  }

  public Path root() {
    return root;
  }

  /** One data file of a published table: its period partition and its status. */
  public record TableFile(String period, FileStatus status) {}

  /**
   * The data files of a published table in the given periods (every period when null), in path
   * order. Hidden files ({@code _} or {@code .} first, as Spark skips them) are left out. Listed
   * with {@code listStatus}, which never asks for a file's permissions: without Hadoop's native
   * library the local file system starts an {@code ls} process for each file whose permissions
   * are read.
   */
  public List<TableFile> files(String name, Collection<String> periods) throws IOException {
    List<TableFile> files = new ArrayList<>();
    for (String period : periods == null ? periods(name) : new java.util.TreeSet<>(periods)) {
      Path folder = periodFolder(name, period);
      if (folder == null || !fs.exists(folder)) {
        continue;
      }
      FileStatus[] listed = fs.listStatus(folder);
      java.util.Arrays.sort(listed, java.util.Comparator.comparing(FileStatus::getPath));
      for (FileStatus status : listed) {
        String file = status.getPath().getName();
        if (status.isFile() && file.endsWith(".parquet") && !file.startsWith("_") && !file.startsWith(".")) {
          files.add(new TableFile(period, status));
        }
      }
    }
    return files;
  }

  /**
   * Checks, from the Parquet footers of the files of a published table in the given periods (every
   * period when null) and without a Spark job, that each has the expected columns with the
   * expected types, so that a table written otherwise (by hand, or by an older Changai whose types
   * differed) fails with a message naming the column and the file instead of deep inside a Spark
   * task. Nullability is not compared, and {@code period} is the folder, not a column of the
   * files. Returns the files checked.
   */
  public List<TableFile> checkSchema(String name, StructType expected, Collection<String> periods) throws IOException {
    List<TableFile> files = files(name, periods);
    checkFiles(name, expected, files);
    return files;
  }

  private void checkFiles(String name, StructType expected, List<TableFile> files) throws IOException {
    ParquetToSparkSchemaConverter converter = new ParquetToSparkSchemaConverter(SQLConf.get());
    for (TableFile tableFile : files) {
      Path file = tableFile.status().getPath();
      StructType found;
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(tableFile.status(), fs.getConf()),
          FOOTER_ONLY)) {
        found = converter.convert(reader.getFooter().getFileMetaData().getSchema());
      }
      List<String> names = List.of(found.fieldNames());
      for (StructField f : expected.fields()) {
        if (f.name().equals("period")) {
          continue;
        }
        if (!names.contains(f.name())) {
          throw new IllegalStateException(notAsIngestWrites(name) + file + " has no column " + f.name());
        }
        String actual = found.apply(f.name()).dataType().catalogString();
        if (!actual.equals(f.dataType().catalogString())) {
          throw new IllegalStateException(notAsIngestWrites(name) + "column " + f.name() + " is " + actual + ", expected "
              + f.dataType().catalogString() + ", in " + file);
        }
      }
    }
  }

  /**
   * The Spark schema of a Parquet file, from its footer, read here without a Spark job: given to
   * {@code spark.read().schema(...)}, it spares the job Spark runs to infer a folder's schema.
   */
  public StructType fileSchema(FileStatus file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, fs.getConf()), FOOTER_ONLY)) {
      return new ParquetToSparkSchemaConverter(SQLConf.get()).convert(reader.getFooter().getFileMetaData().getSchema());
    }
  }

  /** The first Parquet data file of a folder, by name, if it has one. */
  public java.util.Optional<FileStatus> firstParquet(Path folder) throws IOException {
    return java.util.Arrays.stream(fs.listStatus(folder))
        .filter(s -> s.isFile() && s.getPath().getName().endsWith(".parquet"))
        .min(java.util.Comparator.comparing(s -> s.getPath().getName()));
  }

  private StructType fileSchemaUnchecked(FileStatus file) {
    try {
      return fileSchema(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The start of the message, with what to do first: the file path that follows can be long. */
  private static String notAsIngestWrites(String name) {
    return "table " + name + " is not as ingest writes it (another version of Changai? ingest the inbox into a new"
        + " warehouse): ";
  }

  /** The published folder of a table. */
  public Path table(String name) {
    return new Path(new Path(root, "tables"), name);
  }

  /**
   * The given columns of a registered table's rows in the given periods, as this run sees them,
   * read on the driver without a Spark job ({@link TableFiles#rows}: for the small tables a stage
   * needs whole); the files' types of those columns are checked first ({@link #checkSchema}).
   * {@code period} is the folder. Only the rows {@code keep} accepts are kept, as they are read.
   * None when the table or the periods do not exist.
   */
  public List<Row> rows(Tables.Table table, Collection<String> periods, List<String> columns, Predicate<Row> keep)
      throws IOException {
    if (!hasTable(table.name())) {
      return List.of();
    }
    StructType read = new StructType(columns.stream().map(c -> table.schema().apply(c))
        .toArray(StructField[]::new));
    return TableFiles.rows(checkSchema(table.name(), read, periods), read, columns, keep, fs.getConf());
  }

  /** Whether the table exists, published or held for this run's commit. */
  public boolean hasTable(String name) throws IOException {
    return fs.exists(table(name)) || heldPeriods(name).containsValue(true);
  }

  /**
   * Whether the table holds a row in any period, by its files' footers: a table of findings whose
   * files are all of no rows needs no Spark query to be read as empty.
   */
  public boolean holdsRows(String name) throws IOException {
    if (!hasTable(name)) {
      return false;
    }
    List<Path> paths = new ArrayList<>();
    for (TableFile file : files(name, null)) {
      paths.add(file.status().getPath());
    }
    return TableFiles.anyRows(paths, fs.getConf());
  }

  /**
   * The folder a period of a table is read from: its held staged folder when this run's commit
   * replaces it, else the published one (which may not exist); null when the commit removes it.
   */
  public Path periodFolder(String name, String period) {
    Path published = new Path(table(name), partitionFolder(period));
    Move move = held == null ? null : held.get(relative(published));
    if (move == null) {
      return published;
    }
    return move.replaced() ? new Path(root, move.staged()) : null;
  }

  /**
   * The given periods of a table as this run sees it, with {@code period} as a text column; with
   * a schema, read with it (the period column of the schema is filled from the folders). Periods
   * without a folder are skipped; none at all gives an empty table with the schema, or null
   * without one.
   *
   * <p>When the run's commit holds some of the table's periods, each period folder is read on its
   * own and the reads are unioned: held and published folders have no common root for Spark's
   * partition discovery.
   */
  public Dataset<Row> read(SparkSession spark, String name, StructType schema, Collection<String> periods)
      throws IOException {
    List<String> present = new ArrayList<>();
    List<String> folders = new ArrayList<>();
    for (String period : new java.util.TreeSet<>(periods)) {
      Path folder = periodFolder(name, period);
      if (folder != null && fs.exists(folder)) {
        present.add(period);
        folders.add(folder.toString());
      }
    }
    if (present.isEmpty()) {
      return schema == null ? null : spark.createDataFrame(List.of(), schema);
    }
    if (heldPeriods(name).isEmpty()) {
      // Without a schema, the first folder's from a footer, as Spark would take it, but without the
      // Spark job it runs to read that one footer; Spark adds the period column from the folders.
      StructType own = schema != null ? schema : firstParquet(new Path(folders.get(0))).map(this::fileSchemaUnchecked).orElse(null);
      DataFrameReader reader = own == null ? spark.read() : spark.read().schema(own);
      return reader.option("basePath", table(name).toString()).parquet(folders.toArray(new String[0]));
    }
    Dataset<Row> all = null;
    for (int i = 0; i < present.size(); i++) {
      // Without a schema, the folder's own (one run wrote it) from a footer: no Spark job to infer it.
      StructType own = schema != null ? schema : firstParquet(new Path(folders.get(i))).map(this::fileSchemaUnchecked).orElse(null);
      DataFrameReader reader = own == null ? spark.read() : spark.read().schema(own);
      Dataset<Row> one = reader.parquet(folders.get(i)).withColumn("period", functions.lit(present.get(i)));
      all = all == null ? one : all.unionByName(one, true);
    }
    return all;
  }

  /** The published reports of one period. */
  public Path reports(String period) {
    return new Path(new Path(root, "reports"), period);
  }

  /**
   * The periods a table holds, read from its partition folders (no Spark needed): the published
   * ones, with this run's held commit applied.
   */
  public java.util.SortedSet<String> periods(String name) throws IOException {
    java.util.SortedSet<String> periods = new java.util.TreeSet<>();
    if (fs.exists(table(name))) {
      for (FileStatus status : fs.listStatus(table(name))) {
        String folder = status.getPath().getName();
        partitionPeriod(folder).filter(p -> status.isDirectory()).ifPresent(periods::add);
      }
    }
    heldPeriods(name).forEach((period, replaced) -> {
      if (replaced) {
        periods.add(period);
      } else {
        periods.remove(period);
      }
    });
    return periods;
  }

  /** The periods of a table that the held commit replaces (true) or removes (false). */
  private Map<String, Boolean> heldPeriods(String name) {
    Map<String, Boolean> periods = new java.util.TreeMap<>();
    if (held != null) {
      String prefix = relative(table(name)) + "/";
      for (Move move : held.values()) {
        String folder = move.target().startsWith(prefix) ? move.target().substring(prefix.length()) : "";
        if (folder.indexOf('/') < 0) {
          partitionPeriod(folder).ifPresent(period -> periods.put(period, move.replaced()));
        }
      }
    }
    return periods;
  }

  public Path runs() {
    return new Path(root, "runs");
  }

  /** The staging folder of one run; nothing there is visible to readers of the tables. */
  public Path staging(String runId) {
    return new Path(new Path(root, "_staging"), runId);
  }

  private Path trash(String runId) {
    return new Path(new Path(root, "_trash"), runId);
  }

  private Path journal(String runId) {
    return new Path(new Path(root, JOURNALS), runId + ".json");
  }

  /** The folder name of a period partition, escaped the way Spark writes it. */
  public static String partitionFolder(String period) {
    return PARTITION_PREFIX + ExternalCatalogUtils.escapePathName(period);
  }

  /** The period a partition folder's name stands for, or empty when it is no partition folder. */
  public static java.util.Optional<String> partitionPeriod(String folder) {
    return folder.startsWith(PARTITION_PREFIX)
        ? java.util.Optional.of(ExternalCatalogUtils.unescapePathName(folder.substring(PARTITION_PREFIX.length())))
        : java.util.Optional.empty();
  }

  private static final String PARTITION_PREFIX = Tables.PERIOD + "=";

  /**
   * One folder to swap: a published folder and its staged replacement (paths relative to the
   * root), and whether the replacement exists; when it does not, the published folder goes away.
   */
  public record Move(String target, String staged, boolean replaced) {}

  /** The moves that publish the given periods of a table staged under {@code staged}. */
  public List<Move> periodMoves(String table, Path staged, Collection<String> periods) throws IOException {
    List<Move> moves = new ArrayList<>();
    for (String period : periods) {
      String folder = partitionFolder(period);
      Path fresh = new Path(staged, folder);
      moves.add(new Move(relative(new Path(table(table), folder)), relative(fresh), fs.exists(fresh)));
    }
    return moves;
  }

  /**
   * Replaces the given periods of a published table by the staged ones, crash-safely. A period
   * absent from staging is removed from the table (it became empty).
   */
  public void publish(String table, Path staged, Collection<String> periods, String runId) throws IOException {
    commit(runId, periodMoves(table, staged, periods));
  }

  /**
   * From now on, {@link #commit} holds its moves instead of publishing them, until {@link
   * #commitHeld}: the nightly run publishes everything it produced in one commit.
   */
  public void holdCommits() {
    held = new LinkedHashMap<>();
  }

  /** Whether commits are held for one commit at the end. */
  public boolean holdsCommits() {
    return held != null;
  }

  /**
   * Publishes every held move in one journaled commit, ordered by period (each period's tables,
   * then its reports) so that a reader during the commit meets few mixed periods, and run-wide
   * files last; then removes the run's staging. Commits are no longer held afterwards.
   */
  public void commitHeld(String runId, Published published) throws IOException {
    List<Move> moves = new ArrayList<>(held.values());
    held = null;
    Map<String, Map<String, StagedFile>> contents = new java.util.HashMap<>(heldContents);
    heldContents.clear();
    moves.sort(java.util.Comparator.comparing(Warehouse::periodOf));
    Pause.point("before-commit");
    commit(runId, moves, contents, published);
    cleanUp(runId);
  }

  /**
   * What a commit does once every folder is swapped and before its journal goes: the nightly run
   * writes its record there, so that a run stopped at any moment after its commit point either
   * has its record or leaves the journal from which the next run writes one.
   */
  @FunctionalInterface
  public interface Published {
    void run() throws IOException;
  }

  /** The period a move belongs to, for the commit's order; run-wide files sort last. */
  private static String periodOf(Move move) {
    String target = move.target();
    if (target.startsWith("tables/")) {
      // tables/<table>/period=<P>[/...]
      String[] parts = target.split("/", 4);
      java.util.Optional<String> period = parts.length >= 3 ? partitionPeriod(parts[2]) : java.util.Optional.empty();
      if (period.isPresent()) {
        return period.get();
      }
    }
    if (target.startsWith("reports/")) {
      int end = target.indexOf('/', "reports/".length());
      return target.substring("reports/".length(), end < 0 ? target.length() : end);
    }
    return "\uffff";
  }

  /**
   * Publishes staged folders or files: the journal first (the commit point), then the swaps. While
   * commits are {@linkplain #holdCommits() held}, the moves are kept for the one commit at the end
   * (a later move of the same target replaces an earlier one).
   */
  public void commit(String runId, List<Move> moves) throws IOException {
    commit(runId, moves, Map.of(), null);
  }

  /** A commit, checking first that each staged path holds what {@code staged} lists for its target (when it does). */
  private void commit(String runId, List<Move> moves, Map<String, Map<String, StagedFile>> staged, Published published)
      throws IOException {
    if (held != null) {
      for (Move move : moves) {
        held.remove(move.target());
        held.put(move.target(), move);
        heldContents.remove(move.target());
        if (move.replaced()) {
          heldContents.put(move.target(), contents(new Path(root, move.staged())));
        }
      }
      return;
    }
    if (moves.isEmpty()) {
      if (published != null) {
        published.run();
      }
      return;
    }
    requireStaged(runId, moves, staged);
    requireWritable(runId, moves);
    Path journal = journal(runId);
    fs.mkdirs(journal.getParent());
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("run_id", runId);
    record.put("moves", moves);
    // Written whole under another name, then renamed: a journal is complete or absent, never cut.
    Path fresh = new Path(journal.getParent(), runId + ".json.tmp");
    try (org.apache.hadoop.fs.FSDataOutputStream out = fs.create(fresh, true)) {
      out.write(JSON.writeValueAsBytes(record));
      out.hsync();
    }
    Pause.point("journal-written");
    rename(fresh, journal);
    Pause.point("after-journal");
    try (ReadersGate gate = ReadersGate.swapping(this)) {
      swapMarked(runId, moves);
    }
    Pause.point("swapped");
    if (published != null) {
      published.run();
    }
    fs.delete(journal, false);
    fs.delete(trash(runId), true);
  }

  /**
   * Refuses a commit whose staged replacement is gone, or (for the one commit of held moves)
   * holds other files, lengths or times of last change than when its stage committed it: the swaps
   * skip a move whose staged path is missing (right when a recovery repeats a swap already done),
   * so a staged folder or file removed during the run (by hand, by a cleaner of old files) would
   * publish the rest beside the old folder, or a table short of rows, and call the run a success.
   * Refused before the commit point, nothing is published and the next run does the work again.
   */
  private void requireStaged(String runId, List<Move> moves, Map<String, Map<String, StagedFile>> expected)
      throws IOException {
    for (Move move : moves) {
      if (!move.replaced()) {
        continue; // a removal: nothing staged
      }
      Path staged = new Path(root, move.staged());
      if (!fs.exists(staged)) {
        throw new IOException("cannot publish run " + runId + ": " + staged
            + " is no longer there (removed while the run was working?); nothing was published");
      }
      Map<String, StagedFile> then = expected.get(move.target());
      Map<String, StagedFile> now = then == null ? null : contents(staged);
      if (then != null && !now.equals(then)) {
        throw new IOException("cannot publish run " + runId + ": " + staged + " changed while the run was working ("
            + difference(then, now) + "); nothing was published");
      }
    }
  }

  /**
   * Refuses a commit whose swaps a folder of the warehouse would stop: one the user may not write,
   * on a read-only mount, or made immutable ({@code chattr +i}), whether the folder a target is
   * swapped in, or a published folder that goes to the trash (a folder moved to another parent is
   * written too: its {@code ..} changes). Found only at its swap, it stopped the commit past its
   * commit point, the tables part old, part new, and every later run failed again completing the
   * journal; refused here, nothing is published. Local disks only: elsewhere the swap says so.
   */
  private void requireWritable(String runId, List<Move> moves) throws IOException {
    if (!"file".equals(fs.getUri().getScheme())) {
      return;
    }
    java.util.Set<java.nio.file.Path> folders = new java.util.LinkedHashSet<>();
    folders.add(local(new Path(root, SWAPPING)));
    folders.add(local(trash(runId)));
    for (Move move : moves) {
      java.nio.file.Path target = local(new Path(root, move.target()));
      folders.add(target.getParent());
      if (java.nio.file.Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        folders.add(target);
      }
    }
    for (java.nio.file.Path folder : folders) {
      java.nio.file.Path existing = folder;
      while (existing != null && !java.nio.file.Files.isDirectory(existing)) {
        existing = existing.getParent(); // made by the swap: its nearest parent is written
      }
      if (existing == null || java.nio.file.Files.isWritable(existing)) {
        continue;
      }
      // The system's reason, from a file made there (only where access(2) already said no).
      String why = FolderProbe.whyNotWritable(existing);
      if (why.isEmpty()) {
        continue;
      }
      String reason = "cannot publish run " + runId + " into this folder ("
          + (why.equals(DENIED) ? "this user may not write it" : why) + "); nothing was published";
      throw why.equals(DENIED) ? new java.nio.file.AccessDeniedException(existing.toString(), null, reason)
          : new java.nio.file.FileSystemException(existing.toString(), null, reason);
    }
  }

  private java.nio.file.Path local(Path path) {
    return LocalPath.of(fs.makeQualified(path).toUri());
  }

  /** The files under a staged path (itself when it is a file, as ""), by relative name, with their lengths and times. */
  private Map<String, StagedFile> contents(Path staged) throws IOException {
    Map<String, StagedFile> contents = new java.util.TreeMap<>();
    if (fs.exists(staged)) {
      addContents(staged, "", contents);
    }
    return contents;
  }

  private void addContents(Path path, String name, Map<String, StagedFile> contents) throws IOException {
    FileStatus status = fs.getFileStatus(path);
    if (!status.isDirectory()) {
      contents.put(name, new StagedFile(status.getLen(), status.getModificationTime()));
      return;
    }
    // listStatus, which never asks for permissions (see files()).
    for (FileStatus child : fs.listStatus(path)) {
      String childName = name.isEmpty() ? child.getPath().getName() : name + "/" + child.getPath().getName();
      if (child.isDirectory()) {
        addContents(child.getPath(), childName, contents);
      } else {
        contents.put(childName, new StagedFile(child.getLen(), child.getModificationTime()));
      }
    }
  }

  /** The first file that went, came, changed length or was written again between two listings, in words. */
  private static String difference(Map<String, StagedFile> then, Map<String, StagedFile> now) {
    for (Map.Entry<String, StagedFile> file : then.entrySet()) {
      String shown = file.getKey().isEmpty() ? "the file" : file.getKey();
      StagedFile was = file.getValue();
      StagedFile is = now.get(file.getKey());
      if (is == null) {
        return shown + " is gone";
      }
      if (is.length() != was.length()) {
        return shown + " was " + was.length() + " bytes and is " + is.length();
      }
      if (is.modified() != was.modified()) {
        return shown + " was written again";
      }
    }
    for (String file : now.keySet()) {
      if (!then.containsKey(file)) {
        return file + " appeared";
      }
    }
    return "changed";
  }

  /** The folder of the marks of swaps begun and not finished ({@link #swapMarked}). */
  private static final String SWAPPING = "_swapping";
  /** The folder of commit journals, one {@code <run id>.json} per publication begun. */
  private static final String JOURNALS = "_journal";

  /**
   * The swaps, marked from before the first to after the last by a file {@code
   * _swapping/<run id>}: a reader that holds the readers' gate and finds one knows that the tables
   * are part old, part new, because a commit in progress would hold the gate alone.
   */
  private void swapMarked(String runId, List<Move> moves) throws IOException {
    Path mark = new Path(new Path(root, SWAPPING), runId);
    fs.create(mark, true).close();
    swap(runId, moves);
    fs.delete(mark, false);
  }

  /**
   * The runs stopped while they swapped their tables (their marks, {@link #swapMarked}), whose
   * publication the next run completes: until then the tables are part old, part new. Read it
   * holding the readers' gate; none when it cannot be listed.
   */
  public List<String> stoppedWhileSwapping() {
    try {
      Path marks = new Path(root, SWAPPING);
      if (!fs.exists(marks)) {
        return List.of();
      }
      return java.util.Arrays.stream(fs.listStatus(marks)).map(s -> s.getPath().getName()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Swaps each folder by renames: published to trash, staged to published (a file on a local disk
   * in one rename over the published one, {@link #replacedAtOnce}). Every step can be
   * repeated after a crash, so the same code finishes a killed run's journal. The trash is deleted
   * by the caller once every folder is swapped: nothing but renames between the first swap and the
   * last keeps the moments in which a reader can meet old and new tables side by side short.
   */
  private void swap(String runId, List<Move> moves) throws IOException {
    int index = 0;
    for (Move move : moves) {
      if (index == 1) {
        Pause.point("between-swaps");
      }
      Path target = new Path(root, move.target());
      Path fresh = new Path(root, move.staged());
      Path old = new Path(trash(runId), Integer.toString(index++));
      boolean pending = move.replaced() ? fs.exists(fresh) : fs.exists(target);
      if (pending) {
        if (move.replaced()) {
          fs.mkdirs(target.getParent());
          if (replacedAtOnce(fresh, target)) {
            continue;
          }
        }
        if (fs.exists(target)) {
          fs.delete(old, true);
          fs.mkdirs(old.getParent());
          // From here to the next rename the folder is absent: nothing else happens in between.
          rename(target, old);
        }
        if (move.replaced()) {
          rename(fresh, target);
        }
      }
    }
  }

  /**
   * Puts a staged file in place of a published file in one rename, on a local disk: POSIX renames a
   * file over another atomically, so a reader (or a run killed at that moment) finds the old file or
   * the new one, never none. False, doing nothing, for folders (a folder cannot replace one that
   * holds files) and for other file systems (HDFS does not rename over a file): those go through the
   * trash.
   */
  private boolean replacedAtOnce(Path fresh, Path target) throws IOException {
    if (!"file".equals(fs.getUri().getScheme())) {
      return false;
    }
    java.nio.file.Path from = local(fresh);
    java.nio.file.Path to = local(target);
    java.nio.file.LinkOption noFollow = java.nio.file.LinkOption.NOFOLLOW_LINKS;
    if (!java.nio.file.Files.isRegularFile(from, noFollow) || java.nio.file.Files.isDirectory(to, noFollow)) {
      return false;
    }
    try {
      java.nio.file.Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      return false; // a folder of the warehouse mounted from another disk: Hadoop's rename copies
    } catch (java.nio.file.FileSystemException e) {
      IOException failed = moveFailed(fresh, target);
      failed.addSuppressed(e);
      throw failed;
    }
  }

  /**
   * The ids of the journals in place, sorted: each a publication begun and not yet completed (a
   * journal still under its temporary name is a commit that never happened, and is left out). A
   * failed run's row has a journal of its own, {@code <run id>-row}.
   */
  public List<String> journals() throws IOException {
    List<String> ids = new ArrayList<>();
    Path journals = new Path(root, JOURNALS);
    if (fs.exists(journals)) {
      for (FileStatus status : fs.listStatus(journals)) {
        String name = status.getPath().getName();
        if (name.endsWith(".json")) {
          ids.add(name.substring(0, name.length() - ".json".length()));
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /**
   * Finishes or undoes what a killed run left: journals are rolled forward (the run had staged
   * everything), staging and trash without a journal are deleted (nothing was published). Call it
   * only while holding the warehouse lock. Returns the ids of the runs whose publication it
   * completed, so that the caller can record them (a run killed after its commit point never wrote
   * its record).
   */
  public List<String> recover() throws IOException {
    List<String> completed = new ArrayList<>();
    Path journals = new Path(root, JOURNALS);
    if (fs.exists(journals)) {
      for (FileStatus status : fs.listStatus(journals)) {
        Path file = status.getPath();
        String runId = null;
        List<Move> moves = new ArrayList<>();
        // Journals are renamed into place once whole, and nothing is swapped before: one that is
        // empty, cut or still under its temporary name is a commit that never happened. (A journal
        // that cannot be read for another reason stops the recovery: it may be a good one.)
        String broken = file.getName().endsWith(".json") ? null : "unfinished (" + status.getLen() + " bytes)";
        if (broken == null) {
          try (InputStream in = fs.open(file)) {
            Map<?, ?> record = JSON.readValue(in, Map.class);
            runId = (String) record.get("run_id");
            for (Object m : (List<?>) record.get("moves")) {
              Map<?, ?> move = (Map<?, ?>) m;
              moves.add(new Move((String) move.get("target"), (String) move.get("staged"),
                  Boolean.TRUE.equals(move.get("replaced"))));
            }
          } catch (com.fasterxml.jackson.core.JacksonException | RuntimeException e) {
            broken = status.getLen() == 0 ? "empty" : "cut or unreadable (" + status.getLen() + " bytes)";
          }
        }
        if (broken != null) {
          LOG.warn("Discarding the journal {}: it is {}, left by a run that stopped before publishing anything",
              file, broken);
          fs.delete(file, false);
          continue;
        }
        LOG.warn("Completing the publication of run {} that stopped half-way ({} folders)", runId, moves.size());
        try (ReadersGate gate = ReadersGate.swapping(this)) {
          swapMarked(runId, moves);
        }
        fs.delete(status.getPath(), false);
        fs.delete(trash(runId), true);
        completed.add(runId);
      }
    }
    for (String scratch : List.of("_staging", "_trash", SWAPPING)) {
      Path folder = new Path(root, scratch);
      if (fs.exists(folder)) {
        for (FileStatus leftover : fs.listStatus(folder)) {
          LOG.info("Removing {} left by a run that did not finish", leftover.getPath());
          fs.delete(leftover.getPath(), true);
        }
      }
    }
    // A kill while a run record or the lock file was being written leaves its temporary file
    // (runs/.<run_id>.json.tmp, _lock.<token>.tmp); only the lock's holder writes either, and this
    // one has written its own, so any left is a dead run's.
    removeTemporaries(runs(), name -> name.startsWith(".") && name.endsWith(".json.tmp"));
    removeTemporaries(root, name -> name.startsWith("_lock.") && name.endsWith(".tmp"));
    return completed;
  }

  private void removeTemporaries(Path folder, java.util.function.Predicate<String> leftover) throws IOException {
    if (!fs.exists(folder)) {
      return;
    }
    for (FileStatus file : fs.listStatus(folder)) {
      if (file.isFile() && leftover.test(file.getPath().getName())) {
        LOG.info("Removing {} left by a run that stopped while writing it", file.getPath());
        fs.delete(file.getPath(), false);
      }
    }
  }

  /**
   * Whether the run wrote its commit's journal (its commit point): what it staged is then published
   * whatever happens next, by this run's swaps or by the next run's recovery.
   */
  public boolean pastCommitPoint(String runId) throws IOException {
    return fs.exists(journal(runId));
  }

  /**
   * Frees what a failed run staged, unless its commit began (its journal is in place: the next
   * run's {@link #recover} finishes that commit). A run that filled the disk can then still write
   * its record, and leaves the disk as it found it. Commits are no longer held afterwards.
   */
  public void discard(String runId) throws IOException {
    held = null;
    heldContents.clear();
    if (pastCommitPoint(runId)) {
      return;
    }
    fs.delete(new Path(journal(runId).getParent(), runId + ".json.tmp"), false);
    fs.delete(staging(runId), true);
    fs.delete(trash(runId), true);
    if (fs.exists(staging(runId)) || fs.exists(trash(runId))) {
      LOG.warn("Could not delete what run {} staged under {} (is the disk read-only?); the next run removes it",
          runId, staging(runId));
    }
  }

  /**
   * Removes what a run left under {@code _staging} and {@code _trash}; nothing while commits are
   * held (the staging is what the commit will publish).
   */
  public void cleanUp(String runId) throws IOException {
    if (held != null) {
      return;
    }
    fs.delete(staging(runId), true);
    fs.delete(trash(runId), true);
  }

  /** A path inside the warehouse, relative to its root, as moves name it. */
  public String relative(Path path) {
    String full = fs.makeQualified(path).toUri().getPath();
    String base = root.toUri().getPath();
    if (!full.startsWith(base + "/")) {
      throw new IllegalArgumentException(path + " is not inside the warehouse " + root);
    }
    return full.substring(base.length() + 1);
  }

  /**
   * Puts a file written beside it (a run record, say) in place of {@code target}: in one rename on
   * a local disk, so that a reader, or a kill at that moment, finds the old file or the new one;
   * elsewhere the old one goes first.
   */
  public void replaceFile(Path fresh, Path target) throws IOException {
    if (!replacedAtOnce(fresh, target)) {
      fs.delete(target, false);
      rename(fresh, target);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw moveFailed(from, to);
    }
  }

  /** The exception for a move that failed, saying why when the file system tells ({@link #whyNotMoved}). */
  private IOException moveFailed(Path from, Path to) {
    String what = "cannot move " + from + " to " + to;
    String why = whyNotMoved(from, to);
    return why.equals(DENIED) ? new java.nio.file.AccessDeniedException(what) : new IOException(what + why);
  }

  private static final String DENIED = FolderProbe.DENIED;

  /**
   * Why a rename failed, as far as a local file system tells: Hadoop's rename answers false and
   * no more, and a warehouse made read-only mid-run must still be named so ({@code Failures}).
   * {@link #DENIED} for a folder the user may not write; the system's reason when a file cannot
   * be made in either folder ("Read-only file system", "No space left on device"); empty when it
   * cannot be told.
   */
  private String whyNotMoved(Path from, Path to) {
    if (!"file".equals(fs.getUri().getScheme())) {
      return "";
    }
    try {
      java.nio.file.Path source = local(from);
      java.nio.file.Path target = local(to);
      if (!java.nio.file.Files.exists(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return ": it is no longer there";
      }
      for (java.nio.file.Path folder : List.of(source.getParent(), target.getParent())) {
        // A file made and removed there says what the rename did not (a read-only mount, a denied
        // folder); for a folder that Hadoop's mkdirs could not make, without a word, its nearest parent.
        String why = FolderProbe.whyNotWritable(folder);
        if (!why.isEmpty()) {
          return why.equals(FolderProbe.DENIED) ? DENIED : ": " + why;
        }
        if (!java.nio.file.Files.isDirectory(folder)) {
          return ": folder " + folder + " is not there";
        }
      }
      return java.nio.file.Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? ": the target is there" : "";
    } catch (RuntimeException e) {
      return "";
    }
  }
}
