package cn.changai.jobs.report;

import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the index page's what-if panel needs: the score job's {@code scoring-inputs.json} (weights,
 * tiers, each scope's normalised values at full precision) joined with the published scores
 * (each unit's name, page, rank and composite), as one JSON document for the page's script, or a
 * reason the panel cannot be offered. The document holds each unit once ({@code units}: id, name,
 * page, composite, values) and each scope as its indicators, its members' indexes in {@code units}
 * and their ranks in the scope ({@code whatif.js} joins them back).
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
    // Each unit's values once: an enterprise is in two scopes (all enterprises, its industry), and
    // its values are its level's in both, so writing them per scope doubled the page at scale.
    // A scope lists its members by their index in "units", with each member's rank in the scope.
    ArrayNode pool = page.putArray("units");
    Map<java.util.List<JsonNode>, Integer> indexOf = new java.util.HashMap<>();
    ArrayNode scopes = page.putArray("scopes");
    java.util.List<String> names = new java.util.ArrayList<>();
    for (JsonNode scope : root.path("scopes")) {
      String name = scope.path("scope").asText();
      names.add(name);
      ObjectNode s = scopes.addObject();
      s.put("scope", name);
      JsonNode columns = scope.path("indicators");
      s.set("indicators", columns);
      ArrayNode members = s.putArray("units");
      ArrayNode ranks = s.putArray("ranks");
      for (JsonNode unit : scope.path("units")) {
        String level = unit.path("unit_level").asText();
        String id = unit.path("unit_id").asText();
        ObjectNode u = MAPPER.createObjectNode();
        u.put("id", id);
        ScoreRow score = ctx.score(name, level, id).orElse(null);
        UnitLink link = ctx.unit(level, id).orElse(null);
        u.put("name", SafeText.capCombiningMarks(
            link != null ? link.name() : score != null && score.unitName() != null ? score.unitName() : id));
        if (link != null) {
          u.put("href", link.path());
        }
        boolean ranked = score != null && score.rank() != null;
        if (ranked) {
          u.put("composite", score.composite());
        }
        u.set("values", unit.path("values"));
        // Shared only where everything the page reads of the unit is the same, the values against
        // the same indicators included: otherwise the unit gets an entry of its own.
        Integer index = indexOf.computeIfAbsent(java.util.List.of(TextNode.valueOf(level), columns, u), k -> {
          pool.add(u);
          return pool.size() - 1;
        });
        members.add(index);
        if (ranked) {
          ranks.add(score.rank());
        } else {
          ranks.addNull();
        }
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
