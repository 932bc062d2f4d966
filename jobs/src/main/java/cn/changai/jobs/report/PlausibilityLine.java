package cn.changai.jobs.report;

import cn.changai.jobs.ingest.PlausibilityJob;
import cn.changai.jobs.ingest.ReasonCode;
import cn.changai.jobs.report.PeriodData.IssueRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plausibility warning as the quality page shows it: the unit, the check, the item compared,
 * and the values before and after, read back from the warning's text
 * ({@code "<item> <before> in <period>, <after> in <period>: <change>"}, as
 * {@link cn.changai.jobs.ingest.Plausibility} writes it; a text of another form is shown whole).
 */
public record PlausibilityLine(UnitLink unit, String enterpriseId, String reasonCode, String column, String before,
    String previousPeriod, String after, String change, String text) {

  private static final Pattern FORM = Pattern.compile("(.*) (\\S+) in (\\S+), (\\S+) in (\\S+): (.*)");

  /** True for the reason codes of the plausibility checks. */
  static boolean isPlausibility(String code) {
    return PlausibilityJob.CODES.stream().map(ReasonCode::name).anyMatch(c -> c.equals(code));
  }

  /**
   * Warnings of one check the quality page's section lists; the rest are counted, and each stays
   * listed under its submission on the same page. A period of 30,000 enterprises drawn
   * independently had 45,467 warnings, about 18 MB of this section at 410 bytes a line.
   */
  static final int SHOWN_PER_CHECK = 100;

  /** The plausibility warnings of the period, by check (in the order of the reason codes), enterprise and item. */
  static List<PlausibilityLine> of(ReportContext ctx) {
    List<PlausibilityLine> lines = new ArrayList<>();
    for (IssueRow row : ctx.data.warnings()) {
      if (!isPlausibility(row.reasonCode())) {
        continue;
      }
      UnitLink unit = row.enterpriseId() == null ? null
          : ctx.unit(PeriodData.LEVEL_ENTERPRISE, row.enterpriseId()).orElse(null);
      String reason = Objects.toString(row.reason(), "");
      Matcher m = FORM.matcher(reason);
      lines.add(m.matches()
          ? new PlausibilityLine(unit, row.enterpriseId(), row.reasonCode(), row.column(), m.group(2), m.group(3),
              m.group(4), m.group(6), reason)
          : new PlausibilityLine(unit, row.enterpriseId(), row.reasonCode(), row.column(), null, null, null, null,
              reason));
    }
    // By check first: the section lists the first warnings of each check, which reads as one run
    // of rows a check, not as an enterprise's warnings of one check shown and of another cut.
    lines.sort(Comparator.comparing((PlausibilityLine l) -> checkOrder(l.reasonCode()))
        .thenComparing(PlausibilityLine::reasonCode)
        .thenComparing(l -> Objects.toString(l.enterpriseId(), "")).thenComparing(l -> Objects.toString(l.column(), "")));
    return List.copyOf(lines);
  }

  private static int checkOrder(String code) {
    int i = 0;
    for (ReasonCode c : PlausibilityJob.CODES) {
      if (c.name().equals(code)) {
        return i;
      }
      i++;
    }
    return i;
  }

  /** The forms of a change as {@link cn.changai.jobs.ingest.Plausibility} writes them, and their Chinese. */
  private static final List<Map.Entry<Pattern, String>> CHANGES = List.of(
      Map.entry(Pattern.compile("(\\S+)%, beyond ±(\\S+)%"), "$1%，超出 ±$2%"),
      Map.entry(Pattern.compile("(\\S+) points, beyond ±(\\S+)"), "$1 个百分点，超出 ±$2 个百分点"),
      Map.entry(Pattern.compile("×(\\S+), beyond ×(\\S+) either way"), "×$1，超出 ×$2（增或减）"),
      Map.entry(Pattern.compile("×(\\S+), beyond ×(\\S+)"), "×$1，超出 ×$2"),
      Map.entry(Pattern.compile("fell to 0 from at least (\\S+)"), "降至 0（上期不少于 $1）"));

  /**
   * The change in Chinese, shown first with the warning's English after it (the quality page is
   * read in Chinese first); null for a text of another form, which is then shown as written.
   */
  static String changeChinese(String change) {
    for (Map.Entry<Pattern, String> form : CHANGES) {
      Matcher m = form.getKey().matcher(change);
      if (m.matches()) {
        return m.replaceFirst(form.getValue());
      }
    }
    return null;
  }

  /**
   * The section of the quality page: a row per warning, before and after side by side, the first
   * {@link #SHOWN_PER_CHECK} of each check.
   */
  static void render(Html h, List<PlausibilityLine> lines, String period) {
    render(h, lines, period, SHOWN_PER_CHECK);
  }

  /** The section listing at most {@code perCheck} warnings of each check, and what it leaves out. */
  static void render(Html h, List<PlausibilityLine> lines, String period, int perCheck) {
    h.open("h2", "id", "plausibility").bilingual("合理性检查（与上期比较）", "Plausibility against the previous period")
        .close("h2");
    if (lines.isEmpty()) {
      h.open("p", "class", "muted").text("无合理性警告。").el("span", "No plausibility warning.", "class", "en").close("p");
      return;
    }
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (PlausibilityLine line : lines) {
      counts.merge(line.reasonCode(), 1, Integer::sum);
    }
    cut(h, counts, period, perCheck);
    Layout.tableStart(h, "plausibility-table", "findings", "合理性检查 Plausibility");
    h.open("thead").open("tr");
    Layout.th(h, "单位", "Unit", null);
    Layout.th(h, "检查", "Check", null);
    Layout.th(h, "项目", "Item", null);
    Layout.th(h, "上期", "Before", "num");
    Layout.th(h, "本期", "After", "num");
    Layout.th(h, "变化", "Change", null);
    h.close("tr").close("thead").open("tbody");
    Map<String, Integer> listed = new java.util.HashMap<>();
    for (PlausibilityLine line : lines) {
      if (listed.merge(line.reasonCode(), 1, Integer::sum) > perCheck) {
        continue;
      }
      h.open("tr", "data-check", line.reasonCode());
      h.open("td", "class", "name");
      if (line.unit() != null) {
        h.nameLink(line.unit().name(), line.unit().path());
      } else {
        h.text(Objects.toString(line.enterpriseId(), Fmt.DASH));
      }
      h.close("td");
      h.open("td", "class", "reason").el("code", line.reasonCode()).text(" " + Labels.reasonChinese(line.reasonCode()))
          .close("td");
      h.el("td", line.column() == null ? Fmt.DASH : line.column());
      if (line.before() == null) {
        h.el("td", line.text(), "class", "wrap", "colspan", "3");
      } else {
        h.el("td", line.before() + "（" + line.previousPeriod() + "）", "class", "num");
        h.el("td", line.after(), "class", "num");
        String chinese = changeChinese(line.change());
        if (chinese == null) {
          h.el("td", line.change(), "class", "wrap");
        } else {
          h.open("td", "class", "wrap").bilingual(chinese, line.change()).close("td");
        }
      }
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
    h.open("p", "class", "legend").text("警告不改动、不剔除数据，仅提示核对报送。阈值见 plausibility.json。")
        .el("span", " Warnings never alter or drop data; they ask for the submission to be checked.", "class", "en")
        .close("p");
  }

  /**
   * When a check has more than {@code perCheck} warnings: how many each such check has and how many
   * are not listed, and where every one is (its submission's findings below, the warnings table).
   */
  private static void cut(Html h, Map<String, Integer> counts, String period, int perCheck) {
    List<Map.Entry<String, Integer>> over = counts.entrySet().stream().filter(e -> e.getValue() > perCheck).toList();
    if (over.isEmpty()) {
      return;
    }
    h.open("div", "class", "note", "id", "plausibility-cut");
    h.open("p").text("每类检查只列出前 " + perCheck + " 条（按统一社会信用代码）。")
        .el("span", " Each check lists its first " + perCheck + " warnings here, by credit code.", "class", "en").close("p");
    h.open("ul");
    for (Map.Entry<String, Integer> e : over) {
      int left = e.getValue() - perCheck;
      h.open("li", "data-check", e.getKey()).el("code", e.getKey()).text(" " + Labels.reasonChinese(e.getKey()) + "：共 "
          + Fmt.count(e.getValue()) + " 条，未列出 " + Fmt.count(left) + " 条 ")
          .el("span", Fmt.count(e.getValue()) + " warnings, " + Fmt.count(left) + " not listed", "class", "en").close("li");
    }
    h.close("ul");
    String code = over.get(0).getKey();
    h.open("p").text("每条警告都列在下方").el("a", "问题明细", "href", "#findings").text("中其单位的警告表里；全部警告在数据表 ")
        .el("code", "warnings").text(" 中，例如：")
        .el("span", " Every warning is listed with its submission under Findings below, and all are in the table "
            + "warnings, e.g.:", "class", "en").close("p");
    h.open("p").el("code", "changai sql --warehouse DIR \"SELECT enterprise_id, column, reason FROM warnings WHERE period = '"
        + period + "' AND reason_code = '" + code + "' ORDER BY enterprise_id\" --csv").close("p");
    h.close("div");
  }
}
