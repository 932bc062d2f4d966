package cn.changai.jobs.run;

import cn.changai.jobs.ingest.Entries;
import cn.changai.jobs.ingest.IngestSummary;
import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.threads.Futures;
import cn.changai.jobs.warehouse.TableFiles;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The published refusals whose submission is still in the inbox, read from
 * {@code rejected_submissions} without Spark: on a night with nothing new they are still refused,
 * so the run says which and exits 3, as the night that refused them did.
 */
final class StandingRefusals {

  /** One reason a submission is refused: its period, enterprise (null for a period folder), path and reason. */
  record Refusal(String period, String enterpriseId, String path, String reasonCode, String reason) {}

  private StandingRefusals() {}

  /** Partitions read at once: a read is mostly waiting on the file system, and a hostile inbox can make thousands. */
  private static final int READERS = 8;

  /**
   * The published refusals of the periods {@code periods} accepts whose path {@code present} says
   * is still there, in period and path order.
   */
  static List<Refusal> of(Warehouse warehouse, Predicate<String> periods, Predicate<Refusal> present) throws IOException {
    List<Future<List<Refusal>>> reads = new ArrayList<>();
    ExecutorService readers = Executors.newFixedThreadPool(READERS, Futures.daemons("refusals-read"));
    try {
      for (String period : warehouse.periods(Tables.REJECTED_SUBMISSIONS.name())) {
        if (!periods.test(period)) {
          continue;
        }
        reads.add(readers.submit(() -> of(warehouse, period, present)));
      }
      Futures.awaitAll(reads, "reading the published refusals");
    } finally {
      readers.shutdownNow();
    }
    List<Refusal> refusals = new ArrayList<>();
    for (Future<List<Refusal>> read : reads) {
      refusals.addAll(Futures.await(read, "reading the published refusals"));
    }
    refusals.sort(Comparator.comparing(Refusal::period).thenComparing(Refusal::path));
    return refusals;
  }

  private static List<Refusal> of(Warehouse warehouse, String period, Predicate<Refusal> present) throws IOException {
    List<Refusal> refusals = new ArrayList<>();
    Path folder = warehouse.periodFolder(Tables.REJECTED_SUBMISSIONS.name(), period);
    for (FileStatus file : warehouse.fs().listStatus(folder, p -> p.getName().endsWith(".parquet"))) {
      try (ParquetReader<Group> reader = TableFiles.groups(file.getPath(), warehouse.fs().getConf())) {
        for (Group row = reader.read(); row != null; row = reader.read()) {
          Refusal refusal = new Refusal(period, row.getFieldRepetitionCount("enterprise_id") == 0 ? null
              : row.getString("enterprise_id", 0), row.getString("path", 0), row.getString("reason_code", 0),
              row.getString("reason", 0));
          if (present.test(refusal)) {
            refusals.add(refusal);
          }
        }
      }
    }
    return refusals;
  }

  /**
   * The refusals whose folder or file is still in {@code inbox} (a qualified path): prints them
   * and returns the exit code, 3 if any, else 0. A refusal of another inbox's submission (a run
   * given another inbox) does not stand here.
   */
  static int report(Warehouse warehouse, Path inbox, PrintStream out) throws IOException {
    return report(warehouse, inbox, out, "Still refused (the inbox holds them unchanged; exit 3):", period -> true, null);
  }

  /**
   * Whether a refusal stands: its submission's folder ({@code <period>/<enterprise_id>}, or the
   * period folder refused) is in the inbox, whatever the path the inbox had when it was refused
   * (moved, copied, reached through a link), and whether or not the file the refusal names is
   * there (MISSING_FILE's workers.csv). A folder recorded under another form of its name (cut
   * long, a partition keyword escaped) is found by the path recorded, when under this inbox.
   */
  private static boolean stands(FileSystem fs, Path inbox, String root, Refusal r) {
    try {
      String place = "/" + r.period() + (r.enterpriseId() == null ? "" : "/" + r.enterpriseId());
      if (present(fs, inbox, place)) {
        return true;
      }
      String path = r.path();
      if (path != null && (path.equals(root) || path.startsWith(root.endsWith("/") ? root : root + "/"))) {
        String folder = folder(path.substring(root.length()));
        return !folder.equals(place) && present(fs, inbox, folder);
      }
      return false;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether the inbox holds this relative path, a link counting as there even when its target is
   * gone (a refused link stays refused while it is in the inbox); names recorded masked, or with
   * bytes that are no text (read as U+FFFD), are looked for by the form recorded.
   */
  private static boolean present(FileSystem fs, Path inbox, String relative) throws IOException {
    Path p = new Path(inbox, relative.startsWith("/") ? relative.substring(1) : relative);
    return Entries.exists(fs, p)
        || ((SafeText.path(inbox.toString()) + relative).indexOf('*') >= 0 || relative.indexOf('\uFFFD') >= 0)
            && presentAsRecorded(fs, inbox, relative);
  }

  /** The first two names of a path relative to the inbox ({@code /2025/9131…/workers.csv} to {@code /2025/9131…}). */
  static String folder(String relative) {
    int first = relative.indexOf('/', relative.startsWith("/") ? 1 : 0);
    if (first < 0) {
      return relative;
    }
    int second = relative.indexOf('/', first + 1);
    return second < 0 ? relative : relative.substring(0, second);
  }

  /**
   * Whether a path recorded with names masked ({@link SafeText#path}: a folder named by an identity
   * number) or named as it reads (a name whose bytes are no text) is still in the inbox: each name
   * is looked for among its folder's entries by the form recorded.
   */
  private static boolean presentAsRecorded(FileSystem fs, Path inbox, String relative) throws IOException {
    Path at = inbox;
    for (String name : relative.split("/")) {
      if (name.isEmpty()) {
        continue;
      }
      if (Entries.kindOf(fs, at) != Entries.Kind.FOLDER) {
        return false;
      }
      Path next = null;
      for (Path entry : Entries.list(fs, at)) {
        if (entry.getName().equals(name) || SafeText.name(entry.getName()).equals(name)) {
          next = entry;
          break;
        }
      }
      if (next == null) {
        return false;
      }
      at = next;
    }
    return true;
  }

  /**
   * After a night that read the periods {@code looked} at: the refusals of the other periods whose
   * submission is still in the inbox, printed; 3 if any, else 0. Without them a busy night in one
   * period would exit 0 while another period's refused submission waits, and the next quiet night 3.
   */
  static int inPeriodsNotRead(Warehouse warehouse, Path inbox, PrintStream out, Set<String> looked,
      java.util.Map<String, Object> record) throws IOException {
    return report(warehouse, inbox, out, "Still refused in periods this run did not read (the inbox holds them"
        + " unchanged; exit 3):", period -> !looked.contains(period), record);
  }

  /** Refusals the run record lists one by one; past them it counts. */
  static final int RECORDED = 100;

  /**
   * As {@link #report(Warehouse, Path, PrintStream)}, the list under another heading (a dry run's,
   * or a busy night's for the periods it did not read), of the periods {@code periods} accepts.
   * When {@code record} is given, the run record gets {@code still_refused}: how many stand and the
   * first {@link #RECORDED} (period, enterprise, reason code), so that a monitor reading the record
   * of an exit 3 finds why.
   */
  static int report(Warehouse warehouse, Path inbox, PrintStream out, String heading, Predicate<String> periods,
      java.util.Map<String, Object> record) throws IOException {
    // Paths are recorded with every name masked as SafeText.path masks it, the inbox's own too (a
    // folder named like a phone number): compared in that form, resolved against the real inbox.
    String root = SafeText.path(inbox.toString());
    FileSystem fs = inbox.getFileSystem(warehouse.fs().getConf());
    List<Refusal> refusals = of(warehouse, periods, r -> stands(fs, inbox, root, r));
    if (refusals.isEmpty()) {
      return 0;
    }
    if (record != null) {
      List<Object> listed = new ArrayList<>();
      for (Refusal r : refusals.subList(0, Math.min(RECORDED, refusals.size()))) {
        java.util.Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("period", r.period());
        entry.put("enterprise_id", r.enterpriseId());
        entry.put("reason_code", r.reasonCode());
        listed.add(entry);
      }
      record.put("still_refused", java.util.Map.of("count", refusals.size(), "first", listed));
    }
    StringBuilder text = new StringBuilder(heading).append('\n');
    List<String> lines = new ArrayList<>();
    for (Refusal r : refusals) {
      // Folder names and reasons come from uploads: printed escaped.
      lines.add("  " + SafeText.escape(r.period()) + (r.enterpriseId() == null ? "" : "/" + SafeText.escape(r.enterpriseId()))
          + "  " + r.reasonCode() + ": " + SafeText.escape(r.reason()) + "\n");
    }
    IngestSummary.listed(lines, text);
    out.print(text);
    return 3;
  }
}
