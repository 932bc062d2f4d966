package cn.changai.jobs.ingest;

import cn.changai.domain.CreditCode;
import cn.changai.domain.Gender;
import cn.changai.domain.Honour;
import cn.changai.domain.Period;
import cn.changai.domain.SkillLevel;
import cn.changai.domain.StudioLevel;
import cn.changai.domain.StudioType;
import cn.changai.jobs.ingest.CsvRows.Column;
import cn.changai.jobs.ingest.FieldValue.RowFault;
import cn.changai.jobs.ingest.SubmissionResult.Counts;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.security.DigestInputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads one submission folder and applies every rule of the data contract. The same code serves
 * {@code ingest} (inside a Spark task) and {@code validate} (on its own, without Spark).
 */
public final class SubmissionReader {

  public static final String ENTERPRISE = EnterpriseJson.FILE;
  public static final String WORKERS = "workers.csv";
  public static final String STUDIOS = "studios.csv";

  /** The columns of workers.csv, in the contract's order. */
  static final List<Column> WORKER_COLUMNS =
      List.of(
          new Column("worker_id", "工号", true),
          new Column("industrial_worker", "是否产业工人", true),
          new Column("frontline", "是否一线", true),
          new Column("party_member", "是否党员", true),
          new Column("party_joined", "入党日期", false),
          new Column("skill_level", "技能等级", true),
          new Column("birth_year", "出生年份", false),
          new Column("gender", "性别", false),
          new Column("hire_date", "入职日期", true),
          new Column("annual_wage_yuan", "年收入", false),
          new Column("training_hours", "培训学时", false),
          new Column("mentor_id", "师傅工号", false),
          new Column("honours", "荣誉", false),
          new Column("mass_org_post", "群团挂兼职", false),
          new Column("health_check", "年度体检", false),
          new Column("recuperation", "疗休养", false),
          new Column("studio_id", "所属工作室", false));

  /** The columns of studios.csv, in the contract's order. */
  static final List<Column> STUDIO_COLUMNS =
      List.of(
          new Column("studio_id", "工作室编号", true),
          new Column("type", "类型", true),
          new Column("level", "级别", true),
          new Column("established", "成立日期", false),
          new Column("leader_id", "领衔人工号", false),
          new Column("achievements", "成果数", false),
          new Column("achievements_converted", "转化成果数", false),
          new Column("funding_wan_yuan", "经费万元", false));

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubmissionReader.class);
  private static final int EARLIEST_BIRTH_YEAR = 1940;
  private static final int YOUNGEST_AGE = 15;

  /** The most data rows a workers.csv may hold: ten times the largest group's whole workforce. */
  static final int MAX_WORKER_ROWS = Integer.getInteger("changai.ingest.maxWorkerRows", 1_000_000);
  /** The most data rows a studios.csv may hold. */
  static final int MAX_STUDIO_ROWS = 100_000;
  /**
   * The most rejected rows a submission may have before it is refused whole: each is held with its
   * raw line (up to 1,000 characters) until the submission is done, so that a file of a million
   * long bad rows would exhaust the task's memory; one so broken is not the file the contract asks
   * for.
   */
  static final int MAX_REJECTED_ROWS = 100_000;
  /**
   * The largest CSV file read: every row waits, with its raw line, for the file's end (a later
   * duplicate id rejects it), so memory follows a file's size; 256 MiB is some fifty times the
   * largest roster's file.
   */
  static final long MAX_CSV_BYTES = Long.getLong("changai.ingest.maxCsvBytes", 256L << 20);
  /** The largest enterprise.json read whole: a few kilobytes are expected; a hostile one is bounded. */
  static final int MAX_JSON_BYTES = 64 << 20;

  private static final BigDecimal ZERO_HOURS = BigDecimal.ZERO.setScale(FieldValue.SCALE);

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final Charset GB18030 = Charset.forName("GB18030");

  /**
   * GBK as Windows writes it (code page 936): GB18030 less its four-byte forms, plus the byte 0x80
   * for €, which GB18030 refuses. Excel on Chinese Windows saves CSV so; tried after GB18030.
   */
  private static final Charset WINDOWS_936 = Charset.isSupported("x-mswin-936") ? Charset.forName("x-mswin-936") : null;

  /** The encodings a CSV file is read in, in order, until one decodes it whole. */
  private static final Charset[] CHARSETS = WINDOWS_936 == null
      ? new Charset[] {StandardCharsets.UTF_8, GB18030}
      : new Charset[] {StandardCharsets.UTF_8, GB18030, WINDOWS_936};

  /** The sink failed: the task fails, and no submission is blamed for the warehouse's fault. */
  public static final class WriteFailed extends java.io.UncheckedIOException {
    WriteFailed(IOException cause) {
      super("writing accepted rows failed: " + cause.getMessage(), cause);
    }
  }

  /** Takes the accepted workers of an accepted submission, in file order. */
  public interface WorkerSink {
    void accept(WorkerRecord worker) throws IOException;
  }

  private final FileSystem fs;
  private final SubmissionRef ref;
  private final HeldSubmission held;

  private final Map<String, String> fileHashes = new TreeMap<>();
  private final Map<String, String> charsets = new TreeMap<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private final List<Issue> warnings = new ArrayList<>();
  private final List<Issue> rejectedRows = new ArrayList<>();
  private int workersRead;
  private int studiosRead;

  private SubmissionReader(FileSystem fs, SubmissionRef ref, HeldSubmission held) {
    this.fs = fs;
    this.ref = ref;
    this.held = held;
  }

  /**
   * Reads one submission and keeps its accepted workers in the result: for tests and small
   * folders. {@code held} is what the warehouse holds for the same period and enterprise, or null.
   */
  public static SubmissionResult read(FileSystem fs, SubmissionRef ref, HeldSubmission held) {
    List<WorkerRecord> workers = new ArrayList<>();
    SubmissionResult result = read(fs, ref, held, workers::add);
    return result.withWorkers(workers);
  }

  /**
   * Reads one submission in one pass and hands its accepted workers to {@code sink} once the
   * verdict is known (nothing for a submission that is not accepted). {@code held} is what the
   * warehouse holds for the same period and enterprise, or null; it decides between new,
   * unchanged, replacing and refused.
   */
  public static SubmissionResult read(FileSystem fs, SubmissionRef ref, HeldSubmission held, WorkerSink sink) {
    SubmissionReader reader = new SubmissionReader(fs, ref, held);
    long started = System.nanoTime();
    try {
      return reader.read(sink);
    } catch (WriteFailed e) {
      // Rows could not be written: a fault of the warehouse, not of the submission.
      throw e;
    } catch (IOException e) {
      // One unreadable submission must not stop the others: it is refused with the reason.
      reader.rejections.add(new Rejection(ref.path(), ReasonCode.READ_ERROR, unreadable(e)));
    } catch (RuntimeException e) {
      LOG.error("Reading {} failed", ref.path(), e);
      reader.rejections.add(new Rejection(ref.path(), ReasonCode.INTERNAL_ERROR, "reading failed: " + e));
    }
    return reader.result(Status.REJECTED, null, null, List.of(), List.of(), started);
  }

  /** How Java's file streams say a file this user may not read (the C library's text, in English under the launcher). */
  private static final String DENIED = " (Permission denied)";

  /**
   * The reason a submission could not be read. A file this user may not read (written by another
   * account under {@code umask 077}) is named with its permissions and what mends it: it read
   * "cannot read: java.io.FileNotFoundException: …/workers.csv (Permission denied)". The reason is
   * published (rejected_submissions, the quality page), so it names no account: an account name is
   * often a person's; the log names the owner and this user for the operator. Still the
   * submission's refusal, not a failure of the night: one unreadable upload must not stop the
   * others, and the next run reads it again once it is readable.
   */
  static String unreadable(IOException e) {
    String file = null;
    if (e instanceof java.nio.file.AccessDeniedException denied && denied.getFile() != null) {
      file = denied.getFile();
    } else if (e instanceof java.io.FileNotFoundException && e.getMessage() != null && e.getMessage().endsWith(DENIED)) {
      file = e.getMessage().substring(0, e.getMessage().length() - DENIED.length());
    }
    if (file == null) {
      return "cannot read: " + e;
    }
    String user = System.getProperty("user.name");
    try {
      java.nio.file.Path local = java.nio.file.Path.of(file);
      String owner = java.nio.file.Files.getOwner(local).getName();
      String mode = java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(local));
      LOG.warn("Cannot read {}: permission denied: it belongs to {} ({}), and this process runs as {}", file, owner, mode, user);
      return "cannot read " + file + ": permission denied (" + mode + "): this run's user may not read it; its owner can"
          + " make it readable (chmod g+r for a group both share, or a+r)";
    } catch (IOException | RuntimeException unknown) {
      LOG.warn("Cannot read {}: permission denied, and this process runs as {}", file, user);
      return "cannot read " + file + ": permission denied: this run's user may not read it";
    }
  }

  private SubmissionResult read(WorkerSink sink) throws IOException {
    long started = System.nanoTime();
    if (!ref.regularFolder()) {
      reject(ref.path(), ReasonCode.NOT_REGULAR_FILE,
          FieldValue.quote(ref.enterpriseId()) + " is a symbolic link or special file, not a folder; it is not followed");
      return result(Status.REJECTED, null, null, List.of(), List.of(), started);
    }
    if (!CreditCode.isValidCreditCode(ref.enterpriseId())) {
      reject(ref.path(), ReasonCode.BAD_ENTERPRISE_ID,
          "folder " + FieldValue.quote(ref.enterpriseId()) + " is not a valid unified social credit code");
      if (ref.enterpriseId().indexOf('\uFFFD') >= 0) {
        // A name with bytes that are no text (Entries.list) cannot be opened by name: refused by
        // its name alone, what it holds is not read.
        return result(Status.REJECTED, null, null, List.of(), List.of(), started);
      }
    } else if (PersonalData.isResidentIdentityNumber(ref.enterpriseId())) {
      reject(ref.path(), ReasonCode.BAD_ENTERPRISE_ID, "folder " + FieldValue.quote(ref.enterpriseId())
          + " is a resident identity number (which also passes the credit code's check); no enterprise's code is one");
    }
    Period period = Period.parse(ref.period()).orElseThrow();
    Set<String> files = list();
    if (files == null) {
      return result(Status.REJECTED, null, null, List.of(), List.of(), started);
    }
    // Only a submission the warehouse may already hold is hashed before it is parsed; a file
    // whose size and time are those the last run recorded is not read again for its hash.
    boolean sameAsHeld = false;
    if (held != null) {
      Set<String> printed = new TreeSet<>();
      for (String name : files) {
        String sha = unchangedHash(held.prints().get(name), name);
        if (sha != null) {
          printed.add(name);
        }
        fileHashes.put(name, sha != null ? sha : hashOnly(name));
      }
      sameAsHeld = held.contentHash().equals(contentHash()) && rejections.isEmpty();
      if (sameAsHeld && !held.othersChanged()) {
        return result(Status.UNCHANGED, contentHash(), null, List.of(), List.of(), started);
      }
      // The parse hashes every file it reads: a print cannot stand in for what was read.
      fileHashes.keySet().removeAll(printed);
    }

    EnterpriseRecord enterprise = null;
    if (files.contains(ENTERPRISE)) {
      byte[] bytes = readJson();
      if (bytes != null) {
        EnterpriseJson json = EnterpriseJson.read(path(ENTERPRISE), bytes, ref.period(), ref.enterpriseId());
        rejections.addAll(json.faults);
        warnings.addAll(json.warnings);
        enterprise = json.record;
      }
    }
    FileRows<StudioRecord> studioRows = new FileRows<>(STUDIOS, "studio_id", (id, r) -> parseStudio(id, r, period));
    if (files.contains(STUDIOS)) {
      parseFile(STUDIOS, STUDIO_COLUMNS, MAX_STUDIO_ROWS, studioRows);
      studiosRead = studioRows.read;
    }
    List<StudioRecord> studios = studioRows.accepted();
    FileRows<WorkerRecord> workerRows = new FileRows<>(WORKERS, "worker_id", (id, r) -> parseWorker(id, r, period));
    if (files.contains(WORKERS)) {
      if (parseFile(WORKERS, WORKER_COLUMNS, MAX_WORKER_ROWS, workerRows) && workerRows.read == workerRows.blank) {
        // Blank rows alone (an empty sheet saved from Excel) are no roster either: the held one stays.
        int blank = workerRows.blank;
        // Refused for a fault of its own, the file reports no rows (as any file refused whole).
        workerRows.reset();
        reject(path(WORKERS), ReasonCode.NO_DATA_ROWS, "workers.csv has a header but no data rows"
            + (blank == 0 ? "" : blank == 1 ? " (one row of blank fields only)"
                : String.format(Locale.ROOT, " (%,d rows of blank fields only)", blank)));
      }
      workersRead = workerRows.read;
    }
    List<WorkerRecord> workers = workerRows.accepted();
    String contentHash = contentHash();
    if (!rejections.isEmpty()) {
      return result(Status.REJECTED, contentHash, enterprise, List.of(), List.of(), started);
    }
    workers = resolveWorkerLinks(workers, workerRows::isAccepted, studioRows::isAccepted);
    studios = resolveLeaders(studios, workerRows::isAccepted);
    // The content the warehouse holds, read again for the files beside it: accepted again as it is
    // (its submitted_at is the held one's, which would otherwise be a conflict).
    if (held != null && !sameAsHeld) {
      int order = enterprise.submittedAt().compareTo(held.submittedAt());
      if (order < 0) {
        reject(path(ENTERPRISE), ReasonCode.OLDER_THAN_HELD, "submitted_at " + enterprise.submittedAt()
            + " is earlier than that of the submission held (" + held.submittedAt() + "); the held one stays");
      } else if (order == 0) {
        reject(path(ENTERPRISE), ReasonCode.CONFLICTS_WITH_HELD, "submitted_at " + enterprise.submittedAt()
            + " equals that of the submission held, but the content differs; resubmit with a later submitted_at");
      }
      if (order <= 0) {
        return result(Status.REJECTED, contentHash, enterprise, List.of(), List.of(), started);
      }
    }
    for (WorkerRecord worker : workers) {
      try {
        sink.accept(worker);
      } catch (IOException e) {
        throw new WriteFailed(e);
      }
    }
    return result(Status.ACCEPTED, contentHash, enterprise, workers, studios, started);
  }

  private static boolean isContractFile(String name) {
    return name.equals(ENTERPRISE) || name.equals(WORKERS) || name.equals(STUDIOS);
  }

  /** Lists the folder: the contract files present, or null when the submission is refused outright. */
  private Set<String> list() throws IOException {
    Set<String> files = new TreeSet<>();
    boolean special = false;
    int ignored = 0;
    for (Path entry : Entries.list(fs, new Path(ref.path()))) {
      String name = entry.getName();
      Entries.Kind kind = Entries.kindOf(fs, entry);
      // The contract refuses a submission holding a link anywhere, sub-folders included.
      java.util.Optional<Rejection> inside =
          kind == Entries.Kind.FOLDER ? Entries.linkInside(fs, entry) : java.util.Optional.empty();
      if (inside.isPresent()) {
        special = true;
        rejections.add(inside.get());
      } else if (kind == Entries.Kind.OTHER) {
        special = true;
        reject(entry.toString(), ReasonCode.NOT_REGULAR_FILE,
            FieldValue.quote(name) + " is a symbolic link or special file; links are never followed");
      } else if (kind == Entries.Kind.FOLDER && isContractFile(name)) {
        // Not a regular file where the contract names one: ignored, a studios.csv folder would
        // pass for a submission without studios (every studio indicator 0).
        special = true;
        reject(entry.toString(), ReasonCode.NOT_REGULAR_FILE,
            FieldValue.quote(name) + " is a folder, where the contract names a file; nothing in it is read");
      } else if (kind == Entries.Kind.FOLDER || !isContractFile(name)) {
        if (++ignored <= Issue.NAMES_LISTED) {
          warnings.add(new Issue(FieldValue.shown(name), null, null, ReasonCode.IGNORED_FILE,
              (kind == Entries.Kind.FOLDER ? "folder " : "file ") + FieldValue.quote(name)
                  + " is not part of the contract; ignored", null));
        }
      } else {
        files.add(name);
      }
    }
    if (ignored > Issue.NAMES_LISTED) {
      warnings.add(Issue.moreNames(Issue.MORE_FILES, null, ReasonCode.IGNORED_FILE, ignored,
          "files and folders not in the contract"));
    }
    if (special) {
      return null;
    }
    for (String required : List.of(ENTERPRISE, WORKERS)) {
      if (!files.contains(required)) {
        reject(path(required), ReasonCode.MISSING_FILE, required + " is missing");
      }
    }
    return files;
  }

  /** The print's hash when the file still has the print's size and change stamp (Entries.changeStamp), else null. */
  private String unchangedHash(HeldSubmission.FilePrint print, String name) throws IOException {
    if (print == null || print.sha256() == null) {
      return null;
    }
    org.apache.hadoop.fs.FileStatus status = fs.getFileStatus(new Path(path(name)));
    return status.getLen() == print.size() && Entries.changeStamp(fs, new Path(path(name)), status) == print.modified()
        ? print.sha256() : null;
  }

  private String hashOnly(String name) throws IOException {
    return ContentHash.of(fs, new Path(path(name)));
  }

  /** Reads enterprise.json whole (it is small), hashing it; null when it is too large to be one. */
  private byte[] readJson() throws IOException {
    FileStatus before = fs.getFileStatus(new Path(path(ENTERPRISE)));
    if (before.getLen() > MAX_JSON_BYTES) {
      checkHash(ENTERPRISE, hashOnly(ENTERPRISE));
      reject(path(ENTERPRISE), ReasonCode.BAD_JSON, "enterprise.json is larger than " + MAX_JSON_BYTES + " bytes");
      return null;
    }
    MessageDigest digest = sha256();
    byte[] bytes;
    try (InputStream in = new DigestInputStream(fs.open(new Path(path(ENTERPRISE))), digest)) {
      bytes = in.readNBytes(MAX_JSON_BYTES + 1);
      in.transferTo(OutputStream.nullOutputStream());
    }
    if (!steady(ENTERPRISE, before)) {
      fileHashes.putIfAbsent(ENTERPRISE, hex(digest));
      return null;
    }
    checkHash(ENTERPRISE, hex(digest));
    if (bytes.length > MAX_JSON_BYTES) {
      reject(path(ENTERPRISE), ReasonCode.BAD_JSON, "enterprise.json is larger than " + MAX_JSON_BYTES + " bytes");
      return null;
    }
    return bytes;
  }

  /**
   * Refuses the submission when a file is no longer as it was when its read began: an upload
   * still being written, whose rows as they stood would otherwise be taken for the roster, and
   * whose complete file would then be refused for content that differs from the one held. Refused,
   * the submission is read again on the next run (its file's print has changed by then); what was
   * read of the file is not judged.
   */
  private boolean steady(String name, FileStatus before) throws IOException {
    if (Entries.kindOf(fs, new Path(path(name))) != Entries.Kind.FILE) {
      // Swapped for a link after the folder was listed: what it led to is not the submission's.
      reject(path(name), ReasonCode.NOT_REGULAR_FILE,
          name + " became a symbolic link or special file while it was being read; what it leads to is not used");
      return false;
    }
    FileStatus after = fs.getFileStatus(new Path(path(name)));
    if (after.getLen() == before.getLen() && after.getModificationTime() == before.getModificationTime()) {
      return true;
    }
    reject(path(name), ReasonCode.READ_ERROR, String.format(Locale.ROOT,
        "%s changed while it was being read (%,d bytes when the read began, %,d at its end: an upload still under way?); "
        + "it is read again once it no longer changes", name, before.getLen(), after.getLen()));
    return false;
  }

  /** Records a file's hash from the pass that parsed it; a file that changed since it was hashed is refused. */
  private void checkHash(String name, String hash) {
    String before = fileHashes.put(name, hash);
    if (before != null && !before.equals(hash)) {
      reject(path(name), ReasonCode.READ_ERROR, name + " changed while it was being read; ingest it again");
    }
  }

  /** Parses the columns after the id of one well-formed row. */
  private interface RowParser<T> {
    T parse(String id, CsvRows.Record record) throws RowFault;
  }

  /** A row whose verdict waits for the end of the file: its id may yet turn out to repeat. */
  private record Candidate<T>(int line, String id, T value, RowFault fault, String raw) {}

  /**
   * The rows of one CSV file, checked as they are read. A row is refused at once for a fault of
   * its shape or its id; otherwise it waits, typed, for the end of the file, when it is known
   * whether its id is unique (a repeated id rejects every row that carries it).
   */
  private final class FileRows<T> implements CsvRows.Handler {
    private final String file;
    private final String idColumn;
    private final RowParser<T> parser;
    private final List<Candidate<T>> candidates = new ArrayList<>();
    /** Waiting rows that have a fault already (rejected at the file's end). */
    private int faulty;
    /** The ids of well-formed rows; sized for a typical roster, to spare rehashing. */
    private final Set<String> ids = new HashSet<>(4096);
    /**
     * How many rows carry each id that is carried more than once. Usually empty, so that the
     * verdicts at the end of the file look nothing up (the ids of a large file are no longer in
     * the processor's cache by then: those lookups were 4% of a 10^7-row ingest's samples).
     */
    private final Map<String, Integer> repeated = new HashMap<>();
    /** Ids carried once, but by a row rejected for another fault: no link may point to them. */
    private final Set<String> refused = new HashSet<>();
    private final int rejectedBefore = rejectedRows.size();
    private int read;
    /** Rows of blank fields only (Excel's trailing empty rows): read and rejected, yet no data. */
    private int blank;

    FileRows(String file, String idColumn, RowParser<T> parser) {
      this.file = file;
      this.idColumn = idColumn;
      this.parser = parser;
    }

    @Override
    public void record(CsvRows.Record record) {
      read++;
      String id;
      String text = null;
      try {
        checkShape(record);
        text = FieldValue.text(record.cells()[0]);
        if (text != null) {
          if (!ids.add(text)) {
            repeated.merge(text, 2, (count, one) -> count + 1);
          }
        }
        id = FieldValue.id(idColumn, record.cells()[0], true);
      } catch (RowFault fault) {
        blank += fault.code == ReasonCode.BLANK_ROW ? 1 : 0;
        if (text != null) {
          refused.add(text);
        }
        tooManyRejected(record.line());
        rejectRow(file, record.line(), record.raw(), fault);
        return;
      }
      T value = null;
      RowFault fault = null;
      try {
        value = parser.parse(id, record);
      } catch (RowFault f) {
        fault = f;
      }
      if (fault != null) {
        tooManyRejected(record.line());
        faulty++;
      }
      candidates.add(new Candidate<>(record.line(), id, value, fault, record.raw()));
    }

    /** Refuses the file once the submission's rejected rows, and this file's rows bound to be, pass the limit. */
    private void tooManyRejected(int line) {
      if (rejectedRows.size() + faulty >= MAX_REJECTED_ROWS) {
        throw new TooManyRejectedRows(file, line);
      }
    }

    /** Forgets every row: the file is read again in another charset, or was refused whole. */
    void reset() {
      read = 0;
      blank = 0;
      faulty = 0;
      candidates.clear();
      ids.clear();
      repeated.clear();
      refused.clear();
      rejectedRows.subList(rejectedBefore, rejectedRows.size()).clear();
    }

    /** The verdict on every waiting row: the accepted values in file order; the others rejected. */
    List<T> accepted() {
      List<T> accepted = new ArrayList<>(candidates.size());
      for (Candidate<T> c : candidates) {
        Integer count = repeated.isEmpty() ? null : repeated.get(c.id());
        if (count != null) {
          rejectRow(file, c.line(), c.raw(), new RowFault(idColumn, ReasonCode.DUPLICATE_ID,
              idColumn + " '" + c.id() + "' appears on " + count + " rows of the file; all are rejected"));
        } else if (c.fault() != null) {
          refused.add(c.id());
          rejectRow(file, c.line(), c.raw(), c.fault());
        } else {
          accepted.add(c.value());
        }
      }
      candidates.clear();
      return accepted;
    }

    /** Whether a row with this id was accepted (once {@link #accepted} has run). */
    boolean isAccepted(String id) {
      return ids.contains(id) && !repeated.containsKey(id) && !refused.contains(id);
    }
  }

  /**
   * Parses one CSV file in one streaming pass, hashing its bytes as they are read: UTF-8 when it
   * starts with a byte-order mark or decodes as strict UTF-8, else GB18030. A file that is not
   * UTF-8 is read again from its start as GB18030 once the first byte UTF-8 refuses is met (in
   * practice in its Chinese header). Returns false when the file has a file-level fault.
   */
  private boolean parseFile(String name, List<CsvRows.Column> columns, int maxRows, FileRows<?> rows)
      throws IOException {
    int warningsBefore = warnings.size();
    FileStatus before = fs.getFileStatus(new Path(path(name)));
    long size = before.getLen();
    if (size > MAX_CSV_BYTES) {
      checkHash(name, hashOnly(name));
      reject(path(name), ReasonCode.FILE_TOO_LARGE, String.format(Locale.ROOT, "%s is %,d bytes, more than the %,d one file may have",
          name, size, MAX_CSV_BYTES));
      return false;
    }
    for (Charset charset : CHARSETS) {
      MessageDigest digest = sha256();
      try (InputStream raw = new DigestInputStream(fs.open(new Path(path(name))), digest);
          BufferedInputStream in = new BufferedInputStream(raw, 1 << 16)) {
        boolean bom = skipBom(in);
        Reader reader = new InputStreamReader(in, charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        List<Rejection> faults;
        List<Issue> fileWarnings;
        try {
          CsvRows file = CsvRows.read(name, path(name), reader, columns, maxRows, rows);
          faults = file.faults;
          fileWarnings = file.warnings;
        } catch (CsvRows.Undecodable e) {
          rows.reset();
          warnings.subList(warningsBefore, warnings.size()).clear();
          if (bom) {
            break;
          }
          continue;
        } catch (TooManyRejectedRows e) {
          faults = List.of(new Rejection(path(name), ReasonCode.TOO_MANY_REJECTED_ROWS, e.getMessage()));
          fileWarnings = List.of();
        }
        // Whatever the parse left unread still counts in the hash.
        in.transferTo(OutputStream.nullOutputStream());
        if (!steady(name, before)) {
          // One refusal says it: not also the hash that differs from one made before the read.
          fileHashes.putIfAbsent(name, hex(digest));
          rows.reset();
          warnings.subList(warningsBefore, warnings.size()).clear();
          return false;
        }
        checkHash(name, hex(digest));
        charsets.put(name, bom ? "UTF-8 (BOM)" : charset == GB18030 ? "GB18030" : charset == WINDOWS_936 ? "GBK (Windows 936)" : "UTF-8");
        warnings.addAll(fileWarnings);
        if (!faults.isEmpty()) {
          // A file refused whole has no rows of its own: none is counted or reported.
          rejections.addAll(faults);
          rows.reset();
          return false;
        }
        return true;
      }
    }
    if (!fileHashes.containsKey(name)) {
      fileHashes.put(name, hashOnly(name));
    }
    charsets.put(name, "GB18030");
    reject(path(name), ReasonCode.ENCODING, name + " decodes neither as UTF-8 nor as GB18030 (nor as Windows' GBK)");
    return false;
  }

  private static boolean skipBom(BufferedInputStream in) throws IOException {
    in.mark(UTF8_BOM.length);
    byte[] start = in.readNBytes(UTF8_BOM.length);
    if (Arrays.equals(start, UTF8_BOM)) {
      return true;
    }
    in.reset();
    return false;
  }

  private static void checkShape(CsvRows.Record record) throws RowFault {
    if (record.parseError() != null) {
      throw new RowFault(null, ReasonCode.MALFORMED_ROW, record.parseError());
    }
    if (record.isBlank() && record.fieldCount() <= record.headerWidth()) {
      throw new RowFault(null, ReasonCode.BLANK_ROW, "every field of the row is blank");
    }
    if (record.fieldCount() != record.headerWidth()) {
      throw new RowFault(null, ReasonCode.FIELD_COUNT, "the row has " + record.fieldCount()
          + " fields but the header has " + record.headerWidth());
    }
  }

  private WorkerRecord parseWorker(String workerId, CsvRows.Record record, Period period) throws RowFault {
    String[] c = record.cells();
    boolean industrial = FieldValue.bool("industrial_worker", c[1], null);
    boolean frontline = FieldValue.bool("frontline", c[2], null);
    boolean partyMember = FieldValue.bool("party_member", c[3], null);
    java.time.LocalDate partyJoined = FieldValue.date("party_joined", c[4], false, period.end());
    if (partyJoined != null && !partyMember) {
      throw new RowFault("party_joined", ReasonCode.PARTY_JOINED_NOT_MEMBER,
          "party_joined " + partyJoined + " is set but party_member is N");
    }
    String skill = FieldValue.code("skill_level", c[5], SkillLevel.class, true);
    Integer birthYear = FieldValue.integer("birth_year", c[6], EARLIEST_BIRTH_YEAR, period.year() - YOUNGEST_AGE);
    String gender = FieldValue.code("gender", c[7], Gender.class, false);
    java.time.LocalDate hired = FieldValue.date("hire_date", c[8], true, period.end());
    BigDecimal wage = FieldValue.nonNegativeDecimal("annual_wage_yuan", c[9], null);
    BigDecimal hours = FieldValue.nonNegativeDecimal("training_hours", c[10], ZERO_HOURS);
    String mentor = FieldValue.text(c[11]);
    List<String> honours = honours(c[12]);
    boolean massOrg = FieldValue.bool("mass_org_post", c[13], false);
    boolean health = FieldValue.bool("health_check", c[14], false);
    boolean recuperation = FieldValue.bool("recuperation", c[15], false);
    String studio = FieldValue.text(c[16]);
    return new WorkerRecord(record.line(), workerId, industrial, frontline, partyMember, partyJoined,
        skill, birthYear, gender, hired, wage, hours, mentor, honours, massOrg, health, recuperation, studio);
  }

  private StudioRecord parseStudio(String studioId, CsvRows.Record record, Period period) throws RowFault {
    String[] c = record.cells();
    String type = FieldValue.code("type", c[1], StudioType.class, true);
    String level = FieldValue.code("level", c[2], StudioLevel.class, true);
    java.time.LocalDate established = FieldValue.date("established", c[3], false, period.end());
    String leader = FieldValue.text(c[4]);
    Integer achievements = FieldValue.integer("achievements", c[5], 0, Integer.MAX_VALUE);
    Integer converted = FieldValue.integer("achievements_converted", c[6], 0, Integer.MAX_VALUE);
    if (achievements != null && converted != null && converted > achievements) {
      throw new RowFault("achievements_converted", ReasonCode.OUT_OF_RANGE,
          "achievements_converted " + converted + " exceeds achievements " + achievements);
    }
    BigDecimal funding = FieldValue.nonNegativeDecimal("funding_wan_yuan", c[7], null);
    return new StudioRecord(record.line(), studioId, type, level, established, leader, achievements,
        converted, funding);
  }

  private static List<String> honours(String value) throws RowFault {
    if (FieldValue.isBlank(value)) {
      return List.of();
    }
    Set<String> codes = new LinkedHashSet<>();
    int from = 0;
    for (int i = 0; i <= value.length(); i++) {
      if (i == value.length() || value.charAt(i) == ';' || value.charAt(i) == '；') {
        String part = value.substring(from, i);
        if (!FieldValue.isBlank(part)) {
          codes.add(FieldValue.code("honours", part, Honour.class, true));
        }
        from = i + 1;
      }
    }
    return List.copyOf(codes);
  }

  private List<WorkerRecord> resolveWorkerLinks(List<WorkerRecord> workers, Predicate<String> workerIds,
      Predicate<String> studioIds) {
    List<WorkerRecord> resolved = new ArrayList<>(workers.size());
    for (WorkerRecord w : workers) {
      String mentor = w.mentorId();
      if (mentor != null && (mentor.equals(w.workerId()) || !workerIds.test(mentor))) {
        warnings.add(new Issue(WORKERS, w.line(), "mentor_id", ReasonCode.MENTOR_NOT_FOUND,
            "mentor_id " + FieldValue.quoteLink(mentor) + " of worker " + w.workerId()
                + (mentor.equals(w.workerId()) ? " is the worker itself" : " names no accepted worker of the file")
                + "; link dropped", null));
        mentor = null;
      }
      String studio = w.studioId();
      if (studio != null && !studioIds.test(studio)) {
        warnings.add(new Issue(WORKERS, w.line(), "studio_id", ReasonCode.STUDIO_NOT_FOUND,
            "studio_id " + FieldValue.quoteLink(studio) + " of worker " + w.workerId() + " names no accepted studio; link dropped", null));
        studio = null;
      }
      resolved.add(mentor == w.mentorId() && studio == w.studioId() ? w : w.withLinks(mentor, studio));
    }
    return resolved;
  }

  private List<StudioRecord> resolveLeaders(List<StudioRecord> studios, Predicate<String> workerIds) {
    List<StudioRecord> resolved = new ArrayList<>(studios.size());
    for (StudioRecord s : studios) {
      if (s.leaderId() != null && !workerIds.test(s.leaderId())) {
        warnings.add(new Issue(STUDIOS, s.line(), "leader_id", ReasonCode.LEADER_NOT_FOUND,
            "leader_id " + FieldValue.quoteLink(s.leaderId()) + " of studio " + s.studioId() + " names no accepted worker; link dropped", null));
        resolved.add(s.withLeader(null));
      } else {
        resolved.add(s);
      }
    }
    return resolved;
  }

  private void rejectRow(String file, int line, String raw, RowFault fault) {
    rejectedRows.add(new Issue(file, line, fault.column, fault.code, fault.getMessage(), raw));
  }

  /** Raised while a file is read when the submission's rejected rows pass {@link #MAX_REJECTED_ROWS}. */
  private static final class TooManyRejectedRows extends RuntimeException {
    TooManyRejectedRows(String file, int line) {
      super(file + ": more than " + String.format(Locale.ROOT, "%,d", MAX_REJECTED_ROWS) + " rows of the submission are rejected"
          + " (line " + line + " is one too many); check the file against the contract", null, false, false);
    }
  }

  private void reject(String path, ReasonCode code, String reason) {
    rejections.add(new Rejection(path, code, reason));
  }

  private String path(String file) {
    return ref.path() + "/" + file;
  }

  /** The submission's hash: SHA-256 over the sorted names and hashes of its contract files. */
  private String contentHash() {
    StringBuilder manifest = new StringBuilder();
    fileHashes.forEach((name, hash) -> manifest.append(name).append(' ').append(hash).append('\n'));
    return sha256(manifest.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    return ContentHash.sha256();
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  private SubmissionResult result(Status status, String contentHash, EnterpriseRecord enterprise,
      List<WorkerRecord> workers, List<StudioRecord> studios, long started) {
    boolean published = status == Status.ACCEPTED;
    // Report faults in file order, whatever order the checks found them in.
    Comparator<Issue> byPlace = Comparator.comparing(Issue::file)
        .thenComparing(Issue::line, Comparator.nullsFirst(Comparator.naturalOrder()));
    rejectedRows.sort(byPlace);
    warnings.sort(byPlace);
    Map<String, Integer> reasons = new TreeMap<>();
    rejections.forEach(r -> reasons.merge(r.code().name(), 1, Integer::sum));
    rejectedRows.forEach(i -> reasons.merge(i.code().name(), 1, Integer::sum));
    warnings.forEach(i -> reasons.merge(i.code().name(), 1, Integer::sum));
    int workersRejected = (int) rejectedRows.stream().filter(i -> i.file().equals(WORKERS)).count();
    int studiosRejected = (int) rejectedRows.stream().filter(i -> i.file().equals(STUDIOS)).count();
    // A submission refused whole takes all its rows with it, so read = accepted + rejected holds.
    Counts counts = published
        ? new Counts(workersRead, workers.size(), workersRejected, studiosRead, studios.size(),
            studiosRejected, warnings.size(), reasons)
        : new Counts(workersRead, 0, workersRead, studiosRead, 0, studiosRead, warnings.size(), reasons);
    return new SubmissionResult(ref, status, contentHash, new TreeMap<>(fileHashes), new TreeMap<>(charsets),
        // Workers went to the sink: the result is small whatever the size of the roster.
        enterprise, List.of(), published ? List.copyOf(studios) : List.of(),
        // A refused submission's row findings are kept for validate to list (ingest publishes
        // only an accepted one's, Pack).
        List.copyOf(rejectedRows), List.copyOf(warnings), List.copyOf(rejections), counts,
        (System.nanoTime() - started) / 1_000_000);
  }
}
