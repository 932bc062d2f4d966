package cn.changai.jobs.report;

import cn.changai.jobs.ingest.SafeText;

/**
 * How every page prints: on A4, without the navigation and the page's controls, charts in their
 * colours, no table row split across pages, and a running header with the unit, the period and
 * the run on every sheet (CSS page-margin boxes). An enterprise's scorecard fits on two pages.
 */
final class PrintStyle {

  /** Appended to the one inlined style sheet; only {@code @media print} rules, so the screen is unchanged. */
  static final String CSS = """
      @media print{
        @page{size:A4;margin:17mm 11mm 11mm 11mm}
        html,body{background:#fff}
        body{font-size:8.5pt;line-height:1.3;-webkit-print-color-adjust:exact;print-color-adjust:exact}
        .top,.filter,#whatif,details,main>p:first-child:has(a[href$="index.html"]){display:none!important}
        .chart{zoom:.56}
        .wrap{max-width:none;padding:0}
        main{padding:0}
        h1{font-size:14pt;margin:0 0 2px}
        h2{font-size:11pt;margin:8px 0 4px;padding-bottom:1px;border-bottom-width:1pt;break-after:avoid}
        h3{font-size:9.5pt;margin:5px 0 3px;break-after:avoid}
        .sub{margin:0 0 4px}
        .card{padding:5px 8px;margin:5px 0;border-radius:3px;break-inside:avoid}
        .grid,.two,#headlines{gap:5px;margin:5px 0}
        .grid,#headlines{grid-template-columns:repeat(4,minmax(0,1fr))}
        .figure .big{font-size:15pt;margin:0}
        .figure .label,.figure .small{font-size:8pt}
        .table-wrap{overflow:visible;border:0;border-radius:0;margin:3px 0}
        table{font-size:8pt}
        th,td{padding:1.5px 5px}
        th .en{font-size:7pt}
        td.name{min-width:9em}
        table.indicators thead th .en,table.indicators td.ratio,table.indicators td.target{white-space:nowrap}
        tr,th,td{break-inside:avoid}
        thead{display:table-header-group}
        ul.plain li{padding:1px 0}
        .chart text,.chart text.val{font-size:16px}
        .chart text.en{font-size:14px}
        .foot{font-size:7.5pt}
        a{color:inherit}
        .note{padding:3px 6px;margin:4px 0}
      }
      """;

  private PrintStyle() {}

  /**
   * The page with its running header for print: what the page is about (a unit's name, or the
   * page's title) at the top left of every sheet, the period and run at the top right, the sheet's
   * number at the bottom right; CSS page-margin boxes, put in a style element before
   * {@code </head>}.
   */
  static String withHeader(String html, String subject, String period, String runId) {
    String style = header(subject, period, runId);
    int head = html.indexOf("</head>");
    if (head < 0) {
      return html;
    }
    return new StringBuilder(html.length() + style.length()).append(html, 0, head).append(style)
        .append(html, head, html.length()).toString();
  }

  /**
   * The style element of {@link #withHeader}, which a page can put in its head as it is built
   * ({@link Layout#begin}) instead of being copied once more to take it: pages run to a megabyte.
   */
  static String header(String subject, String period, String runId) {
    String right = period + " 期 period" + (runId == null ? "" : " · 计算批次 run " + runId);
    return "<style>@media print{@page{"
        + "@top-left{content:" + cssString(fit(subject)) + ";font-size:8pt;font-weight:600;color:#1f2328;"
        + "vertical-align:bottom;padding-bottom:2mm;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}"
        + "@top-right{content:" + cssString(right) + ";font-size:8pt;color:#57606a;vertical-align:bottom;"
        + "padding-bottom:2mm;white-space:nowrap}"
        + "@bottom-right{content:counter(page) \" / \" counter(pages);font-size:8pt;color:#57606a}"
        + "}}</style>";
  }

  /**
   * The widest subject the running header holds, in half-width characters (a Chinese character
   * counts two): 28 Chinese characters at 8 pt beside the period and run on an A4 sheet.
   */
  static final int SUBJECT_WIDTH = 56;

  /**
   * The subject cut to {@link #SUBJECT_WIDTH} with "…". A margin box does not cut its own text in
   * Chromium (text-overflow does not apply there): a long name ran over the period and run.
   */
  static String fit(String subject) {
    // Two left for the mark, which a Chinese font sets as wide as a character.
    return DisplayWidth.cut(SafeText.capCombiningMarks(subject), SUBJECT_WIDTH, 2);
  }

  /**
   * Text as a CSS string: every character but letters and digits (CJK ideographs among them) as a
   * six-digit escape, so no name can end the string, the rule or the style element.
   */
  static String cssString(String text) {
    StringBuilder out = new StringBuilder(text.length() * 2 + 2).append('"');
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c) && c < 0x10000) {
        out.appendCodePoint(c);
      } else {
        // "\\%06X" without a Formatter: a code point has at most six hex digits.
        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        out.append('\\').append("000000", hex.length(), 6).append(hex);
      }
    }
    return out.append('"').toString();
  }
}
