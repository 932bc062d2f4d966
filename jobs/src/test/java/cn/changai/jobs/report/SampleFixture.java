package cn.changai.jobs.report;

import cn.changai.domain.SkillLevel;
import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Kind;
import cn.changai.indicators.Part;
import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import cn.changai.jobs.report.PeriodData.IssueRow;
import cn.changai.jobs.report.PeriodData.RejectedSubmissionRow;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import cn.changai.jobs.report.PeriodData.SkillRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Two periods shaped like the sample run (sample-data/README.md): the sample's enterprises, tree,
 * industries, districts, row counts, deliberate faults and low bases, with indicator values drawn
 * from fixed seeds and scores made by a simple min-max scoring. One extra enterprise in 2025 has
 * a hostile name and district. The values are plausible, not the ones the compute job would give:
 * the fixture is for looking at the pages and checking them in a browser.
 */
final class SampleFixture {

  static final String HOSTILE_ID = "91310000XSS0000001";
  /** The indicators each score row says it used: the catalogue's but D01 and D02, as in the sample's run. */
  static final List<String> INDICATORS_USED = cn.changai.indicators.Catalogue.all().stream()
      .map(cn.changai.indicators.Indicator::id).filter(id -> !id.equals("D01") && !id.equals("D02")).toList();
  /** Markup, and Hebrew letters and a number at the end, which the pages must isolate from what follows. */
  static final String HOSTILE_NAME = "<b>&\"公司<script>alert(1)</script> שלום 42";

  /** id, name, parent, level, industry, district, rows read, rows accepted, industrial workers, front-line. */
  private static final Object[][] UNITS_2025 = {
    {"913100004EGYLCJ3YE", "上海华谊电子集团有限公司", null, "group", "electronic_information", "浦东新区", 371, 371, 320, 198},
    {"91310000BP0J7HHQ27", "上海华谊微电子有限公司", "913100004EGYLCJ3YE", "subsidiary", "integrated_circuits", "浦东新区", 242, 242, 209, 125},
    {"9131000061M0NUEL8E", "上海华谊微电子有限公司嘉定分公司", "91310000BP0J7HHQ27", "branch", "integrated_circuits", "嘉定区", 8, 8, 8, 7},
    {"91310000KG5MUTX941", "上海华谊智能终端有限公司", "913100004EGYLCJ3YE", "subsidiary", "smart_terminals", "闵行区", 181, 177, 160, 94},
    {"91310000KR00LCT9HA", "上海华谊软件有限公司", "913100004EGYLCJ3YE", "subsidiary", "electronic_information", "徐汇区", 127, 127, 108, 64},
    {"91310000EUPC8PLLBC", "上海华谊人工智能科技有限公司", "913100004EGYLCJ3YE", "subsidiary", "artificial_intelligence", "徐汇区", 100, 100, 88, 45},
    {"91310000PFA8X8CLF4", "上海申康生物医药集团有限公司", null, "group", "biomedicine", "静安区", 330, 330, 277, 162},
    {"91310000B2XRY7BQC8", "上海申康制药有限公司", "91310000PFA8X8CLF4", "subsidiary", "biomedicine", "奉贤区", 210, 210, 180, 120},
    {"91310000QN3M39E0EM", "上海申康医疗器械有限公司", "91310000PFA8X8CLF4", "subsidiary", "life_health", "松江区", 148, 148, 122, 80},
    {"91310000HQUH9XP5U4", "上海申康健康服务有限公司", "91310000PFA8X8CLF4", "subsidiary", "life_health", "长宁区", 15, 15, 12, 9},
    {"91310000LNUA40P403", "上海浦江汽车装备集团有限公司", null, "group", "automotive", "嘉定区", 428, 428, 359, 200},
    {"91310000G076RG33JD", "上海浦江汽车零部件有限公司", "91310000LNUA40P403", "subsidiary", "automotive", "嘉定区", 257, 252, 203, 118},
    {"913100007TDHX8A12P", "上海浦江重型机械有限公司", "91310000LNUA40P403", "subsidiary", "high_end_equipment", "宝山区", 175, 175, 149, 93},
    {"913100002Q787L00BW", "上海浦江新材料有限公司", "91310000LNUA40P403", "subsidiary", "advanced_materials", "金山区", 119, 119, 105, 60},
    {"913100004LT4AKJ37K", "上海浦江船舶配套有限公司", "91310000LNUA40P403", "subsidiary", "high_end_equipment", "浦东新区", 134, 134, 111, 65},
    {HOSTILE_ID, HOSTILE_NAME, "91310000LNUA40P403", "subsidiary", "other", "<i>浦东</i>新区", 20, 20, 17, 11},
  };

  private static final Set<String> NOT_IN_2024 = Set.of("91310000EUPC8PLLBC", "913100004LT4AKJ37K", HOSTILE_ID);
  private static final double[] SKILL_MIX = {0.15, 0.25, 0.25, 0.17, 0.10, 0.05, 0.02, 0.01};

  private SampleFixture() {}

  /** The two periods, 2024 then 2025. */
  static List<PeriodData> periods() {
    PeriodData p2024 = period("2024", null);
    return List.of(p2024, period("2025", p2024));
  }

  /** The number of enterprises ranked in 2025 (every accepted submission, the hostile one included). */
  static int enterprises2025() {
    return UNITS_2025.length;
  }

  private static PeriodData period(String period, PeriodData previous) {
    boolean y2024 = period.equals("2024");
    List<EnterpriseRow> enterprises = new ArrayList<>();
    Map<String, int[]> heads = new LinkedHashMap<>();
    for (Object[] u : UNITS_2025) {
      String id = (String) u[0];
      if (y2024 && NOT_IN_2024.contains(id)) {
        continue;
      }
      int read = y2024 ? (int) Math.round((int) u[6] * 0.96) : (int) u[6];
      int accepted = y2024 ? read : (int) u[7];
      int w = y2024 && (int) u[8] > 20 ? (int) Math.round((int) u[8] * 0.96) : (int) u[8];
      int f = y2024 && (int) u[9] > 20 ? (int) Math.round((int) u[9] * 0.96) : (int) u[9];
      int warnings = switch (id) {
        case "913100007TDHX8A12P", "91310000HQUH9XP5U4", "91310000KR00LCT9HA", "91310000QN3M39E0EM", HOSTILE_ID -> y2024 ? 0 : 1;
        default -> 0;
      };
      enterprises.add(new EnterpriseRow(id, (String) u[1], (String) u[2], (String) u[3], (String) u[4], (String) u[5],
          read, accepted, read - accepted, 1, 1, 0, warnings));
      heads.put(id, new int[] {w, f});
    }

    // Enterprise values, then roll-ups to groups and the system by adding numerators and denominators.
    List<IndicatorRow> indicators = new ArrayList<>();
    Map<String, double[][]> sums = new HashMap<>();
    Map<String, String> rootOf = roots(enterprises);
    for (EnterpriseRow e : enterprises) {
      int[] h = heads.get(e.enterpriseId());
      for (Indicator ind : Catalogue.all()) {
        Random r = new Random((e.enterpriseId() + ind.id() + period).hashCode());
        double den;
        double num;
        boolean low = false;
        if (ind.kind() == Kind.UNIT_SHARE) {
          den = 1;
          num = r.nextDouble() < (ind.id().equals("C02") ? 0.6 : 0.8) ? 1 : 0;
        } else if (ind.kind() == Kind.FIGURE_RATIO) {
          den = 5 + r.nextInt(300);
          num = Math.floor(den * (0.2 + 0.8 * r.nextDouble()));
        } else {
          den = ind.id().startsWith("A04") || ind.id().startsWith("A05") ? h[1] : h[0];
          double rate = switch (Labels.unit(ind).symbol()) {
            case "%" -> 0.1 + 0.85 * r.nextDouble();
            case "/百人" -> 0.02 + 0.3 * r.nextDouble();
            case "‰" -> 0.002 + 0.02 * r.nextDouble();
            default -> 0.5 + 40 * r.nextDouble();
          };
          if (ind.id().equals("B06")) {
            rate = 1.2 + 0.8 * r.nextDouble();
          }
          num = Math.round(den * rate);
          low = den < 10;
        }
        double value = den == 0 ? Double.NaN : num / den * ind.scale();
        indicators.add(new IndicatorRow("enterprise", e.enterpriseId(), e.name(), ind.id(), num, den,
            den == 0 ? null : value, low, 1, 1, "1", "compute-" + period));
        for (String unit : List.of("group:" + rootOf.get(e.enterpriseId()), "system:all")) {
          double[][] s = sums.computeIfAbsent(unit, k -> new double[Catalogue.all().size()][3]);
          int i = Catalogue.all().indexOf(ind);
          s[i][0] += num;
          s[i][1] += den;
          s[i][2] += 1;
        }
      }
    }
    Map<String, String> names = new HashMap<>();
    enterprises.forEach(e -> names.put(e.enterpriseId(), e.name()));
    sums.forEach((unit, s) -> {
      String level = unit.substring(0, unit.indexOf(':'));
      String id = unit.substring(unit.indexOf(':') + 1);
      if (level.equals("group") && !"group".equals(enterprises.stream()
          .filter(e -> e.enterpriseId().equals(id)).findFirst().map(EnterpriseRow::level).orElse(""))) {
        return;
      }
      for (int i = 0; i < s.length; i++) {
        Indicator ind = Catalogue.all().get(i);
        boolean low = ind.kind() == Kind.HEADCOUNT_RATIO && s[i][1] < 10;
        indicators.add(new IndicatorRow(level, id, level.equals("system") ? "全系统" : names.get(id), ind.id(), s[i][0],
            s[i][1], s[i][1] == 0 ? null : s[i][0] / s[i][1] * ind.scale(), low, (int) s[i][2], (int) s[i][2], "1",
            "compute-" + period));
      }
    });

    List<SkillRow> skills = new ArrayList<>();
    Map<String, long[]> skillSums = new HashMap<>();
    for (EnterpriseRow e : enterprises) {
      long[] counts = skillCounts(heads.get(e.enterpriseId())[0], e.enterpriseId());
      addSkills(skills, "enterprise", e.enterpriseId(), counts);
      for (String unit : List.of("group:" + rootOf.get(e.enterpriseId()), "system:all")) {
        long[] s = skillSums.computeIfAbsent(unit, k -> new long[8]);
        for (int i = 0; i < 8; i++) {
          s[i] += counts[i];
        }
      }
    }
    skillSums.forEach((unit, counts) -> addSkills(skills, unit.substring(0, unit.indexOf(':')),
        unit.substring(unit.indexOf(':') + 1), counts));

    List<ScoreRow> scores = new ArrayList<>();
    scores.addAll(score(indicators, "enterprise", "enterprises", previous));
    scores.addAll(score(indicators, "group", "groups", previous));
    Map<String, String> industry = new HashMap<>();
    enterprises.forEach(e -> industry.put(e.enterpriseId(), e.industry()));
    for (String code : industry.values().stream().distinct().sorted().toList()) {
      List<IndicatorRow> members = indicators.stream()
          .filter(r -> r.unitLevel().equals("enterprise") && code.equals(industry.get(r.unitId()))).toList();
      scores.addAll(score(members, "enterprise", "industry:" + code, previous));
    }

    List<RejectedSubmissionRow> refused = new ArrayList<>();
    List<IssueRow> rejectedRows = new ArrayList<>();
    List<IssueRow> warnings = new ArrayList<>();
    if (y2024) {
      refused.add(new RejectedSubmissionRow("913100004LT4AKJ37K", "2024/913100004LT4AKJ37K", "BAD_FIELD",
          "enterprise.json line 8: industry 'shipbuilding' is not an industry code"));
    } else {
      refused.add(new RejectedSubmissionRow("913100005NUUXG9NC9", "2025/913100005NUUXG9NC9", "BAD_ENTERPRISE_ID",
          "913100005NUUXG9NC9 is not a valid unified social credit code (check character should be 2)"));
      String g = "91310000G076RG33JD";
      String k = "91310000KG5MUTX941";
      rejectedRows.add(new IssueRow(g, "workers.csv", 32, "worker_id", "DUPLICATE_ID", "worker_id E0260 on 2 rows"));
      rejectedRows.add(new IssueRow(g, "workers.csv", 77, "hire_date", "DATE_AFTER_PERIOD_END", "hire_date 2026-01-05"));
      rejectedRows.add(new IssueRow(g, "workers.csv", 141, "skill_level", "BAD_CODE", "skill_level expert"));
      rejectedRows.add(new IssueRow(g, "workers.csv", 180, "worker_id", "DUPLICATE_ID", "worker_id E0260 on 2 rows"));
      rejectedRows.add(new IssueRow(g, "workers.csv", 219, "hire_date", "BAD_DATE", "hire_date 2025-13-40"));
      rejectedRows.add(new IssueRow(k, "workers.csv", 37, "party_joined", "PARTY_JOINED_NOT_MEMBER", "party_joined set"));
      rejectedRows.add(new IssueRow(k, "workers.csv", 73, "worker_id", "PERSONAL_DATA", "worker_id 3101**********"));
      rejectedRows.add(new IssueRow(k, "workers.csv", 109, "industrial_worker", "MISSING_VALUE", "industrial_worker blank"));
      rejectedRows.add(new IssueRow(k, "workers.csv", 146, "frontline", "BAD_BOOLEAN", "frontline maybe"));
      warnings.add(new IssueRow("913100007TDHX8A12P", "workers.csv", 3, "studio_id", "STUDIO_NOT_FOUND", "studio_id LM02"));
      warnings.add(new IssueRow("91310000HQUH9XP5U4", "说明.txt", null, null, "IGNORED_FILE", "说明.txt is not a file of the contract; ignored"));
      warnings.add(new IssueRow("91310000KR00LCT9HA", "enterprise.json", 11, "remark", "UNKNOWN_FIELD", "unknown field 'remark' kept out of the tables"));
      warnings.add(new IssueRow("91310000QN3M39E0EM", "workers.csv", 11, "mentor_id", "MENTOR_NOT_FOUND", "mentor_id E0021"));
      warnings.add(new IssueRow(HOSTILE_ID, "enterprise.json", 12, "remark", "UNKNOWN_FIELD", "unknown field 'remark' kept out of the tables"));
    }
    return new PeriodData(period, indicators, scores, skills, enterprises, refused, rejectedRows, warnings, Set.of());
  }

  private static Map<String, String> roots(List<EnterpriseRow> enterprises) {
    Map<String, String> parent = new HashMap<>();
    enterprises.forEach(e -> parent.put(e.enterpriseId(), e.parentId()));
    Map<String, String> roots = new HashMap<>();
    for (EnterpriseRow e : enterprises) {
      String id = e.enterpriseId();
      while (parent.get(id) != null && parent.containsKey(parent.get(id))) {
        id = parent.get(id);
      }
      roots.put(e.enterpriseId(), id);
    }
    return roots;
  }

  private static long[] skillCounts(int workers, String id) {
    long[] counts = new long[8];
    long assigned = 0;
    Random r = new Random(id.hashCode());
    for (int i = 0; i < 8; i++) {
      counts[i] = Math.round(workers * SKILL_MIX[i] * (0.7 + 0.6 * r.nextDouble()));
      assigned += counts[i];
    }
    counts[2] = Math.max(0, counts[2] + workers - assigned);
    return counts;
  }

  private static void addSkills(List<SkillRow> rows, String level, String id, long[] counts) {
    long total = java.util.Arrays.stream(counts).sum();
    for (SkillLevel skill : SkillLevel.values()) {
      long c = counts[skill.ordinal()];
      rows.add(new SkillRow(level, id, skill.code(), c, total == 0 ? null : c / (double) total));
    }
  }

  /** Min-max per indicator over the publishable values, parts as means, composite as the mean of parts. */
  private static List<ScoreRow> score(List<IndicatorRow> all, String level, String scope, PeriodData previous) {
    List<IndicatorRow> rows = all.stream().filter(r -> r.unitLevel().equals(level)).toList();
    LevelStats stats = LevelStats.of(rows);
    Map<String, double[]> parts = new LinkedHashMap<>();
    Map<String, int[]> counts = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (IndicatorRow r : rows) {
      names.put(r.unitId(), r.unitName());
      parts.computeIfAbsent(r.unitId(), k -> new double[4]);
      counts.computeIfAbsent(r.unitId(), k -> new int[4]);
      if (LevelStats.isPublishable(r)) {
        stats.normalised(level, r.indicatorId(), r.value()).ifPresent(n -> {
          int p = Catalogue.byId(r.indicatorId()).orElseThrow().part().ordinal();
          parts.get(r.unitId())[p] += n;
          counts.get(r.unitId())[p]++;
        });
      }
    }
    Map<String, Double[]> partScores = new HashMap<>();
    Map<String, Double> composite = new HashMap<>();
    for (String id : parts.keySet()) {
      Double[] ps = new Double[4];
      double sum = 0;
      int n = 0;
      for (Part p : Part.values()) {
        int c = counts.get(id)[p.ordinal()];
        ps[p.ordinal()] = c == 0 ? null : parts.get(id)[p.ordinal()] / c;
        if (c > 0) {
          sum += ps[p.ordinal()];
          n++;
        }
      }
      partScores.put(id, ps);
      composite.put(id, n == 0 ? null : sum / n);
    }
    List<String> order = new ArrayList<>(parts.keySet());
    order.removeIf(id -> composite.get(id) == null);
    order.sort(Comparator.comparing((String id) -> -composite.get(id)));
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      rank.put(order.get(i), i + 1);
    }
    List<ScoreRow> result = new ArrayList<>();
    for (String id : parts.keySet()) {
      Double c = composite.get(id);
      Integer rk = rank.get(id);
      Double[] ps = partScores.get(id);
      Random r = new Random((id + scope).hashCode());
      Integer p05 = rk == null ? null : Math.max(1, rk - r.nextInt(3));
      Integer p95 = rk == null ? null : Math.min(order.size(), rk + r.nextInt(4));
      Integer change = null;
      if (previous != null && rk != null) {
        Integer before = previous.scores().stream()
            .filter(s -> s.scope().equals(scope) && s.unitId().equals(id) && s.rank() != null)
            .map(ScoreRow::rank).findFirst().orElse(null);
        change = before == null ? null : before - rk;
      }
      String tier = c == null ? null : c >= 85 ? "优秀" : c >= 70 ? "良好" : c >= 55 ? "合格" : "待改进";
      result.add(new ScoreRow(scope, level, id, names.get(id), c, ps[0], ps[1], ps[2], ps[3], rk, change, tier,
          rk, p05, p95, p05 != null && p95 - p05 > 3, INDICATORS_USED,
          "minmax; parts equal (A, B, C, D 25%); 1000 draws"));
    }
    return result;
  }
}
