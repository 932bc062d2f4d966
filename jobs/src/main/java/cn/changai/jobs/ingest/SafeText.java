package cn.changai.jobs.ingest;

import cn.changai.domain.CreditCode;
import cn.changai.domain.Period;
import java.util.Locale;

/**
 * Bounds and defuses text an uploader controls before it is quoted in a reason or printed: a value
 * is quoted by a short masked prefix, and control characters are written as escapes.
 *
 * <p>Every method is linear in the length of its input, and cheaper when only a prefix is kept: a
 * 50 MB cell costs one pass to count its characters, nothing more.
 */
public final class SafeText {

  /** The longest prefix of a value that a reason quotes, in characters. */
  public static final int QUOTE_LIMIT = 40;

  /** The longest reason kept, in characters, before its control characters are escaped. */
  public static final int REASON_LIMIT = 400;

  /**
   * How far past a cut the text is masked first. An identity number written with separators takes
   * at most 18 digits and 17 runs of 6 separators, two chars each when outside the BMP; masking up
   * to here before cutting means a number that straddles the cut is recognised whole.
   */
  private static final int MASK_MARGIN = 2 * (18 + 17 * 6);

  /**
   * The most combining marks a shown name keeps over one letter. Ordinary writing needs fewer:
   * Vietnamese two (ệ decomposed), pointed Hebrew and Arabic two to four.
   */
  public static final int MAX_COMBINING_MARKS = 4;

  /** U+0300, the first combining mark; every character below it starts a letter. */
  private static final char FIRST_MARK = '\u0300';

  private SafeText() {}

  /**
   * The text as a page or a Markdown file shows it: at most {@link #MAX_COMBINING_MARKS} combining
   * marks (Unicode categories Mn and Me) after each other character, the rest dropped. Stacked by
   * the hundred ("Zalgo" text), marks are drawn far above and below their letter, over the rows
   * around it; tables keep the name as submitted. A format character (a joiner) between marks
   * neither counts nor starts a new letter, as it would start no new cluster on screen either. The
   * text itself when nothing is dropped.
   */
  public static String capCombiningMarks(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    int marks = 0;
    for (int i = 0; i < text.length(); ) {
      char first = text.charAt(i);
      if (first < FIRST_MARK || first >= '\u4E00' && first <= '\u9FFF') {
        // Latin letters, digits, punctuation and CJK ideographs: the bulk of a page's text, looked
        // up in no table.
        marks = 0;
        if (out != null) {
          out.append(first);
        }
        i++;
        continue;
      }
      int c = text.codePointAt(i);
      int next = i + Character.charCount(c);
      int type = Character.getType(c);
      boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
      if (mark && ++marks > MAX_COMBINING_MARKS) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
      } else {
        if (!mark && type != Character.FORMAT) {
          marks = 0;
        }
        if (out != null) {
          out.append(text, i, next);
        }
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  /**
   * A folder or file name an uploader chose, as tables, run records and the console show it:
   * identity and mobile numbers masked, unless the name is a valid credit code or period, which
   * are never personal data (an all-digit credit code has the shape of an identity number), and
   * not a resident identity number in full that also passes the code's check.
   * Control characters are left as they are.
   */
  public static String name(String name) {
    if (name == null || CreditCode.isValidCreditCode(name) && !PersonalData.isResidentIdentityNumber(name)
        || Period.isValidPeriod(name)) {
      return name;
    }
    return PersonalData.mask(name);
  }

  /** A path with each of its names shown as {@link #name} shows it. */
  public static String path(String path) {
    if (path == null) {
      return null;
    }
    String[] names = path.split("/", -1);
    for (int i = 0; i < names.length; i++) {
      names[i] = name(names[i]);
    }
    return String.join("/", names);
  }

  /**
   * A value as a reason quotes it (the caller adds the quote marks): identity and mobile numbers
   * masked, at most {@link #QUOTE_LIMIT} characters, then {@code "… (N characters)"} when longer,
   * and control characters escaped. {@code null} gives {@code "null"}.
   */
  public static String quote(String value) {
    return value == null ? "null" : escape(shorten(value, QUOTE_LIMIT));
  }

  /**
   * The text masked and cut to at most {@code limit} characters (never inside a surrogate pair),
   * followed by {@code "… (N characters)"} naming its full length when it was longer. Control
   * characters are left as they are.
   */
  public static String shorten(String text, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit " + limit + " is negative");
    }
    int length = text.length();
    if (length <= limit) {
      return PersonalData.mask(text);
    }
    int characters = text.codePointCount(0, length);
    if (characters <= limit) {
      return PersonalData.mask(text);
    }
    return maskedPrefix(text, text.offsetByCodePoints(0, limit)) + "… (" + characters + " characters)";
  }

  /**
   * The first {@code limit} chars of the text (one fewer rather than half a surrogate pair), with
   * identity and mobile numbers masked as if the whole text had been masked before the cut.
   */
  static String maskedPrefix(String text, int limit) {
    return maskedPrefix(text, limit, PersonalData::mask);
  }

  /** A CSV record's first {@code limit} chars as {@link #maskedPrefix} cuts them, masked as a record ({@link PersonalData#maskCsvRecord}). */
  static String maskedRecordPrefix(String record, int limit) {
    return maskedPrefix(record, limit, PersonalData::maskCsvRecord);
  }

  private static String maskedPrefix(String text, int limit, java.util.function.UnaryOperator<String> mask) {
    if (limit <= 0) {
      return "";
    }
    if (text.length() <= limit) {
      return mask.apply(text);
    }
    int cut = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    int window = Math.min(text.length(), cut + MASK_MARGIN);
    if (window < text.length() && Character.isHighSurrogate(text.charAt(window - 1))) {
      window--;
    }
    return mask.apply(text.substring(0, window)).substring(0, cut);
  }


  /**
   * The text with every character that could steer a terminal or reorder what it shows written as
   * an escape: {@code \n}, {@code \r}, {@code \t}, and {@code \}{@code uXXXX} for the other C0 and
   * C1 controls, DEL, bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
   * U+2066-U+2069), line and paragraph separators (U+2028, U+2029) and lone surrogates. Backslashes
   * are left alone, so escaping twice changes nothing. Apply it to any submission-controlled text
   * printed to a terminal; the text itself when there is nothing to escape.
   */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int length = text.length();
    int i = 0;
    while (i < length && !needsEscape(text, i)) {
      i++;
    }
    if (i == length) {
      return text;
    }
    StringBuilder out = new StringBuilder(length + 16).append(text, 0, i);
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (!needsEscape(text, i)) {
        out.append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean needsEscape(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      return true;
    }
    if (c < 0x061C) {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
  }
}
