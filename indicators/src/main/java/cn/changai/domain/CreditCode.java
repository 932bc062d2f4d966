package cn.changai.domain;

/** The unified social credit code (统一社会信用代码, GB 32100-2015) that identifies an enterprise. */
public final class CreditCode {

  /** The code's alphabet: digits and capitals without I, O, S, V and Z. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  private CreditCode() {}

  /** True when the value is 18 characters of the alphabet and its last one is the check character. */
  public static boolean isValidCreditCode(String value) {
    if (value == null || value.length() != 18) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int digit = ALPHABET.indexOf(value.charAt(i));
      if (digit < 0) {
        return false;
      }
      sum += digit * WEIGHTS[i];
    }
    int check = ALPHABET.indexOf(value.charAt(17));
    return check >= 0 && check == checkValue(sum);
  }

  /** The check character for the first 17 characters of a code (for fixtures and generators). */
  public static char checkCharacter(String first17) {
    if (first17.length() != 17) {
      throw new IllegalArgumentException("need 17 characters, got " + first17.length());
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int digit = ALPHABET.indexOf(first17.charAt(i));
      if (digit < 0) {
        throw new IllegalArgumentException("not a credit-code character: " + first17.charAt(i));
      }
      sum += digit * WEIGHTS[i];
    }
    return ALPHABET.charAt(checkValue(sum));
  }

  private static int checkValue(int sum) {
    int check = 31 - sum % 31;
    return check == 31 ? 0 : check;
  }
}
