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
      "110105       19491231 0021",
      "110105 | 19491231 | 0021 | 7",
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
  void aTimestampIsNoIdentityNumberThoughItsDigitsAddUpToEighteen() {
    // 4+2+2 + 2+2+2 + 2+2 digits: a reason quoting a bad submitted_at stays readable.
    assertThat(PersonalData.mask("submitted_at '2026-01-10 09:30:00+08:00' is not ISO 8601"))
        .isEqualTo("submitted_at '2026-01-10 09:30:00+08:00' is not ISO 8601");
    assertThat(PersonalData.mask("2026/01/10 23:59:60-05:30")).isEqualTo("2026/01/10 23:59:60-05:30");
    // The same digits out of range (an hour of 49, a month of 19) or with other separators are masked.
    assertThat(PersonalData.mask("1101-05-19 49:12:31+00:21")).isEqualTo("*".repeat(25));
    assertThat(PersonalData.mask("2026-19-10 09:30:00+08:00")).isEqualTo("*".repeat(25));
    assertThat(PersonalData.mask("2026-01/10 09:30:00+08:00")).isEqualTo("*".repeat(25));
    assertThat(PersonalData.mask("2026-01-10-09:30:00+08:00")).isEqualTo("*".repeat(25));
    assertThat(PersonalData.mask("2026-01-10 09:30:00+08:0X")).isEqualTo("*".repeat(25));
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

  @Test
  void anXAfterEighteenDigitsIsALetterAndTheIdentityNumberBeforeItIsFound() {
    // 18 digits then X: the X is no check character (an identity number has 17 digits before it),
    // so it is a letter after the number, as A is in 110105194912310021A, and as x is after a
    // mobile number's eleven digits. It was read as a nineteenth character and nothing was masked.
    assertThat(PersonalData.mask("110105194912310021X")).isEqualTo("******************X");
    assertThat(PersonalData.mask("110105194912310021x")).isEqualTo("******************x");
    assertThat(PersonalData.mask("A110105194912310021X")).isEqualTo("A******************X");
    assertThat(PersonalData.mask("110105-19491231-0021X")).isEqualTo("*".repeat(20) + "X");
    assertThat(PersonalData.mask("2010-05-110105194912310021X01")).isEqualTo("2010-05-" + "*".repeat(18) + "X01");
    // 17 digits and X is the identity number itself, masked whole as before.
    assertThat(PersonalData.mask("11010519491231002X")).isEqualTo("*".repeat(18));
    assertThat(PersonalData.mask("11010519491231002XX")).isEqualTo("*".repeat(18) + "X");
    // 19 digits and X, or 16 and X: no number.
    assertThat(PersonalData.mask("1101051949123100211X")).isEqualTo("1101051949123100211X");
    assertThat(PersonalData.mask("1101051949123100X")).isEqualTo("1101051949123100X");
  }

  @ParameterizedTest
  @ValueSource(strings = {"110105194912310021X", "110105194912310021x", "A110105194912310021X", "110105-19491231-0021X"})
  void idsHoldingAnIdentityNumberFollowedByAnXAreFound(String id) {
    assertThat(PersonalData.idHoldsPersonalData(id)).isTrue();
  }

  @Test
  void anyPunctuationOrSymbolBetweenGroupsJoinsThem() {
    // The spellings a red-team sweep found published (2026-12-06): commas, colons, stars, bars,
    // CJK and full-width punctuation, four blanks; each masked whole, separators included.
    for (String sep : new String[] {"，", ":", ",", "*", "|", "、", "·", "；", "#", "+", "'", "=", "%", "    ", "＿", "．",
        "／", "：", "\n"}) {
      String mobile = "139" + sep + "1234" + sep + "5678";
      assertThat(PersonalData.mask("电话 " + mobile + " 号")).as(mobile)
          .isEqualTo("电话 " + "*".repeat(mobile.length()) + " 号");
      String identity = "110105" + sep + "19491231" + sep + "0021";
      assertThat(PersonalData.looksLikeIdentityNumber(identity)).as(identity).isTrue();
    }
    // Seven characters between groups are too many to read as one number; a letter or a Chinese
    // character ends the chain.
    assertThat(PersonalData.mask("139 -- -- 1234 5678")).isEqualTo("139 -- -- 1234 5678");
    assertThat(PersonalData.mask("139号1234号5678")).isEqualTo("139号1234号5678");
    assertThat(PersonalData.mask("139a1234a5678")).isEqualTo("139a1234a5678");
  }

  @Test
  void aCommaBetweenFieldsOfACsvRecordEndsAChainAndOneInsideQuotesDoesNot() {
    // A hire date, a wage and training hours side by side: 4+2+2+6+3+1 = 18 digits, and
    // 150000,120.25 is 6+3+2 = 11 starting 15; as fields of a record they are no one's number.
    String row = "W1,N,Y,1990,M,2009-06-29,130300,120.5,x";
    assertThat(PersonalData.maskCsvRecord(row)).isSameAs(row);
    assertThat(PersonalData.maskCsvRecord("W2,150000,120.25")).isEqualTo("W2,150000,120.25");
    // As one value (a name), the same commas join the groups.
    assertThat(PersonalData.mask("150000,120.25")).isEqualTo("*".repeat(13));
    // Inside one field of the record: masked, whether the field is quoted or written with colons.
    assertThat(PersonalData.maskCsvRecord("W3,\"call 139,1234,5678\",N")).isEqualTo("W3,\"call " + "*".repeat(13) + "\",N");
    assertThat(PersonalData.maskCsvRecord("W4,call 139:1234:5678,N")).isEqualTo("W4,call " + "*".repeat(13) + ",N");
    // A quoted field holding a doubled quote, then a number after the field: the comma after the
    // closing quote is between fields again.
    assertThat(PersonalData.maskCsvRecord("\"a\"\"b 139\",1234,5678")).isEqualTo("\"a\"\"b 139\",1234,5678");
  }

  @Test
  void aResidentIdentityNumberInFullHasAProvinceABirthDateAndItsCheck() {
    // By hand: 110105 (Beijing, Chaoyang), born 1949-01-01, check 5; it passes a credit code's check too.
    assertThat(PersonalData.isResidentIdentityNumber("110105194901010005")).isTrue();
    assertThat(cn.changai.domain.CreditCode.isValidCreditCode("110105194901010005")).isTrue();
    assertThat(PersonalData.isResidentIdentityNumber("11010519491231002X")).isTrue();
    assertThat(PersonalData.isResidentIdentityNumber("11010519491231002x")).isTrue();
    // The wrong check (it would be X), a province no number has (91, where enterprises' codes
    // start), no date (month 13), too few digits.
    assertThat(PersonalData.isResidentIdentityNumber("110105194912310021")).isFalse();
    assertThat(PersonalData.isResidentIdentityNumber("910105194901010005")).isFalse();
    assertThat(PersonalData.isResidentIdentityNumber("110105194913010005")).isFalse();
    assertThat(PersonalData.isResidentIdentityNumber("11010519490101000")).isFalse();
    // As a folder name: masked, though it is a valid credit code; a real enterprise's code is not.
    assertThat(SafeText.name("110105194901010005")).isEqualTo("*".repeat(18));
    assertThat(SafeText.name("913100004LT4AKJ37K")).isEqualTo("913100004LT4AKJ37K");
  }

  @Test
  void chineseAndCircledDigitsAreDigits() {
    assertThat(PersonalData.mask("电话一三九一二三四五六七八")).isEqualTo("电话***********");
    assertThat(PersonalData.mask("一三九 一二三四 五六七八")).isEqualTo("*".repeat(13));
    assertThat(PersonalData.looksLikeIdentityNumber("一一〇一〇五一九四九一二三一〇〇二一")).isTrue();
    assertThat(PersonalData.mask("①③⑨①②③④⑤⑥⑦⑧")).isEqualTo("*".repeat(11));
    assertThat(PersonalData.mask("零一三九一二三四五六七")).isEqualTo("零一三九一二三四五六七");
    // Numbers of ten or more, and names with a few numerals, stay.
    assertThat(PersonalData.mask("第一二三车间 ⑩⑪")).isEqualTo("第一二三车间 ⑩⑪");
    // The capital numerals of accounts: 壹叁玖 is 139.
    assertThat(PersonalData.mask("壹叁玖壹贰叁肆伍陆柒捌")).isEqualTo("*".repeat(11));
  }

  @Test
  void aChineseNumeralNextToArabicDigitsHidesNoNumber() {
    // 张三 is a name: the 11 digits after its 三 are a mobile number, the 18 after 一 an identity
    // number (they read as 12 and 19 digits when the numeral counted in).
    assertThat(PersonalData.mask("张三13912345678有限公司")).isEqualTo("张三***********有限公司");
    assertThat(PersonalData.mask("一110105194912310021")).isEqualTo("一" + "*".repeat(18));
    assertThat(PersonalData.idHoldsPersonalData("四13912345678")).isTrue();
    // Read together, a numeral and the digits after it can be the number: 一 and 3912345678.
    assertThat(PersonalData.mask("一3912345678")).isEqualTo("*".repeat(11));
    // A numeral and a short number stay.
    assertThat(PersonalData.mask("三12")).isEqualTo("三12");
  }

  @Test
  void aMobileNumberDialledFromAbroadIsFound() {
    // 0086 and 86: China's code as dialled abroad, straight before the number.
    assertThat(PersonalData.mask("008613912345678")).isEqualTo("*".repeat(15));
    assertThat(PersonalData.idHoldsPersonalData("W008613912345678")).isTrue();
    assertThat(PersonalData.mask("8613912345678")).isEqualTo("*".repeat(13));
    // 15 digits that are no such number stay: 0087 is another country, 0086 12… no mobile number.
    assertThat(PersonalData.mask("008713912345678")).isEqualTo("008713912345678");
    assertThat(PersonalData.mask("008612912345678")).isEqualTo("008612912345678");
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
