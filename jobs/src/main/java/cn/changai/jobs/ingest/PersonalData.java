package cn.changai.jobs.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises personal data that must never reach a table: identity numbers and phone numbers.
 *
 * <p>An uploader does not always write them as plain ASCII: full-width or Chinese digits (１１０１０１…,
 * Ｘ, 一三九…), groups split by spaces, hyphens or any other punctuation ({@code 110101 19900307 1234},
 * {@code 138-1234-5678}, {@code 139，1234，5678}) and invisible characters between digits read the
 * same to a person, so they count the same here. A run of digits joined by up to six such
 * characters at a time is a chain of groups; a run of whole groups holding exactly 18 digits (the
 * last may be X) is an identity number, and one of 11 digits starting 13-19 a mobile number. The
 * scan is a hand loop over the text, linear in its length: a pattern with optional separators
 * between every digit invites backtracking.
 */
final class PersonalData {

  /** Digits in an identity number, the last of which may be X. */
  private static final int IDENTITY_DIGITS = 18;

  /** Digits in a mainland mobile number (13x to 19x). */
  private static final int MOBILE_DIGITS = 11;

  /** A timestamp's groups of digits: year, month, day, hour, minute, second, offset hours and minutes. */
  private static final int[] DATE_TIME_GROUPS = {4, 2, 2, 2, 2, 2, 2, 2};
  private static final int[] DATE_TIME_MIN = {1900, 1, 1, 0, 0, 0, 0, 0};
  private static final int[] DATE_TIME_MAX = {2999, 12, 31, 23, 59, 60, 14, 59};
  /** The separators allowed after each group of {@link #DATE_TIME_GROUPS} but the last. */
  private static final String[] DATE_TIME_SEPARATORS = {"-/", "-/", " ", ":", ":", "+-", ":"};

  /** At most this many separator characters may stand between two groups of one chain. */
  private static final int MAX_SEPARATORS = 6;

  /**
   * Chinese words, simplified and traditional, that name identity or phone numbers wherever they
   * stand in a header cell (blanks and invisible characters inside them aside).
   */
  private static final List<String> CHINESE_WORDS = List.of(
      "身份证", "身分证", "身份證", "身分證", "身份号", "身份號", "证件号", "證件號", "手机", "手機", "电话", "電話",
      "联系方式", "聯繫方式", "聯絡方式", "联系号码", "联络号码", "聯繫號碼", "聯絡號碼", "座机", "座機",
      // A passport's number, and the social-security number, which in China is the identity number.
      "护照", "護照", "社会保障号", "社會保障號", "社保卡", "社保号", "社保號");

  /**
   * English words and pinyin (of a header cell cut into words) that name identity or phone
   * numbers alone: 身份证号 is sfzh or shenfenzhenghao, 手机号 sjh or shoujihao, 联系电话 lxdh.
   */
  private static final Set<String> ENGLISH_WORDS = Set.of(
      "phone", "phones", "mobile", "cellphone", "telephone", "tel", "cell", "idcard", "idnumber", "idno", "identity",
      "phonenumber", "mobilenumber", "cellnumber", "phoneno", "mobileno", "cellno", "telno", "ssn", "passport",
      "mobilephone", "handphone", "telephonenumber", "cellphonenumber", "mobilephonenumber", "telephoneno",
      "cellphoneno", "mobilephoneno", "handphoneno", "passportno", "passportnumber",
      "sfz", "sfzh", "sfzhm", "sfzhao", "shenfenzheng", "shenfenzhenghao", "shenfenzhenghaoma", "zjh", "zjhm",
      "gmsfhm", "sjh", "sjhm", "shouji", "shoujihao", "shoujihaoma", "dianhua", "lxdh", "lianxidianhua", "lxfs",
      "lianxifangshi");

  /** Words after "id" that make it an identity document's number ("id number", "ID_Card", "ID#"). */
  private static final Set<String> AFTER_ID = Set.of("number", "no", "num", "card", "code", "#");

  /** Words before "id" that make it an identity document's number ("national ID", "citizen_id"). */
  private static final Set<String> BEFORE_ID = Set.of("national", "citizen", "resident", "personal");

  /** Words after "contact" that make it a phone number ("contact number", "contact_no"). */
  private static final Set<String> AFTER_CONTACT = Set.of("number", "no", "num", "phone", "tel");

  /** Words after "mob" or "hp" (a handphone) that make it a phone number ("mob no", "HP No"). */
  private static final Set<String> AFTER_PHONE = Set.of("number", "no", "num");

  private PersonalData() {}

  /**
   * True when a whole value (surrounding blanks aside) has the shape of a resident identity number:
   * 17 digits and a digit or X, in ASCII or full-width, with or without separators between groups.
   */
  static boolean looksLikeIdentityNumber(String value) {
    if (value == null) {
      return false;
    }
    String text = FieldValue.strip(value);
    if (text.isEmpty() || !isDigit(text.codePointAt(0))) {
      return false;
    }
    Chain chain = new Chain().scan(text, 0);
    return chain.end == text.length() && chain.digits() == IDENTITY_DIGITS;
  }

  /** Weights of an identity number's first 17 digits in its check (GB 11643, ISO 7064 MOD 11-2). */
  private static final int[] IDENTITY_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

  /** The check character by the weighted sum modulo 11. */
  private static final String IDENTITY_CHECKS = "10X98765432";

  /** The provinces' codes, an identity number's first two digits. */
  private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
      "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63",
      "64", "65", "71", "81", "82", "83");

  /**
   * True when the value is a resident identity number in full (GB 11643): a province's code, a
   * birth date, and the right check character. About one such number in 31 also passes a credit
   * code's check; an enterprise's code (its first digit 9) never has a province's code in front.
   */
  static boolean isResidentIdentityNumber(String value) {
    if (value == null || value.length() != IDENTITY_DIGITS || !PROVINCES.contains(value.substring(0, 2))) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < IDENTITY_DIGITS - 1; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      sum += (c - '0') * IDENTITY_WEIGHTS[i];
    }
    if (Character.toUpperCase(value.charAt(IDENTITY_DIGITS - 1)) != IDENTITY_CHECKS.charAt(sum % 11)) {
      return false;
    }
    try {
      java.time.LocalDate born = java.time.LocalDate.parse(value.substring(6, 14),
          java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(java.time.format.ResolverStyle.STRICT));
      return born.getYear() >= 1900;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /**
   * True when a header cell names a column of identity or phone numbers, however it is written:
   * full-width letters and spaces, words joined by blanks, underscores, hyphens or case
   * ({@code Phone Number}, {@code mobile_phone}, {@code idNumber}, {@code ＰＨＯＮＥ}), or with a
   * note ({@code 身份证号码（必填）}). The contract's own columns hold none of these words.
   */
  static boolean isPersonalColumn(String header) {
    String text = Normalizer.normalize(header, Normalizer.Form.NFKC);
    // Invisible characters (a zero-width space) are no part of what a reader sees.
    StringBuilder visible = new StringBuilder(text.length());
    StringBuilder squeezed = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.getType(c) != Character.FORMAT) {
        visible.append(c);
        if (Character.isLetterOrDigit(c)) {
          squeezed.append(c);
        }
      }
    }
    // Chinese words are found with blanks and punctuation inside them taken out (手 机号).
    for (String word : CHINESE_WORDS) {
      if (squeezed.indexOf(word) >= 0) {
        return true;
      }
    }
    List<String> words = new ArrayList<>();
    // Words: runs of letters and digits, cut where a lower-case letter meets an upper-case one and
    // where a letter meets a digit (Phone1, mobile2: the numbered phone columns of a contacts
    // export); a '#' is a word of its own (ID#).
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < visible.length(); i++) {
      char c = visible.charAt(i);
      boolean letter = c < 128 && Character.isLetterOrDigit(c);
      char before = word.length() > 0 ? word.charAt(word.length() - 1) : ' ';
      if (!letter || word.length() > 0 && (Character.isUpperCase(c) && Character.isLowerCase(before)
          || Character.isDigit(c) != Character.isDigit(before))) {
        if (word.length() > 0) {
          words.add(word.toString().toLowerCase(Locale.ROOT));
          word.setLength(0);
        }
      }
      if (letter) {
        word.append(c);
      } else if (c == '#') {
        words.add("#");
      }
    }
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : "";
      if (ENGLISH_WORDS.contains(w)
          || w.equals("id") && (AFTER_ID.contains(next) || i > 0 && BEFORE_ID.contains(words.get(i - 1)))
          || w.equals("identification") && AFTER_ID.contains(next)
          || w.equals("contact") && AFTER_CONTACT.contains(next)
          || (w.equals("mob") || w.equals("hp")) && AFTER_PHONE.contains(next)) {
        return true;
      }
    }
    return false;
  }

  /** True when the text holds an identity-number or mobile-number shape anywhere. */
  static boolean containsPersonalData(String text) {
    return !mask(text).equals(text);
  }

  /**
   * True when an id holds an identity-number or mobile-number shape anywhere
   * ({@code A110105194912310021}, {@code tel13912345678}, {@code 139_1234_5678}): the roster's ids
   * must be pseudonyms. An id of fewer than 11 digits cannot hold one, and is not scanned.
   */
  static boolean idHoldsPersonalData(String id) {
    // Called for every id of every row: a plain loop, ASCII digits told without a table lookup.
    if (id.length() < MOBILE_DIGITS) {
      return false;
    }
    int digits = 0;
    for (int i = 0; i < id.length(); ) {
      int cp = id.codePointAt(i);
      if (cp >= '0' && cp <= '9' || cp >= 128 && isDigit(cp)) {
        digits++;
      }
      i += Character.charCount(cp);
    }
    return digits >= MOBILE_DIGITS && containsPersonalData(id);
  }

  /**
   * The text with every identity-number or mobile-number shape replaced by asterisks, one for each
   * character it took (separators included); the text itself when it holds none.
   */
  static String mask(String text) {
    return mask(text, false);
  }

  /**
   * A CSV record's text masked as {@link #mask} masks a value, except that a comma between fields
   * ends a chain: a row's neighbouring numbers ({@code 2009-06-29,130300,120.5}, a date, a wage and
   * hours) are no one's number, while a comma inside a quoted field joins groups as any other.
   */
  static String maskCsvRecord(String text) {
    return mask(text, true);
  }

  private static String mask(String text, boolean csv) {
    char[] masked = null;
    Chain chain = null;
    boolean quoted = false;
    int i = 0;
    int length = text.length();
    while (i < length) {
      int cp = text.codePointAt(i);
      if (!isDigit(cp)) {
        quoted ^= csv && cp == '"';
        i += Character.charCount(cp);
        continue;
      }
      // One chain object for the whole text: a raw line holds many short numbers.
      chain = (chain == null ? new Chain() : chain).scan(text, i, csv, quoted);
      masked = chain.mask(text, masked);
      i = chain.end;
      quoted = chain.quotedAtEnd;
    }
    return masked == null ? text : new String(masked);
  }

  /**
   * True for a character a person reads as one digit: a decimal digit of any script (ASCII,
   * full-width, Arabic-Indic, mathematical), a digit drawn in a circle, with a dot or raised
   * (①, ⒈, ¹), or a Chinese numeral from 〇 to 九 ({@code 一三九…} is read out as a number too).
   */
  static boolean isDigit(int cp) {
    return digit(cp) >= 0;
  }

  /** The digit a character stands for (see {@link #isDigit}), or -1. */
  static int digit(int cp) {
    if (cp < 128) {
      return cp >= '0' && cp <= '9' ? cp - '0' : -1;
    }
    int type = Character.getType(cp);
    if (type == Character.DECIMAL_DIGIT_NUMBER) {
      return Character.digit(cp, 10);
    }
    if (type == Character.OTHER_NUMBER) {
      int value = Character.getNumericValue(cp);
      return value >= 0 && value <= 9 ? value : -1;
    }
    int at = CHINESE_NUMERALS.indexOf(cp);
    return at >= 0 ? CHINESE_NUMERALS.charAt(at + 1) - '0' : -1;
  }

  /**
   * Chinese numerals, each followed by its value: 〇 to 九 and 零, and the capital forms used in
   * accounts (壹 to 玖, with the traditional 貳, 參, 陸).
   */
  private static final String CHINESE_NUMERALS =
      "〇0一1二2三3四4五5六6七7八8九9零0壹1贰2貳2叁3參3肆4伍5陆6陸6柒7捌8玖9";

  /**
   * True for a Chinese numeral ({@link #CHINESE_NUMERALS}). Where one meets a digit of another
   * script, a new group starts: in 张三13912345678 the 三 is a name's, and the 11 digits after it
   * are a mobile number, as are those of 一3912345678 read together.
   */
  private static boolean isChineseNumeral(int cp) {
    return cp >= 128 && CHINESE_NUMERALS.indexOf(cp) >= 0;
  }

  private static boolean isCheckX(int cp) {
    return cp == 'X' || cp == 'x' || cp == 'Ｘ' || cp == 'ｘ';
  }

  /**
   * Anything between digit groups that is neither a letter nor a digit: blanks, dashes, dots,
   * commas, colons, slashes, brackets, other punctuation and symbols (ASCII, full-width or CJK:
   * {@code 139，1234，5678}, {@code 139:1234:5678}, {@code 139·1234·5678}), invisible format
   * characters. A letter or a Chinese character ends a chain; an X closes one ({@link #isCheckX}).
   */
  private static boolean isSeparator(int cp) {
    return !Character.isLetter(cp) && !isDigit(cp);
  }

  /**
   * Groups of digits joined by short runs of separators. {@code starts}, {@code ends} and
   * {@code counts} give each group's place and number of digits (a final X counts as one).
   */
  private static final class Chain {
    private int[] starts = new int[4];
    private int[] ends = new int[4];
    private int[] counts = new int[4];
    private int size;
    private boolean endsWithX;
    /** Where the chain ends: just after its last group. */
    private int end;
    /** In a CSV record: whether {@link #end} is inside a quoted field. */
    private boolean quotedAtEnd;

    /** This chain of a value, made the one whose first digit is at {@code from}. */
    Chain scan(String text, int from) {
      return scan(text, from, false, false);
    }

    /**
     * This chain, made the one whose first digit is at {@code from}; in a CSV record ({@code csv}),
     * {@code quoted} says whether that digit is inside a quoted field.
     */
    Chain scan(String text, int from, boolean csv, boolean quoted) {
      Chain chain = this;
      chain.size = 0;
      chain.endsWithX = false;
      chain.quotedAtEnd = quoted;
      int length = text.length();
      int i = from;
      while (true) {
        int start = i;
        int count = 0;
        boolean chinese = isChineseNumeral(text.codePointAt(i));
        while (i < length && isDigit(text.codePointAt(i)) && isChineseNumeral(text.codePointAt(i)) == chinese) {
          i += Character.charCount(text.codePointAt(i));
          count++;
        }
        if (i < length && isCheckX(text.charAt(i))) {
          // X only ever closes a number: the chain ends with it.
          chain.add(start, i + 1, count + 1);
          chain.endsWithX = true;
          chain.end = i + 1;
          return chain;
        }
        chain.add(start, i, count);
        chain.end = i;
        int separators = 0;
        int j = i;
        boolean inQuotes = chain.quotedAtEnd;
        while (j < length && separators < MAX_SEPARATORS && isSeparator(text.codePointAt(j))) {
          int cp = text.codePointAt(j);
          if (csv && cp == ',' && !inQuotes) {
            // A comma between fields: the next field is another value.
            return chain;
          }
          inQuotes ^= csv && cp == '"';
          j += Character.charCount(cp);
          separators++;
        }
        // With no separator, a digit next is one of another script (a Chinese numeral's neighbour).
        if (j >= length || !isDigit(text.codePointAt(j))) {
          return chain;
        }
        chain.quotedAtEnd = inQuotes;
        i = j;
      }
    }

    private void add(int start, int stop, int count) {
      if (size == starts.length) {
        starts = java.util.Arrays.copyOf(starts, size * 2);
        ends = java.util.Arrays.copyOf(ends, size * 2);
        counts = java.util.Arrays.copyOf(counts, size * 2);
      }
      starts[size] = start;
      ends[size] = stop;
      counts[size] = count;
      size++;
    }

    int digits() {
      int total = 0;
      for (int k = 0; k < size; k++) {
        total += counts[k];
      }
      return total;
    }

    /**
     * Masks every run of whole groups that is an identity or mobile number, copying the text into
     * {@code masked} on the first one. Each group lies in at most 18 runs of a given sum, so the
     * work stays linear.
     */
    char[] mask(String text, char[] masked) {
      masked = maskRuns(text, masked, IDENTITY_DIGITS, false);
      masked = maskRuns(text, masked, MOBILE_DIGITS, true);
      if (endsWithX) {
        // 13912345678x, 110105194912310021X: an X closes an identity number only after its 17th
        // digit; after a whole number (a mobile number, or an identity number's 18 digits) it is
        // a letter, and the number before it is found.
        counts[size - 1]--;
        ends[size - 1]--;
        endsWithX = false;
        masked = maskRuns(text, masked, IDENTITY_DIGITS, false);
        masked = maskRuns(text, masked, MOBILE_DIGITS, true);
        counts[size - 1]++;
        ends[size - 1]++;
        endsWithX = true;
      }
      // 8613912345678 and 008613912345678: the country code written straight before a mobile
      // number, as it is dialled from abroad.
      for (int k = 0; k < size; k++) {
        int prefix = counts[k] - MOBILE_DIGITS;
        if ((prefix == 2 && startsWith(text, starts[k], 8, 6)
                || prefix == 4 && startsWith(text, starts[k], 0, 0)
                    && startsWith(text, text.offsetByCodePoints(starts[k], 2), 8, 6))
            && !(endsWithX && k == size - 1)
            && isMobileStart(text, text.offsetByCodePoints(starts[k], prefix),
                text.offsetByCodePoints(starts[k], prefix + 1))) {
          masked = fill(text, masked, starts[k], ends[k]);
        }
      }
      return masked;
    }

    /** Two pointers over the groups: every run of consecutive groups holding {@code target} digits. */
    private char[] maskRuns(String text, char[] masked, int target, boolean mobile) {
      int sum = 0;
      int last = 0;
      for (int first = 0; first < size; first++) {
        while (last < size && sum < target) {
          sum += counts[last++];
        }
        if (sum == target) {
          boolean x = endsWithX && last == size;
          if (mobile ? !x && isMobileStart(text, first) : !isDateTime(text, first, last)) {
            masked = fill(text, masked, starts[first], ends[last - 1]);
          }
        }
        sum -= counts[first];
      }
      return masked;
    }

    /**
     * True when groups {@code first} to {@code last - 1} are a date, a time and an offset written as
     * a person writes a timestamp ({@code 2026-01-10 09:30:00+08:00}, or with slashes): their
     * digits add up to 18 as an identity number's do, and a reason quoting a bad timestamp would
     * otherwise show only asterisks. Every part must be in its range and every separator the
     * expected one, so an identity number's digits split this way are still masked.
     */
    private boolean isDateTime(String text, int first, int last) {
      if (last - first != DATE_TIME_GROUPS.length) {
        return false;
      }
      for (int k = 0; k < DATE_TIME_GROUPS.length; k++) {
        int g = first + k;
        if (counts[g] != DATE_TIME_GROUPS[k] || ends[g] - starts[g] != counts[g]) {
          return false;
        }
        int value = 0;
        for (int at = starts[g]; at < ends[g]; at++) {
          char c = text.charAt(at);
          if (c < '0' || c > '9') {
            return false;
          }
          value = value * 10 + (c - '0');
        }
        if (value < DATE_TIME_MIN[k] || value > DATE_TIME_MAX[k]) {
          return false;
        }
        if (k + 1 < DATE_TIME_GROUPS.length
            && DATE_TIME_SEPARATORS[k].indexOf(separatorBetween(text, g)) < 0) {
          return false;
        }
      }
      return text.charAt(ends[first]) == text.charAt(ends[first + 1]);
    }

    /** The text between group {@code g} and the next, as one character, or a NUL when it is longer. */
    private char separatorBetween(String text, int g) {
      return starts[g + 1] - ends[g] == 1 ? text.charAt(ends[g]) : '\0';
    }

    /** True when the run of groups from {@code group} starts 13 to 19: its first two digits, across a separator too. */
    private boolean isMobileStart(String text, int group) {
      int at = starts[group];
      int next = counts[group] > 1 ? at + Character.charCount(text.codePointAt(at))
          : group + 1 < size ? starts[group + 1] : text.length();
      return isMobileStart(text, at, next);
    }

    /** True when the digit at {@code at} is 1 and the one at {@code next} 3 to 9. */
    private static boolean isMobileStart(String text, int at, int next) {
      if (next >= text.length() || digit(text.codePointAt(at)) != 1) {
        return false;
      }
      int second = digit(text.codePointAt(next));
      return second >= 3 && second <= 9;
    }

    private static boolean startsWith(String text, int at, int first, int second) {
      int next = at + Character.charCount(text.codePointAt(at));
      return digit(text.codePointAt(at)) == first && digit(text.codePointAt(next)) == second;
    }

    private static char[] fill(String text, char[] masked, int from, int to) {
      if (masked == null) {
        masked = text.toCharArray();
      }
      java.util.Arrays.fill(masked, from, to, '*');
      return masked;
    }
  }
}
