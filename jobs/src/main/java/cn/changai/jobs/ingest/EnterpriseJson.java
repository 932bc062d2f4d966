package cn.changai.jobs.ingest;

import cn.changai.domain.CreditCode;
import cn.changai.domain.EnterpriseLevel;
import cn.changai.domain.Industry;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks one enterprise.json under the contract, collecting every fault it finds. */
final class EnterpriseJson {

  static final String FILE = "enterprise.json";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonParser.Feature.ALLOW_COMMENTS)
          .build();

  private static final Set<String> TOP_FIELDS =
      Set.of(
          "schema_version", "period", "enterprise_id", "name", "parent_id", "level", "industry",
          "district", "submitted_at", "figures");

  final List<Rejection> faults = new ArrayList<>();
  final List<Issue> warnings = new ArrayList<>();
  EnterpriseRecord record;

  private final String path;

  private EnterpriseJson(String path) {
    this.path = path;
  }

  /** Parses the bytes of enterprise.json found in the folder {@code period/enterpriseId}. */
  static EnterpriseJson read(String path, byte[] bytes, String period, String enterpriseId) {
    EnterpriseJson json = new EnterpriseJson(path);
    json.parse(bytes, period, enterpriseId);
    return json;
  }

  private void parse(byte[] bytes, String folderPeriod, String folderId) {
    String text;
    try {
      // JSON text is UTF-8 (RFC 8259); a lenient decode would put U+FFFD into names silently.
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      fault(ReasonCode.BAD_JSON, "enterprise.json is not valid JSON: it is not UTF-8 text");
      return;
    }
    JsonNode root;
    try {
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      root = MAPPER.readTree(text);
    } catch (IOException e) {
      fault(ReasonCode.BAD_JSON, "enterprise.json is not valid JSON: " + firstLine(e instanceof com.fasterxml.jackson.core.JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage()));
      return;
    }
    if (root == null || !root.isObject()) {
      fault(ReasonCode.BAD_JSON, "enterprise.json is not a JSON object");
      return;
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_FIELDS.contains(field)) {
        warnings.add(new Issue(FILE, null, field, ReasonCode.UNKNOWN_FIELD,
            "unknown field '" + field + "' is kept out of the tables", null));
      }
    }
    JsonNode version = root.get("schema_version");
    if (version == null || version.isNull()) {
      fault(ReasonCode.MISSING_FIELD, "schema_version is missing");
    } else if (!version.isIntegralNumber() || version.asLong() != 1) {
      fault(ReasonCode.BAD_SCHEMA_VERSION, "schema_version is " + version + "; this program reads version 1");
      return;
    }
    String period = string(root, "period", true);
    if (period != null && !period.equals(folderPeriod)) {
      fault(ReasonCode.FOLDER_MISMATCH, "period is '" + period + "' but the folder is '" + folderPeriod + "'");
    }
    String id = string(root, "enterprise_id", true);
    if (id != null && !id.equals(folderId)) {
      fault(ReasonCode.FOLDER_MISMATCH, "enterprise_id is '" + id + "' but the folder is '" + folderId + "'");
    }
    String name = string(root, "name", true);
    if (name != null && name.isBlank()) {
      fault(ReasonCode.BAD_FIELD, "name is blank");
    }
    String district = string(root, "district", true);
    String levelCode = string(root, "level", true);
    EnterpriseLevel level = null;
    if (levelCode != null) {
      level = cn.changai.domain.Coded.parse(EnterpriseLevel.class, levelCode)
          .filter(l -> l.code().equals(levelCode)).orElse(null);
      if (level == null) {
        fault(ReasonCode.BAD_FIELD, "level '" + levelCode + "' is not group, subsidiary or branch");
      }
    }
    String industryCode = string(root, "industry", true);
    if (industryCode != null && Industry.ofCode(industryCode).isEmpty()) {
      fault(ReasonCode.BAD_FIELD, "industry '" + industryCode + "' is not an industry code of the contract");
    }
    String parentId = string(root, "parent_id", false);
    if (parentId != null && parentId.isBlank()) {
      parentId = null;
    }
    if (level != null) {
      if (level.needsParent() && parentId == null) {
        fault(ReasonCode.MISSING_FIELD, "a " + level.code() + " needs a parent_id");
      } else if (!level.needsParent() && parentId != null) {
        fault(ReasonCode.BAD_FIELD, "a group has no parent, but parent_id is '" + parentId + "'");
      }
    }
    if (parentId != null && !CreditCode.isValidCreditCode(parentId)) {
      fault(ReasonCode.BAD_FIELD, "parent_id '" + parentId + "' is not a valid credit code");
    }
    Instant submittedAt = null;
    String submitted = string(root, "submitted_at", true);
    if (submitted != null) {
      try {
        submittedAt = OffsetDateTime.parse(submitted).toInstant();
      } catch (DateTimeParseException e) {
        fault(ReasonCode.BAD_FIELD,
            "submitted_at '" + submitted + "' is not a date-time with offset like 2026-01-10T09:30:00+08:00");
      }
    }
    Figures figures = figures(root.get("figures"));
    if (faults.isEmpty()) {
      record = new EnterpriseRecord(1, period, id, name.strip(), parentId, level.code(), industryCode,
          district.strip(), submittedAt, figures.counts, figures.reform, figures.funding);
    }
  }

  private record Figures(Map<String, Long> counts, Boolean reform, BigDecimal funding) {}

  private Figures figures(JsonNode node) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      fault(ReasonCode.MISSING_FIELD, "figures is missing");
      return new Figures(counts, null, null);
    }
    if (!node.isObject()) {
      fault(ReasonCode.BAD_FIELD, "figures is not an object");
      return new Figures(counts, null, null);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!EnterpriseRecord.COUNT_FIGURES.contains(field)
          && !field.equals(EnterpriseRecord.REFORM_FIGURE)
          && !field.equals(EnterpriseRecord.FUNDING_FIGURE)) {
        warnings.add(new Issue(FILE, null, "figures." + field, ReasonCode.UNKNOWN_FIELD,
            "unknown figure '" + field + "' is kept out of the tables", null));
      }
    }
    for (String field : EnterpriseRecord.COUNT_FIGURES) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        counts.put(field, null);
      } else if (value.isNumber() && isWhole(value.decimalValue()) && value.decimalValue().signum() >= 0
          && value.decimalValue().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
        counts.put(field, value.decimalValue().longValueExact());
      } else {
        fault(ReasonCode.BAD_FIELD, "figures." + field + " is " + value + "; it must be a whole number ≥ 0 or null");
        counts.put(field, null);
      }
    }
    Long required = counts.get("congress_levels_required");
    Long established = counts.get("congress_levels_established");
    if (required != null && established != null && established > required) {
      fault(ReasonCode.BAD_FIELD, "figures.congress_levels_established " + established
          + " exceeds congress_levels_required " + required);
    }
    Boolean reform = null;
    JsonNode reformNode = node.get(EnterpriseRecord.REFORM_FIGURE);
    if (reformNode != null && !reformNode.isNull()) {
      if (reformNode.isBoolean()) {
        reform = reformNode.booleanValue();
      } else {
        fault(ReasonCode.BAD_FIELD, "figures.reform_in_party_assessment is " + reformNode + "; it must be true, false or null");
      }
    }
    BigDecimal funding = null;
    JsonNode fundingNode = node.get(EnterpriseRecord.FUNDING_FIGURE);
    if (fundingNode != null && !fundingNode.isNull()) {
      if (fundingNode.isNumber() && fundingNode.decimalValue().signum() >= 0
          && fundingNode.decimalValue().compareTo(BigDecimal.TEN.pow(FieldValue.PRECISION - FieldValue.SCALE)) < 0) {
        funding = fundingNode.decimalValue().setScale(FieldValue.SCALE, java.math.RoundingMode.HALF_UP);
      } else {
        fault(ReasonCode.BAD_FIELD, "figures.innovation_funding_wan_yuan is " + fundingNode + "; it must be a decimal ≥ 0 (at most 14 digits before the point) or null");
      }
    }
    return new Figures(counts, reform, funding);
  }

  private static boolean isWhole(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /** A string field; a missing or null value is a fault when required, and null otherwise. */
  private String string(JsonNode root, String field, boolean required) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        fault(ReasonCode.MISSING_FIELD, field + " is missing");
      }
      return null;
    }
    if (!value.isTextual()) {
      fault(ReasonCode.BAD_FIELD, field + " is " + value + "; it must be a string");
      return null;
    }
    return value.textValue();
  }

  private void fault(ReasonCode code, String reason) {
    faults.add(new Rejection(path, code, reason));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
