package cn.changai.jobs.ingest;

import cn.changai.domain.CreditCode;
import cn.changai.domain.Gender;
import cn.changai.domain.Honour;
import cn.changai.domain.Period;
import cn.changai.domain.SkillLevel;
import cn.changai.domain.StudioLevel;
import cn.changai.domain.StudioType;
import cn.changai.jobs.ingest.CsvTable.Column;
import cn.changai.jobs.ingest.FieldValue.RowFault;
import cn.changai.jobs.ingest.SubmissionResult.Counts;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
   * Reads one submission. {@code held} is what the warehouse holds for the same period and
   * enterprise, or null; it decides between new, unchanged, replacing and refused.
   */
  public static SubmissionResult read(FileSystem fs, SubmissionRef ref, HeldSubmission held) {
    SubmissionReader reader = new SubmissionReader(fs, ref, held);
    long started = System.nanoTime();
    try {
      return reader.read();
    } catch (IOException e) {
      // One unreadable submission must not stop the others: it is refused with the reason.
      reader.rejections.add(new Rejection(ref.path(), ReasonCode.READ_ERROR, "cannot read: " + e));
    } catch (RuntimeException e) {
      LOG.error("Reading {} failed", ref.path(), e);
      reader.rejections.add(new Rejection(ref.path(), ReasonCode.INTERNAL_ERROR, "reading failed: " + e));
    }
    return reader.result(Status.REJECTED, null, null, List.of(), List.of(), started);
  }

  private SubmissionResult read() throws IOException {
    long started = System.nanoTime();
    if (!ref.regularFolder()) {
      reject(ref.path(), ReasonCode.NOT_REGULAR_FILE,
          ref.enterpriseId() + " is a symbolic link or special file, not a folder; it is not followed");
      return result(Status.REJECTED, null, null, List.of(), List.of(), started);
    }
    if (!CreditCode.isValidCreditCode(ref.enterpriseId())) {
      reject(ref.path(), ReasonCode.BAD_ENTERPRISE_ID,
          "folder '" + ref.enterpriseId() + "' is not a valid unified social credit code");
    }
    Period period = Period.parse(ref.period()).orElseThrow();
    Map<String, byte[]> files = listAndRead();
    if (files == null) {
      return result(Status.REJECTED, null, null, List.of(), List.of(), started);
    }
    String contentHash = contentHash();
    if (held != null && held.contentHash().equals(contentHash) && rejections.isEmpty()) {
      return result(Status.UNCHANGED, contentHash, null, List.of(), List.of(), started);
    }

    EnterpriseRecord enterprise = null;
    if (files.containsKey(ENTERPRISE)) {
      EnterpriseJson json = EnterpriseJson.read(path(ENTERPRISE), files.get(ENTERPRISE), ref.period(), ref.enterpriseId());
      rejections.addAll(json.faults);
      warnings.addAll(json.warnings);
      enterprise = json.record;
    }
    List<StudioRecord> studios = List.of();
    if (files.containsKey(STUDIOS)) {
      studios = readStudios(files.get(STUDIOS), period);
    }
    List<WorkerRecord> workers = List.of();
    if (files.containsKey(WORKERS)) {
      workers = readWorkers(files.get(WORKERS), period);
    }
    if (!rejections.isEmpty()) {
      return result(Status.REJECTED, contentHash, enterprise, List.of(), List.of(), started);
    }
    Set<String> workerIds = new HashSet<>();
    workers.forEach(w -> workerIds.add(w.workerId()));
    Set<String> studioIds = new HashSet<>();
    studios.forEach(s -> studioIds.add(s.studioId()));
    workers = resolveWorkerLinks(workers, workerIds, studioIds);
    studios = resolveLeaders(studios, workerIds);
    if (held != null) {
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
    return result(Status.ACCEPTED, contentHash, enterprise, workers, studios, started);
  }

  /** Lists the folder and reads the known files; null when the submission is refused outright. */
  private Map<String, byte[]> listAndRead() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    boolean special = false;
    for (Path entry : Entries.list(fs, new Path(ref.path()))) {
      String name = entry.getName();
      Entries.Kind kind = Entries.kindOf(fs, entry);
      if (kind == Entries.Kind.OTHER) {
        special = true;
        reject(entry.toString(), ReasonCode.NOT_REGULAR_FILE,
            name + " is a symbolic link or special file; links are never followed");
      } else if (kind == Entries.Kind.FOLDER
          || !(name.equals(ENTERPRISE) || name.equals(WORKERS) || name.equals(STUDIOS))) {
        warnings.add(new Issue(name, null, null, ReasonCode.IGNORED_FILE,
            (kind == Entries.Kind.FOLDER ? "folder '" : "file '") + name + "' is not part of the contract; ignored", null));
      } else {
        files.put(name, null);
      }
    }
    if (special) {
      return null;
    }
    for (String required : List.of(ENTERPRISE, WORKERS)) {
      if (!files.containsKey(required)) {
        reject(path(required), ReasonCode.MISSING_FILE, required + " is missing");
      }
    }
    for (String name : List.copyOf(files.keySet())) {
      byte[] bytes;
      try (InputStream in = fs.open(new Path(path(name)))) {
        bytes = in.readAllBytes();
      }
      files.put(name, bytes);
      fileHashes.put(name, sha256(bytes));
    }
    return files;
  }

  private List<StudioRecord> readStudios(byte[] bytes, Period period) {
    CsvTable table = CsvTable.read(STUDIOS, path(STUDIOS), bytes, STUDIO_COLUMNS);
    charsets.put(STUDIOS, table.charset);
    rejections.addAll(table.faults);
    warnings.addAll(table.warnings);
    if (!table.faults.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> ids = idCounts(table.records, table.headerWidth());
    List<StudioRecord> parsed = new ArrayList<>();
    for (CsvTable.Record record : table.records) {
      studiosRead++;
      try {
        checkShape(record, table);
        parsed.add(parseStudio(record, period, ids));
      } catch (RowFault fault) {
        rejectRow(STUDIOS, record, fault);
      }
    }
    return parsed;
  }

  private List<WorkerRecord> readWorkers(byte[] bytes, Period period) {
    CsvTable table = CsvTable.read(WORKERS, path(WORKERS), bytes, WORKER_COLUMNS);
    charsets.put(WORKERS, table.charset);
    rejections.addAll(table.faults);
    warnings.addAll(table.warnings);
    if (!table.faults.isEmpty()) {
      return List.of();
    }
    if (table.records.isEmpty()) {
      reject(path(WORKERS), ReasonCode.NO_DATA_ROWS, "workers.csv has a header but no data rows");
      return List.of();
    }
    Map<String, Integer> ids = idCounts(table.records, table.headerWidth());
    List<WorkerRecord> parsed = new ArrayList<>();
    for (CsvTable.Record record : table.records) {
      workersRead++;
      try {
        checkShape(record, table);
        parsed.add(parseWorker(record, period, ids));
      } catch (RowFault fault) {
        rejectRow(WORKERS, record, fault);
      }
    }
    return parsed;
  }

  /**
   * How many well-formed rows of a file carry each id (the first column), whatever else is wrong
   * with them. A row that is not valid CSV or has the wrong number of fields has no reliable id.
   */
  private static Map<String, Integer> idCounts(List<CsvTable.Record> records, int width) {
    Map<String, Integer> counts = new HashMap<>();
    for (CsvTable.Record record : records) {
      if (record.parseError() != null || record.fieldCount() != width) {
        continue;
      }
      String id = FieldValue.text(record.cells()[0]);
      if (id != null) {
        counts.merge(id, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** A second row with the same id rejects both: which of them is the real one cannot be told. */
  private static void checkUnique(String column, String id, Map<String, Integer> ids) throws RowFault {
    int count = ids.getOrDefault(id, 0);
    if (count > 1) {
      throw new RowFault(column, ReasonCode.DUPLICATE_ID,
          column + " '" + id + "' appears on " + count + " rows of the file; all are rejected");
    }
  }

  private static void checkShape(CsvTable.Record record, CsvTable table) throws RowFault {
    if (record.parseError() != null) {
      throw new RowFault(null, ReasonCode.MALFORMED_ROW, record.parseError());
    }
    if (record.isBlank() && record.fieldCount() <= table.headerWidth()) {
      throw new RowFault(null, ReasonCode.BLANK_ROW, "every field of the row is blank");
    }
    if (record.fieldCount() != table.headerWidth()) {
      throw new RowFault(null, ReasonCode.FIELD_COUNT, "the row has " + record.fieldCount()
          + " fields but the header has " + table.headerWidth());
    }
  }

  private WorkerRecord parseWorker(CsvTable.Record record, Period period, Map<String, Integer> ids)
      throws RowFault {
    String[] c = record.cells();
    String workerId = FieldValue.id("worker_id", c[0], true);
    checkUnique("worker_id", workerId, ids);
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
    BigDecimal hours = FieldValue.nonNegativeDecimal("training_hours", c[10],
        BigDecimal.ZERO.setScale(FieldValue.SCALE));
    String mentor = linkId("mentor_id", c[11]);
    List<String> honours = honours(c[12]);
    boolean massOrg = FieldValue.bool("mass_org_post", c[13], false);
    boolean health = FieldValue.bool("health_check", c[14], false);
    boolean recuperation = FieldValue.bool("recuperation", c[15], false);
    String studio = linkId("studio_id", c[16]);
    return new WorkerRecord(record.line(), workerId, industrial, frontline, partyMember, partyJoined,
        skill, birthYear, gender, hired, wage, hours, mentor, honours, massOrg, health, recuperation, studio);
  }

  private StudioRecord parseStudio(CsvTable.Record record, Period period, Map<String, Integer> ids)
      throws RowFault {
    String[] c = record.cells();
    String studioId = FieldValue.id("studio_id", c[0], true);
    checkUnique("studio_id", studioId, ids);
    String type = FieldValue.code("type", c[1], StudioType.class, true);
    String level = FieldValue.code("level", c[2], StudioLevel.class, true);
    java.time.LocalDate established = FieldValue.date("established", c[3], false, period.end());
    String leader = linkId("leader_id", c[4]);
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

  /**
   * A link to another row: identity-number shapes reject the row (never stored); any other value
   * that is not an id cannot point anywhere and becomes a dropped link later.
   */
  private static String linkId(String column, String value) throws RowFault {
    String text = FieldValue.text(value);
    if (text != null && PersonalData.looksLikeIdentityNumber(text)) {
      throw new RowFault(column, ReasonCode.PERSONAL_DATA, column + " looks like a resident identity number");
    }
    return text;
  }

  private static List<String> honours(String value) throws RowFault {
    if (FieldValue.isBlank(value)) {
      return List.of();
    }
    Set<String> codes = new LinkedHashSet<>();
    for (String part : value.split("[;；]")) {
      if (!part.isBlank()) {
        codes.add(FieldValue.code("honours", part, Honour.class, true));
      }
    }
    return List.copyOf(codes);
  }

  private List<WorkerRecord> resolveWorkerLinks(List<WorkerRecord> workers, Set<String> workerIds, Set<String> studioIds) {
    List<WorkerRecord> resolved = new ArrayList<>(workers.size());
    for (WorkerRecord w : workers) {
      String mentor = w.mentorId();
      if (mentor != null && (mentor.equals(w.workerId()) || !workerIds.contains(mentor))) {
        warnings.add(new Issue(WORKERS, w.line(), "mentor_id", ReasonCode.MENTOR_NOT_FOUND,
            "mentor_id '" + mentor + "' of worker " + w.workerId()
                + (mentor.equals(w.workerId()) ? " is the worker itself" : " names no accepted worker of the file")
                + "; link dropped", null));
        mentor = null;
      }
      String studio = w.studioId();
      if (studio != null && !studioIds.contains(studio)) {
        warnings.add(new Issue(WORKERS, w.line(), "studio_id", ReasonCode.STUDIO_NOT_FOUND,
            "studio_id '" + studio + "' of worker " + w.workerId() + " names no accepted studio; link dropped", null));
        studio = null;
      }
      resolved.add(mentor == w.mentorId() && studio == w.studioId() ? w : w.withLinks(mentor, studio));
    }
    return resolved;
  }

  private List<StudioRecord> resolveLeaders(List<StudioRecord> studios, Set<String> workerIds) {
    List<StudioRecord> resolved = new ArrayList<>(studios.size());
    for (StudioRecord s : studios) {
      if (s.leaderId() != null && !workerIds.contains(s.leaderId())) {
        warnings.add(new Issue(STUDIOS, s.line(), "leader_id", ReasonCode.LEADER_NOT_FOUND,
            "leader_id '" + s.leaderId() + "' of studio " + s.studioId() + " names no accepted worker; link dropped", null));
        resolved.add(s.withLeader(null));
      } else {
        resolved.add(s);
      }
    }
    return resolved;
  }

  private void rejectRow(String file, CsvTable.Record record, RowFault fault) {
    rejectedRows.add(new Issue(file, record.line(), fault.column, fault.code, fault.getMessage(), record.raw()));
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

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private SubmissionResult result(Status status, String contentHash, EnterpriseRecord enterprise,
      List<WorkerRecord> workers, List<StudioRecord> studios, long started) {
    boolean published = status == Status.ACCEPTED;
    // Report faults in file order, whatever order the checks found them in.
    Comparator<Issue> byPlace = Comparator.comparing(Issue::file)
        .thenComparing(Issue::line, Comparator.nullsFirst(Comparator.naturalOrder()));
    rejectedRows.sort(byPlace);
    warnings.sort(byPlace);
    List<Issue> rows = published ? List.copyOf(rejectedRows) : List.of();
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
        enterprise, published ? List.copyOf(workers) : List.of(), published ? List.copyOf(studios) : List.of(),
        rows, List.copyOf(warnings), List.copyOf(rejections), counts,
        (System.nanoTime() - started) / 1_000_000);
  }
}
