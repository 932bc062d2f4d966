package cn.changai.domain;

import java.util.List;
import java.util.Optional;

/** A code of the data contract: an English code plus the Chinese names a submission may use instead. */
public interface Coded {

  /** The English code, as stored in the tables. */
  String code();

  /** The Chinese name shown in reports (the first accepted alias). */
  String chinese();

  /** Every Chinese form accepted besides the code: by default the Chinese name alone. */
  default List<String> aliases() {
    return List.of(chinese());
  }

  /**
   * Finds the constant whose code (case-insensitively) or Chinese name matches the trimmed value.
   * Chinese names are matched as written, except that blanks and the width of brackets do not
   * count: the contract prints {@code 初级工 (五级)}, Excel users type {@code 初级工（五级）}. A near
   * miss in the words themselves is a different word.
   */
  static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String trimmed = value.strip();
    for (E constant : type.getEnumConstants()) {
      if (constant.code().equalsIgnoreCase(trimmed) || constant.aliases().contains(trimmed)) {
        return Optional.of(constant);
      }
    }
    String plain = plain(trimmed);
    for (E constant : type.getEnumConstants()) {
      for (String alias : constant.aliases()) {
        if (plain(alias).equals(plain)) {
          return Optional.of(constant);
        }
      }
    }
    return Optional.empty();
  }

  /** The text without blanks of any kind, full-width brackets written as ASCII ones. */
  private static String plain(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        continue;
      }
      out.append(c == '（' ? '(' : c == '）' ? ')' : c);
    }
    return out.toString();
  }
}
