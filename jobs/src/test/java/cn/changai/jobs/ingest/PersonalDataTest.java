package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identity and mobile numbers however they are written: ASCII, full-width, split by separators. */
class PersonalDataTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "110105194912310021",
      "11010519491231002X",
      "11010519491231002x",
      " 110105194912310021 ",
      "１１０１０５１９４９１２３１００２１",
      "１１０１０５１９４９１２３１００２Ｘ",
      "110105 19491231 0021",
      "110105-19491231-002X",
      "110105 - 19491231 - 0021",
      "110105\u300019491231\u30000021",
      "１１０１０５　１９４９１２３１　００２１",
      "110105\u200B194912310021",
      "1101051949１２３１0021",
      // Dots, slashes, brackets, underscores and tildes between groups (2026-12-06).
      "110105.19491231.0021",
      "1101051949/12/31/0021",
      "110105(19491231)0021",
      "110105~19491231~0021"})
  void identityShapesAreRecognisedWhole(String value) {
    assertThat(PersonalData.looksLikeIdentityNumber(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "11010519491231002",
      "1101051949123100211",
      "X10105194912310021",
      "110105194912310021A",
      "W110105194912310021",
      "110105    19491231 0021",
      "110105:19491231:0021",
      "",
      "W01"})
  void otherValuesAreNotIdentityNumbers(String value) {
    assertThat(PersonalData.looksLikeIdentityNumber(value)).isFalse();
  }

  @Test
  void aFullWidthOrSeparatedIdentityNumberIsMaskedInsideText() {
    assertThat(PersonalData.mask("parent_id '１１０１０５１９４９１２３１００２Ｘ' is not valid"))
        .isEqualTo("parent_id '******************' is not valid");
    assertThat(PersonalData.mask("id 110105 19491231 0021, ok"))
        .isEqualTo("id " + "*".repeat(20) + ", ok");
    assertThat(PersonalData.mask("a-110105-19491231-0021-b")).isEqualTo("a-" + "*".repeat(20) + "-b");
  }

  @Test
  void aNumberNextToAnotherIsStillFound() {
    // Joined by a blank to a year, the 18 digits are still a run of whole groups holding 18 digits.
    assertThat(PersonalData.mask("2024 110105194912310021")).isEqualTo("2024 ******************");
    assertThat(PersonalData.mask("110105194912310021 7")).isEqualTo("****************** 7");
    // Letters around it do not hide it.
    assertThat(PersonalData.mask("ID110105194912310021号")).isEqualTo("ID******************号");
  }

  @Test
  void longerOrShorterDigitRunsStay() {
    assertThat(PersonalData.mask("1101051949123100211")).isEqualTo("1101051949123100211");
    assertThat(PersonalData.mask("11010519491231002")).isEqualTo("11010519491231002");
    assertThat(PersonalData.mask("amount 1234.5678")).isEqualTo("amount 1234.5678");
    assertThat(PersonalData.mask("2025-01-10")).isEqualTo("2025-01-10");
  }

  @Test
  void mobileNumbersAreMaskedAsBeforeAndWhenSplit() {
    assertThat(PersonalData.mask("call 13912345678.")).isEqualTo("call ***********.");
    assertThat(PersonalData.mask("call 139 1234 5678.")).isEqualTo("call " + "*".repeat(13) + ".");
    assertThat(PersonalData.mask("call 139-1234-5678")).isEqualTo("call " + "*".repeat(13));
    assertThat(PersonalData.mask("+86 13912345678")).isEqualTo("+86 ***********");
    assertThat(PersonalData.mask("8613912345678")).isEqualTo("*".repeat(13));
    assertThat(PersonalData.mask("１３９１２３４５６７８")).isEqualTo("***********");
    // 12 digits, or 11 starting 12: not a mobile number.
    assertThat(PersonalData.mask("139123456789 12912345678")).isEqualTo("139123456789 12912345678");
  }

  @Test
  void mobileNumbersWrittenWithDotsBracketsOrALetterAfterAreFound() {
    assertThat(PersonalData.mask("tel 139.1234.5678")).isEqualTo("tel " + "*".repeat(13));
    assertThat(PersonalData.mask("(139)1234-5678")).isEqualTo("(" + "*".repeat(13));
    assertThat(PersonalData.mask("139/1234/5678 or 139_1234_5678 or 139~1234~5678"))
        .isEqualTo("*".repeat(13) + " or " + "*".repeat(13) + " or " + "*".repeat(13));
    // One digit at a time: the number's first two digits are 1 and 3 across the blank.
    assertThat(PersonalData.mask("call 1 3 9 1 2 3 4 5 6 7 8")).isEqualTo("call " + "*".repeat(21));
    assertThat(PersonalData.mask("1 2 9 1 2 3 4 5 6 7 8")).isEqualTo("1 2 9 1 2 3 4 5 6 7 8");
    // An X after eleven digits closes no identity number: the mobile number before it is masked.
    assertThat(PersonalData.mask("tel13912345678x")).isEqualTo("tel***********x");
    assertThat(PersonalData.mask("13912345678X.")).isEqualTo("***********X.");
    // A date, an amount, a version: no run of 11 or 18 digits. (Joined by blanks, their groups
    // would add up: 2025/01/10 1234.5678 12 holds 18 digits, and is masked, erring on the safe side.)
    for (String text : new String[] {"on 2025/01/10.", "wage 1234.5678", "(12)", "v1.2.3", "139.1234.567"}) {
      assertThat(PersonalData.mask(text)).isEqualTo(text);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"A110105194912310021", "ID11010519491231002X", "tel13912345678", "13912345678",
      "139_1234_5678", "W-139-1234-5678", "E13912345678x"})
  void idsHoldingAnIdentityOrMobileNumberAreFound(String id) {
    assertThat(PersonalData.idHoldsPersonalData(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"W00000001", "E0001", "W_2023_0001", "12912345678", "139123456789", "E_20230101_001", "LM01"})
  void pseudonymousIdsAreNot(String id) {
    // 12912345678 starts 12 (no mobile number does); 139123456789 has 12 digits; E_20230101_001
    // has 11 digits in groups, but starting 2.
    assertThat(PersonalData.idHoldsPersonalData(id)).isFalse();
  }

  @Test
  void digitsOfOtherScriptsCountToo() {
    // Arabic-Indic digits, and mathematical bold digits outside the BMP (two chars each).
    String arabic = "١١٠١٠٥١٩٤٩١٢٣١٠٠٢١";
    assertThat(PersonalData.looksLikeIdentityNumber(arabic)).isTrue();
    assertThat(PersonalData.mask("id " + arabic)).isEqualTo("id " + "*".repeat(18));
    String bold = "𝟏𝟏𝟎𝟏𝟎𝟓𝟏𝟗𝟒𝟗𝟏𝟐𝟑𝟏𝟎𝟎𝟐𝟏";
    assertThat(bold).hasSize(36);
    assertThat(PersonalData.looksLikeIdentityNumber(bold)).isTrue();
    assertThat(PersonalData.mask(bold + "!")).isEqualTo("*".repeat(36) + "!");
  }

  @Test
  void textWithoutNumbersIsReturnedAsItIs() {
    String text = "上海示例电子集团有限公司";
    assertThat(PersonalData.mask(text)).isSameAs(text);
    assertThat(PersonalData.containsPersonalData(text)).isFalse();
    assertThat(PersonalData.containsPersonalData("浦东新区 110105194912310021")).isTrue();
  }

  @Test
  @Timeout(10)
  void aHostileTextIsMaskedInLinearTime() {
    // Digits joined by single blanks: every window of 18 groups is an identity shape. A pattern
    // with optional separators would try each start again; the hand loop passes once per sum.
    String chain = "1 ".repeat(2_000_000);
    String masked = PersonalData.mask(chain);
    assertThat(masked).hasSize(chain.length()).startsWith("*****").doesNotContain("1");
    // A long run of digits and separators that never adds up to a number: untouched.
    String amounts = "wage 1234.5678; ".repeat(400_000);
    assertThat(PersonalData.mask(amounts)).isSameAs(amounts);
  }
}
