package cn.changai.jobs.report;

import java.util.List;
import java.util.Map;

/** What a report run wrote: per period, the folder, how many pages, and the tables it lacked. */
public record ReportResult(String runId, List<PeriodReport> periods, long durationMillis) {

  public ReportResult {
    periods = List.copyOf(periods);
  }

  /** The report of one period. */
  public record PeriodReport(String period, String folder, int pages, int groups, int enterprises,
      List<String> missingTables) {
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
      for (String table : p.missingTables()) {
        sb.append(String.format(java.util.Locale.ROOT, "  note: table %s has no data for period %s; %s%n", table, p.period(),
            consequence(table)));
      }
    }
    return sb.toString();
  }

  private static String consequence(String table) {
    return Map.of(
        PeriodData.SCORES, "the pages show no ranking, composite or part scores",
        PeriodData.INDICATOR_VALUES, "the pages show no indicator values or headline figures",
        PeriodData.SKILL_DISTRIBUTION, "the pages show no skill-level distribution",
        PeriodData.ENTERPRISES, "the pages show no unit details or submission counts")
        .getOrDefault(table, "the quality page lacks what it holds");
  }
}
