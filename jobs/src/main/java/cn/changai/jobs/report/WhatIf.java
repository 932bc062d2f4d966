package cn.changai.jobs.report;

import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the index page's what-if panel needs: the score job's {@code scoring-inputs.json} (weights,
 * tiers, each scope's normalised values at full precision) joined with the published scores
 * (each unit's name, page, rank and composite), as one JSON document for the page's script, or a
 * reason the panel cannot be offered.
 */
record WhatIf(String json, java.util.List<String> scopes, Map<String, Double> partWeights,
    Map<String, Double> indicatorWeights, String weightsVersion, String unavailable) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The panel's data; {@code inputs} is the file's text, or null when the score job wrote none. */
  static WhatIf of(ReportContext ctx, String inputs) {
    if (ctx.data.isMissing(PeriodData.SCORES) || ctx.data.scores().isEmpty()) {
      return null;
    }
    if (inputs == null) {
      return unavailable("本期评分未附带标准化数值（请重新运行 changai score）。",
          "The scores of this period came without their normalised values (run changai score again).");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(inputs);
    } catch (IOException e) {
      return unavailable("标准化数值文件无法读取。", "The file of normalised values cannot be read.");
    }
    String method = root.path("method").asText(null);
    String published = ctx.data.scores().get(0).method();
    if (method == null || !method.equals(published)) {
      // Scores and inputs of different score runs: recomputing would not match the ranking shown.
      return unavailable("标准化数值与已发布评分不属于同一次评分。",
          "The normalised values are not those of the published scores.");
    }
    ObjectNode page = MAPPER.createObjectNode();
    page.set("weights", root.path("weights"));
    page.set("tiers", root.path("tiers"));
    ObjectNode partOf = page.putObject("partOf");
    for (cn.changai.indicators.Indicator indicator : cn.changai.indicators.Catalogue.all()) {
      partOf.put(indicator.id(), indicator.part().name());
    }
    ArrayNode scopes = page.putArray("scopes");
    java.util.List<String> names = new java.util.ArrayList<>();
    for (JsonNode scope : root.path("scopes")) {
      String name = scope.path("scope").asText();
      names.add(name);
      ObjectNode s = scopes.addObject();
      s.put("scope", name);
      s.set("indicators", scope.path("indicators"));
      ArrayNode units = s.putArray("units");
      for (JsonNode unit : scope.path("units")) {
        String level = unit.path("unit_level").asText();
        String id = unit.path("unit_id").asText();
        ObjectNode u = units.addObject();
        u.put("id", id);
        ScoreRow score = ctx.score(name, level, id).orElse(null);
        UnitLink link = ctx.unit(level, id).orElse(null);
        u.put("name", SafeText.capCombiningMarks(
            link != null ? link.name() : score != null && score.unitName() != null ? score.unitName() : id));
        if (link != null) {
          u.put("href", link.path());
        }
        if (score != null && score.rank() != null) {
          u.put("rank", score.rank());
          u.put("composite", score.composite());
        }
        u.set("values", unit.path("values"));
      }
    }
    Map<String, Double> parts = new LinkedHashMap<>();
    root.path("weights").path("parts").fields().forEachRemaining(e -> parts.put(e.getKey(), e.getValue().asDouble()));
    Map<String, Double> indicators = new LinkedHashMap<>();
    root.path("weights").path("indicators").fields()
        .forEachRemaining(e -> indicators.put(e.getKey(), e.getValue().asDouble()));
    return new WhatIf(forScript(page.toString()), java.util.List.copyOf(names), parts, indicators, root.path("weights").path("version").asText(""),
        null);
  }

  private static WhatIf unavailable(String chinese, String english) {
    return new WhatIf(null, java.util.List.of(), Map.of(), Map.of(), null, chinese + " " + english);
  }

  /**
   * JSON that can sit inside a script element: {@code <}, {@code >} and {@code &} occur only
   * inside JSON strings, where their escapes mean the same, so no name can close the element.
   */
  static String forScript(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }
}
