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

  /** The plausibility warnings of the period, by enterprise, check and item. */
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
    lines.sort(Comparator.comparing((PlausibilityLine l) -> Objects.toString(l.enterpriseId(), ""))
        .thenComparing(PlausibilityLine::reasonCode).thenComparing(l -> Objects.toString(l.column(), "")));
    return List.copyOf(lines);
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

  /** The section of the quality page: one row per warning, before and after side by side. */
  static void render(Html h, List<PlausibilityLine> lines) {
    h.open("h2", "id", "plausibility").bilingual("合理性检查（与上期比较）", "Plausibility against the previous period")
        .close("h2");
    if (lines.isEmpty()) {
      h.open("p", "class", "muted").text("无合理性警告。").el("span", "No plausibility warning.", "class", "en").close("p");
      return;
    }
    Layout.tableStart(h, "plausibility-table", "findings", "合理性检查 Plausibility");
    h.open("thead").open("tr");
    Layout.th(h, "单位", "Unit", null);
    Layout.th(h, "检查", "Check", null);
    Layout.th(h, "项目", "Item", null);
    Layout.th(h, "上期", "Before", "num");
    Layout.th(h, "本期", "After", "num");
    Layout.th(h, "变化", "Change", null);
    h.close("tr").close("thead").open("tbody");
    for (PlausibilityLine line : lines) {
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
}
