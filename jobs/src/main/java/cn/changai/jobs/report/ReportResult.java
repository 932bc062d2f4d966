package cn.changai.jobs.report;

import java.util.List;

/** What a report run wrote: per period, the folder, how many pages, and the tables it lacked. */
public record ReportResult(String runId, List<PeriodReport> periods, long durationMillis) {

  public ReportResult {
    periods = List.copyOf(periods);
  }

  /**
   * The report of one period; {@code everyRefused} when every submission of it was refused (it then
   * lacks the tables after ingest, and {@code missingTables} names none).
   */
  public record PeriodReport(String period, String folder, int pages, int groups, int enterprises,
      List<String> missingTables, boolean everyRefused) {
    public PeriodReport {
      missingTables = List.copyOf(missingTables);
    }
  }

  /** The summary the command prints. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    for (PeriodReport p : periods) {
      sb.append(String.format(java.util.Locale.ROOT, "%s: %d pages (index.html, quality.html, audit.html, %d group and %d enterprise scorecards) in %s%n",
          p.period(), p.pages(), p.groups(), p.enterprises(), cn.changai.jobs.warehouse.PlainPath.of(p.folder())));
      if (p.everyRefused()) {
        sb.append(String.format(java.util.Locale.ROOT, "  note: every submission of period %s was refused; its pages list why%n",
            p.period()));
      }
      for (String table : p.missingTables()) {
        sb.append(String.format(java.util.Locale.ROOT, "  note: table %s has no data for period %s; %s%n", table, p.period(),
            Layout.lack(table).en()));
      }
    }
    return sb.toString();
  }
}
