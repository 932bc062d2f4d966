package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.changai.jobs.report.PeriodData.EnterpriseRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The workbook of {@link HandFixture}'s period, read back with POI, cell by hand-worked cell. */
class PeriodWorkbookTest {

  private static XSSFWorkbook wb;

  @BeforeAll
  static void readBack() throws IOException {
    wb = new XSSFWorkbook(new ByteArrayInputStream(PeriodWorkbook.bytes(HandFixture.period(), history(), 10)));
  }

  /** 2024's composites: ENT1 75.5 among enterprises, GRP1 85.25 among groups; no other unit was ranked. */
  private static History.Window history() {
    History h = History.empty();
    h.addScore("2024", "enterprises", "enterprise", "ENT1", new History.ScorePoint(75.5, 70.0, 70.0, 80.0, 80.0, 2));
    h.addScore("2024", "groups", "group", "GRP1", new History.ScorePoint(85.25, 80.0, 80.0, 90.0, 90.0, 1));
    h.addScore("2024", "industry:automotive", "enterprise", "ENT1", new History.ScorePoint(75.5, 70.0, 70.0, 80.0, 80.0, 1));
    h.addScore("2024", "enterprises", "enterprise", "GRP1", new History.ScorePoint(50.0, 50.0, 50.0, 50.0, 50.0, 3));
    // ENT4 had data in 2024 and has none in 2025.
    h.addEnterprise("2024", "ENT1", HandFixture.HOSTILE);
    h.addEnterprise("2024", "ENT4", "丁公司");
    return h.window(HandFixture.PERIOD);
  }

  @AfterAll
  static void close() throws IOException {
    wb.close();
  }

  private static Cell cell(String sheet, int row, int column) {
    Row r = wb.getSheet(sheet).getRow(row);
    return r == null ? null : r.getCell(column);
  }

  private static String text(String sheet, int row, int column) {
    Cell c = cell(sheet, row, column);
    assertThat(c.getCellType()).as(sheet + " R" + row + "C" + column).isEqualTo(CellType.STRING);
    return c.getStringCellValue();
  }

  private static double number(String sheet, int row, int column) {
    Cell c = cell(sheet, row, column);
    assertThat(c.getCellType()).as(sheet + " R" + row + "C" + column).isEqualTo(CellType.NUMERIC);
    return c.getNumericCellValue();
  }

  private static String format(String sheet, int row, int column) {
    return cell(sheet, row, column).getCellStyle().getDataFormatString();
  }

  private static boolean empty(String sheet, int row, int column) {
    Cell c = cell(sheet, row, column);
    return c == null || c.getCellType() == CellType.BLANK;
  }

  @Test
  void oneSheetPerViewInThisOrder() {
    List<String> names = new ArrayList<>();
    wb.forEach(s -> names.add(s.getSheetName()));
    assertThat(names).containsExactly("集团排名 Groups", "企业排名 Enterprises", "行业内排名 By industry", "指标值 Indicators",
        "技能等级 Skill levels", "数据质量 Data quality", "成员变动 Former members", "说明 About");
  }

  @Test
  void formerMembersAreListedByGroupNameWithWhyTheyAreNotCountedNow() throws IOException {
    // As ScorecardModelTest: in 2024 GRP1 held ENT1, ENT9 and (under ENT1) ENT5; GRP2 held ENT2 and
    // ENT6. In 2025 ENT2 is under GRP1, ENT9 was refused, ENT5 and ENT6 did not submit.
    History h = History.empty();
    String[][] tree = {{"GRP1", null}, {"ENT1", "GRP1"}, {"ENT9", "GRP1"}, {"ENT5", "ENT1"}, {"GRP2", null},
        {"ENT2", "GRP2"}, {"ENT6", "GRP2"}};
    for (String[] e : tree) {
      h.addIndicator("2024", "enterprise", e[0], "A02", 10.0, false);
      h.addEnterprise("2024", e[0], "企业" + e[0]);
      h.addParent("2024", e[0], e[1]);
    }
    String sheet = "成员变动 Former members";
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
        PeriodWorkbook.bytes(HandFixture.period(), h.window(HandFixture.PERIOD), 10)))) {
      Sheet s = book.getSheet(sheet);
      List<String> rows = new ArrayList<>();
      for (Row r : s) {
        List<String> cells = new ArrayList<>();
        r.forEach(c -> cells.add(c.getStringCellValue()));
        rows.add(String.join(" | ", cells));
      }
      // By group name, 乙集团 (GRP2) before 甲集团 (GRP1) as the other sheets sort; members by id.
      assertThat(rows).containsExactly(
          "集团\nGroup | 集团统一社会信用代码\nGroup credit code | 上期成员 2024\nMember then | 统一社会信用代码\nCredit code"
              + " | 本期未计入原因\nWhy not counted now",
          "乙集团 | GRP2 | 企业ENT2 | ENT2 | 本期不在本集团之下 not under this group now",
          "乙集团 | GRP2 | 企业ENT6 | ENT6 | 本期未报送 no submission",
          "甲集团 | GRP1 | 企业ENT5 | ENT5 | 本期未报送 no submission",
          "甲集团 | GRP1 | 企业ENT9 | ENT9 | 本期报送被拒收 refused (see 数据质量 Data quality)");
    }
    // The fixture's own history gives no parents: the sheet holds its header alone.
    assertThat(wb.getSheet(sheet).getLastRowNum()).isZero();
  }

  @Test
  void rankingsPutNamesFirstAndKeepNumbersAsNumbers() {
    String groups = "集团排名 Groups";
    assertThat(text(groups, 0, 0)).isEqualTo("单位名称\nUnit");
    assertThat(text(groups, 1, 0)).isEqualTo("甲集团");
    assertThat(number(groups, 1, 1)).isEqualTo(1);
    assertThat(number(groups, 1, 2)).isEqualTo(90.0);
    assertThat(format(groups, 1, 2)).isEqualTo("0.00");
    assertThat(text(groups, 2, 0)).isEqualTo("乙集团");
    assertThat(text(groups, 2, 3)).isEqualTo("待改进");
    assertThat(text(groups, 2, 18)).isEqualTo("groups");
    // The change since 2024: GRP1 85.25 to 90, GRP2 not ranked then.
    assertThat(text(groups, 0, 13)).isEqualTo("上期综合 2024\nPrevious composite");
    assertThat(number(groups, 1, 13)).isEqualTo(85.25);
    assertThat(number(groups, 1, 14)).isEqualTo(4.75);
    assertThat(format(groups, 1, 14)).isEqualTo("+0.00;-0.00;0.00");
    assertThat(empty(groups, 2, 13)).isTrue();
    assertThat(empty(groups, 2, 14)).isTrue();

    // Enterprises by rank: ENT1, GRP1, GRP2, then ENT2 unranked.
    String all = "企业排名 Enterprises";
    assertThat(text(all, 1, 0)).isEqualTo(HandFixture.HOSTILE);
    assertThat(number(all, 1, 12)).isEqualTo(1);
    assertThat(format(all, 1, 12)).isEqualTo("+0;-0;0");
    assertThat(number(all, 2, 12)).isEqualTo(-1);
    assertThat(empty(all, 3, 12)).isTrue();
    assertThat(text(all, 3, 11)).isEqualTo("是");
    assertThat(number(all, 3, 8)).isEqualTo(1);
    assertThat(number(all, 3, 10)).isEqualTo(5);
    assertThat(number(all, 1, 13)).isEqualTo(75.5);
    assertThat(number(all, 1, 14)).isEqualTo(4.5);
    assertThat(empty(all, 1, 15)).isTrue();
    assertThat(text(all, 1, 16)).isEqualTo("汽车");
    assertThat(text(all, 1, 17)).isEqualTo("ENT1");
    assertThat(text(all, 4, 0)).isEqualTo("甲集团嘉定分公司");
    assertThat(empty(all, 4, 1)).isTrue();
    assertThat(text(all, 4, 3)).isEqualTo("未排名 not ranked");

    String industry = "行业内排名 By industry";
    assertThat(text(industry, 0, 1)).isEqualTo("行业\nIndustry");
    assertThat(text(industry, 1, 1)).isEqualTo("汽车");
    assertThat(number(industry, 2, 2)).isEqualTo(2);
    assertThat(text(industry, 2, 18)).isEqualTo("industry:automotive");
    // Within the same scope: ENT1 was ranked among automotive enterprises in 2024 at 75.5, GRP1
    // only among all enterprises (an enterprise new to an industry has no previous there).
    assertThat(number(industry, 1, 14)).isEqualTo(75.5);
    assertThat(number(industry, 1, 15)).isEqualTo(4.5);
    assertThat(empty(industry, 2, 14)).isTrue();
    assertThat(empty(industry, 2, 15)).isTrue();
  }

  @Test
  void indicatorValuesAreWideWithChineseAndEnglishHeadersAndSuppressionAsEmptyCellsWithANote() {
    String sheet = "指标值 Indicators";
    // Columns: name, level, code, industry, then the catalogue from A01: A02 is column 5.
    assertThat(text(sheet, 0, 5)).isEqualTo("A02 产业工人党员比例\nparty-member ratio among industrial workers (percent)");
    // Rows: the system, groups by name (乙 before 甲), enterprises by name.
    assertThat(text(sheet, 1, 0)).isEqualTo("全系统 System");
    assertThat(number(sheet, 1, 5)).isCloseTo(56.0 / 260.0, within(1e-12));
    assertThat(format(sheet, 1, 5)).isEqualTo("0.0%");
    assertThat(text(sheet, 2, 0)).isEqualTo("乙集团");
    assertThat(text(sheet, 2, 1)).isEqualTo("集团");
    assertThat(text(sheet, 3, 0)).isEqualTo("甲集团");
    assertThat(number(sheet, 3, 5)).isEqualTo(0.25);
    assertThat(text(sheet, 4, 0)).isEqualTo(HandFixture.HOSTILE);
    assertThat(number(sheet, 4, 5)).isEqualTo(0.30);
    // B03 training hours (scale 1): a plain number with two decimals; column 4 + 7.
    assertThat(text(sheet, 0, 11)).startsWith("B03 ");
    assertThat(number(sheet, 4, 11)).isEqualTo(8.0);
    assertThat(format(sheet, 4, 11)).isEqualTo("0.00");
    // ENT2's A02 is low base: empty, with a note; its A04 has no row: empty, no note.
    assertThat(text(sheet, 7, 0)).isEqualTo("甲集团嘉定分公司");
    Cell suppressed = cell(sheet, 7, 5);
    assertThat(suppressed.getCellType()).isEqualTo(CellType.BLANK);
    assertThat(suppressed.getCellComment().getString().getString()).startsWith("样本不足（产业工人少于 10 人），不予公开");
    assertThat(empty(sheet, 7, 6)).isTrue();
    assertThat(cell(sheet, 7, 6) == null || cell(sheet, 7, 6).getCellComment() == null).isTrue();
  }

  @Test
  void skillLevelsShowCountsAndSharesAndNothingUnderTheMinimumBase() {
    String sheet = "技能等级 Skill levels";
    assertThat(text(sheet, 0, 4)).isEqualTo("无 人数\nnone count");
    assertThat(text(sheet, 1, 0)).isEqualTo("全系统 System");
    assertThat(number(sheet, 1, 3)).isEqualTo(100);
    // ENT1 (row 2: no group has skill rows): 10 none, 20 junior, 10 senior of 40; shares from column 12.
    assertThat(text(sheet, 2, 0)).isEqualTo(HandFixture.HOSTILE);
    assertThat(number(sheet, 2, 3)).isEqualTo(40);
    assertThat(number(sheet, 2, 5)).isEqualTo(20);
    assertThat(number(sheet, 2, 7)).isEqualTo(10);
    assertThat(number(sheet, 2, 13)).isEqualTo(0.5);
    assertThat(format(sheet, 2, 13)).isEqualTo("0.0%");
    // ENT2: 8 workers, under 10: no count at all.
    assertThat(text(sheet, 3, 0)).isEqualTo("甲集团嘉定分公司");
    for (int c = 3; c < 20; c++) {
      assertThat(empty(sheet, 3, c)).as("column " + c).isTrue();
    }
    assertThat(cell(sheet, 3, 3).getCellComment()).isNotNull();
  }

  @Test
  void skillLevelsOfAUnitFlaggedLowBaseStayEmptyUnderALowerReportMinimumBase() throws Exception {
    // Written with a minimum base of 5: ENT2 has 8 industrial workers, but compute flagged them
    // low_base (its A02 row), so its row carries no count or share all the same.
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
        PeriodWorkbook.bytes(HandFixture.period(), history(), 5)))) {
      org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("技能等级 Skill levels");
      org.apache.poi.ss.usermodel.Row ent2 = sheet.getRow(3);
      assertThat(ent2.getCell(0).getStringCellValue()).isEqualTo("甲集团嘉定分公司");
      for (int c = 3; c < 20; c++) {
        Cell cell = ent2.getCell(c);
        assertThat(cell == null || cell.getCellType() == CellType.BLANK).as("column " + c).isTrue();
      }
      assertThat(sheet.getRow(2).getCell(3).getNumericCellValue()).isEqualTo(40);
    }
  }

  @Test
  void dataQualityNamesRefusedSubmissionsByTheirInboxFolder() {
    String sheet = "数据质量 Data quality";
    // Submissions in the quality page's order: ENT1, ENT2, ENT9 (refused), GRP1, GRP2.
    assertThat(text(sheet, 1, 1)).isEqualTo("ENT1");
    assertThat(number(sheet, 1, 3)).isEqualTo(45);
    assertThat(number(sheet, 1, 5)).isEqualTo(3);
    assertThat(text(sheet, 1, 8)).isEqualTo("BAD_DATE 日期无效 ×2 (workers.csv hire_date)\nDUPLICATE_ID 编号重复 ×1 (workers.csv worker_id)");
    assertThat(text(sheet, 3, 1)).isEqualTo("ENT9");
    assertThat(text(sheet, 3, 2)).isEqualTo("整份拒收 refused");
    assertThat(text(sheet, 3, 10)).isEqualTo("2025/ENT9");
    assertThat(text(sheet, 3, 7)).contains("READ_ERROR 文件读取失败：cannot read: java.io.IOException: 2025/ENT9/workers.csv")
        .doesNotContain("/srv/");
    // Then who reported in 2024 and not in 2025.
    assertThat(text(sheet, 6, 0)).isEqualTo("丁公司");
    assertThat(text(sheet, 6, 1)).isEqualTo("ENT4");
    assertThat(text(sheet, 6, 2)).isEqualTo("本期未报送（2024 期有数据） not submitted (had data in 2024)");
    assertThat(wb.getSheet(sheet).getLastRowNum()).isEqualTo(6);
  }

  @Test
  void headersAreFrozenWithTheNamesAndFiltersAreSet() {
    XSSFSheet groups = wb.getSheet("集团排名 Groups");
    assertThat(groups.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
    assertThat(groups.getPaneInformation().getVerticalSplitPosition()).isEqualTo((short) 1);
    assertThat(groups.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:S3");
    assertThat(wb.getSheet("企业排名 Enterprises").getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:S5");
    // Wide enough for a Chinese name, never wider than 52 characters.
    for (Sheet sheet : wb) {
      for (int c = 0; c < 4 && !sheet.getSheetName().startsWith("说明"); c++) {
        assertThat(sheet.getColumnWidth(c)).isBetween(10 * 256, 52 * 256);
      }
    }
  }

  @Test
  void textThatLooksLikeAFormulaStaysText() throws IOException {
    List<EnterpriseRow> enterprises = new ArrayList<>(HandFixture.enterprises());
    enterprises.set(1, new EnterpriseRow("ENT1", "=HYPERLINK(\"http://x\",\"y\")", "GRP1", "subsidiary", "automotive",
        "区", 45, 42, 3, 1, 1, 0, 1));
    PeriodData base = HandFixture.period();
    PeriodData data = new PeriodData(base.period(), base.indicators(), base.scores(), base.skills(), enterprises,
        base.rejectedSubmissions(), base.rejectedRows(), base.warnings(), Set.of());
    try (XSSFWorkbook evil = new XSSFWorkbook(new ByteArrayInputStream(PeriodWorkbook.bytes(data, History.empty().window(HandFixture.PERIOD), 10)))) {
      int formulas = 0;
      boolean found = false;
      for (Sheet sheet : evil) {
        for (Row row : sheet) {
          for (Cell cell : row) {
            formulas += cell.getCellType() == CellType.FORMULA ? 1 : 0;
            found |= cell.getCellType() == CellType.STRING && cell.getStringCellValue().startsWith("=HYPERLINK");
          }
        }
      }
      assertThat(formulas).isZero();
      assertThat(found).isTrue();
    }
  }

  @Test
  void theBytesDependOnTheDataAloneNotOnTheClock() throws IOException {
    byte[] bytes = PeriodWorkbook.bytes(HandFixture.period(), history(), 10);
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries++;
        assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo(LocalDateTime.of(2000, 1, 1, 0, 0));
      }
    }
    assertThat(entries).isGreaterThan(7);
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("dcterms:created");
  }

  @Test
  void textACellWouldDecodeOrCouldNotHoldReadsBackAsWrittenAndAnOverlongTextIsCutAtALineWithAMark()
      throws IOException {
    // A name spelled as the format's escapes would open as "139"; its underscores are escaped.
    String spelled = "_x0031__x0033_9";
    assertThat(PeriodWorkbook.cellText(spelled)).isEqualTo("_x005F_x0031__x005F_x0033_9");
    // Not an escape: three hex digits, full-width digits.
    assertThat(PeriodWorkbook.cellText("_x003_")).isEqualTo("_x003_");
    assertThat(PeriodWorkbook.cellText("_x００３１_")).isEqualTo("_x００３１_");
    // Characters XML cannot hold are written as escapes, which readers decode back.
    String invalid = "甲\uFFFE集团\u0001";
    assertThat(PeriodWorkbook.cellText(invalid)).isEqualTo("甲_xFFFE_集团_x0001_");

    // 400 lines of 100 characters: cut after the last whole line that fits with the mark.
    String line = "x".repeat(99) + "\n";
    String longText = line.repeat(400);
    int lines = (PeriodWorkbook.MAX_TEXT - PeriodWorkbook.CUT.length()) / 100;
    String cut = line.repeat(lines).substring(0, 100 * lines - 1) + PeriodWorkbook.CUT;
    assertThat(PeriodWorkbook.cellText(longText)).isEqualTo(cut).hasSizeLessThanOrEqualTo(PeriodWorkbook.MAX_TEXT);

    try (org.apache.poi.xssf.streaming.SXSSFWorkbook out = new org.apache.poi.xssf.streaming.SXSSFWorkbook()) {
      Row row = out.createSheet("t").createRow(0);
      row.createCell(0).setCellValue(PeriodWorkbook.cellText(spelled));
      row.createCell(1).setCellValue(PeriodWorkbook.cellText(invalid));
      row.createCell(2).setCellValue(PeriodWorkbook.cellText(longText));
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      out.write(bytes);
      try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
        Row back = read.getSheet("t").getRow(0);
        assertThat(back.getCell(0).getStringCellValue()).isEqualTo(spelled);
        assertThat(back.getCell(1).getStringCellValue()).isEqualTo(invalid);
        assertThat(back.getCell(2).getStringCellValue()).isEqualTo(cut);
      }
    }
  }
}
