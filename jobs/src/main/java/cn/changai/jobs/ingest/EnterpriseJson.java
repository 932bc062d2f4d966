package cn.changai.jobs.ingest;

import cn.changai.domain.CreditCode;
import cn.changai.domain.EnterpriseLevel;
import cn.changai.domain.Industry;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks one enterprise.json under the contract, collecting every fault it finds.
 *
 * <p>Numbers are kept as the text the sender wrote and read as exact decimals only once they are
 * known to be of a sane size: Jackson's tree would read a fraction as a binary double (so
 * 12345678901234.5678 became ...5680), turn 1e400 into infinity, and convert a 50 MB number to a
 * BigDecimal in time growing with the square of its digits. The streaming parser only collects a
 * number's characters, in one pass; anything past {@link #MAX_NUMBER_CHARS} characters or
 * {@link #MAX_EXPONENT_DIGITS} exponent digits is out of range without being converted.
 */
final class EnterpriseJson {

  static final String FILE = "enterprise.json";

  /** The longest number read: the contract's largest figure has 19 digits. */
  static final int MAX_NUMBER_CHARS = 100;

  /** The most significant digits of an exponent read (so |exponent| < 10,000). */
  static final int MAX_EXPONENT_DIGITS = 4;

  /** The longest name or district kept, in characters. */
  static final int MAX_TEXT_CHARS = 200;

  /**
   * No limit on the length of a number or string here (Jackson's limit on strings applies to the
   * characters of numbers too): the parser only gathers their characters, in one pass, and the
   * checks below refuse a long one as a BAD_FIELD of its field rather than the file as BAD_JSON.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNumberLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).build())
          .build();

  /** An offset as +08:00, and UTC as +00:00 rather than Z: one shape for every row of enterprises. */
  private static final java.time.format.DateTimeFormatter OFFSET = java.time.format.DateTimeFormatter.ofPattern("xxx");
  /** The range of submitted_at: the years 0001 to 9999 in UTC, which every Parquet reader takes. */
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

  private static final Set<String> TOP_FIELDS =
      Set.of(
          "schema_version", "period", "enterprise_id", "name", "parent_id", "level", "industry",
          "district", "submitted_at", "figures");

  final List<Rejection> faults = new ArrayList<>();
  final List<Issue> warnings = new ArrayList<>();
  /** Unknown fields met so far, at the top and among the figures: past {@link Issue#NAMES_LISTED} they are only counted. */
  private int unknownFields;
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
    Map<String, Object> root;
    try {
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      Object value = readDocument(text);
      if (!(value instanceof Map<?, ?>)) {
        fault(ReasonCode.BAD_JSON, "enterprise.json is not a JSON object");
        return;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) value;
      root = object;
    } catch (IOException e) {
      fault(ReasonCode.BAD_JSON, "enterprise.json is not valid JSON: " + firstLine(e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage()));
      return;
    }
    for (String field : root.keySet()) {
      if (!TOP_FIELDS.contains(field) && ++unknownFields <= Issue.NAMES_LISTED) {
        warnings.add(new Issue(FILE, null, field, ReasonCode.UNKNOWN_FIELD,
            "unknown field '" + SafeText.quote(field) + "' is kept out of the tables", null));
      }
    }
    Object version = root.get("schema_version");
    if (version == null) {
      fault(ReasonCode.MISSING_FIELD, "schema_version is missing");
    } else if (!(version instanceof JsonNumber n && n.decimal() != null && n.decimal().compareTo(BigDecimal.ONE) == 0)) {
      // Any number equal to 1 (1.0 and 1e0 too, as a whole figure may be written 3.0): a JSON
      // writer that keeps numbers as doubles writes 1.0, and the number is what the contract asks.
      fault(ReasonCode.BAD_SCHEMA_VERSION, "schema_version is " + describe(version) + "; this program reads version 1");
      return;
    }
    String period = string(root, "period", true);
    if (period != null && !period.equals(folderPeriod)) {
      fault(ReasonCode.FOLDER_MISMATCH, "period is '" + SafeText.quote(period) + "' but the folder is '" + folderPeriod + "'");
    }
    String id = string(root, "enterprise_id", true);
    if (id != null && !id.equals(folderId)) {
      fault(ReasonCode.FOLDER_MISMATCH, "enterprise_id is '" + SafeText.quote(id) + "' but the folder is '" + folderId + "'");
    }
    String name = freeText(root, "name");
    String district = freeText(root, "district");
    String levelCode = string(root, "level", true);
    EnterpriseLevel level = null;
    if (levelCode != null) {
      level = cn.changai.domain.Coded.parse(EnterpriseLevel.class, levelCode)
          .filter(l -> l.code().equals(levelCode)).orElse(null);
      if (level == null) {
        fault(ReasonCode.BAD_FIELD, "level '" + SafeText.quote(levelCode) + "' is not group, subsidiary or branch");
      }
    }
    String industryCode = string(root, "industry", true);
    if (industryCode != null && Industry.ofCode(industryCode).isEmpty()) {
      fault(ReasonCode.BAD_FIELD, "industry '" + SafeText.quote(industryCode) + "' is not an industry code of the contract");
    }
    String parentId = string(root, "parent_id", false);
    if (parentId != null && FieldValue.isBlank(parentId)) {
      parentId = null;
    }
    // A parent_id of another type than a string (12, {}) is a BAD_FIELD of its own: it is there,
    // so "a subsidiary needs a parent_id" would be a second, wrong reason.
    boolean mistypedParent = root.get("parent_id") != null && !(root.get("parent_id") instanceof String);
    if (level != null) {
      if (level.needsParent() && parentId == null && !mistypedParent) {
        fault(ReasonCode.MISSING_FIELD, "a " + level.code() + " needs a parent_id");
      } else if (!level.needsParent() && parentId != null) {
        fault(ReasonCode.BAD_FIELD, "a group has no parent, but parent_id is '" + SafeText.quote(parentId) + "'");
      }
    }
    if (parentId != null && !CreditCode.isValidCreditCode(parentId)) {
      fault(ReasonCode.BAD_FIELD, "parent_id '" + SafeText.quote(parentId) + "' is not a valid credit code");
    } else if (parentId != null && PersonalData.isResidentIdentityNumber(parentId)) {
      fault(ReasonCode.BAD_FIELD, "parent_id '" + SafeText.quote(parentId)
          + "' is a resident identity number (which also passes the credit code's check); no enterprise's code is one");
    }
    Instant submittedAt = null;
    String submittedOffset = null;
    String submitted = string(root, "submitted_at", true);
    if (submitted != null) {
      try {
        OffsetDateTime at = OffsetDateTime.parse(submitted);
        if (at.toInstant().isBefore(EARLIEST) || !at.toInstant().isBefore(AFTER_LATEST)) {
          // Parquet's readers (Spark, DuckDB) take timestamps of years 1 to 9999 only.
          fault(ReasonCode.BAD_FIELD, "submitted_at '" + SafeText.quote(submitted)
              + "' is outside the years 0001 to 9999 (UTC)");
        } else {
          // The tables keep microseconds (Parquet's timestamps): compared at that precision too, so
          // that a held 09:30:00.0000009 and a new 09:30:00.0000001 are one instant, not the new
          // one "later" than what the table kept (.NET writes seven digits).
          submittedAt = at.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
          submittedOffset = OFFSET.format(at);
        }
      } catch (DateTimeParseException e) {
        fault(ReasonCode.BAD_FIELD, "submitted_at '" + SafeText.quote(submitted)
            + "' is not a date-time with offset like 2026-01-10T09:30:00+08:00");
      }
    }
    Figures figures = figures(root.get("figures"));
    if (unknownFields > Issue.NAMES_LISTED) {
      warnings.add(Issue.moreNames(FILE, null, ReasonCode.UNKNOWN_FIELD, unknownFields, "unknown fields"));
    }
    if (faults.isEmpty()) {
      record = new EnterpriseRecord(1, period, id, FieldValue.strip(name), parentId, level.code(), industryCode,
          FieldValue.strip(district), submittedAt, submittedOffset, figures.counts, figures.reform, figures.funding);
    }
  }

  /**
   * A required free-text field (name, district): text that reaches tables and reports as written,
   * so it must not be blank (name), too long, or hold control characters or personal data. An
   * identity or mobile number in it refuses the submission rather than being masked: a masked name
   * would be published wrong, and the sender can fix the file (docs/ingest.md).
   */
  private String freeText(Map<String, Object> root, String field) {
    String value = string(root, field, true);
    if (value == null) {
      return null;
    }
    int length = value.codePointCount(0, value.length());
    if (field.equals("name") && FieldValue.isBlank(value)) {
      fault(ReasonCode.BAD_FIELD, "name is blank");
    } else if (length > MAX_TEXT_CHARS) {
      fault(ReasonCode.BAD_FIELD, field + " is " + length + " characters long; at most " + MAX_TEXT_CHARS
          + " are allowed ('" + SafeText.quote(value) + "')");
    } else if (!SafeText.escape(value).equals(value)) {
      fault(ReasonCode.BAD_FIELD, field + " '" + SafeText.quote(value)
          + "' holds a control or bidirectional character; it must be plain text");
    } else if (PersonalData.containsPersonalData(value)) {
      fault(ReasonCode.BAD_FIELD, field + " '" + SafeText.quote(value)
          + "' holds what looks like an identity or mobile number (masked here); the warehouse never holds such data");
    }
    return value;
  }

  private record Figures(Map<String, Long> counts, Boolean reform, BigDecimal funding) {}

  private static final BigDecimal LARGEST_COUNT = BigDecimal.valueOf(Long.MAX_VALUE);

  /** 10^14: decimal(18,4) holds 14 digits before the point. */
  private static final BigDecimal DECIMAL_BOUND = BigDecimal.TEN.pow(FieldValue.PRECISION - FieldValue.SCALE);

  private Figures figures(Object node) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (node == null) {
      fault(ReasonCode.MISSING_FIELD, "figures is missing");
      return new Figures(counts, null, null);
    }
    if (!(node instanceof Map<?, ?> figures)) {
      fault(ReasonCode.BAD_FIELD, "figures is " + describe(node) + "; it must be an object");
      return new Figures(counts, null, null);
    }
    for (Object key : figures.keySet()) {
      String field = (String) key;
      if (!EnterpriseRecord.COUNT_FIGURES.contains(field)
          && !field.equals(EnterpriseRecord.REFORM_FIGURE)
          && !field.equals(EnterpriseRecord.FUNDING_FIGURE) && ++unknownFields <= Issue.NAMES_LISTED) {
        warnings.add(new Issue(FILE, null, "figures." + field, ReasonCode.UNKNOWN_FIELD,
            "unknown figure '" + SafeText.quote(field) + "' is kept out of the tables", null));
      }
    }
    for (String field : EnterpriseRecord.COUNT_FIGURES) {
      Object value = figures.get(field);
      BigDecimal number = value instanceof JsonNumber n ? n.decimal() : null;
      if (value == null) {
        counts.put(field, null);
      } else if (number != null && number.signum() >= 0 && isWhole(number) && number.compareTo(LARGEST_COUNT) <= 0) {
        counts.put(field, number.longValueExact());
      } else {
        fault(ReasonCode.BAD_FIELD, "figures." + field + " is " + describe(value)
            + "; it must be a whole number from 0 to " + Long.MAX_VALUE + ", or null");
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
    Object reformNode = figures.get(EnterpriseRecord.REFORM_FIGURE);
    if (reformNode != null) {
      if (reformNode instanceof Boolean b) {
        reform = b;
      } else {
        fault(ReasonCode.BAD_FIELD, "figures.reform_in_party_assessment is " + describe(reformNode) + "; it must be true, false or null");
      }
    }
    BigDecimal funding = null;
    Object fundingNode = figures.get(EnterpriseRecord.FUNDING_FIGURE);
    if (fundingNode != null) {
      BigDecimal number = fundingNode instanceof JsonNumber n ? n.decimal() : null;
      // Round first: 99999999999999.99995 rounds up to 15 digits before the point.
      BigDecimal rounded = number == null || number.signum() < 0 || number.compareTo(DECIMAL_BOUND) >= 0
          ? null : number.setScale(FieldValue.SCALE, RoundingMode.HALF_UP);
      if (rounded != null && rounded.compareTo(DECIMAL_BOUND) < 0) {
        funding = rounded;
      } else {
        fault(ReasonCode.BAD_FIELD, "figures.innovation_funding_wan_yuan is " + describe(fundingNode)
            + "; it must be a decimal ≥ 0 (at most 14 digits before the point) or null");
      }
    }
    return new Figures(counts, reform, funding);
  }

  private static boolean isWhole(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /** A string field; a missing or null value is a fault when required, and null otherwise. */
  private String string(Map<String, Object> root, String field, boolean required) {
    Object value = root.get(field);
    if (value == null) {
      if (required) {
        fault(ReasonCode.MISSING_FIELD, field + " is missing");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      fault(ReasonCode.BAD_FIELD, field + " is " + describe(value) + "; it must be a string");
      return null;
    }
    return text;
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

  // The document, read with the streaming parser. Objects become maps (JSON null a null value),
  // strings and booleans themselves, numbers a JsonNumber holding their text; arrays, and objects
  // deeper than the figures, are skipped (their syntax still checked) as nothing is read from them.

  /** An array or an object that is not read, by what it was. */
  private enum Skipped {
    ARRAY("an array"),
    OBJECT("an object");

    private final String description;

    Skipped(String description) {
      this.description = description;
    }
  }

  /** A JSON number as written; its value is read only when it is of a sane size. */
  record JsonNumber(String text) {

    /** The exact value, or null when the number is too long or its exponent too large to read. */
    BigDecimal decimal() {
      if (text.length() > MAX_NUMBER_CHARS) {
        return null;
      }
      int e = Math.max(text.indexOf('e'), text.indexOf('E'));
      if (e >= 0) {
        int digits = e + 1;
        if (digits < text.length() && (text.charAt(digits) == '+' || text.charAt(digits) == '-')) {
          digits++;
        }
        while (digits < text.length() - 1 && text.charAt(digits) == '0') {
          digits++;
        }
        if (text.length() - digits > MAX_EXPONENT_DIGITS) {
          return null;
        }
      }
      return new BigDecimal(text);
    }
  }

  /** A value as a reason names it: a short quote of a string or number, else its kind. */
  private static String describe(Object value) {
    if (value instanceof String text) {
      return "the string \"" + SafeText.quote(text) + "\"";
    }
    if (value instanceof JsonNumber number) {
      return number.decimal() == null ? SafeText.quote(number.text()) + " (out of range)" : SafeText.quote(number.text());
    }
    if (value instanceof Skipped skipped) {
      return skipped.description;
    }
    if (value instanceof Map<?, ?>) {
      return Skipped.OBJECT.description;
    }
    return String.valueOf(value);
  }

  private static Object readDocument(String text) throws IOException {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new IOException("the file holds no JSON value");
      }
      Object value = readValue(parser, 0);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new IOException("more content after the first value (" + trailing.asString() + ")");
      }
      return value;
    }
  }

  private static Object readValue(JsonParser parser, int depth) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        if (depth > 1) {
          parser.skipChildren();
          return Skipped.OBJECT;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.put(name, readValue(parser, depth + 1));
        }
        return object;
      }
      case START_ARRAY -> {
        parser.skipChildren();
        return Skipped.ARRAY;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new JsonNumber(parser.getText());
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected " + token);
    }
  }
}
