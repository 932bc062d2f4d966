package cn.changai.jobs.ingest;

import cn.changai.jobs.ingest.SubmissionResult.Counts;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The plain-text reports that ingest and validate print when they finish. Every piece of text an
 * uploader controls (folder names, file and column names, reasons) goes through
 * {@link SafeText#escape}, so an ESC sequence or a newline in a submission cannot steer the
 * terminal or print a line that looks like the program's own.
 */
public final class IngestSummary {

  private static final int TOP_REASONS = 8;

  private IngestSummary() {}

  /** The ingest summary: a table by period, the refused submissions and the top reasons. */
  public static String format(IngestResult result) {
    StringBuilder out = new StringBuilder();
    long millis = result.finishedAt().toEpochMilli() - result.startedAt().toEpochMilli();
    out.append(String.format(Locale.ROOT, "Ingest %s: %s -> %s in %.1f s%n", result.runId(), shown(result.inbox()),
        shown(cn.changai.jobs.warehouse.PlainPath.of(result.warehouse())), millis / 1000.0));
    out.append(table(result));
    out.append("Periods rewritten: ")
        .append(result.periodsRewritten().isEmpty() ? "none (nothing changed)" : shown(String.join(", ", result.periodsRewritten())))
        .append('\n');
    superseded(result, out);
    refusals(result, out);
    topReasons(result, out);
    return out.toString();
  }

  /** The held submissions that later ones replaced, with both submission times. */
  private static void superseded(IngestResult result, StringBuilder out) {
    if (result.superseded().isEmpty()) {
      return;
    }
    out.append("Superseded (replaced whole by a later submission):\n");
    for (SubmissionResult s : result.submissions()) {
      HeldSubmission held = result.superseded().get(s.ref().key());
      if (held != null) {
        out.append(String.format(Locale.ROOT, "  %s/%s  submitted %s, replaced by the one submitted %s%n", shown(s.ref().period()),
            shown(s.ref().enterpriseId()), held.submittedAt(), s.enterprise().submittedAt()));
      }
    }
  }

  /**
   * The validate report's block of one submission: its verdict, counts, refusals, and its first
   * {@code limit} rejected rows and warnings (all when 0). Printed as each submission is read.
   */
  public static String formatSubmission(SubmissionResult s, int limit) {
    StringBuilder out = new StringBuilder();
    Counts c = s.counts();
    out.append(String.format(Locale.ROOT, "%s/%s  %s%n", shown(s.ref().period()), shown(SafeText.name(s.ref().enterpriseId())), verdict(s)));
    if (s.status() != Status.REJECTED) {
      out.append(String.format(Locale.ROOT, "    workers.csv: %d rows read, %d accepted, %d rejected; studios.csv: %d read, %d accepted, %d rejected; %d warning(s)%n",
          c.workersRead(), c.workersAccepted(), c.workersRejected(), c.studiosRead(), c.studiosAccepted(),
          c.studiosRejected(), c.warnings()));
    }
    for (Rejection r : s.rejections()) {
      out.append("    ").append(r.code()).append(": ").append(shown(r.reason())).append('\n');
    }
    if (s.status() == Status.REJECTED && (!s.rejectedRows().isEmpty() || !s.warnings().isEmpty())) {
      // What the uploader must also mend before the submission is accepted.
      out.append(String.format(Locale.ROOT, "    refused with all its rows (workers.csv %d, studios.csv %d); its rows' own findings:"
          + " %d rejected, %d warning(s) (links between rows are checked once nothing else refuses it)%n",
          c.workersRead(), c.studiosRead(), s.rejectedRows().size(), s.warnings().size()));
    }
    List<Issue> issues = new ArrayList<>(s.rejectedRows());
    issues.addAll(s.warnings());
    int shown = 0;
    for (Issue i : issues) {
      if (limit > 0 && shown == limit) {
        out.append(String.format(Locale.ROOT, "    ... and %d more (--limit 0 lists all)%n", issues.size() - shown));
        break;
      }
      boolean warning = i.code().scope() == ReasonCode.Scope.WARNING;
      out.append(String.format(Locale.ROOT, "    %s %s%s%s %s: %s%n", warning ? "warning" : "rejected", shown(i.file()),
          i.line() == null ? "" : " line " + i.line(), i.column() == null ? "" : " [" + shown(i.column()) + "]",
          i.code(), shown(i.reason())));
      shown++;
    }
    return out.toString();
  }

  /** The end of the validate report, after the submissions' blocks: the inbox's own findings and the totals. */
  public static String formatValidation(IngestResult result) {
    StringBuilder out = new StringBuilder();
    if (result.submissions().isEmpty() && result.listing().rejections().isEmpty()) {
      // Not "every submission would be accepted" over a table of noughts: there was none to check.
      return "No submission folders found under " + shown(result.inbox())
          + " (expected <inbox>/<period>/<enterprise_id>/): nothing to check.\n";
    }
    for (Inbox.PeriodRejection p : result.listing().rejections()) {
      out.append(String.format(Locale.ROOT, "%s  REJECTED%n    %s: %s%n", shown(p.period()), p.rejection().code(), shown(p.rejection().reason())));
    }
    for (Inbox.PeriodWarning w : result.listing().warnings()) {
      out.append(String.format(Locale.ROOT, "%s  warning %s: %s%n", shown(w.period()), w.issue().code(), shown(w.issue().reason())));
    }
    out.append('\n').append(table(result));
    topReasons(result, out);
    out.append(result.exitCode() == IngestResult.OK
        ? "Every submission would be accepted.\n"
        : result.rejected() + " submission(s) would be rejected whole.\n");
    return out.toString();
  }

  /** Text an uploader controls, as printed: control characters escaped. */
  private static String shown(String text) {
    return SafeText.escape(text);
  }

  private static String verdict(SubmissionResult s) {
    return switch (s.status()) {
      case ACCEPTED -> s.counts().workersRejected() + s.counts().studiosRejected() == 0 ? "accepted" : "accepted with rejected rows";
      case UNCHANGED -> "unchanged";
      case REJECTED -> "REJECTED";
    };
  }

  /**
   * The label under which the summary counts the entries at the inbox root that are not periods
   * (folders misnamed, links): one line for all of them, as a hostile inbox can hold thousands.
   */
  static final String NOT_PERIODS = "other";

  private static String table(IngestResult result) {
    Map<String, List<SubmissionResult>> byPeriod = new TreeMap<>();
    Map<String, Long> refusedByLabel = new TreeMap<>();
    result.submissions().forEach(s -> byPeriod.computeIfAbsent(s.ref().period(), p -> new ArrayList<>()).add(s));
    for (Inbox.PeriodRejection r : result.listing().rejections()) {
      String label = label(r.period());
      byPeriod.computeIfAbsent(label, p -> new ArrayList<>());
      refusedByLabel.merge(label, 1L, Long::sum);
    }
    String header = String.format(Locale.ROOT, "%-8s %11s %8s %9s %8s %13s %13s %13s %8s%n", "period", "submissions",
        "accepted", "unchanged", "rejected", "rows read", "accepted", "rejected", "warnings");
    StringBuilder out = new StringBuilder(header);
    out.append("-".repeat(header.length() - 1)).append('\n');
    List<SubmissionResult> all = new ArrayList<>();
    byPeriod.forEach((period, list) -> {
      out.append(line(period, list, refusedByLabel.getOrDefault(period, 0L)));
      all.addAll(list);
    });
    out.append(line("total", all, result.listing().rejections().size()));
    out.append("Rows are worker rows; rejected counts rows rejected alone and rows of submissions rejected whole"
        + " (a file refused for a fault of its own counts none).\n");
    if (refusedByLabel.containsKey(NOT_PERIODS)) {
      out.append(NOT_PERIODS + ": entries at the inbox root that are not period folders, refused whole.\n");
    }
    return out.toString();
  }

  /** A period's line in the table: its own, or {@link #NOT_PERIODS} for an entry that is not a period. */
  private static String label(String period) {
    return cn.changai.domain.Period.isValidPeriod(period) ? period : NOT_PERIODS;
  }

  private static String line(String label, List<SubmissionResult> list, long refusedFolders) {
    long accepted = list.stream().filter(s -> s.status() == Status.ACCEPTED).count();
    long unchanged = list.stream().filter(s -> s.status() == Status.UNCHANGED).count();
    long rejected = list.stream().filter(s -> s.status() == Status.REJECTED).count() + refusedFolders;
    return String.format(Locale.ROOT, "%-8s %,11d %,8d %,9d %,8d %,13d %,13d %,13d %,8d%n", shown(label), list.size() + refusedFolders,
        accepted, unchanged, rejected, sum(list, Counts::workersRead), sum(list, Counts::workersAccepted),
        sum(list, Counts::workersRejected), sum(list, Counts::warnings));
  }

  private static long sum(List<SubmissionResult> list, ToIntFunction<Counts> count) {
    return list.stream().mapToLong(s -> count.applyAsInt(s.counts())).sum();
  }

  /**
   * The refused submissions and inbox entries, one line per reason, at most {@link #REFUSALS_LISTED}
   * lines and then how many more: {@code rejected_submissions} and the quality page list them all.
   */
  private static void refusals(IngestResult result, StringBuilder out) {
    if (result.rejected() == 0) {
      return;
    }
    out.append("Rejected submissions:\n");
    List<String> lines = new ArrayList<>();
    for (SubmissionResult s : result.submissions()) {
      for (Rejection r : s.rejections()) {
        lines.add(String.format(Locale.ROOT, "  %s/%s  %s: %s%n", shown(s.ref().period()), shown(SafeText.name(s.ref().enterpriseId())), r.code(), shown(r.reason())));
      }
    }
    for (Inbox.PeriodRejection p : result.listing().rejections()) {
      lines.add(String.format(Locale.ROOT, "  %s  %s: %s%n", shown(p.period()), p.rejection().code(), shown(p.rejection().reason())));
    }
    listed(lines, out);
  }

  /** Refusals listed one per line before the rest are only counted. */
  public static final int REFUSALS_LISTED = Issue.NAMES_LISTED;

  /**
   * Appends the first {@link #REFUSALS_LISTED} lines, then one line counting the rest: a hostile
   * inbox of 20,000 misnamed folders printed 40,000 lines a night.
   */
  public static void listed(List<String> lines, StringBuilder out) {
    for (int i = 0; i < Math.min(REFUSALS_LISTED, lines.size()); i++) {
      out.append(lines.get(i));
    }
    if (lines.size() > REFUSALS_LISTED) {
      out.append(String.format(Locale.ROOT, "  … and %,d more (%,d in all): table rejected_submissions lists every one%n",
          lines.size() - REFUSALS_LISTED, lines.size()));
    }
  }

  private static void topReasons(IngestResult result, StringBuilder out) {
    Map<String, Integer> reasons = result.reasons();
    if (reasons.isEmpty()) {
      return;
    }
    List<Map.Entry<String, Integer>> top = new ArrayList<>(reasons.entrySet());
    top.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    StringBuilder line = new StringBuilder("Top reasons:");
    for (int i = 0; i < Math.min(TOP_REASONS, top.size()); i++) {
      line.append(i == 0 ? " " : ", ").append(top.get(i).getKey()).append(' ').append(top.get(i).getValue());
    }
    out.append(line).append('\n');
  }
}
