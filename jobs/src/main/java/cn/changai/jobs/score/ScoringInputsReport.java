package cn.changai.jobs.score;

import cn.changai.indicators.Part;
import cn.changai.indicators.score.ScopeInputs;
import cn.changai.indicators.score.Weights;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scoring-inputs.json} of a period: the weights, tier thresholds and every scope's
 * normalised values that the published scores were computed from, numbers at full precision. The
 * report embeds it in the index page, whose what-if panel recomputes the composites and ranks
 * under other weights with the formula of the score job.
 */
public final class ScoringInputsReport {

  public static final String FILE = "scoring-inputs.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ScoringInputsReport() {}

  /** The file's bytes (compact JSON: a large period has a few values per unit and scope). */
  public static byte[] json(String period, String method, String runId, Weights weights, List<ScopeInputs> scopes) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("period", period);
    root.put("method", method);
    root.put("run_id", runId);
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("version", weights.version());
    Map<String, Double> parts = new LinkedHashMap<>();
    for (Part part : Part.values()) {
      parts.put(part.name(), weights.part(part));
    }
    w.put("parts", parts);
    w.put("indicators", weights.indicators());
    root.put("weights", w);
    Map<String, Double> tiers = new LinkedHashMap<>();
    tiers.put("excellent", weights.tiers().excellent());
    tiers.put("good", weights.tiers().good());
    tiers.put("pass", weights.tiers().pass());
    root.put("tiers", tiers);
    List<Object> out = new ArrayList<>();
    for (ScopeInputs scope : scopes) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("scope", scope.scope());
      s.put("indicators", scope.indicators());
      List<Object> units = new ArrayList<>();
      for (ScopeInputs.Unit unit : scope.units()) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("unit_level", unit.unitLevel());
        u.put("unit_id", unit.unitId());
        u.put("values", unit.values());
        units.add(u);
      }
      s.put("units", units);
      out.add(s);
    }
    root.put("scopes", out);
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
