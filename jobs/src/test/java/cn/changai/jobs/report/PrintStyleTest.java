package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The running header of printed pages: names as CSS strings that no name can break out of. */
class PrintStyleTest {

  @Test
  void namesBecomeCssStringsWithEverythingButLettersAndDigitsEscaped() {
    assertThat(PrintStyle.cssString("上海A1")).isEqualTo("\"上海A1\"");
    assertThat(PrintStyle.cssString("a\"}</style> b"))
        .isEqualTo("\"a\\000022\\00007D\\00003C\\00002Fstyle\\00003E\\000020b\"");
  }

  @Test
  void everyCodePointIsWrittenAsStringFormatWouldEscapeIt() {
    // Every code point (each alone, so a supplementary one is a pair), and lone surrogates.
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      String text = new String(Character.toChars(c));
      String expected = Character.isLetterOrDigit(c) && c < 0x10000 ? text
          : String.format(java.util.Locale.ROOT, "\\%06X", c);
      assertThat(PrintStyle.cssString(text)).as("U+%04X", c).isEqualTo("\"" + expected + "\"");
    }
    assertThat(PrintStyle.cssString("\uD83D上")).isEqualTo("\"\\00D83D上\"");
    assertThat(PrintStyle.cssString("a\uD83D\uDE00")).isEqualTo("\"a\\01F600\"");
  }

  @Test
  void aLongSubjectIsCutSoThatItLeavesRoomForThePeriodAndRun() {
    // 28 Chinese characters fit whole; 35 are cut to 27 and the mark (54 + 2 half-widths).
    String fits = "上海华谊新材料科技发展有限公司金山第二分公司一二三四五六";
    assertThat(fits).hasSize(28);
    assertThat(PrintStyle.fit(fits)).isEqualTo(fits);
    String name = "上海华谊（集团）公司所属上海华谊新材料科技发展有限公司金山第二分公司";
    assertThat(PrintStyle.fit(name)).isEqualTo(name.substring(0, 27) + "…");
    assertThat(PrintStyle.fit("W".repeat(150))).isEqualTo("W".repeat(54) + "…");
    assertThat(PrintStyle.header(name, "2025", "r")).contains("新材料科技发展有限公司\\002026\";").doesNotContain("金山");
  }

  @Test
  void stackedCombiningMarksAreCutToFourALetter() {
    assertThat(PrintStyle.fit("Z" + "\u0300".repeat(150) + "公司")).isEqualTo("Z" + "\u0300".repeat(4) + "公司");
  }

  @Test
  void everyPageGetsTheHeaderBeforeTheEndOfItsHead() {
    String page = PrintStyle.withHeader("<html><head><style>x</style></head><body>…</body></html>", "甲公司", "2025", "run-1");
    assertThat(page).startsWith("<html><head><style>x</style><style>@media print{@page{@top-left{content:\"甲公司\";")
        .contains("@top-right{content:\"2025\\000020期\\000020period\\000020\\0000B7\\000020计算批次\\000020run\\000020run\\00002D1\";")
        .endsWith("</style></head><body>…</body></html>");
    var pages = ReportSite.pages(HandFixture.period(), 10);
    for (var p : pages.entrySet()) {
      assertThat(p.getValue()).as(p.getKey()).contains("@media print{@page{@top-left{content:");
    }
    // The hostile name <b>&"公司 stays inside its string.
    assertThat(pages.get("units/ENT1.html")).contains("content:\"\\00003Cb\\00003E\\000026\\000022公司\"");
  }
}
