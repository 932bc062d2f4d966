package cn.changai.jobs.report;

import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IssueRow;
import cn.changai.jobs.report.PeriodData.RejectedSubmissionRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the period's data-quality page shows: every submission, accepted or refused whole, with its
 * row counts, the reasons it or its rows were refused, and its warnings. Findings about one data
 * row are grouped by reason and column with their line numbers; their reason texts, which may quote
 * the row's values, are left out.
 */
public record QualityModel(String period, List<Submission> submissions, Totals totals, List<String> missingTables,
    boolean everyRefused, List<PlausibilityLine> plausibility, String previousPeriod, List<Absent> absent) {

  /** Line numbers listed per group of findings; the count says how many there are in all. */
  static final int LINES_SHOWN = 20;

  public QualityModel {
    submissions = List.copyOf(submissions);
    missingTables = List.copyOf(missingTables);
    plausibility = List.copyOf(plausibility);
    absent = List.copyOf(absent);
  }

  /**
   * An enterprise that had indicator values in the previous period of the same kind and has neither
   * a submission nor a refusal in this one: the roll-ups of its groups no longer count it, which a
   * planner reading a change must know. {@code previousPage} is its scorecard of that period.
   */
  public record Absent(String enterpriseId, String name, String previousPage) {}

  /**
   * One submission. An accepted one has counts and a scorecard ({@code unit}); a refused one has
   * its path and {@code rejections}. The same enterprise may appear twice: its held submission and
   * a refused later one. The id and path are shown as the console shows them: a refused folder's
   * name is the uploader's, and its control and bidirectional characters are written as escapes
   * ({@link SafeText#escape}), as the findings' file names already are.
   */
  public record Submission(
      String enterpriseId,
      String name,
      String path,
      boolean accepted,
      UnitLink unit,
      Integer workersRead,
      Integer workersAccepted,
      Integer workersRejected,
      Integer studiosRejected,
      long warningCount,
      List<Rejection> rejections,
      List<FindingGroup> rejectedRows,
      List<FindingGroup> warnings) {
    public Submission {
      enterpriseId = SafeText.escape(enterpriseId);
      path = SafeText.escape(path);
      rejections = List.copyOf(rejections);
      rejectedRows = List.copyOf(rejectedRows);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Why a submission was refused whole; {@code file}, when set, is the file of the submission at
   * fault, its control and bidirectional characters written as escapes as the reason's are.
   */
  public record Rejection(String file, String reasonCode, String reason) {

    public Rejection {
      file = SafeText.escape(file);
    }

    /** The reason, after the file it is about unless the reason names that file itself. */
    public String text() {
      return file == null || reason == null || reason.contains(file) ? reason : file + ": " + reason;
    }
  }

  /**
   * Findings of one reason in one file and column: how many, the first line numbers, and (only for
   * findings that are not about a data row) the reason text.
   */
  public record FindingGroup(String reasonCode, String file, String column, int count, List<Integer> lines,
      String detail) {
    public FindingGroup {
      lines = List.copyOf(lines);
    }
  }

  /** Sums over the period. */
  public record Totals(int submissions, int accepted, int refused, long workersRead, long workersAccepted,
      long workersRejected, long warnings) {}

  /** How many findings the rows stand for (a group's first row carries the group's size). */
  private static long weight(List<IssueRow> rows) {
    return rows.stream().mapToLong(IssueRow::weight).sum();
  }

  static QualityModel build(ReportContext ctx) {
    PeriodData data = ctx.data;
    Map<String, List<IssueRow>> rejectedRows = byEnterprise(data.rejectedRows());
    Map<String, List<IssueRow>> warnings = byEnterprise(data.warnings());
    List<Submission> submissions = new ArrayList<>();
    for (EnterpriseRow e : data.enterprises()) {
      List<IssueRow> w = warnings.getOrDefault(e.enterpriseId(), List.of());
      submissions.add(new Submission(e.enterpriseId(), e.name(), null, true,
          ctx.unit(PeriodData.LEVEL_ENTERPRISE, e.enterpriseId()).orElse(null), e.workersRead(), e.workersAccepted(),
          e.workersRejected(), e.studiosRejected(), e.warnings() != null ? ctx.warnings(e) : weight(w), List.of(),
          group(rejectedRows.getOrDefault(e.enterpriseId(), List.of())), group(w)));
    }
    Map<String, List<RejectedSubmissionRow>> refused = new LinkedHashMap<>();
    // One entry per refused submission, however many of its files were at fault.
    for (RejectedSubmissionRow r : data.rejectedSubmissions()) {
      refused.computeIfAbsent(r.submission(), k -> new ArrayList<>()).add(r);
    }
    for (List<RejectedSubmissionRow> reasons : refused.values()) {
      RejectedSubmissionRow first = reasons.get(0);
      String name = first.enterpriseId() == null ? null
          : ctx.enterprise(first.enterpriseId()).map(EnterpriseRow::name).orElse(null);
      // The page names the submission by its place in the inbox, never by the server's path.
      String folder = folder(first, data.period());
      List<Rejection> why = new ArrayList<>();
      for (RejectedSubmissionRow r : reasons) {
        String path = r.path() == null ? "" : r.path();
        int at = folder == null ? -1 : path.lastIndexOf("/" + folder + "/");
        String file = at < 0 ? null : path.substring(at + folder.length() + 2);
        why.add(new Rejection(file, r.reasonCode(), InboxPath.scrub(r.reason(), data.period())));
      }
      submissions.add(new Submission(first.enterpriseId(), name, folder != null ? folder
          : InboxPath.relative(first.path(), data.period()), false, null, null, null, null, null, 0, why,
          List.of(), List.of()));
    }
    // Findings of no accepted submission (a warning about a period folder has no enterprise): their own line.
    java.util.Set<String> held = new java.util.HashSet<>();
    data.enterprises().forEach(e -> held.add(e.enterpriseId()));
    java.util.Set<String> others = new java.util.LinkedHashSet<>();
    rejectedRows.keySet().stream().filter(k -> !held.contains(k)).forEach(others::add);
    warnings.keySet().stream().filter(k -> !held.contains(k)).forEach(others::add);
    for (String id : others) {
      List<IssueRow> w = warnings.getOrDefault(id, List.of());
      submissions.add(new Submission(id, null, null, true, null, null, null, null, null, weight(w), List.of(),
          group(rejectedRows.getOrDefault(id, List.of())), group(w)));
    }
    submissions.sort(Comparator.comparing((Submission s) -> s.enterpriseId() == null)
        .thenComparing(s -> Objects.toString(s.enterpriseId(), ""))
        .thenComparing(s -> !s.accepted()).thenComparing(s -> Objects.toString(s.path(), "")));

    long read = 0;
    long accepted = 0;
    long rejected = 0;
    long warningTotal = 0;
    for (EnterpriseRow e : data.enterprises()) {
      read += orZero(e.workersRead());
      accepted += orZero(e.workersAccepted());
      rejected += orZero(e.workersRejected());
    }
    for (Submission s : submissions) {
      warningTotal += s.warningCount();
    }
    int acceptedCount = data.enterprises().size();
    Totals totals = new Totals(acceptedCount + refused.size(), acceptedCount, refused.size(), read, accepted, rejected,
        warningTotal);
    return new QualityModel(data.period(), submissions, totals, ScorecardModel.missing(data), data.everyRefused(),
        PlausibilityLine.of(ctx), ctx.window.previous(), absent(ctx));
  }

  /** The enterprises of the previous period that this one neither holds nor refused, by id. */
  static List<Absent> absent(ReportContext ctx) {
    java.util.Set<String> here = new java.util.HashSet<>();
    ctx.data.enterprises().forEach(e -> here.add(e.enterpriseId()));
    ctx.data.rejectedSubmissions().forEach(r -> here.add(r.enterpriseId()));
    List<Absent> absent = new ArrayList<>();
    ctx.window.previousEnterprisesNotIn(here).forEach((id, name) -> absent.add(new Absent(id, name == null ? id : name,
        "../" + ctx.window.previous() + "/" + UnitLink.of(PeriodData.LEVEL_ENTERPRISE, id, name).path())));
    return absent;
  }

  /**
   * The submission folder a refusal is about ({@code 2025/9131…}), whether the row names the folder
   * or a file in it; null for a refusal of no submission (a period folder, a stray root folder).
   */
  private static String folder(RejectedSubmissionRow row, String period) {
    if (row.enterpriseId() == null) {
      return null;
    }
    // The folder's segments in the path, wherever the inbox is and however deep the file at fault
    // (a link inside a sub-folder is refused by its own path).
    String folder = period + "/" + row.enterpriseId();
    String path = row.path() == null ? "" : row.path();
    int at = path.lastIndexOf("/" + folder + "/");
    if (at >= 0 || path.endsWith("/" + folder)) {
      return folder;
    }
    String place = InboxPath.relative(row.path(), period);
    if (place == null) {
      return null;
    }
    String[] parts = place.split("/", 3);
    return parts.length >= 2 ? parts[0] + "/" + parts[1] : null;
  }

  /** Groups findings by reason, file and column (and by text for findings that are not about a data row). */
  static List<FindingGroup> group(List<IssueRow> issues) {
    Map<List<String>, List<IssueRow>> groups = new TreeMap<>(Comparator
        .comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2))
        .thenComparing(k -> k.get(3)));
    for (IssueRow issue : issues) {
      List<String> key = List.of(Objects.toString(issue.reasonCode(), ""), Objects.toString(issue.file(), ""),
          Objects.toString(issue.column(), ""), issue.isDataRow() ? "\u0000row" : Objects.toString(issue.reason(), ""));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(issue);
    }
    List<FindingGroup> result = new ArrayList<>();
    groups.forEach((key, rows) -> {
      List<Integer> lines = rows.stream().map(IssueRow::line).filter(Objects::nonNull).sorted().distinct()
          .limit(LINES_SHOWN).toList();
      IssueRow first = rows.get(0);
      int count = (int) rows.stream().mapToLong(IssueRow::weight).sum();
      result.add(new FindingGroup(first.reasonCode(), first.file(), first.column(), count, lines,
          first.isDataRow() ? null : InboxPath.scrub(first.reason(), null)));
    });
    return result;
  }

  private static Map<String, List<IssueRow>> byEnterprise(List<IssueRow> rows) {
    Map<String, List<IssueRow>> map = new LinkedHashMap<>();
    for (IssueRow r : rows) {
      map.computeIfAbsent(r.enterpriseId(), k -> new ArrayList<>()).add(r);
    }
    return map;
  }

  private static long orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
