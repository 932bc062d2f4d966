package cn.changai.jobs.report;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import cn.changai.jobs.report.QualityModel.FindingGroup;
import cn.changai.jobs.report.QualityModel.Rejection;
import cn.changai.jobs.report.QualityModel.Submission;
import cn.changai.jobs.spark.Scratch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The period's Excel workbook, {@code changai-<period>.xlsx}: the rankings of groups, of
 * enterprises and within each industry, every indicator value (wide), the skill-level distribution
 * and data quality per submission, one sheet each, for planners who take the numbers into Excel.
 * Unit names come first, numbers are numbers with formats, and every cell from a submission is a
 * typed value, never a formula. It shows what the pages show and suppresses what they suppress.
 */
public final class PeriodWorkbook {

  /** Suppressed cells get a note each up to this many in the workbook; beyond it the grey fill and the legend say it. */
  static final int MAX_NOTES = 2000;

  /** The time of every entry of the workbook's zip. */
  static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  /** Excel's limit on the text of one cell. */
  static final int MAX_TEXT = 32_767;
  /** What ends a text cut at that limit. */
  static final String CUT = "\n…（超出单元格字数上限，全文见网页 / cut at Excel's cell limit: the pages show it whole）";

  private PeriodWorkbook() {}

  /**
   * A text as a cell stores it (ECMA-376 shared and inline strings): a reader decodes
   * {@code _xHHHH_} to the character HHHH, so a literal one has its underscore written as
   * {@code _x005F_} (else a name spelled {@code _x0031__x0033_…} would open in Excel as the digits
   * of a phone number); a character XML cannot hold (a control character, U+FFFE, U+FFFF, half a
   * surrogate pair) is written as its {@code _xHHHH_}, where the writer would put a question mark.
   * A text longer than Excel's limit is cut at a line break, or between characters, and ends
   * with {@link #CUT}.
   */
  static String cellText(String value) {
    if (value.length() <= MAX_TEXT && plain(value)) {
      return value; // nearly every cell: no underscore, nothing XML cannot hold
    }
    String whole = escaped(value, Integer.MAX_VALUE);
    return whole.length() <= MAX_TEXT ? whole : escaped(value, MAX_TEXT - CUT.length()) + CUT;
  }

  /** The escaped text, at most {@code budget} characters of it, cut after the last whole line that fits if any. */
  private static String escaped(String value, int budget) {
    StringBuilder out = new StringBuilder(Math.min(value.length() + 16, MAX_TEXT));
    int lastBreak = -1;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      int n = Character.charCount(cp);
      String piece;
      if (cp == '_' && isEscape(value, i)) {
        piece = "_x005F_";
      } else if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' || cp == 0xFFFE || cp == 0xFFFF
          || Character.isSurrogate((char) cp) && n == 1) {
        piece = String.format(Locale.ROOT, "_x%04X_", cp);
      } else {
        piece = value.substring(i, i + n);
      }
      if (out.length() + piece.length() > budget) {
        if (lastBreak > 0) {
          out.setLength(lastBreak);
        }
        return out.toString();
      }
      if (cp == '\n') {
        lastBreak = out.length();
      }
      out.append(piece);
      i += n;
    }
    return out.toString();
  }

  /** Whether a text holds nothing {@link #escaped} would change. */
  private static boolean plain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '_' || c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0xD800 && c <= 0xDFFF || c >= 0xFFFE) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code _xHHHH_} starts at {@code i}. */
  private static boolean isEscape(String value, int i) {
    if (i + 7 > value.length() || value.charAt(i + 1) != 'x' || value.charAt(i + 6) != '_') {
      return false;
    }
    for (int k = i + 2; k < i + 6; k++) {
      char c = value.charAt(k);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  /** The workbook's file name in the period's report folder. */
  public static String fileName(String period) {
    return "changai-" + period + ".xlsx";
  }

  /** The workbook of one period, as bytes, with the change since the window's previous period. */
  public static byte[] bytes(PeriodData data, History.Window window, int minBase) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(data, window, minBase, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static boolean privateTempFolder;

  /**
   * POI's streaming sheets go to this process's own folder ({@link Scratch}), not POI's shared
   * {@code <tmp>/poifiles}: made by the first user to run, that folder refuses every other user's
   * files, and such a run failed at its very last stage.
   */
  private static synchronized void usePrivateTempFolder() throws IOException {
    if (!privateTempFolder) {
      java.nio.file.Path folder = java.nio.file.Files.createDirectories(
          Scratch.open(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))).resolve("poi"));
      org.apache.poi.util.TempFile.setTempFileCreationStrategy(
          new org.apache.poi.util.DefaultTempFileCreationStrategy(folder.toFile()));
      privateTempFolder = true;
    }
  }

  /** Writes the workbook of one period, with the change since the window's previous period. */
  public static void write(PeriodData data, History.Window window, int minBase, OutputStream out) throws IOException {
    ReportContext ctx = new ReportContext(data, minBase, window);
    // Streaming: rows go to a temporary file as they are written, so thousands of units cost
    // seconds, not minutes, and little memory.
    usePrivateTempFolder();
    SXSSFWorkbook wb = new SXSSFWorkbook(new XSSFWorkbook(), 200);
    try {
      // No creation time: the same tables give the same bytes.
      wb.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(Optional.empty());
      wb.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("Changai");
      Styles styles = new Styles(wb, minBase);
      ranking(new Grid(wb.createSheet("集团排名 Groups"), styles), ctx, List.of(PeriodData.SCOPE_GROUPS), false);
      ranking(new Grid(wb.createSheet("企业排名 Enterprises"), styles), ctx, List.of(PeriodData.SCOPE_ENTERPRISES), false);
      List<String> industries = new ArrayList<>();
      for (ScoreRow s : data.scores()) {
        if (s.scope() != null && s.scope().startsWith(PeriodData.SCOPE_INDUSTRY_PREFIX) && !industries.contains(s.scope())) {
          industries.add(s.scope());
        }
      }
      industries.sort(Comparator.naturalOrder());
      ranking(new Grid(wb.createSheet("行业内排名 By industry"), styles), ctx, industries, true);
      indicators(new Grid(wb.createSheet("指标值 Indicators"), styles), ctx);
      skills(new Grid(wb.createSheet("技能等级 Skill levels"), styles), ctx);
      quality(new Grid(wb.createSheet("数据质量 Data quality"), styles), ctx);
      formerMembers(new Grid(wb.createSheet("成员变动 Former members"), styles), ctx);
      about(wb.createSheet("说明 About"), styles, ctx);
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      wb.write(zipped);
      withFixedTimes(zipped.toByteArray(), out);
    } finally {
      wb.close();
      wb.dispose();
    }
  }

  /** Every entry of the zip stamped 2000-01-01 00:00 (POI stamps the time of writing), so the bytes depend on the data alone. */
  static void withFixedTimes(byte[] zip, OutputStream out) throws IOException {
    ZipOutputStream rewritten = new ZipOutputStream(out);
    // Read through the central directory: POI's streaming writer leaves sizes to data descriptors,
    // which java.util.zip's stream reader refuses.
    try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
      for (ZipArchiveEntry entry : java.util.Collections.list(in.getEntriesInPhysicalOrder())) {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTimeLocal(ENTRY_TIME);
        rewritten.putNextEntry(copy);
        try (java.io.InputStream data = in.getInputStream(entry)) {
          data.transferTo(rewritten);
        }
        rewritten.closeEntry();
      }
    }
    rewritten.finish();
  }

  /** The rows of the given scopes: by scope, then ranked units by rank (ties by name), then the unranked by name. */
  private static void ranking(Grid g, ReportContext ctx, List<String> scopes, boolean byIndustry) {
    g.header("单位名称", "Unit");
    if (byIndustry) {
      g.header("行业", "Industry");
    }
    g.header("排名", "Rank");
    g.header("综合得分", "Composite");
    g.header("等级", "Tier");
    g.header("A 思想政治引领", "A guidance");
    g.header("B 技能形成", "B skills");
    g.header("C 创新创效", "C innovation");
    g.header("D 保障机制", "D safeguards");
    g.header("排名区间下限 P5", "Rank 5th percentile");
    g.header("排名中位数", "Median rank");
    g.header("排名区间上限 P95", "Rank 95th percentile");
    g.header("排名不稳定", "Unstable");
    g.header("名次变化", "Change (+ up)");
    String previous = ctx.window.previous();
    g.header("上期综合" + (previous == null ? "" : " " + previous), "Previous composite");
    g.header("得分变化", "Composite change");
    g.header("未排名原因", "Why not ranked");
    if (!byIndustry) {
      g.header("行业", "Industry");
    }
    g.header("统一社会信用代码", "Credit code");
    g.header("范围代码", "Scope code");
    for (String scope : scopes) {
      List<ScoreRow> rows = new ArrayList<>(ctx.scope(scope));
      rows.sort(Comparator.comparing(ScoreRow::rank, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(s -> Objects.toString(s.unitName(), ""))
          .thenComparing(s -> Objects.toString(s.unitId(), "")));
      for (ScoreRow s : rows) {
        String industry = ctx.industryOf(s.unitId()).orElse(null);
        g.row();
        g.text(name(ctx, s));
        if (byIndustry) {
          g.text(Labels.industry(scope.substring(PeriodData.SCOPE_INDUSTRY_PREFIX.length())));
        }
        g.number(s.rank(), g.styles.whole);
        g.number(s.composite(), g.styles.two);
        g.text(s.rank() == null ? "未排名 not ranked" : s.tier());
        for (cn.changai.indicators.Part part : cn.changai.indicators.Part.values()) {
          g.number(s.part(part), g.styles.two);
        }
        g.number(s.rankP05(), g.styles.whole);
        g.number(s.rankMedian(), g.styles.whole);
        g.number(s.rankP95(), g.styles.whole);
        g.text(s.rank() == null || s.rankP05() == null ? null : s.rankUnstable() ? "是" : "否");
        g.number(s.rankChange(), g.styles.change);
        // In the same scope, as ranking.csv: an enterprise new to an industry has no previous there.
        History.ScorePoint before = previous == null ? null : ctx.window.score(previous, scope, s.unitLevel(), s.unitId());
        Change change = Change.ofScore(s.composite(), before == null ? null : before.composite(), previous);
        g.number(change.previous(), g.styles.two);
        g.number(change.state() == Change.State.COMPARED ? change.delta() : null, g.styles.twoChange);
        g.text(s.rank() == null ? s.unrankedReason() : null);
        if (!byIndustry) {
          g.text(Labels.industry(industry));
        }
        g.text(s.unitId());
        g.text(s.scope());
      }
    }
    g.finish();
  }

  /** Every indicator of the catalogue, one column each: the system, then groups, then enterprises, by name. */
  private static void indicators(Grid g, ReportContext ctx) {
    g.header("单位名称", "Unit");
    g.header("单位类型", "Level");
    g.header("统一社会信用代码", "Credit code");
    g.header("行业", "Industry");
    for (Indicator indicator : Catalogue.all()) {
      Labels.Unit unit = Labels.unit(indicator);
      String suffix = unit == Labels.PLAIN ? "" : " (" + unit.english() + ")";
      g.header(indicator.id() + " " + indicator.nameZh(), indicator.nameEn() + suffix);
    }
    for (Unit u : units(ctx)) {
      g.row();
      g.text(u.name());
      g.text(levelChinese(u.level()));
      g.text(PeriodData.LEVEL_SYSTEM.equals(u.level()) ? null : u.id());
      g.text(Labels.industry(ctx.industryOf(u.id()).orElse(null)));
      java.util.Map<String, IndicatorRow> rows = PeriodData.LEVEL_SYSTEM.equals(u.level()) ? systemRows(ctx)
          : ctx.indicators(u.level(), u.id());
      for (Indicator indicator : Catalogue.all()) {
        IndicatorRow row = rows.get(indicator.id());
        if (row != null && row.lowBase()) {
          g.suppressed();
        } else if (row == null || row.value() == null || !Double.isFinite(row.value())) {
          g.text(null);
        } else if (Labels.unit(indicator) == Labels.PERCENT) {
          g.number(row.value() / 100.0, g.styles.percent);
        } else {
          g.number(row.value(), g.styles.two);
        }
      }
    }
    g.finish();
  }

  private static java.util.Map<String, IndicatorRow> systemRows(ReportContext ctx) {
    java.util.Map<String, IndicatorRow> rows = new java.util.HashMap<>();
    for (Indicator indicator : Catalogue.all()) {
      ctx.system(indicator.id()).ifPresent(r -> rows.put(indicator.id(), r));
    }
    return rows;
  }

  /** Counts and shares of the eight skill levels per unit; a unit under the minimum base shows none. */
  private static void skills(Grid g, ReportContext ctx) {
    g.header("单位名称", "Unit");
    g.header("单位类型", "Level");
    g.header("统一社会信用代码", "Credit code");
    g.header("产业工人", "Industrial workers");
    List<cn.changai.domain.SkillLevel> levels = List.of(cn.changai.domain.SkillLevel.values());
    for (cn.changai.domain.SkillLevel level : levels) {
      g.header(level.chinese() + " 人数", level.code() + " count");
    }
    for (cn.changai.domain.SkillLevel level : levels) {
      g.header(level.chinese() + " 占比", level.code() + " share");
    }
    for (Unit u : units(ctx)) {
      SkillChart chart = ctx.skillChart(u.level(), u.id());
      if (chart == null) {
        continue;
      }
      g.row();
      g.text(u.name());
      g.text(levelChinese(u.level()));
      g.text(PeriodData.LEVEL_SYSTEM.equals(u.level()) ? null : u.id());
      if (chart.suppressed()) {
        g.suppressed();
        for (int i = 0; i < 2 * levels.size(); i++) {
          g.grey();
        }
        continue;
      }
      g.number(chart.total(), g.styles.count);
      for (SkillChart.Bar bar : chart.bars()) {
        g.number(bar.count(), g.styles.count);
      }
      for (SkillChart.Bar bar : chart.bars()) {
        g.number(bar.share(), g.styles.percent);
      }
    }
    g.finish();
  }

  /** Every submission with its counts and findings, as on the quality page (inbox folders, never server paths). */
  private static void quality(Grid g, ReportContext ctx) {
    g.header("单位名称", "Unit");
    g.header("统一社会信用代码", "Credit code");
    g.header("状态", "Status");
    g.header("读取行", "Rows read");
    g.header("接收行", "Accepted");
    g.header("拒收行", "Rejected");
    g.header("警告", "Warnings");
    g.header("整份拒收原因", "Refused whole because");
    g.header("拒收行原因", "Rejected rows by reason");
    g.header("警告原因", "Warnings by reason");
    g.header("收件箱位置", "Inbox folder");
    QualityModel model = QualityModel.build(ctx);
    for (Submission s : model.submissions()) {
      g.row();
      g.text(s.name() != null ? s.name() : s.enterpriseId() != null ? s.enterpriseId() : "期次目录 period folder");
      g.text(s.enterpriseId());
      g.text(!s.accepted() ? "整份拒收 refused" : s.workersRead() == null ? "其他 other" : "已接收 accepted");
      g.number(s.workersRead(), g.styles.count);
      g.number(s.workersAccepted(), g.styles.count);
      g.number(s.workersRejected(), g.styles.count);
      g.number(s.warningCount(), g.styles.count);
      List<String> refusals = new ArrayList<>();
      for (Rejection r : s.rejections()) {
        refusals.add(r.reasonCode() + " " + Labels.reasonChinese(r.reasonCode()) + "：" + r.text());
      }
      g.text(refusals.isEmpty() ? null : String.join("；\n", refusals));
      g.text(findings(s.rejectedRows()));
      g.text(findings(s.warnings()));
      g.text(s.path());
    }
    // As on quality.html: who reported last period and not in this one, after those who did.
    for (QualityModel.Absent a : model.absent()) {
      g.row();
      g.text(a.name());
      g.text(a.enterpriseId());
      g.text("本期未报送（" + model.previousPeriod() + " 期有数据） not submitted (had data in " + model.previousPeriod() + ")");
    }
    g.finish();
  }

  /**
   * As on the groups' scorecards: each group's members of the previous period that this period
   * does not count, and why, by group name; empty without a previous period.
   */
  private static void formerMembers(Grid g, ReportContext ctx) {
    String previous = ctx.window.previous();
    g.header("集团", "Group");
    g.header("集团统一社会信用代码", "Group credit code");
    g.header("上期成员" + (previous == null ? "" : " " + previous), "Member then");
    g.header("统一社会信用代码", "Credit code");
    g.header("本期未计入原因", "Why not counted now");
    List<UnitLink> groups = new ArrayList<>(ctx.groups());
    groups.sort(Comparator.comparing((UnitLink u) -> Objects.toString(u.name(), "")).thenComparing(UnitLink::id));
    for (UnitLink group : groups) {
      for (ScorecardModel.FormerMember f : ScorecardModel.formerMembers(ctx, group.id())) {
        g.row();
        g.text(group.name());
        g.text(group.id());
        g.text(f.name());
        g.text(f.enterpriseId());
        g.text(switch (f.why()) {
          case NOT_SUBMITTED -> "本期未报送 no submission";
          case REFUSED -> "本期报送被拒收 refused (see 数据质量 Data quality)";
          case ELSEWHERE -> "本期不在本集团之下 not under this group now";
        });
      }
    }
    g.finish();
  }

  /** Findings grouped by reason: "BAD_DATE 日期无效 ×2 (workers.csv hire_date)", one a line. */
  private static String findings(List<FindingGroup> groups) {
    if (groups.isEmpty()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (FindingGroup f : groups) {
      String where = f.column() == null ? Objects.toString(f.file(), "") : f.file() + " " + f.column();
      lines.add(f.reasonCode() + " " + Labels.reasonChinese(f.reasonCode()) + " ×" + f.count()
          + (where.isBlank() ? "" : " (" + where.strip() + ")"));
    }
    return String.join("\n", lines);
  }

  private static void about(Sheet sheet, Styles styles, ReportContext ctx) {
    String run = ctx.data.indicators().isEmpty() ? null : ctx.data.indicators().get(0).runId();
    String[][] lines = {
      {"期次 Period", ctx.data.period()},
      {"计算批次 Run", run},
      {"※ 灰色空格 Grey empty cell", "样本不足（产业工人少于 " + ctx.minBase + " 人），不予公开 / Suppressed: fewer than "
          + ctx.minBase + " workers in the base"},
      {"空格 Empty cell", "无数据（分母为 0 或未报送） / No value: a zero or unreported denominator"},
      {"等级 Tiers", "优秀 ≥ 85，良好 ≥ 70，合格 ≥ 55，其余为待改进 / excellent, good, pass, to improve"},
      {"名次变化 Change", "较上期名次变化，正数为上升 / places since the previous period, positive = moved up"},
      {"缺少的数据表 Missing tables", String.join(", ", ScorecardModel.missing(ctx.data))},
    };
    for (int i = 0; i < lines.length; i++) {
      Row row = sheet.createRow(i);
      Cell key = row.createCell(0);
      key.setCellValue(lines[i][0]);
      key.setCellStyle(styles.header);
      if (lines[i][1] != null && !lines[i][1].isEmpty()) {
        row.createCell(1).setCellValue(cellText(lines[i][1]));
      }
    }
    sheet.setColumnWidth(0, 32 * 256);
    sheet.setColumnWidth(1, 90 * 256);
  }

  /** A unit of the indicator and skill sheets. */
  private record Unit(String level, String id, String name) {}

  /** The system, then every group, then every enterprise, each by name then id. */
  private static List<Unit> units(ReportContext ctx) {
    List<Unit> units = new ArrayList<>();
    units.add(new Unit(PeriodData.LEVEL_SYSTEM, PeriodData.LEVEL_SYSTEM, "全系统 System"));
    Comparator<UnitLink> byName = Comparator.comparing((UnitLink u) -> Objects.toString(u.name(), ""))
        .thenComparing(UnitLink::id);
    ctx.groups().stream().sorted(byName).forEach(u -> units.add(new Unit(u.level(), u.id(), u.name())));
    ctx.enterprises().stream().sorted(byName).forEach(u -> units.add(new Unit(u.level(), u.id(), u.name())));
    return units;
  }

  private static String name(ReportContext ctx, ScoreRow s) {
    return ctx.unit(s.unitLevel(), s.unitId()).map(UnitLink::name)
        .orElse(s.unitName() == null ? s.unitId() : s.unitName());
  }

  private static String levelChinese(String level) {
    return switch (level) {
      case PeriodData.LEVEL_SYSTEM -> "全系统";
      case PeriodData.LEVEL_GROUP -> "集团";
      case PeriodData.LEVEL_ENTERPRISE -> "企业";
      default -> level;
    };
  }

  /** The workbook's cell styles, made once (Excel allows a limited number). */
  private static final class Styles {

    final SXSSFWorkbook wb;
    final CreationHelper helper;
    final String suppressedNote;
    final CellStyle header;
    final CellStyle text;
    final CellStyle whole;
    final CellStyle two;
    final CellStyle percent;
    final CellStyle count;
    final CellStyle change;
    final CellStyle twoChange;
    final CellStyle suppressed;
    int notes;

    Styles(SXSSFWorkbook wb, int minBase) {
      this.wb = wb;
      this.helper = wb.getCreationHelper();
      this.suppressedNote = "样本不足（产业工人少于 " + minBase + " 人），不予公开\nSuppressed: fewer than " + minBase
          + " workers in the base";
      Font bold = wb.createFont();
      bold.setBold(true);
      header = wb.createCellStyle();
      header.setFont(bold);
      header.setWrapText(true);
      header.setVerticalAlignment(VerticalAlignment.TOP);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      header.setBorderBottom(BorderStyle.THIN);
      text = wb.createCellStyle();
      text.setWrapText(true);
      text.setVerticalAlignment(VerticalAlignment.TOP);
      whole = numeric("0");
      two = numeric("0.00");
      percent = numeric("0.0%");
      count = numeric("#,##0");
      change = numeric("+0;-0;0");
      twoChange = numeric("+0.00;-0.00;0.00");
      suppressed = wb.createCellStyle();
      suppressed.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      suppressed.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }

    private CellStyle numeric(String format) {
      CellStyle style = wb.createCellStyle();
      style.setDataFormat(helper.createDataFormat().getFormat(format));
      style.setVerticalAlignment(VerticalAlignment.TOP);
      return style;
    }
  }

  /**
   * One sheet filled row by row: a header row, then cells left to right; at the end the header is
   * frozen with the first column, an autofilter covers the table, and widths follow the content.
   */
  private static final class Grid {

    private final Sheet sheet;
    final Styles styles;
    private final List<Integer> widths = new ArrayList<>();
    private Drawing<?> drawing;
    private Row row;
    private int rowIndex;
    private int column;

    Grid(Sheet sheet, Styles styles) {
      this.sheet = sheet;
      this.styles = styles;
      this.row = sheet.createRow(0);
      // Two lines: the Chinese label over the English one.
      row.setHeightInPoints(32);
    }

    void header(String chinese, String english) {
      Cell cell = row.createCell(column);
      cell.setCellValue(chinese + "\n" + english);
      cell.setCellStyle(styles.header);
      widths.add(Math.max(display(chinese), display(english)));
      column++;
    }

    void row() {
      rowIndex++;
      row = sheet.createRow(rowIndex);
      column = 0;
    }

    /** A text cell: always a string, so text that looks like a formula stays text. Null leaves the cell empty. */
    void text(String value) {
      if (value != null && !value.isEmpty()) {
        String shown = cellText(value);
        Cell cell = row.createCell(column);
        cell.setCellValue(shown);
        cell.setCellStyle(styles.text);
        int longest = 0;
        for (String line : shown.split("\n", -1)) {
          longest = Math.max(longest, display(line));
        }
        widen(longest);
      }
      column++;
    }

    void number(Number value, CellStyle style) {
      if (value != null && Double.isFinite(value.doubleValue())) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value.doubleValue());
        cell.setCellStyle(style);
        widen(10);
      }
      column++;
    }

    /** A suppressed value: an empty grey cell with a note saying why. */
    void suppressed() {
      Cell cell = row.createCell(column);
      cell.setCellStyle(styles.suppressed);
      if (styles.notes < MAX_NOTES) {
        styles.notes++;
        if (drawing == null) {
          drawing = sheet.createDrawingPatriarch();
        }
        ClientAnchor anchor = styles.helper.createClientAnchor();
        anchor.setCol1(column + 1);
        anchor.setCol2(column + 4);
        anchor.setRow1(rowIndex);
        anchor.setRow2(rowIndex + 3);
        Comment note = drawing.createCellComment(anchor);
        note.setString(styles.helper.createRichTextString(styles.suppressedNote));
        note.setAuthor("Changai");
        // The streaming writer files a note under its box's corner unless told the cell.
        note.setAddress(rowIndex, column);
        cell.setCellComment(note);
      }
      column++;
    }

    /** An empty grey cell: suppressed, with the note on the row's first suppressed cell. */
    void grey() {
      row.createCell(column).setCellStyle(styles.suppressed);
      column++;
    }

    private void widen(int width) {
      if (column < widths.size() && width > widths.get(column)) {
        widths.set(column, width);
      }
    }

    void finish() {
      sheet.createFreezePane(1, 1);
      if (rowIndex > 0) {
        sheet.setAutoFilter(new CellRangeAddress(0, rowIndex, 0, widths.size() - 1));
      }
      for (int c = 0; c < widths.size(); c++) {
        sheet.setColumnWidth(c, (Math.min(50, Math.max(8, widths.get(c))) + 2) * 256);
      }
    }

    /** Columns a text takes: CJK and other wide characters count two. */
    private static int display(String text) {
      int width = 0;
      for (int i = 0; i < text.length(); i++) {
        width += text.charAt(i) >= 0x1100 ? 2 : 1;
      }
      return width;
    }
  }
}
