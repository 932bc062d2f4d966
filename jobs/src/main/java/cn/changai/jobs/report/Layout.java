package cn.changai.jobs.report;

import java.util.List;
import java.util.Map;

/**
 * The frame every page shares: head with the one inlined style sheet and a content security policy
 * that forbids any network load, the top bar, notes about missing tables, and the footer.
 */
final class Layout {

  /** The one style sheet, inlined in each page so a page opens from a file with nothing else. */
  static final String CSS = """
      *,*::before,*::after{box-sizing:border-box}
      html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
      body{margin:0;background:#f4f5f7;color:#1f2328;line-height:1.5;font-size:15px;
        font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Source Han Sans SC",sans-serif}
      a{color:#0b57d0;text-decoration:none}
      a:hover,a:focus{text-decoration:underline}
      .wrap{max-width:1200px;margin:0 auto;padding:0 20px}
      .top{background:#9f1d20;color:#fff}
      .top .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:4px 20px;padding-top:10px;padding-bottom:10px}
      .top a{color:#fff}
      .brand{font-weight:700;font-size:17px;margin-right:auto}
      .top nav{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:14px}
      .top .en{color:#f6d5d5}
      .en{color:#6a737d;font-size:.85em;font-weight:400}
      main{padding-top:16px;padding-bottom:32px}
      h1{font-size:24px;line-height:1.3;margin:8px 0 4px;overflow-wrap:anywhere}
      h2{font-size:19px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid #e1e4e8}
      h3{font-size:16px;margin:18px 0 8px;overflow-wrap:anywhere}
      .sub{color:#57606a;margin:0 0 12px;overflow-wrap:anywhere}
      p,li{overflow-wrap:anywhere}
      .sub span.sep{color:#c0c4c9;margin:0 6px}
      .card{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:14px 16px;margin:12px 0}
      .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px;margin:12px 0}
      .grid .card{margin:0}
      #headlines{grid-template-columns:repeat(auto-fit,minmax(300px,1fr))}
      .two{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
      .two .card{margin:0}
      .figure .label{font-size:14px;color:#57606a}
      .figure .big{font-size:28px;font-weight:700;line-height:1.25;margin:4px 0}
      .figure .small{font-size:13px;color:#57606a}
      .note{background:#fff8e1;border:1px solid #f2d98b;border-radius:6px;padding:8px 12px;margin:10px 0;font-size:14px}
      .note.missing{background:#fdecea;border-color:#f5b7b1}
      .foot{font-size:13px;color:#57606a}
      .foot p{margin:4px 0}
      .table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%;background:#fff;
        border:1px solid #e1e4e8;border-radius:8px;margin:8px 0}
      table{border-collapse:collapse;width:100%;font-size:14px}
      th,td{padding:7px 10px;border-bottom:1px solid #eaecef;text-align:left;white-space:nowrap;vertical-align:baseline}
      th{background:#f6f8fa;font-weight:600;font-size:13px}
      th .en{display:block;font-size:11px}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      table.ranking td:nth-child(1),table.ranking td:nth-child(4),table.ranking td:nth-child(n+6):nth-child(-n+9),
      table.ranking td:nth-child(n+11){text-align:right;font-variant-numeric:tabular-nums}
      td.name{white-space:normal;min-width:12em;max-width:28em;overflow-wrap:anywhere}
      td.wrap{white-space:normal;min-width:16em;overflow-wrap:anywhere}
      tr.part th{background:#eef1f4;font-size:14px}
      tr.part th .en{display:inline;font-size:12px}
      td.reason{white-space:normal;min-width:14em}
      td .unranked-reason{font-size:12px;color:#57606a;margin-top:2px}
      table.ranking th,table.ranking td,#whatif-table th,#whatif-table td{padding-left:8px;padding-right:8px}
      table.heatmap th,table.heatmap td{padding-left:4px;padding-right:4px}
      td.lines{white-space:normal;min-width:6em}
      table.indicators thead th .en,table.indicators td.ratio,table.indicators td.target{white-space:normal}
      table.indicators td.ratio,table.indicators td.target{min-width:5em}
      .card>h3:first-child{margin-top:0}
      .nowrap{white-space:nowrap}
      tr:last-child td{border-bottom:0}
      tbody tr:hover{background:#fafbfc}
      .badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;line-height:20px;white-space:nowrap}
      .tier-excellent{background:#e6f4ea;color:#137333}
      .tier-good{background:#e8f0fe;color:#174ea6}
      .tier-pass{background:#fef7e0;color:#8a5300}
      .tier-improve{background:#fce8e6;color:#a50e0e}
      .tier-none,.tier-other{background:#f1f3f4;color:#5f6368}
      .unstable{background:#fff4e5;color:#9a4d00;border:1px solid #f5c98b}
      .up{color:#137333}.down{color:#a50e0e}
      .muted{color:#6a737d}
      .warn{color:#a50e0e}
      .filter{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;margin:12px 0}
      .filter select{font:inherit;padding:4px 8px;border:1px solid #c9ced4;border-radius:6px;background:#fff;max-width:100%}
      .chart svg{display:block;width:100%;overflow:visible}
      .chart text{font-size:13px;fill:#1f2328}
      .chart text.en{fill:#6a737d;font-size:11px}
      .chart text.val{font-size:12px;fill:#1f2328;font-weight:600}
      .chart .track{fill:#eef1f4}
      .chart .median{stroke:#1f2328;stroke-width:2}
      .legend{font-size:12px;color:#57606a;margin-top:4px}
      ul.plain{list-style:none;padding:0;margin:0}
      ul.plain li{padding:4px 0;border-bottom:1px dashed #eaecef}
      ul.plain li:last-child{border-bottom:0}
      ul.units{columns:2 18em;padding-left:20px}
      sup.fn{color:#a50e0e;font-size:11px;margin-left:1px}
      .whatif .weights{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:8px 14px;margin:10px 0}
      .whatif .weights label{display:flex;flex-direction:column;gap:2px;font-size:13px}
      .whatif input,.whatif button{font:inherit;padding:3px 8px;border:1px solid #c9ced4;border-radius:6px;background:#fff}
      .whatif input{width:7em}
      .whatif button{cursor:pointer}
      .whatif summary{cursor:pointer;font-size:14px;margin:6px 0}
      @media (max-width:600px){
        .wrap{padding:0 12px}
        body{font-size:14px}
        h1{font-size:20px}
        h2{font-size:17px}
        .figure .big{font-size:24px}
        .grid,#headlines{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}
        .card{padding:10px 12px}
        th,td{padding:6px 8px}
        td.wrap{min-width:9em}
        td.name{min-width:8em}
      }
      """;

  /** The industry filter of the index: hides ranking rows of other industries and counts those shown. */
  static final String FILTER_SCRIPT = """
      (function () {
        var select = document.getElementById('industry-filter');
        if (!select) { return; }
        function apply() {
          var wanted = select.value;
          var tables = document.querySelectorAll('table.ranking');
          for (var t = 0; t < tables.length; t++) {
            var rows = tables[t].querySelectorAll('tbody tr[data-industry]');
            var shown = 0;
            for (var i = 0; i < rows.length; i++) {
              var match = wanted === '' || rows[i].getAttribute('data-industry') === wanted;
              rows[i].hidden = !match;
              if (match) { shown++; }
            }
            var counter = document.getElementById(tables[t].id + '-shown');
            if (counter) { counter.textContent = String(shown); }
          }
        }
        select.addEventListener('change', apply);
        apply();
      })();
      """;

  private static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

  private Layout() {}

  /**
   * Starts a page. {@code root} is the relative path back to the period folder ("" or "../").
   */
  static Html begin(String titleChinese, String titleEnglish, String period, String root) {
    return begin(titleChinese, titleEnglish, period, root, null);
  }

  /**
   * Starts a page whose head ends with {@code printHeader} ({@link PrintStyle#header}; none when
   * null): the page {@link PrintStyle#withHeader} makes, without copying it.
   */
  static Html begin(String titleChinese, String titleEnglish, String period, String root, String printHeader) {
    Html h = new Html();
    h.trusted("<!DOCTYPE html>").newline();
    h.open("html", "lang", "zh-CN").newline();
    h.open("head").newline();
    h.empty("meta", "charset", "utf-8").newline();
    h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").newline();
    h.empty("meta", "http-equiv", "Content-Security-Policy", "content", CSP).newline();
    h.el("title", titleChinese + " " + titleEnglish + " · " + period).newline();
    h.empty("link", "rel", "icon", "href", "data:,").newline();
    // Print rules last, so that they override the screen's.
    h.open("style").trusted(CSS + TrendCharts.CSS + PrintStyle.CSS).close("style").newline();
    if (printHeader != null) {
      h.trusted(printHeader);
    }
    h.close("head").newline();
    h.open("body").newline();
    h.open("header", "class", "top").open("div", "class", "wrap");
    h.open("a", "class", "brand", "href", root + "index.html").text("产改指标 ").el("span", "Changai", "class", "en")
        .close("a");
    h.open("nav");
    h.open("a", "href", root + "index.html").bilingual("排名", "Rankings").close("a");
    h.open("a", "href", root + "quality.html").bilingual("数据质量", "Data quality").close("a");
    h.open("a", "href", root + "audit.html").bilingual("方法审计", "Audit").close("a");
    h.open("span").text(period + " 期 ").el("span", "period", "class", "en").close("span");
    h.close("nav");
    h.close("div").close("header").newline();
    h.open("main", "class", "wrap").newline();
    return h;
  }

  /** Notes for the tables the period lacks, and what the page leaves out because of it. */
  static void missingTables(Html h, List<String> missing) {
    for (String table : missing) {
      Lack lack = lack(table);
      h.open("p", "class", "note missing").text("本期缺少数据表 ").el("code", table).text("：").text(lack.zh())
          .text(" ").el("span", "Table " + table + " is missing for this period: " + lack.en() + ".", "class", "en")
          .close("p").newline();
    }
  }

  /** The note of a period whose every submission was refused, pointing to the reasons. */
  static void everyRefused(Html h) {
    h.open("p", "class", "note missing").text("本期报送全部被拒收，没有可计算的数据，因此没有指标、得分与排名；拒收原因见")
        .el("a", "数据质量", "href", "quality.html#submissions").text("页。")
        .el("span", " Every submission of this period was refused, so there is nothing to compute: no indicators, scores "
            + "or ranks. The data-quality page gives the reasons.", "class", "en")
        .close("p").newline();
  }

  /** What the pages leave out without a table: a sentence in Chinese, and in English the clause after a colon. */
  record Lack(String zh, String en) {}

  private static final Map<String, Lack> LACKS = Map.of(
      PeriodData.SCORES, new Lack("不显示排名、综合得分与分项得分。", "the pages show no ranking, composite or part scores"),
      PeriodData.INDICATOR_VALUES, new Lack("不显示指标数值与系统概况。", "the pages show no indicator values or headline figures"),
      PeriodData.SKILL_DISTRIBUTION, new Lack("不显示技能等级分布。", "the pages show no skill-level distribution"),
      PeriodData.ENTERPRISES, new Lack("不显示单位信息与报送统计。", "the pages show no unit details or submission counts"));

  /** What the pages leave out without the table (the console's summary says it too). */
  static Lack lack(String table) {
    return LACKS.getOrDefault(table, new Lack("相关内容不显示。", "the pages show nothing of what it holds"));
  }

  /** The footnote on suppressed values. */
  static void lowBaseNote(Html h, int minBase) {
    h.open("p").el("sup", "※", "class", "fn").text(" 样本不足（产业工人少于 " + minBase + " 人），不予公开 ")
        .el("span", "/ Suppressed: fewer than " + minBase + " workers in the base", "class", "en").close("p");
  }

  /** Ends the page with the footer. */
  static String end(Html h, String footerExtra) {
    h.close("main").newline();
    h.open("footer", "class", "wrap foot").open("p")
        .text("依据《关于充分发挥上海国有企业在推进产业工人队伍建设改革中带动作用的实施意见》（沪工总发〔2023〕18号）。")
        .el("span", " Indicators of the Shanghai industrial-workforce reform.", "class", "en").close("p");
    if (footerExtra != null && !footerExtra.isEmpty()) {
      h.el("p", footerExtra);
    }
    h.close("footer").newline();
    return h.close("body").newline().close("html").newline().toString();
  }

  /** A table in its own scrolling box, so a wide table never widens the page. */
  static void tableStart(Html h, String id, String cssClass, String caption) {
    h.open("div", "class", "table-wrap", "role", "region", "aria-label", caption, "tabindex", "0");
    h.open("table", "id", id, "class", cssClass);
  }

  static void tableEnd(Html h) {
    h.close("table").close("div").newline();
  }

  /** A header cell with the Chinese label and the English one beneath it. */
  static void th(Html h, String chinese, String english, String cssClass) {
    h.open("th", "class", cssClass, "scope", "col").text(chinese).el("span", english, "class", "en").close("th");
  }
}
