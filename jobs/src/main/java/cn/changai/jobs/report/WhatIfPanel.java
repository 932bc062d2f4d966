package cn.changai.jobs.report;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The index page's what-if panel: inputs for the four part weights and, folded away, the
 * indicator weights; a scope to show; and a table of each unit's rank under those weights beside
 * the published one, recomputed in the page by {@code whatif.js} from the embedded data.
 */
final class WhatIfPanel {

  /** The panel's script, a constant of this package like the style sheet. */
  static final String SCRIPT = resource("whatif.js");

  private WhatIfPanel() {}

  static void render(Html h, WhatIf m) {
    if (m == null) {
      return;
    }
    h.open("section", "id", "whatif", "class", "card whatif").newline();
    h.open("h2").bilingual("假设权重试算", "What-if weights").close("h2");
    if (m.unavailable() != null) {
      h.el("p", m.unavailable(), "class", "note");
      h.close("section").newline();
      return;
    }
    h.open("p", "class", "small").text("改变分项或指标权重，本页按评分程序的同一公式即时重算综合得分、等级与排名；不影响已发布结果，不联网。")
        .el("span", " Change the weights: the page recomputes composites, tiers and ranks with the score job's formula, "
            + "in the browser. Published results are not changed. Weights are relative; 0 leaves a part or indicator out.",
            "class", "en")
        .close("p");
    h.open("div", "class", "weights");
    for (Part part : Part.values()) {
      h.open("label").text(part.name() + " " + part.chinese() + " ").el("span", part.english(), "class", "en");
      h.empty("input", "type", "number", "id", "whatif-part-" + part.name(), "min", "0", "step", "any", "inputmode",
          "decimal", "data-part", part.name(), "value", plain(m.partWeights().get(part.name())));
      h.close("label");
    }
    h.close("div");
    h.open("details", "id", "whatif-indicators").open("summary").bilingual("指标权重", "Indicator weights").close("summary");
    h.open("div", "class", "weights indicators");
    for (Indicator indicator : Catalogue.all()) {
      h.open("label", "title", indicator.nameEn()).text(indicator.id() + " " + indicator.nameZh());
      h.empty("input", "type", "number", "id", "whatif-ind-" + indicator.id(), "min", "0", "step", "any", "inputmode",
          "decimal", "data-indicator", indicator.id(), "value", plain(m.indicatorWeights().get(indicator.id())));
      h.close("label");
    }
    h.close("div").close("details");
    h.open("div", "class", "filter");
    h.open("label", "for", "whatif-scope").bilingual("排名范围", "Ranking").close("label");
    h.open("select", "id", "whatif-scope");
    // The options follow the embedded scopes' order, which the script indexes.
    for (String scope : m.scopes()) {
      h.el("option", cn.changai.jobs.score.RankingReports.label(scope), "value", scope);
    }
    h.close("select");
    h.el("button", "恢复发布权重 Reset", "type", "button", "id", "whatif-reset");
    h.el("span", "", "id", "whatif-status", "class", "muted", "aria-live", "polite");
    h.close("div");
    Layout.tableStart(h, "whatif-table", "whatif", "假设权重下的排名 Ranks under the chosen weights");
    h.open("thead").open("tr");
    Layout.th(h, "假设排名", "What-if rank", "num");
    Layout.th(h, "单位", "Unit", null);
    Layout.th(h, "假设综合得分", "What-if composite", "num");
    Layout.th(h, "假设等级", "What-if tier", null);
    for (Part part : Part.values()) {
      Layout.th(h, part.name() + " " + part.chinese(), part.name() + " " + part.english(), "num");
    }
    Layout.th(h, "公布排名", "Published rank", "num");
    Layout.th(h, "公布综合得分", "Published composite", "num");
    Layout.th(h, "名次变动", "Move", "num");
    h.close("tr").close("thead").open("tbody").close("tbody");
    Layout.tableEnd(h);
    h.open("script", "type", "application/json", "id", "whatif-data").trusted(m.json()).close("script").newline();
    h.open("script").trusted(SCRIPT).close("script").newline();
    h.close("section").newline();
  }

  /** A weight as typed: 1 rather than 1.0. */
  private static String plain(Double weight) {
    if (weight == null) {
      return "1";
    }
    return weight == Math.rint(weight) && Math.abs(weight) < 1e15 ? Long.toString(weight.longValue())
        : String.format(Locale.ROOT, "%s", weight);
  }

  private static String resource(String name) {
    try (InputStream in = WhatIfPanel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
