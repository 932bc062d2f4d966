package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a scoring, read from a JSON or YAML file: a relative weight per part and per
 * indicator (missing ones weigh 1), the tier thresholds, and the file's version. docs/scoring.md
 * describes the format; {@code weights-default.yaml} is the default.
 */
public final class Weights {

  /** The class-path resource of the default weights. */
  public static final String DEFAULT_RESOURCE = "/weights-default.yaml";

  private static final Set<String> KEYS = Set.of("version", "parts", "indicators", "tiers", "treat_outliers", "screening");
  private static final Set<String> TIER_KEYS = Set.of("excellent", "good", "pass");

  private final String version;
  private final String sha256;
  private final Map<Part, Double> parts;
  private final Map<String, Double> indicators;
  private final Tiers tiers;
  private final OutlierTreatment treatOutliers;
  private final Screening screening;

  private Weights(String version, String sha256, Map<Part, Double> parts, Map<String, Double> indicators, Tiers tiers,
      OutlierTreatment treatOutliers, Screening screening) {
    this.version = version;
    this.sha256 = sha256;
    this.parts = Collections.unmodifiableMap(parts);
    this.indicators = Collections.unmodifiableMap(indicators);
    this.tiers = tiers;
    this.treatOutliers = treatOutliers;
    this.screening = screening;
  }

  /** The weights shipped with the program: parts equal, indicators equal within a part. */
  public static Weights defaults() {
    try (InputStream in = Weights.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the class path");
      }
      return parse("weights-default.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a weights file's text; {@code name} (the file name) says the format: JSON when it ends
   * in {@code .json}, YAML otherwise. Refuses anything doubtful with a message that names it.
   */
  public static Weights parse(String name, String text) {
    boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // A second YAML document (after ---) or a second JSON value would be ignored without a word:
    // weights that look edited but are not used.
    mapper.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException
          && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
        throw new WeightsException("more than one " + (json ? "JSON value" : "YAML document") + " in the file (the second"
            + " begins" + where + "): give the weights as one");
      }
      String message = firstLine(e.getOriginalMessage());
      if (message.startsWith("Malformed numeric value ")) {
        // YAML's .nan and .inf, which the parser cannot hold: a weight that is not a finite number.
        throw new WeightsException("malformed " + (json ? "JSON" : "YAML") + where + ": "
            + message.substring("Malformed numeric value ".length()) + " is not a finite number (weights and"
            + " thresholds are finite numbers)");
      }
      throw new WeightsException("malformed " + (json ? "JSON" : "YAML") + where + ": " + message);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new WeightsException("the file is empty");
    }
    if (!root.isObject()) {
      throw new WeightsException("expected a mapping with the keys version, parts, indicators and tiers");
    }
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String key = entry.getKey();
      if (!KEYS.contains(key)) {
        throw new WeightsException("unknown key '" + key + "' (expected version, parts, indicators, tiers, treat_outliers, screening)");
      }
    }
    JsonNode versionNode = root.get("version");
    if (versionNode != null && versionNode.isContainerNode()) {
      throw new WeightsException("'version' is a " + (versionNode.isArray() ? "list" : "mapping")
          + ": give one name or number, e.g. version: my-weights-1");
    }
    if (versionNode == null || !versionNode.isValueNode() || versionNode.isNull() || versionNode.asText().isBlank()) {
      throw new WeightsException("'version' is missing: give the weights a version, e.g. version: my-weights-1");
    }
    String version = versionNode.asText().strip();

    Map<Part, Double> parts = new EnumMap<>(Part.class);
    for (Part part : Part.values()) {
      parts.put(part, 1.0);
    }
    for (Map.Entry<String, JsonNode> e : entries(root.get("parts"), "parts")) {
      Part part;
      try {
        part = Part.valueOf(e.getKey());
      } catch (IllegalArgumentException unknown) {
        throw new WeightsException("unknown part '" + e.getKey() + "' under parts (expected A, B, C or D)");
      }
      parts.put(part, weight(e.getValue(), "part " + part));
    }

    Map<String, Double> indicators = new LinkedHashMap<>();
    for (Indicator indicator : Catalogue.all()) {
      indicators.put(indicator.id(), 1.0);
    }
    for (Map.Entry<String, JsonNode> e : entries(root.get("indicators"), "indicators")) {
      if (!indicators.containsKey(e.getKey())) {
        throw new WeightsException("unknown indicator '" + e.getKey() + "' under indicators (catalogue "
            + Catalogue.VERSION + " has " + Catalogue.idRanges() + ")");
      }
      indicators.put(e.getKey(), weight(e.getValue(), "indicator " + e.getKey()));
    }

    double excellent = Tiers.DEFAULT.excellent();
    double good = Tiers.DEFAULT.good();
    double pass = Tiers.DEFAULT.pass();
    for (Map.Entry<String, JsonNode> e : entries(root.get("tiers"), "tiers")) {
      if (!TIER_KEYS.contains(e.getKey())) {
        throw new WeightsException("unknown tier '" + e.getKey() + "' under tiers (expected excellent, good, pass)");
      }
      double threshold = number(e.getValue(), "tier " + e.getKey());
      if (threshold < 0 || threshold > 100) {
        throw new WeightsException("tier " + e.getKey() + " is " + plain(threshold) + ": thresholds lie in 0..100");
      }
      switch (e.getKey()) {
        case "excellent" -> excellent = threshold;
        case "good" -> good = threshold;
        default -> pass = threshold;
      }
    }
    if (!(pass <= good && good <= excellent)) {
      throw new WeightsException("tiers must satisfy pass ≤ good ≤ excellent, got excellent " + plain(excellent)
          + ", good " + plain(good) + ", pass " + plain(pass));
    }

    boolean anyScored = false;
    for (Indicator indicator : Catalogue.all()) {
      anyScored |= parts.get(indicator.part()) > 0 && indicators.get(indicator.id()) > 0;
    }
    if (!anyScored) {
      throw new WeightsException("every weight is zero: no indicator in a part of positive weight has a positive weight");
    }
    OutlierTreatment treatOutliers = null;
    JsonNode treatNode = root.get("treat_outliers");
    if (treatNode != null && !treatNode.isNull()) {
      treatOutliers = OutlierTreatment.of(treatNode.isTextual() ? treatNode.asText() : null).orElseThrow(() ->
          new WeightsException("treat_outliers is '" + treatNode.asText() + "' (expected none or winsorise)"));
    }
    Screening screening = null;
    JsonNode screeningNode = root.get("screening");
    if (screeningNode != null && !screeningNode.isNull()) {
      double share = number(screeningNode, "screening");
      if (share < 0 || share > 1) {
        throw new WeightsException("screening is " + plain(share) + ": the share of indicators a unit needs lies in 0..1");
      }
      screening = new Screening(share);
    }
    return new Weights(version, sha256(text), parts, indicators, new Tiers(excellent, good, pass), treatOutliers, screening);
  }

  /** The outlier treatment the file asks for; empty when it does not say (the command line then decides). */
  public java.util.Optional<OutlierTreatment> treatOutliers() {
    return java.util.Optional.ofNullable(treatOutliers);
  }

  /** The screening share the file asks for; empty when it does not say (the default two thirds then holds). */
  public java.util.Optional<Screening> screening() {
    return java.util.Optional.ofNullable(screening);
  }

  /** The version the file gives itself, written into the run record and the {@code method} column. */
  public String version() {
    return version;
  }

  /** The SHA-256 of the file's text, so that the run record pins exactly which weights were used. */
  public String sha256() {
    return sha256;
  }

  /** The relative weight of a part (0 or more). */
  public double part(Part part) {
    return parts.get(part);
  }

  /** The relative weight of an indicator within its part (0 or more). */
  public double indicator(String id) {
    Double weight = indicators.get(id);
    if (weight == null) {
      throw new IllegalArgumentException("no such indicator: " + id);
    }
    return weight;
  }

  /** Every part's weight, A to D. */
  public Map<Part, Double> parts() {
    return parts;
  }

  /** Every indicator's weight, in catalogue order. */
  public Map<String, Double> indicators() {
    return indicators;
  }

  public Tiers tiers() {
    return tiers;
  }

  private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode node, String key) {
    if (node == null || node.isNull()) {
      return java.util.List.of();
    }
    if (!node.isObject()) {
      throw new WeightsException("'" + key + "' must be a mapping of names to numbers");
    }
    return node.properties();
  }

  private static double weight(JsonNode node, String what) {
    double weight = number(node, what);
    if (weight < 0) {
      throw new WeightsException("negative weight " + plain(weight) + " for " + what + " (weights are 0 or more)");
    }
    return weight;
  }

  private static double number(JsonNode node, String what) {
    if (node == null || !node.isNumber()) {
      throw new WeightsException(what + " is not a number: '" + (node == null ? "" : node.asText()) + "'");
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new WeightsException(what + " is not a finite number: " + node.asText());
    }
    return value;
  }

  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A weights file that cannot be used; the message says what in it is wrong. */
  public static final class WeightsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public WeightsException(String message) {
      super(message);
    }
  }
}
