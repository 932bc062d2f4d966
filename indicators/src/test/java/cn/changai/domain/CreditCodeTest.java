package cn.changai.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The GB 32100-2015 check character of the unified social credit code. */
class CreditCodeTest {

  /**
   * The contract's own example, checked by hand. Character values: digits are themselves, then
   * A=10 B=11 C=12 D=13 E=14 F=15 G=16 H=17 J=18 K=19 L=20 M=21 N=22 P=23 Q=24 R=25 T=26 U=27
   * W=28 X=29 Y=30.
   *
   * <pre>
   *  char    9  1  3  1  0  0  0  0  M   A   1  F   L   0  X   X   2
   *  value   9  1  3  1  0  0  0  0  21  10  1  15  20  0  29  29  2
   *  weight  1  3  9 27 19 26 16 17  20  29 25  13   8 24  10  30 28
   *  product 9  3 27 27  0  0  0  0 420 290 25 195 160  0 290 870 56   sum = 2372
   * </pre>
   *
   * 2372 = 76 * 31 + 16, so the check value is 31 - 16 = 15, which is F.
   */
  static final String CONTRACT_EXAMPLE = "91310000MA1FL0XX2F";

  /** 9*1 + 1*3 + 3*9 + 1*27 = 66 = 2 * 31 + 4; 31 - 4 = 27 = U. */
  static final String MOSTLY_ZEROS = "91310000000000000U";

  /** A sum of 0 gives 31 - 0 = 31, which the rule turns into 0. */
  static final String ALL_ZEROS = "000000000000000000";

  @Test
  void acceptsCodesCheckedByHand() {
    assertThat(CreditCode.isValidCreditCode(CONTRACT_EXAMPLE)).isTrue();
    assertThat(CreditCode.isValidCreditCode(MOSTLY_ZEROS)).isTrue();
    assertThat(CreditCode.isValidCreditCode(ALL_ZEROS)).isTrue();
  }

  @Test
  void checkCharacterAgreesWithTheHandComputation() {
    assertThat(CreditCode.checkCharacter("91310000MA1FL0XX2")).isEqualTo('F');
    assertThat(CreditCode.checkCharacter("91310000000000000")).isEqualTo('U');
    assertThat(CreditCode.checkCharacter("00000000000000000")).isEqualTo('0');
  }

  @ParameterizedTest
  @ValueSource(strings = {"91310000MA1FL0XX2E", "91310000MA1FL0XX2G", "91310000MA1FL0XX20", "91310000000000000T"})
  void rejectsAWrongCheckCharacter(String code) {
    assertThat(CreditCode.isValidCreditCode(code)).isFalse();
  }

  @Test
  void rejectsTwoSwappedCharacters() {
    // 1 and 3 swapped at positions 2 and 3: 3*3 + 1*9 = 18 instead of 1*3 + 3*9 = 30, so the sum
    // is 2360 = 76 * 31 + 4 and the check character would be 31 - 4 = 27 = U, not F.
    assertThat(CreditCode.isValidCreditCode("93110000MA1FL0XX2F")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "91310000MA1FL0XX2", "91310000MA1FL0XX2FF", "9131"})
  void rejectsAWrongLength(String code) {
    assertThat(CreditCode.isValidCreditCode(code)).isFalse();
  }

  @Test
  void rejectsNull() {
    assertThat(CreditCode.isValidCreditCode(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z'})
  void rejectsForbiddenLetters(char letter) {
    // Put the letter where the example has M, then try every check character: none may pass.
    String body = "91310000" + letter + "A1FL0XX2";
    for (char check : CreditCode.ALPHABET.toCharArray()) {
      assertThat(CreditCode.isValidCreditCode(body + check)).as(body + check).isFalse();
    }
    // As a check character too.
    assertThat(CreditCode.isValidCreditCode("91310000MA1FL0XX2" + letter)).isFalse();
    assertThatThrownBy(() -> CreditCode.checkCharacter(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(letter));
  }

  @Test
  void rejectsLowerCase() {
    assertThat(CreditCode.isValidCreditCode("91310000ma1fl0xx2f")).isFalse();
  }

  @Test
  void checkCharacterNeedsSeventeenCharacters() {
    assertThatThrownBy(() -> CreditCode.checkCharacter("9131"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("17");
  }
}
