package cn.changai.domain;

import java.util.List;
import java.util.Optional;

/** A code of the data contract: an English code plus the Chinese names a submission may use instead. */
public interface Coded {

  /** The English code, as stored in the tables. */
  String code();

  /** The Chinese name shown in reports (the first accepted alias). */
  String chinese();

  /** Every Chinese form accepted besides the code. */
  List<String> aliases();

  /**
   * Finds the constant whose code (case-insensitively) or Chinese name matches the trimmed value.
   * Chinese names are matched exactly: they have no case, and a near miss is a different word.
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
    return Optional.empty();
  }
}
