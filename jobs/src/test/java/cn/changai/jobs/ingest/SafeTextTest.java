package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Quoting a hostile value in a reason, and printing it to a terminal. */
class SafeTextTest {

  @Test
  void combiningMarksAreCappedAtFourALetter() {
    String grave = "\u0300";
    // 500 marks over Z: four stay. Then a letter starts again.
    assertThat(SafeText.capCombiningMarks("Z" + grave.repeat(500) + "上海" + grave.repeat(5)))
        .isEqualTo("Z" + grave.repeat(4) + "上海" + grave.repeat(4));
    // Four are kept as they are: Vietnamese ệ decomposed (e, dot below, circumflex), 4 Hebrew points.
    String vietnamese = "Vie\u0323\u0302t";
    String hebrew = "\u05E9\u05BC\u05C1\u05B8\u0591";
    assertThat(SafeText.capCombiningMarks(vietnamese)).isSameAs(vietnamese);
    assertThat(SafeText.capCombiningMarks(hebrew)).isSameAs(hebrew);
    // A joiner between marks neither counts nor starts a letter; an enclosing mark (Me) and a mark
    // outside the BMP (U+1D167) count; marks before any letter count too.
    assertThat(SafeText.capCombiningMarks("a\u0300\u200D\u0301\u20DD\uD834\uDD67\u0302\u0303b"))
        .isEqualTo("a\u0300\u200D\u0301\u20DD\uD834\uDD67b");
    assertThat(SafeText.capCombiningMarks(grave.repeat(6) + "x")).isEqualTo(grave.repeat(4) + "x");
    assertThat(SafeText.capCombiningMarks(null)).isNull();
  }

  @Test
  void aShortValueIsQuotedWhole() {
    assertThat(SafeText.quote("group")).isEqualTo("group");
    assertThat(SafeText.quote("x".repeat(40))).isEqualTo("x".repeat(40));
    assertThat(SafeText.quote(null)).isEqualTo("null");
  }

  @Test
  void aLongValueIsQuotedByItsFirstFortyCharactersAndItsLength() {
    assertThat(SafeText.quote("1234567890".repeat(5) + "1")).isEqualTo("1234567890".repeat(4) + "… (51 characters)");
    // Characters, not UTF-16 units: 45 Chinese characters and 41 supplementary ones.
    assertThat(SafeText.quote("工".repeat(45))).isEqualTo("工".repeat(40) + "… (45 characters)");
    String clef = "\uD834\uDD1E";
    assertThat(SafeText.quote(clef.repeat(41))).isEqualTo(clef.repeat(40) + "… (41 characters)");
  }

  @Test
  void anIdentityNumberAcrossTheCutIsMaskedBeforeTheCut() {
    // The number starts at character 30: without masking first, "1101051949" would stay readable.
    String value = "a".repeat(30) + "110105 19491231 0021" + "b".repeat(10);
    assertThat(SafeText.quote(value)).isEqualTo("a".repeat(30) + "*".repeat(10) + "… (60 characters)");
    assertThat(SafeText.quote("１１０１０５１９４９１２３１００２Ｘ")).isEqualTo("*".repeat(18));
  }

  @Test
  void aNameAnUploaderChoseIsMaskedUnlessItIsACreditCodeOrAPeriod() {
    assertThat(SafeText.name("110105194912310021")).isEqualTo("*".repeat(18));
    assertThat(SafeText.name("13912345678")).isEqualTo("*".repeat(11));
    assertThat(SafeText.name("x13912345678.txt")).isEqualTo("x" + "*".repeat(11) + ".txt");
    assertThat(SafeText.name("2025")).isEqualTo("2025");
    assertThat(SafeText.name(cn.changai.jobs.InboxFixture.ID_A)).isEqualTo(cn.changai.jobs.InboxFixture.ID_A);
    // A valid credit code of 18 digits has an identity number's shape, and stays as it is.
    String digits = java.util.stream.IntStream.range(0, 10)
        .mapToObj(d -> cn.changai.jobs.InboxFixture.creditCode("9131000012345678" + d))
        .filter(code -> Character.isDigit(code.charAt(17))).findFirst().orElseThrow();
    assertThat(SafeText.name(digits)).isEqualTo(digits);
    assertThat(SafeText.name(null)).isNull();
    assertThat(SafeText.path("file:/in/2025/110105194912310021/" + digits + "/13912345678"))
        .isEqualTo("file:/in/2025/" + "*".repeat(18) + "/" + digits + "/" + "*".repeat(11));
  }

  @Test
  void aTopLevelFolderThatIsNoPeriodIsRecordedMaskedAndNeverAsHivesNullPartition() {
    assertThat(Inbox.recordedPeriod("13912345678")).isEqualTo("*".repeat(11));
    assertThat(Inbox.recordedPeriod("__HIVE_DEFAULT_PARTITION__")).isEqualTo("%5F_HIVE_DEFAULT_PARTITION__");
    assertThat(Inbox.recordedPeriod("2025x")).isEqualTo("2025x");
    // DuckDB reads a partition named null, in any case, as a null one.
    assertThat(Inbox.recordedPeriod("null")).isEqualTo("%6Eull");
    assertThat(Inbox.recordedPeriod("NULL")).isEqualTo("%4EULL");
  }

  @Test
  void aTopLevelFolderNameTooLongForAPartitionFolderIsCutAndKeptApartByItsHash() {
    // period=<name> must fit in 240 bytes. By hand: "period=" 7 bytes, "…" 3, "~" 1, the hash 8:
    // 221 x (1 byte each) fit, and 73 colons (each escaped as %3A, 3 bytes).
    String xs = Inbox.recordedPeriod("x".repeat(250));
    assertThat(xs).matches("x{221}…~[0-9a-f]{8}");
    String other = Inbox.recordedPeriod("x".repeat(249) + "y");
    assertThat(other).matches("x{221}…~[0-9a-f]{8}").isNotEqualTo(xs);
    assertThat(Inbox.recordedPeriod(":".repeat(100))).matches(":{73}…~[0-9a-f]{8}");
    // 汉 is 3 bytes and not escaped: 73 of them (7 + 219 + 12 = 238; 74 would make 241).
    assertThat(Inbox.recordedPeriod("汉".repeat(84))).matches("汉{73}…~[0-9a-f]{8}");
    // A name of 233 bytes fits as it is (7 + 233 = 240).
    assertThat(Inbox.recordedPeriod("x".repeat(233))).isEqualTo("x".repeat(233));
    assertThat(Inbox.recordedPeriod("x".repeat(234))).matches("x{221}…~[0-9a-f]{8}");
  }

  @Test
  void controlCharactersAreEscaped() {
    assertThat(SafeText.escape("W1\nREJECTED")).isEqualTo("W1\\nREJECTED");
    assertThat(SafeText.escape("\u001B[2J\u001B]0;title\u0007")).isEqualTo("\\u001B[2J\\u001B]0;title\\u0007");
    assertThat(SafeText.escape("a\rb\tc\u007Fd\u0085e\u009Bf")).isEqualTo("a\\rb\\tc\\u007Fd\\u0085e\\u009Bf");
    // Bidirectional overrides would show "exe.txt" as "txt.exe"; line separators break lines.
    assertThat(SafeText.escape("a\u202Eb\u2066c\u200Fd\u2028e")).isEqualTo("a\\u202Eb\\u2066c\\u200Fd\\u2028e");
    assertThat(SafeText.escape("x\uD800y")).isEqualTo("x\\uD800y");
  }

  @Test
  void plainTextIsLeftAloneAndEscapingTwiceChangesNothing() {
    String plain = "上海示例电子集团 C:\\inbox \uD834\uDD1E é";
    assertThat(SafeText.escape(plain)).isSameAs(plain);
    String once = SafeText.escape("a\u001Bb\n");
    assertThat(SafeText.escape(once)).isEqualTo(once);
  }

  @Test
  void aQuotedValueHoldsNoControlCharacter() {
    assertThat(SafeText.quote("W1\n2025  accepted")).isEqualTo("W1\\n2025  accepted");
  }

  @Test
  void reasonsOfRefusalsAreMaskedCutAndEscaped() {
    Rejection r = new Rejection("/inbox/2025/X", ReasonCode.BAD_FIELD,
        "parent_id '110105 19491231 0021' is not valid\u001B[31m" + "z".repeat(500));
    assertThat(r.reason()).startsWith("parent_id '" + "*".repeat(20) + "' is not valid\\u001B[31mzzz")
        .endsWith("z… (550 characters)");
    // 400 characters are kept, of which the ESC became six.
    assertThat(r.reason()).hasSize(400 + 5 + "… (550 characters)".length());
    Issue i = new Issue("a\nb.csv", 3, "１".repeat(100), ReasonCode.IGNORED_COLUMN, "x", null);
    assertThat(i.file()).isEqualTo("a\\nb.csv");
    assertThat(i.column()).isEqualTo("１".repeat(64) + "… (100 characters)");
  }

  @Test
  @Timeout(10)
  void aFiftyMegabyteValueIsQuotedInOnePass() {
    String huge = "9".repeat(50 << 20);
    assertThat(SafeText.quote(huge)).isEqualTo("9".repeat(40) + "… (52428800 characters)");
    assertThat(new Rejection("p", ReasonCode.BAD_FIELD, huge).reason()).hasSize(400 + "… (52428800 characters)".length());
  }
}
