package cn.changai.jobs.ingest;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Recognises personal data that must never reach a table: identity numbers and phone numbers. */
final class PersonalData {

  /** 17 digits then a digit or X: the shape of a resident identity number (居民身份证号码). */
  private static final Pattern IDENTITY = Pattern.compile("\\d{17}[\\dXx]");

  private static final Pattern IDENTITY_INSIDE = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?![\\dA-Za-z])");

  /** A mainland mobile number, 11 digits from 13x to 19x, optionally after +86. */
  private static final Pattern MOBILE_INSIDE = Pattern.compile("(?<!\\d)(?:\\+?86[- ]?)?1[3-9]\\d{9}(?!\\d)");

  /** Header names that announce identity or phone numbers, lower-cased, spaces removed. */
  private static final Set<String> COLUMNS =
      Set.of(
          "身份证", "身份证号", "身份证号码", "公民身份号码", "证件号码", "id_number", "id_card", "idcard",
          "identity_number", "phone", "mobile", "telephone", "phone_number", "mobile_number", "手机",
          "手机号", "手机号码", "电话", "联系电话", "电话号码");

  private PersonalData() {}

  /** True when a whole value has the shape of a resident identity number. */
  static boolean looksLikeIdentityNumber(String value) {
    return value != null && IDENTITY.matcher(value).matches();
  }

  /** True when a header cell names a column of identity or phone numbers. */
  static boolean isPersonalColumn(String header) {
    return COLUMNS.contains(header.replace(" ", "").toLowerCase(Locale.ROOT));
  }

  /** The text with every identity-number or mobile-number shape replaced by asterisks. */
  static String mask(String text) {
    String masked = IDENTITY_INSIDE.matcher(text).replaceAll(m -> "*".repeat(m.group().length()));
    return MOBILE_INSIDE.matcher(masked).replaceAll(m -> "*".repeat(m.group().length()));
  }
}
