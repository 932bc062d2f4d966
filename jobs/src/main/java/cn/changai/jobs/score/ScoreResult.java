package cn.changai.jobs.score;

import cn.changai.indicators.score.AuditRow;
import cn.changai.indicators.score.ScopeScores;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a score run did: per period its rankings and reports, and how long each stage took. */
public record ScoreResult(
    String runId,
    String warehouse,
    ScoreSettings settings,
    Instant startedAt,
    Instant finishedAt,
    Map<String, Long> stageMillis,
    List<PeriodScores> periods,
    List<String> warnings) {

  /**
   * One period's rankings: the period compared with (null when none), the reports written, and the
   * methodology audit (empty when not computed).
   */
  public record PeriodScores(String period, String previousPeriod, List<ScopeScores> scopes, List<String> reports,
      List<AuditRow> audit) {

    public PeriodScores(String period, String previousPeriod, List<ScopeScores> scopes, List<String> reports) {
      this(period, previousPeriod, scopes, reports, List.of());
    }

    /** The values outlier treatment changed, as {@code indicator unit from→to}. */
    public List<String> treated() {
      List<String> out = new java.util.ArrayList<>();
      AuditRow from = null;
      for (AuditRow a : audit) {
        if (!AuditRow.TREATED.equals(a.section())) {
          continue;
        }
        if ("from".equals(a.statistic())) {
          from = a;
        } else if (from != null) {
          out.add(a.unitLevel() + " " + a.unitId() + " " + a.indicatorId() + ": " + from.value() + " → " + a.value());
        }
      }
      return out;
    }

    public long rows() {
      return scopes.stream().mapToLong(s -> s.units().size()).sum();
    }
  }

  /** A short summary for the terminal. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append("Scored ").append(periods.size()).append(periods.size() == 1 ? " period" : " periods")
        .append(" (").append(settings.method()).append(")\n");
    for (PeriodScores p : periods) {
      out.append("  ").append(p.period())
          .append(p.previousPeriod() == null ? ", no previous period" : ", change against " + p.previousPeriod())
          .append(":\n");
      if (p.scopes().isEmpty()) {
        out.append("    no enterprise or group to rank\n");
      }
      for (ScopeScores s : p.scopes()) {
        long unstable = s.units().stream().filter(u -> u.interval() != null && u.interval().unstable()).count();
        out.append(String.format(Locale.ROOT, "    %-34s %6d ranked of %6d, %6d unstable, %2d indicators used%n",
            s.scope(), s.rankedCount(), s.units().size(), unstable, s.indicatorsUsed().size()));
      }
      for (String report : p.reports()) {
        out.append("    report: ").append(report).append('\n');
      }
    }
    for (String warning : warnings) {
      out.append("Warning: ").append(warning).append('\n');
    }
    return out.toString();
  }
}
