package cn.changai.jobs.ingest;

import cn.changai.domain.Period;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * The listing of an inbox ({@code <inbox>/<period>/<enterprise_id>/}): the submissions to read,
 * and what is wrong one level up (a folder that is not a period, a link, a stray file).
 */
public record Inbox(
    List<SubmissionRef> submissions,
    List<PeriodRejection> rejections,
    List<PeriodWarning> warnings,
    List<String> ignoredAtRoot,
    Set<String> otherRootEntries) {

  /** A rejection that belongs to a period folder rather than to a submission. */
  public record PeriodRejection(String period, String enterpriseId, Rejection rejection) {}

  /** A warning about a period folder itself (a stray file in it). */
  public record PeriodWarning(String period, Issue issue) {}

  /**
   * Lists the inbox, keeping only the given periods when the set is not empty. {@code
   * otherRootEntries} names every top-level entry that is no period (whatever the filter), as
   * its refusal is recorded ({@link #recordedPeriod}): a refusal of one no longer there goes.
   */
  public static Inbox scan(FileSystem fs, Path inbox, Set<String> periods) throws IOException {
    List<SubmissionRef> submissions = new ArrayList<>();
    List<PeriodRejection> rejections = new ArrayList<>();
    List<PeriodWarning> warnings = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Set<String> others = new java.util.TreeSet<>();
    for (Path path : Entries.list(fs, inbox)) {
      String name = path.getName();
      if (!Period.isValidPeriod(name)) {
        others.add(recordedPeriod(name));
      }
      Entries.Kind kind;
      try {
        kind = Entries.kindOf(fs, path);
      } catch (IOException e) {
        // Gone since the listing, or a name the system cannot look at: refused alone.
        if (periods.isEmpty() || periods.contains(name)) {
          rejections.add(new PeriodRejection(recordedPeriod(name), null, new Rejection(path.toString(),
              ReasonCode.READ_ERROR, "'" + SafeText.quote(name) + "' in the inbox cannot be looked at ("
                  + Entries.UnreadableFolderException.causeOf(e) + ")")));
        }
        continue;
      }
      if (kind == Entries.Kind.FILE) {
        // Listed whatever the periods kept: a nightly run keeps only the periods it reads again.
        ignored.add(SafeText.name(name));
        continue;
      }
      if (!periods.isEmpty() && !periods.contains(name)) {
        continue;
      }
      switch (kind) {
        case OTHER -> rejections.add(new PeriodRejection(recordedPeriod(name), null, new Rejection(path.toString(),
            ReasonCode.NOT_REGULAR_FILE, "period folder " + SafeText.quote(name) + " is a symbolic link or special file; it is not followed")));
        case FOLDER -> {
          if (!Period.isValidPeriod(name)) {
            rejections.add(new PeriodRejection(recordedPeriod(name), null, new Rejection(path.toString(),
                ReasonCode.BAD_PERIOD_FOLDER, "folder '" + SafeText.quote(name) + "' is not a period (" + Period.FORMS + ")")));
          } else {
            listPeriod(fs, path, name, submissions, rejections, warnings);
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    return new Inbox(List.copyOf(submissions), List.copyOf(rejections), List.copyOf(warnings), List.copyOf(ignored),
        java.util.Collections.unmodifiableSet(others));
  }

  /**
   * The period under which the refusal of a top-level entry that is not a period folder is
   * recorded, which names a folder of the {@code rejected_submissions} table: the entry's name with
   * identity and mobile numbers masked ({@link SafeText#name}); a name that readers take for a null
   * partition ({@code __HIVE_DEFAULT_PARTITION__} in Spark, {@code null} in any case in DuckDB) with
   * its first character percent-escaped ({@code %5F_HIVE_DEFAULT_PARTITION__}, {@code %6Eull}); and
   * a name too long for a folder of its own ({@link #MAX_FOLDER_BYTES} bytes once escaped) cut, with
   * {@code …~} and eight hex digits of its hash after the cut, so two long names stay apart.
   */
  static String recordedPeriod(String name) {
    String shown = SafeText.name(name);
    if (shown.equals(ExternalCatalogUtils.DEFAULT_PARTITION_NAME()) || shown.equalsIgnoreCase("null")) {
      shown = String.format(Locale.ROOT, "%%%02X", (int) shown.charAt(0)) + shown.substring(1);
    }
    if (folderBytes(shown) <= MAX_FOLDER_BYTES) {
      return shown;
    }
    String tail = "…~" + SubmissionReader.sha256(shown.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    int end = shown.length();
    while (end > 0 && folderBytes(shown.substring(0, end) + tail) > MAX_FOLDER_BYTES) {
      end = shown.offsetByCodePoints(end, -1);
    }
    return shown.substring(0, end) + tail;
  }

  /**
   * The most bytes of a folder name ({@code period=} and the escaped period) that every file
   * system the warehouse may sit on takes (255 on Linux, macOS and HDFS), less a margin.
   */
  static final int MAX_FOLDER_BYTES = 240;

  private static int folderBytes(String period) {
    return Warehouse.partitionFolder(period).getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Lists one period folder. A folder that cannot be listed (permission denied, an I/O error) is
   * refused with the cause, and the other periods go on; its submissions are unknown, so none of
   * them is read and the warehouse keeps what it holds for them.
   */
  private static void listPeriod(FileSystem fs, Path folder, String period, List<SubmissionRef> submissions,
      List<PeriodRejection> rejections, List<PeriodWarning> warnings) {
    List<SubmissionRef> found = new ArrayList<>();
    List<PeriodWarning> stray = new ArrayList<>();
    int ignored = 0;
    try {
      for (Path path : Entries.list(fs, folder)) {
        String name = path.getName();
        Entries.Kind kind;
        try {
          kind = Entries.kindOf(fs, path);
        } catch (IOException e) {
          // Gone since the listing, or a name the system cannot look at: read as a submission
          // folder, it is refused alone with the cause.
          kind = Entries.Kind.FOLDER;
        }
        switch (kind) {
          case FOLDER -> found.add(new SubmissionRef(period, name, path.toString(), true));
          case OTHER -> found.add(new SubmissionRef(period, name, path.toString(), false));
          case FILE -> {
            if (++ignored <= Issue.NAMES_LISTED) {
              stray.add(new PeriodWarning(period, new Issue(name, null, null, ReasonCode.IGNORED_FILE,
                  "file '" + SafeText.quote(name) + "' in period folder " + period + " is not a submission; ignored", null)));
            }
          }
          default -> throw new IllegalStateException();
        }
      }
    } catch (IOException e) {
      rejections.add(new PeriodRejection(period, null, new Rejection(folder.toString(), ReasonCode.READ_ERROR,
          "period folder " + period + " cannot be listed ("
              + (e instanceof Entries.UnreadableFolderException u ? u.cause() : String.valueOf(e))
              + "), so none of its submissions is read")));
      return;
    }
    if (ignored > Issue.NAMES_LISTED) {
      stray.add(new PeriodWarning(period, Issue.moreNames(Issue.MORE_FILES, null, ReasonCode.IGNORED_FILE, ignored,
          "files in period folder " + period + " that are not submissions")));
    }
    submissions.addAll(found);
    warnings.addAll(stray);
  }

  /** Every period named by the inbox's folders, valid or not. */
  public Set<String> periods() {
    Set<String> all = new java.util.TreeSet<>();
    submissions.forEach(s -> all.add(s.period()));
    rejections.forEach(r -> all.add(r.period()));
    warnings.forEach(w -> all.add(w.period()));
    return all;
  }
}
