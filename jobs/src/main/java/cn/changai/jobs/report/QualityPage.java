package cn.changai.jobs.report;

import cn.changai.jobs.report.QualityModel.FindingGroup;
import cn.changai.jobs.report.QualityModel.Rejection;
import cn.changai.jobs.report.QualityModel.Submission;
import cn.changai.jobs.report.QualityModel.Totals;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the period's data-quality page ({@code quality.html}). */
final class QualityPage {

  private QualityPage() {}

  static String render(QualityModel m) {
    return render(m, null);
  }

  /** The enterprises of the previous period that did not submit in this one, with their last scorecards. */
  private static void absent(Html h, QualityModel m) {
    if (m.absent().isEmpty()) {
      return;
    }
    h.open("h2").bilingual("上期报送、本期未报送", "Submitted in " + m.previousPeriod() + ", not in " + m.period()).close("h2");
    h.open("p", "class", "small").text(m.previousPeriod() + " 期有数据、本期既无报送也无拒收的企业 " + m.absent().size()
        + " 家：所属集团与全系统的汇总本期不含它们，较上期的变化部分来自报送范围的变化。")
        .el("span", " Enterprises with data in " + m.previousPeriod() + " and neither a submission nor a refusal in "
            + m.period() + ": this period's roll-ups leave them out, so part of a change since then is a change in who reported.",
            "class", "en").close("p");
    Layout.tableStart(h, "absent", "absent", "上期报送、本期未报送 Not submitted this period");
    h.open("thead").open("tr");
    Layout.th(h, "单位（上期评分卡）", "Unit (scorecard of " + m.previousPeriod() + ")", null);
    Layout.th(h, "统一社会信用代码", "Credit code", null);
    h.close("tr").close("thead").open("tbody");
    for (QualityModel.Absent a : m.absent()) {
      h.open("tr").open("td", "class", "name").nameLink(a.name(), a.previousPage()).close("td");
      h.el("td", a.enterpriseId()).close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
  }

  /** The page with the given print header in its head ({@link Layout#begin}). */
  static String render(QualityModel m, String printHeader) {
    Html h = Layout.begin("数据质量", "Data quality", m.period(), "", printHeader);
    h.open("h1").text(m.period() + " 期报送数据质量 ").el("span", "Data quality of the submissions, period " + m.period(), "class", "en")
        .close("h1");
    Layout.missingTables(h, m.missingTables());
    Totals t = m.totals();
    if (m.everyRefused()) {
      h.open("p", "class", "note missing").text("本期报送全部被拒收，没有可计算的数据；各份的拒收原因见下。")
          .el("span", " Every submission of this period was refused, so there is nothing to compute; the reasons for each "
              + "are below.", "class", "en")
          .close("p").newline();
    }
    h.open("div", "class", "grid", "id", "totals");
    ScorecardPage.figure(h, "报送", "Submissions", Fmt.count(t.submissions()),
        "接收 " + t.accepted() + " · 整份拒收 " + t.refused() + " / accepted " + t.accepted() + ", refused " + t.refused());
    // Rows of the accepted submissions only: a refused submission's rows were not kept (a file
    // refused for its own fault has none to count), while the run's summary counts what it read of
    // them as rejected. Said on the cards, so that the two figures are not taken for a discrepancy.
    ScorecardPage.figure(h, "接收行", "Rows accepted", Fmt.count(t.workersAccepted()),
        "已接收报送读取 " + Fmt.count(t.workersRead()) + " 行 · read " + Fmt.count(t.workersRead())
            + " in accepted submissions");
    ScorecardPage.figure(h, "拒收行", "Rows rejected", Fmt.count(t.workersRejected()),
        t.refused() == 0 ? "" : "不含整份拒收报送的行 · rows of refused submissions not counted");
    ScorecardPage.figure(h, "警告", "Warnings", Fmt.count(t.warnings()), "");
    h.close("div");

    PlausibilityLine.render(h, m.plausibility(), m.period());
    absent(h, m);

    h.open("h2").bilingual("全部报送", "Every submission").close("h2");
    Layout.tableStart(h, "submissions", "submissions", "全部报送 Every submission");
    h.open("thead").open("tr");
    Layout.th(h, "单位", "Unit", null);
    Layout.th(h, "统一社会信用代码", "Credit code", null);
    Layout.th(h, "状态", "Status", null);
    Layout.th(h, "读取行", "Rows read", "num");
    Layout.th(h, "接收行", "Accepted", "num");
    Layout.th(h, "拒收行", "Rejected", "num");
    Layout.th(h, "警告", "Warnings", "num");
    Layout.th(h, "原因", "Reasons", null);
    h.close("tr").close("thead").open("tbody");
    int n = 0;
    for (Submission s : m.submissions()) {
      n++;
      h.open("tr");
      h.open("td", "class", "name");
      if (s.unit() != null) {
        h.nameLink(s.name() == null ? s.enterpriseId() : s.name(), s.unit().path());
      } else if (s.name() != null) {
        h.name(s.name());
      } else if (s.path() != null) {
        h.el("code", s.path());
      } else {
        h.el("span", s.enterpriseId() == null ? "（期次目录）period folder" : s.enterpriseId(), "class", "muted");
      }
      h.close("td");
      h.el("td", s.enterpriseId() == null ? Fmt.DASH : s.enterpriseId());
      h.open("td");
      if (!s.accepted()) {
        h.el("span", "整份拒收 refused", "class", "badge tier-improve");
      } else if (s.workersRead() == null) {
        h.el("span", "其他 other", "class", "badge tier-none");
      } else {
        h.el("span", "已接收 accepted", "class", "badge tier-excellent");
      }
      h.close("td");
      h.el("td", Fmt.count(s.workersRead()), "class", "num");
      h.el("td", Fmt.count(s.workersAccepted()), "class", "num");
      h.el("td", Fmt.count(s.workersRejected()), "class", "num");
      h.el("td", Fmt.count(s.warningCount()), "class", "num");
      h.open("td", "class", "wrap");
      String summary = reasonSummary(s);
      if (summary.isEmpty()) {
        h.el("span", Fmt.DASH, "class", "muted");
      } else {
        h.open("a", "href", "#s" + n).text(summary).close("a");
      }
      h.close("td");
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);

    h.open("h2", "id", "findings").bilingual("问题明细", "Findings").close("h2");
    n = 0;
    boolean any = false;
    for (Submission s : m.submissions()) {
      n++;
      if (s.rejections().isEmpty() && s.rejectedRows().isEmpty() && s.warnings().isEmpty()) {
        continue;
      }
      any = true;
      h.open("section", "id", "s" + n, "class", "card");
      h.open("h3");
      if (s.name() != null) {
        h.name(s.name());
      } else {
        h.text(s.enterpriseId() != null ? s.enterpriseId() : "期次目录 period folder");
      }
      if (s.enterpriseId() != null && s.name() != null) {
        h.text(" ").el("code", s.enterpriseId(), "class", "muted");
      }
      h.close("h3");
      if (s.path() != null) {
        h.open("p", "class", "small muted").text("路径 path: ").el("code", s.path()).close("p");
      }
      if (!s.rejections().isEmpty()) {
        h.open("p").el("strong", "整份拒收原因 ").el("span", "Refused whole because", "class", "en").close("p");
        h.open("ul");
        for (Rejection r : s.rejections()) {
          h.open("li").el("code", r.reasonCode()).text(" " + Labels.reasonChinese(r.reasonCode()) + "：").text(r.text())
              .close("li");
        }
        h.close("ul");
      }
      findings(h, "拒收行", "Rejected rows", s.rejectedRows());
      findings(h, "警告", "Warnings", s.warnings());
      h.close("section").newline();
    }
    if (!any) {
      h.open("p", "class", "muted").text("本期无问题。").el("span", "No findings this period.", "class", "en").close("p");
    }
    h.open("div", "class", "foot").open("p")
        .text("为保护个人信息，数据行的问题只列出原因、列名与行号，不显示行内容。行号为文件中的物理行（表头为第 1 行）。")
        .el("span", " To keep personal data off the page, findings about a data row show only the reason, column and line "
            + "number, never the row's content. Lines are physical lines of the file, the header being line 1.", "class", "en")
        .close("p").close("div");
    return Layout.end(h, "");
  }

  private static String reasonSummary(Submission s) {
    List<String> parts = new java.util.ArrayList<>();
    s.rejections().stream().map(Rejection::reasonCode).distinct()
        .forEach(code -> parts.add(Labels.reasonChinese(code) + " " + code));
    for (List<FindingGroup> groups : List.of(s.rejectedRows(), s.warnings())) {
      groups.stream().collect(Collectors.groupingBy(FindingGroup::reasonCode, java.util.LinkedHashMap::new,
              Collectors.summingInt(FindingGroup::count)))
          .forEach((code, count) -> parts.add(Labels.reasonChinese(code) + " " + code + " ×" + count));
    }
    return String.join("；", parts);
  }

  private static void findings(Html h, String chinese, String english, List<FindingGroup> groups) {
    if (groups.isEmpty()) {
      return;
    }
    h.open("p").el("strong", chinese + " ").el("span", english, "class", "en").close("p");
    Layout.tableStart(h, null, "findings", chinese + " " + english);
    h.open("thead").open("tr");
    Layout.th(h, "原因", "Reason", null);
    Layout.th(h, "文件", "File", null);
    Layout.th(h, "列", "Column", null);
    Layout.th(h, "条数", "Count", "num");
    Layout.th(h, "行号", "Lines", null);
    Layout.th(h, "说明", "Detail", null);
    h.close("tr").close("thead").open("tbody");
    for (FindingGroup g : groups) {
      h.open("tr");
      h.open("td", "class", "reason").el("code", g.reasonCode()).text(" " + Labels.reasonChinese(g.reasonCode()) + " ")
          .el("span", Labels.reasonEnglish(g.reasonCode()), "class", "en").close("td");
      h.el("td", g.file() == null ? Fmt.DASH : g.file());
      h.el("td", g.column() == null ? Fmt.DASH : g.column());
      h.el("td", String.valueOf(g.count()), "class", "num");
      String lines = g.lines().stream().map(String::valueOf).collect(Collectors.joining(", "));
      h.el("td", lines.isEmpty() ? Fmt.DASH : lines + (g.lines().size() == QualityModel.LINES_SHOWN && g.count() > QualityModel.LINES_SHOWN ? ", …" : ""), "class", "lines");
      h.el("td", g.detail() == null ? Fmt.DASH : g.detail(), "class", "wrap");
      h.close("tr").newline();
    }
    h.close("tbody");
    Layout.tableEnd(h);
  }
}
