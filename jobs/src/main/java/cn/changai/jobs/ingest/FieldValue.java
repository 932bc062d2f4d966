package cn.changai.jobs.ingest;

import cn.changai.domain.Coded;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one CSV cell under the contract's rules. A parse either yields a value (possibly null for
 * an allowed blank) or records the first fault of the row in a {@link RowFault}.
 */
final class FieldValue {

  /** Decimals are stored with four places; more are rounded half-up. */
  static final int SCALE = 4;

  /**
   * Digits of a stored decimal: 18, so that Parquet keeps it as a 64-bit integer and sums stay
   * fast and exact; 14 digits before the point is far above any wage, hour count or funding.
   */
  static final int PRECISION = 18;

  /** Stored decimals below this, as unscaled longs: 10^14 with four places. */
  private static final long LIMIT_UNSCALED = 1_000_000_000_000_000_000L;

  /** The longest id of the contract's charset. */
  private static final int ID_LENGTH = 64;

  /** Each code type's accepted forms (lower-cased code, Chinese names) to its code. */
  private static final ClassValue<Map<String, String>> CODES =
      new ClassValue<>() {
        @Override
        protected Map<String, String> computeValue(Class<?> type) {
          Map<String, String> forms = new HashMap<>();
          for (Object constant : type.getEnumConstants()) {
            Coded coded = (Coded) constant;
            forms.put(coded.code().toLowerCase(Locale.ROOT), coded.code());
            for (String alias : coded.aliases()) {
              forms.putIfAbsent(alias, coded.code());
            }
          }
          return forms;
        }
      };

  /** The first fault found in a row: the column, the code and a text naming the value. */
  static final class RowFault extends Exception {
    final String column;
    final ReasonCode code;

    RowFault(String column, ReasonCode code, String reason) {
      super(reason, null, false, false);
      this.column = column;
      this.code = code;
    }
  }

  private FieldValue() {}

  static boolean isBlank(String value) {
    return value == null || strip(value).isEmpty();
  }

  /**
   * The value without surrounding spaces: Java's white space and every Unicode space character,
   * among them the no-break spaces (U+00A0, U+2007, U+202F) that Excel and web pages put in cells
   * and that a planner cannot tell from a blank.
   */
  public static String strip(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isSpace(value.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(value.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  /** Whether {@link #strip} takes the character away from a value's ends. */
  static boolean isSpace(char c) {
    if (c < 0x80) {
      // As Character.isWhitespace: blank, TAB to CR, and the four separators U+001C to U+001F.
      return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1C && c <= 0x1F;
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  static String text(String value) {
    return isBlank(value) ? null : strip(value);
  }

  static String required(String column, String value) throws RowFault {
    if (isBlank(value)) {
      throw new RowFault(column, ReasonCode.MISSING_VALUE, column + " is required but blank");
    }
    return strip(value);
  }

  /** An id of the contract's charset; identity-number shapes are refused before anything else. */
  static String id(String column, String value, boolean required) throws RowFault {
    if (isBlank(value)) {
      if (required) {
        throw new RowFault(column, ReasonCode.MISSING_VALUE, column + " is required but blank");
      }
      return null;
    }
    String id = strip(value);
    // Every identity-number shape has at least 18 characters: shorter ids skip the check.
    if (id.length() >= 18 && PersonalData.looksLikeIdentityNumber(id)) {
      throw new RowFault(
          column, ReasonCode.PERSONAL_DATA, column + " looks like a resident identity number");
    }
    if (PersonalData.idHoldsPersonalData(id)) {
      throw new RowFault(column, ReasonCode.PERSONAL_DATA,
          column + " " + quote(id) + " holds a resident identity number or a mobile number; ids must be pseudonyms");
    }
    if (!isIdText(id)) {
      throw new RowFault(
          column, ReasonCode.BAD_ID, column + " " + quote(id) + " is not 1-64 of A-Z a-z 0-9 _ -");
    }
    return id;
  }

  /** True for 1 to 64 characters of A-Z a-z 0-9 _ -. */
  static boolean isIdText(String id) {
    int n = id.length();
    if (n == 0 || n > ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Y/N, 是/否, true/false, 1/0, case-insensitively; blank gives {@code blank}, or a fault if null. */
  static Boolean bool(String column, String value, Boolean blank) throws RowFault {
    if (isBlank(value)) {
      if (blank == null) {
        throw new RowFault(column, ReasonCode.MISSING_VALUE, column + " is required but blank");
      }
      return blank;
    }
    String v = strip(value);
    if (v.length() == 1) {
      switch (v.charAt(0)) {
        case 'Y', 'y', '是', '1':
          return Boolean.TRUE;
        case 'N', 'n', '否', '0':
          return Boolean.FALSE;
        default:
          break;
      }
    } else if (v.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    } else if (v.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new RowFault(
        column, ReasonCode.BAD_BOOLEAN, column + " " + quote(v) + " is not Y/N, 是/否, true/false or 1/0");
  }

  /** A date of the form yyyy-MM-dd or yyyy/M/d, not after {@code latest}; blank is null. */
  static LocalDate date(String column, String value, boolean required, LocalDate latest)
      throws RowFault {
    if (isBlank(value)) {
      if (required) {
        throw new RowFault(column, ReasonCode.MISSING_VALUE, column + " is required but blank");
      }
      return null;
    }
    String v = strip(value);
    LocalDate date = parseDate(v);
    if (date == null) {
      throw new RowFault(
          column, ReasonCode.BAD_DATE, column + " " + quote(v) + " is not a date (yyyy-MM-dd or yyyy/M/d)");
    }
    if (date.isAfter(latest)) {
      throw new RowFault(
          column, ReasonCode.DATE_AFTER_PERIOD_END, column + " " + date + " is after the period end " + latest);
    }
    return date;
  }

  /** yyyy-MM-dd (two-digit month and day) or yyyy/M/d (one or two digits); null otherwise. */
  private static LocalDate parseDate(String v) {
    int n = v.length();
    if (n < 8 || n > 10) {
      return null;
    }
    char sep = v.charAt(4);
    if (sep != '-' && sep != '/') {
      return null;
    }
    int year = digits(v, 0, 4);
    int second = v.indexOf(sep, 5);
    // Year 0000 is no calendar's year (and pyarrow cannot read a date before 0001-01-01).
    if (year < 1 || second < 0) {
      return null;
    }
    int monthLength = second - 5;
    int dayLength = n - second - 1;
    boolean shapeOk = sep == '-'
        ? monthLength == 2 && dayLength == 2
        : monthLength >= 1 && monthLength <= 2 && dayLength >= 1 && dayLength <= 2;
    int month = shapeOk ? digits(v, 5, second) : -1;
    int day = shapeOk ? digits(v, second + 1, n) : -1;
    if (month < 0 || day < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The ASCII digits v[from, to) as a number, or -1 when one is not a digit. */
  private static int digits(String v, int from, int to) {
    int number = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return number;
  }

  /**
   * A decimal at least 0, rounded half up to four places; blank gives {@code blank}. Read digit by
   * digit into a long (no BigDecimal parse), so a value costs time linear in its length.
   */
  static BigDecimal nonNegativeDecimal(String column, String value, BigDecimal blank) throws RowFault {
    if (isBlank(value)) {
      return blank;
    }
    String v = strip(value);
    int n = v.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (v.charAt(0) == '+' || v.charAt(0) == '-')) {
      negative = v.charAt(0) == '-';
      i = 1;
    }
    // [+-]?(\d+(\.\d*)?|\.\d+), read once: significant integer digits, four places, the fifth.
    long integer = 0;
    int significant = 0;
    int before = 0;
    boolean nonZero = false;
    while (i < n && isDigit(v.charAt(i))) {
      int d = v.charAt(i++) - '0';
      before++;
      if (d != 0 || significant > 0) {
        significant++;
        nonZero = true;
        if (significant <= PRECISION - SCALE) {
          integer = integer * 10 + d;
        }
      }
    }
    long places = 0;
    int after = 0;
    boolean roundUp = false;
    if (i < n && v.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(v.charAt(i))) {
        int d = v.charAt(i++) - '0';
        if (after < SCALE) {
          places = places * 10 + d;
        } else if (after == SCALE) {
          roundUp = d >= 5;
        }
        nonZero |= d != 0;
        after++;
      }
    }
    if (i != n || before + after == 0) {
      throw new RowFault(column, ReasonCode.BAD_NUMBER, column + " " + quote(v) + " is not a decimal number");
    }
    if (negative && nonZero) {
      throw new RowFault(column, ReasonCode.OUT_OF_RANGE, column + " " + shown(v) + " is negative");
    }
    for (int p = Math.min(after, SCALE); p < SCALE; p++) {
      places *= 10;
    }
    long unscaled = significant > PRECISION - SCALE ? LIMIT_UNSCALED : integer * 10_000L + places + (roundUp ? 1 : 0);
    if (unscaled >= LIMIT_UNSCALED) {
      throw new RowFault(column, ReasonCode.OUT_OF_RANGE,
          column + " " + shown(v) + " is too large (at most 14 digits before the point)");
    }
    return BigDecimal.valueOf(unscaled, SCALE);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A whole number within [min, max]; blank is null. */
  static Integer integer(String column, String value, int min, int max) throws RowFault {
    if (isBlank(value)) {
      return null;
    }
    String v = strip(value);
    int n = v.length();
    int first = n > 0 && (v.charAt(0) == '+' || v.charAt(0) == '-') ? 1 : 0;
    int significant = first;
    for (int i = first; i < n; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        significant = -1;
        break;
      }
      if (c == '0' && significant == i) {
        significant++;
      }
    }
    // [+-]?\d+: any length is a whole number; one that no int holds is out of range, not malformed.
    if (n - first < 1 || significant < 0) {
      throw new RowFault(column, ReasonCode.BAD_NUMBER, column + " " + quote(v) + " is not a whole number");
    }
    long number = significant == n ? 0 : n - significant > 10 ? Long.MAX_VALUE : Long.parseLong(v.substring(significant));
    if (first == 1 && v.charAt(0) == '-') {
      number = -number;
    }
    if (number < min || number > max) {
      throw new RowFault(column, ReasonCode.OUT_OF_RANGE,
          column + " " + (n - significant > 10 ? quote(v) : Long.toString(number)) + " is outside " + min + " to " + max);
    }
    return (int) number;
  }

  /** A code of the contract or its Chinese name, normalised to the code; blank is null. */
  static <E extends Enum<E> & Coded> String code(
      String column, String value, Class<E> type, boolean required) throws RowFault {
    if (isBlank(value)) {
      if (required) {
        throw new RowFault(column, ReasonCode.MISSING_VALUE, column + " is required but blank");
      }
      return null;
    }
    String v = strip(value);
    Map<String, String> forms = CODES.get(type);
    String code = forms.get(v);
    if (code == null && v.length() <= ID_LENGTH) {
      code = forms.get(v.toLowerCase(Locale.ROOT));
      if (code == null) {
        // Case folding beyond ASCII (equalsIgnoreCase) is rare: the catalogue's own scan decides.
        code = Coded.parse(type, v).map(Coded::code).orElse(null);
      }
    }
    if (code == null) {
      throw new RowFault(column, ReasonCode.BAD_CODE, column + " " + quote(v) + " is not a known code");
    }
    return code;
  }

  /**
   * A value as a reason quotes it: in quotes, masked, at most {@link SafeText#QUOTE_LIMIT}
   * characters of it and then its length, control characters escaped.
   */
  static String quote(String value) {
    return "'" + SafeText.quote(value) + "'";
  }

  /**
   * A link's value (mentor_id, studio_id, leader_id) as the warning about it quotes it: as
   * {@link #quote} does when it is an id of the contract's charset ({@link #isIdText}); otherwise
   * only its length, {@code (3 characters, not an id of A-Z a-z 0-9 _ -)}. Such a value can name no
   * row, and what stands in its place is often a person's name (the mentor's, written in the
   * column 师傅工号), which the warnings table must not publish.
   */
  static String quoteLink(String value) {
    if (isIdText(value)) {
      return quote(value);
    }
    int characters = value.codePointCount(0, value.length());
    return "(" + characters + (characters == 1 ? " character" : " characters") + ", not an id of A-Z a-z 0-9 _ -)";
  }

  /** A value as a reason shows it unquoted (a number): bounded as {@link #quote} is. */
  static String shown(String value) {
    return SafeText.quote(value);
  }
}
