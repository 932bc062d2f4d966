package cn.changai.jobs.report;

import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import cn.changai.jobs.report.PeriodData.IssueRow;
import cn.changai.jobs.report.PeriodData.RejectedSubmissionRow;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import cn.changai.jobs.report.PeriodData.SkillRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tiny period worked out by hand. Enterprises: group GRP1 (its headquarters' own submission),
 * ENT1 under GRP1 (with a hostile name), branch ENT2 under ENT1 (8 industrial workers: low base),
 * and group GRP2 alone. Groups (roll-ups): GRP1 and GRP2.
 *
 * <pre>
 * enterprise values  GRP1  ENT1  GRP2  ENT2          ENT1 normalised   median
 * A02                 20    30    10   (50, low)      (30-10)/20 = 100  20
 * A04                 40    10    70                  0                40
 * B03                  5     8     2                  100              5
 * B05                 10    15    30                  (15-10)/20 = 25  15
 * C02                100     0   100                  0 (target 100)   100
 * C04                 20    35    50                  (35-20)/30 = 50  35
 * D04                 60    90    80                  (90-60)/30 = 100 80
 * C05                 50    50    50                  all equal: none  50
 * B06                  —   140     —                  one value: none  140
 * </pre>
 *
 * ENT1's strengths are A02, B03, D04 (100 each, catalogue order), its weaknesses A04, C02 (0) and
 * B05 (25).
 */
final class HandFixture {

  static final String PERIOD = "2025";
  static final String HOSTILE = "<b>&\"公司";
  static final String HOSTILE_DISTRICT = "<script>alert('x')</script>区";

  private HandFixture() {}

  static PeriodData period() {
    return new PeriodData(PERIOD, indicators(), scores(), skills(), enterprises(), rejectedSubmissions(), rejectedRows(),
        warnings(), Set.of());
  }

  static List<EnterpriseRow> enterprises() {
    return List.of(
        new EnterpriseRow("GRP1", "甲集团", null, "group", "automotive", "浦东新区", 100, 100, 0, 2, 2, 0, 0),
        new EnterpriseRow("ENT1", HOSTILE, "GRP1", "subsidiary", "automotive", HOSTILE_DISTRICT, 45, 42, 3, 1, 1, 0, 1),
        new EnterpriseRow("ENT2", "甲集团嘉定分公司", "ENT1", "branch", "automotive", "嘉定区", 8, 8, 0, 0, 0, 0, 0),
        new EnterpriseRow("GRP2", "乙集团", null, "group", "biomedicine", "静安区", 60, 60, 0, 1, 1, 0, 0));
  }

  static List<IndicatorRow> indicators() {
    List<IndicatorRow> rows = new ArrayList<>();
    // id, GRP1, ENT1, GRP2 (null = no value)
    Object[][] table = {
      {"A02", 20.0, 30.0, 10.0},
      {"A04", 40.0, 10.0, 70.0},
      {"B03", 5.0, 8.0, 2.0},
      {"B05", 10.0, 15.0, 30.0},
      {"C02", 100.0, 0.0, 100.0},
      {"C04", 20.0, 35.0, 50.0},
      {"D04", 60.0, 90.0, 80.0},
      {"C05", 50.0, 50.0, 50.0},
      {"B06", null, 140.0, null},
    };
    String[] units = {"GRP1", "ENT1", "GRP2"};
    for (Object[] line : table) {
      for (int u = 0; u < units.length; u++) {
        Double value = (Double) line[u + 1];
        rows.add(enterprise(units[u], (String) line[0], value == null ? null : value, value == null ? null : 100.0,
            value, false));
      }
    }
    // ENT2: 8 industrial workers, 4 party members: 50%, flagged low base.
    rows.add(enterprise("ENT2", "A02", 4.0, 8.0, 50.0, true));
    // Group roll-ups.
    rows.add(new IndicatorRow("group", "GRP1", "甲集团", "A02", 50.0, 200.0, 25.0, false, 3, 3, "1", "run-1"));
    rows.add(new IndicatorRow("group", "GRP2", "乙集团", "A02", 6.0, 60.0, 10.0, false, 1, 1, "1", "run-1"));
    rows.add(new IndicatorRow("group", "GRP1", "甲集团", "C02", 2.0, 3.0, 200.0 / 3.0, false, 2, 3, "1", "run-1"));
    // System.
    rows.add(new IndicatorRow("system", "all", "全系统", "A02", 56.0, 260.0, 56.0 / 260.0 * 100, false, 4, 4, "1", "run-1"));
    rows.add(new IndicatorRow("system", "all", "全系统", "C02", 3.0, 4.0, 75.0, false, 4, 4, "1", "run-1"));
    rows.add(new IndicatorRow("system", "all", "全系统", "B05", 30.0, 260.0, 30.0 / 260.0 * 100, false, 4, 4, "1", "run-1"));
    return rows;
  }

  private static IndicatorRow enterprise(String id, String indicator, Double num, Double den, Double value, boolean low) {
    String name = enterprises().stream().filter(e -> e.enterpriseId().equals(id)).findFirst().orElseThrow().name();
    return new IndicatorRow("enterprise", id, name, indicator, num == null ? null : value, den, value, low, 1, 1, "1",
        "run-1");
  }

  /** The indicators every score row says it used. */
  static final List<String> INDICATORS_USED = List.of("A01", "A02", "B01", "B05", "C01", "C02", "D03");

  static List<ScoreRow> scores() {
    return List.of(
        score("enterprises", "enterprise", "ENT1", HOSTILE, 80.0, 70.0, 80.0, 90.0, 80.0, 1, 1, "良好", 1, 1, 2, false),
        score("enterprises", "enterprise", "GRP1", "甲集团", 60.0, 50.0, 60.0, 70.0, 60.0, 2, -1, "合格", 2, 1, 3, false),
        score("enterprises", "enterprise", "GRP2", "乙集团", 40.0, 30.0, 40.0, 50.0, 40.0, 3, null, "待改进", 3, 1, 5, true),
        score("enterprises", "enterprise", "ENT2", "甲集团嘉定分公司", null, null, null, null, null, null, null, null, null, null,
            null, false),
        score("groups", "group", "GRP1", "甲集团", 90.0, 90.0, 90.0, 90.0, 90.0, 1, 0, "优秀", 1, 1, 1, false),
        score("groups", "group", "GRP2", "乙集团", 30.0, 30.0, 30.0, 30.0, 30.0, 2, 0, "待改进", 2, 2, 2, false),
        score("industry:automotive", "enterprise", "ENT1", HOSTILE, 80.0, 70.0, 80.0, 90.0, 80.0, 1, null, "良好", 1, 1,
            1, false),
        score("industry:automotive", "enterprise", "GRP1", "甲集团", 60.0, 50.0, 60.0, 70.0, 60.0, 2, null, "合格", 2, 2,
            2, false));
  }

  private static ScoreRow score(String scope, String level, String id, String name, Double composite, Double a, Double b,
      Double c, Double d, Integer rank, Integer change, String tier, Integer median, Integer p05, Integer p95,
      boolean unstable) {
    return new ScoreRow(scope, level, id, name, composite, a, b, c, d, rank, change, tier, median, p05, p95, unstable,
        INDICATORS_USED, "minmax, equal weights");
  }

  static List<SkillRow> skills() {
    return List.of(
        new SkillRow("enterprise", "ENT1", "none", 10, 0.25),
        new SkillRow("enterprise", "ENT1", "junior", 20, 0.5),
        new SkillRow("enterprise", "ENT1", "senior", 10, 0.25),
        new SkillRow("enterprise", "ENT2", "none", 3, 0.375),
        new SkillRow("enterprise", "ENT2", "chief_technician", 5, 0.625),
        new SkillRow("system", "all", "none", 50, 0.5),
        new SkillRow("system", "all", "senior", 50, 0.5));
  }

  static List<RejectedSubmissionRow> rejectedSubmissions() {
    // As ingest stores it: the server's absolute path, which no page may show.
    return List.of(new RejectedSubmissionRow("ENT9", "file:/srv/changai/inbox/2025/ENT9", "BAD_ENTERPRISE_ID",
        "the folder name ENT9 is not a valid unified social credit code"),
        new RejectedSubmissionRow("ENT9", "file:/srv/changai/inbox/2025/ENT9", "READ_ERROR",
        "cannot read: java.io.IOException: /srv/changai/inbox/2025/ENT9/workers.csv (Permission denied)"));
  }

  static List<IssueRow> rejectedRows() {
    return List.of(
        new IssueRow("ENT1", "workers.csv", 7, "hire_date", "BAD_DATE", "hire_date 2025-13-40 is no date"),
        new IssueRow("ENT1", "workers.csv", 5, "hire_date", "BAD_DATE", "hire_date 2025-02-30 is no date"),
        new IssueRow("ENT1", "workers.csv", 9, "worker_id", "DUPLICATE_ID", "worker_id E0260 on two rows"));
  }

  static List<IssueRow> warnings() {
    return List.of(new IssueRow("ENT1", "说明.txt", null, null, "IGNORED_FILE", "file 说明.txt <i>ignored</i>"));
  }
}
