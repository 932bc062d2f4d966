package cn.changai.jobs.ingest;

import cn.changai.domain.Coded;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final BigDecimal LIMIT = BigDecimal.TEN.pow(PRECISION - SCALE);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern SLASH_DATE = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");

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
    return value == null || value.isBlank();
  }

  static String text(String value) {
    return isBlank(value) ? null : value.strip();
  }

  static String required(String column, String value) throws RowFault {
    if (isBlank(value)) {
      throw new RowFault(column, ReasonCode.MISSING_VALUE, column + " is required but blank");
    }
    return value.strip();
  }

  /** An id of the contract's charset; identity-number shapes are refused before anything else. */
  static String id(String column, String value, boolean required) throws RowFault {
    if (isBlank(value)) {
      if (required) {
        throw new RowFault(column, ReasonCode.MISSING_VALUE, column + " is required but blank");
      }
      return null;
    }
    String id = value.strip();
    if (PersonalData.looksLikeIdentityNumber(id)) {
      throw new RowFault(
          column, ReasonCode.PERSONAL_DATA, column + " looks like a resident identity number");
    }
    if (!ID.matcher(id).matches()) {
      throw new RowFault(
          column, ReasonCode.BAD_ID, column + " '" + id + "' is not 1-64 of A-Z a-z 0-9 _ -");
    }
    return id;
  }

  /** Y/N, 是/否, true/false, 1/0, case-insensitively; blank gives {@code blank}, or a fault if null. */
  static Boolean bool(String column, String value, Boolean blank) throws RowFault {
    if (isBlank(value)) {
      if (blank == null) {
        throw new RowFault(column, ReasonCode.MISSING_VALUE, column + " is required but blank");
      }
      return blank;
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "y", "是", "true", "1":
        return true;
      case "n", "否", "false", "0":
        return false;
      default:
        throw new RowFault(
            column, ReasonCode.BAD_BOOLEAN, column + " '" + value.strip() + "' is not Y/N, 是/否, true/false or 1/0");
    }
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
    String v = value.strip();
    Matcher m = ISO_DATE.matcher(v);
    if (!m.matches()) {
      m = SLASH_DATE.matcher(v);
    }
    LocalDate date = null;
    if (m.matches()) {
      try {
        date =
            LocalDate.of(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      } catch (DateTimeException e) {
        date = null;
      }
    }
    if (date == null) {
      throw new RowFault(
          column, ReasonCode.BAD_DATE, column + " '" + v + "' is not a date (yyyy-MM-dd or yyyy/M/d)");
    }
    if (date.isAfter(latest)) {
      throw new RowFault(
          column, ReasonCode.DATE_AFTER_PERIOD_END, column + " " + date + " is after the period end " + latest);
    }
    return date;
  }

  /** A decimal at least 0, rounded to four places; blank gives {@code blank}. */
  static BigDecimal nonNegativeDecimal(String column, String value, BigDecimal blank) throws RowFault {
    if (isBlank(value)) {
      return blank;
    }
    String v = value.strip();
    if (!DECIMAL.matcher(v).matches()) {
      throw new RowFault(column, ReasonCode.BAD_NUMBER, column + " '" + v + "' is not a decimal number");
    }
    BigDecimal number = new BigDecimal(v);
    if (number.signum() < 0) {
      throw new RowFault(column, ReasonCode.OUT_OF_RANGE, column + " " + v + " is negative");
    }
    BigDecimal rounded = number.setScale(SCALE, RoundingMode.HALF_UP);
    if (rounded.compareTo(LIMIT) >= 0) {
      throw new RowFault(column, ReasonCode.OUT_OF_RANGE, column + " " + v + " is too large (at most 14 digits before the point)");
    }
    return rounded;
  }

  /** A whole number within [min, max]; blank is null. */
  static Integer integer(String column, String value, int min, int max) throws RowFault {
    if (isBlank(value)) {
      return null;
    }
    String v = value.strip();
    if (!INTEGER.matcher(v).matches()) {
      throw new RowFault(column, ReasonCode.BAD_NUMBER, column + " '" + v + "' is not a whole number");
    }
    int number = Integer.parseInt(v);
    if (number < min || number > max) {
      throw new RowFault(
          column, ReasonCode.OUT_OF_RANGE, column + " " + number + " is outside " + min + " to " + max);
    }
    return number;
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
    Optional<E> parsed = Coded.parse(type, value);
    if (parsed.isEmpty()) {
      throw new RowFault(column, ReasonCode.BAD_CODE, column + " '" + value.strip() + "' is not a known code");
    }
    return parsed.get().code();
  }
}
