package cn.changai.jobs.score;

import cn.changai.domain.Industry;
import cn.changai.indicators.Part;
import cn.changai.jobs.ingest.SafeText;
import cn.changai.indicators.score.PeriodScorer;
import cn.changai.indicators.score.RankInterval;
import cn.changai.indicators.score.ScopeScores;
import cn.changai.indicators.score.UnitScore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The ranking reports of one period: {@code ranking.csv} (for Excel: UTF-8 with a BOM, text that
 * Excel would run as a formula neutralised), {@code ranking.md} and {@code ranking.json}; for each
 * scope, rank, unit, composite (2 decimals), tier, part scores, rank interval and change, and the
 * previous period's composite (scored again under the same weights and method, as the rank
 * change is) with the composite's change.
 */
public final class RankingReports {

  public static final String CSV = "ranking.csv";
  public static final String MARKDOWN = "ranking.md";
  public static final String JSON = "ranking.json";

  private static final String NONE = "—";
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  // For people opening it in Excel: the scope in Chinese with its code beside, the unit's name
  // right after the rank, codes after the name.
  private static final String[] CSV_HEADER = {
    "范围 scope", "范围代码 scope_code", "排名 rank", "单位名称 unit_name", "单位代码 unit_id", "单位类型 unit_level",
    "综合得分 composite",
    "等级 tier", "A 思想政治引领 part_a", "B 技能形成 part_b", "C 创新创效 part_c",
    "D 保障机制 part_d", "排名中位数 rank_median",
    "排名区间下限 rank_p05", "排名区间上限 rank_p95", "排名不稳定 rank_unstable", "排名变化 rank_change",
    "上期综合得分 composite_previous", "综合得分变化 composite_change"
  };

  /**
   * One period's rankings and how they were made; {@code previousComposites} holds the previous
   * period's composites by {@link PeriodScorer#key} (empty without a previous period).
   */
  public record Ranking(String period, String previousPeriod, String method, String runId, List<ScopeScores> scopes,
      Map<String, Double> previousComposites, java.util.Set<String> previousUnits) {

    public Ranking(String period, String previousPeriod, String method, String runId, List<ScopeScores> scopes) {
      this(period, previousPeriod, method, runId, scopes, Map.of());
    }

    /** Without the previous period's unranked units: a unit ranked now and not then reads as new. */
    public Ranking(String period, String previousPeriod, String method, String runId, List<ScopeScores> scopes,
        Map<String, Double> previousComposites) {
      this(period, previousPeriod, method, runId, scopes, previousComposites, previousComposites.keySet());
    }

    /**
     * {@code previousUnits} holds, by {@link PeriodScorer#key}, every unit the previous period's
     * scopes held, ranked or not: a unit ranked now that was there unranked is not new.
     */
    public Ranking {
      previousComposites = Map.copyOf(previousComposites);
      previousUnits = java.util.Set.copyOf(previousUnits);
    }

    /** True when the unit was in the same scope in the previous period, ranked or not. */
    boolean wasThen(UnitScore u) {
      return previousUnits.contains(PeriodScorer.key(u.scope(), u.unitLevel(), u.unitId()));
    }

    /** The unit's composite in the previous period, or null when it was not ranked there. */
    Double previousComposite(UnitScore u) {
      return previousComposites.get(PeriodScorer.key(u.scope(), u.unitLevel(), u.unitId()));
    }

    /**
     * The composite's change, from the composites as the reports show them (2 decimals), so the
     * reader's own subtraction agrees; null unless both are known.
     */
    BigDecimal compositeChange(UnitScore u) {
      Double before = previousComposite(u);
      return before == null || u.composite() == null ? null : decimal(u.composite()).subtract(decimal(before));
    }
  }

  /** Every ranked unit's composite, by key, from a re-scoring of the previous period. */
  public static Map<String, Double> composites(Map<String, UnitScore> scored) {
    Map<String, Double> out = new java.util.HashMap<>();
    scored.forEach((key, s) -> {
      if (s.composite() != null) {
        out.put(key, s.composite());
      }
    });
    return out;
  }

  private RankingReports() {}

  /** The CSV file's bytes: BOM, header, one line per unit and scope. */
  public static byte[] csv(Ranking ranking) {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get())) {
      for (ScopeScores scope : ranking.scopes()) {
        for (UnitScore u : scope.units()) {
          RankInterval r = u.interval();
          csv.printRecord(
              scopeChinese(scope.scope()), text(scope.scope()), number(u.rank()), excelText(u.unitName()),
              excelText(u.unitId()),
              levelChinese(u.unitLevel()), two(u.composite(), ""), text(u.tier()),
              two(u.part(Part.A), ""), two(u.part(Part.B), ""), two(u.part(Part.C), ""), two(u.part(Part.D), ""),
              r == null ? "" : Integer.toString(r.median()), r == null ? "" : Integer.toString(r.p05()),
              r == null ? "" : Integer.toString(r.p95()), r == null ? "" : (r.unstable() ? "是" : "否"),
              number(u.rankChange()), two(ranking.previousComposite(u), ""),
              ranking.compositeChange(u) == null ? "" : ranking.compositeChange(u).toPlainString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A text cell as a spreadsheet may safely open it: one that starts with {@code =}, {@code +},
   * {@code -} or {@code @}, in ASCII, full-width (＝＋－＠) or small form (﹦﹢﹣﹫), also after blanks,
   * invisible characters or control characters (NUL, U+0085 NEXT LINE and the other C0 and C1
   * controls, which an importer or a clean-up may drop), or that starts with a tab or a line break,
   * gets a leading apostrophe, so that it stays text. Null is an empty cell. Every CSV the program
   * writes goes through here.
   */
  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return value == null ? "" : value;
    }
    if ("\t\r\n".indexOf(value.charAt(0)) >= 0) {
      return "'" + value;
    }
    int i = 0;
    while (i < value.length() && isBlankBeforeFormula(value.charAt(i))) {
      i++;
    }
    return i < value.length() && FORMULA_STARTS.indexOf(value.charAt(i)) >= 0 ? "'" + value : value;
  }

  /** A character a reader does not see before a formula's sign: a blank, an invisible format character, a control character. */
  private static boolean isBlankBeforeFormula(char c) {
    int type = Character.getType(c);
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.FORMAT || type == Character.CONTROL;
  }

  /** The characters a spreadsheet may take as the start of a formula. */
  private static final String FORMULA_STARTS = "=+-@＝＋－＠﹦﹢﹣﹫";

  /**
   * A text cell of the CSV for people ({@link #text}), kept text when Excel or LibreOffice would
   * read it as a number, a date, a time or a truth value: a credit code of digits only
   * ({@code 913100001322003404}, which Excel shows as 9.131E+17 and keeps 15 digits of), a name
   * such as {@code 1E5} or {@code 2025-01}. Such a cell is written {@code ="913100001322003404"},
   * which both show as the text itself. Programs read {@code tables/scores} instead.
   */
  static String excelText(String value) {
    String safe = text(value);
    if (!safe.equals(value) || !READ_AS_NUMBER.matcher(value.strip()).matches()) {
      return safe;
    }
    return "=\"" + value + "\"";
  }

  /** A month's English name, whole or cut to three or four letters, as spreadsheets read in dates. */
  private static final String MONTH = "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?"
      + "|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?";

  /**
   * What a spreadsheet opening a CSV takes for a number, date, time or truth value rather than
   * text: digits with separators, a decimal point (leading or not), an exponent, a percent or a
   * currency sign, in brackets as an accountant's negative ({@code (1)}); fractions
   * ({@code 3 1/2}); dates and times of digits, with a month's English name ({@code Jan-25},
   * {@code 5 May 2025}) or in Chinese ({@code 2025年1月}, {@code 1月2日}, {@code 12时30分});
   * TRUE and FALSE; error values ({@code #N/A}, {@code #DIV/0!}). A value that matches holds no quote.
   */
  private static final java.util.regex.Pattern READ_AS_NUMBER = java.util.regex.Pattern.compile(
      "\\(?[$¥￥€£]?\\.?[0-9][0-9.,\\s]*([eE][+-]?[0-9]+)?%?\\)?"
          + "|[0-9]+\\s+[0-9]+/[0-9]+"
          + "|[0-9]{1,4}([-/.][0-9]{1,2}){1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?"
          + "|[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?( ?[AaPp][Mm])?"
          + "|(?i:(" + MONTH + ")[-/ .,]+[0-9]{1,4}([-/ .,]+[0-9]{1,4})?)"
          + "|(?i:[0-9]{1,4}[-/ .,]+(" + MONTH + ")([-/ .,]+[0-9]{1,4})?)"
          + "|([0-9]{1,4}年)?[0-9]{1,2}月([0-9]{1,2}日)?|[0-9]{1,4}年|[0-9]{1,2}时([0-9]{1,2}分([0-9]{1,2}秒)?)?"
          + "|(?i:true|false)"
          + "|(?i:#(N/A|DIV/0!|VALUE!|REF!|NAME\\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA))");

  /** The Markdown report. */
  public static String markdown(Ranking ranking) {
    StringBuilder md = new StringBuilder();
    md.append("# 排名 Ranking ").append(ranking.period()).append("\n\n");
    md.append("- 方法 method: `").append(ranking.method()).append("`\n");
    md.append("- 上期 previous period: ").append(ranking.previousPeriod() == null ? "无 none" : ranking.previousPeriod()).append('\n');
    md.append("- 运行 run: `").append(ranking.runId()).append("`\n");
    md.append("- 排名区间为敏感性分析的第 5 至第 95 百分位；跨度超过 3 位与本范围排名单位数 5% 中的较大者为不稳定。")
        .append(" The rank interval is the 5th to 95th percentile over the sensitivity draws; wider than max(3 places, 5% of the units ranked in the scope) is unstable.\n");
    if (ranking.scopes().isEmpty()) {
      md.append("\n无可排名的单位。 No unit to rank.\n");
    }
    for (ScopeScores scope : ranking.scopes()) {
      md.append("\n## ").append(escape(label(scope.scope()))).append("\n\n");
      md.append("采用指标 indicators used (").append(scope.indicatorsUsed().size()).append("): ")
          .append(scope.indicatorsUsed().isEmpty() ? NONE : String.join(", ", scope.indicatorsUsed())).append(".\n");
      List<String> leftOut = new ArrayList<>();
      int without = 0;
      for (Map.Entry<String, String> e : scope.indicatorsLeftOut().entrySet()) {
        if (e.getValue().equals("no usable value")) {
          without++;
        } else {
          leftOut.add(e.getKey() + " (" + e.getValue() + ")");
        }
      }
      md.append("未采用 left out: ").append(leftOut.isEmpty() ? NONE : String.join(", ", leftOut));
      if (without > 0) {
        md.append("; ").append(without).append(" without any usable value");
      }
      md.append(".\n\n");
      md.append("| 排名 rank | 单位 unit | 综合 composite | 等级 tier | A | B | C | D | 区间 interval | 变化 change"
          + " | 上期综合 previous | 得分变化 composite change |\n");
      md.append("| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
      for (UnitScore u : scope.units()) {
        RankInterval r = u.interval();
        md.append("| ").append(u.rank() == null ? NONE : u.rank().toString())
            .append(" | ").append(escape(u.unitName() == null ? u.unitId() : u.unitName()))
            .append(" | ").append(two(u.composite(), NONE))
            .append(" | ").append(u.ranked() ? u.tier() : "未排名 not ranked"
                + (u.unrankedReason() == null ? "" : ": " + escape(u.unrankedReason())))
            .append(" | ").append(two(u.part(Part.A), NONE))
            .append(" | ").append(two(u.part(Part.B), NONE))
            .append(" | ").append(two(u.part(Part.C), NONE))
            .append(" | ").append(two(u.part(Part.D), NONE))
            .append(" | ").append(r == null ? NONE : r.p05() + "–" + r.p95() + (r.unstable() ? " 不稳定 unstable" : ""))
            .append(" | ").append(change(u, ranking.previousPeriod() != null, ranking.wasThen(u)))
            .append(" | ").append(two(ranking.previousComposite(u), NONE))
            .append(" | ").append(signed(ranking.compositeChange(u), NONE))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  /** The JSON report's bytes. */
  public static byte[] json(Ranking ranking) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("period", ranking.period());
    root.put("previous_period", ranking.previousPeriod());
    root.put("method", ranking.method());
    root.put("run_id", ranking.runId());
    List<Object> scopes = new ArrayList<>();
    for (ScopeScores scope : ranking.scopes()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("scope", scope.scope());
      s.put("label", label(scope.scope()));
      s.put("indicators_used", scope.indicatorsUsed());
      s.put("indicators_left_out", scope.indicatorsLeftOut());
      List<Object> units = new ArrayList<>();
      for (UnitScore u : scope.units()) {
        RankInterval r = u.interval();
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("rank", u.rank());
        unit.put("unit_level", u.unitLevel());
        unit.put("unit_id", u.unitId());
        unit.put("unit_name", u.unitName());
        unit.put("composite", decimal(u.composite()));
        unit.put("tier", u.tier());
        Map<String, Object> parts = new LinkedHashMap<>();
        for (Part part : Part.values()) {
          parts.put(part.name(), decimal(u.part(part)));
        }
        unit.put("parts", parts);
        unit.put("rank_median", r == null ? null : r.median());
        unit.put("rank_p05", r == null ? null : r.p05());
        unit.put("rank_p95", r == null ? null : r.p95());
        unit.put("rank_unstable", r == null ? null : r.unstable());
        unit.put("rank_change", u.rankChange());
        Double previous = ranking.previousComposite(u);
        unit.put("composite_previous", previous == null ? null : decimal(previous));
        unit.put("composite_change", ranking.compositeChange(u));
        unit.put("indicators_used", u.indicatorsUsed());
        unit.put("unranked_reason", u.unrankedReason());
        units.add(unit);
      }
      s.put("units", units);
      scopes.add(s);
    }
    root.put("scopes", scopes);
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scope's heading, Chinese first: 集团间排名 groups among groups. */
  public static String label(String scope) {
    if (scope.equals(PeriodScorer.GROUPS)) {
      return "集团间排名 groups among groups";
    }
    if (scope.equals(PeriodScorer.ENTERPRISES)) {
      return "全部企业排名 all enterprises";
    }
    if (scope.startsWith(PeriodScorer.INDUSTRY_PREFIX)) {
      String code = scope.substring(PeriodScorer.INDUSTRY_PREFIX.length());
      String chinese = Industry.ofCode(code).map(Industry::chinese).orElse(code);
      return "行业内企业排名 " + chinese + " enterprises within industry " + code;
    }
    return scope;
  }

  /** A scope's short Chinese name, for a cell: 集团排名, 企业排名, 行业内排名：汽车制造. */
  public static String scopeChinese(String scope) {
    if (scope.equals(PeriodScorer.GROUPS)) {
      return "集团排名";
    }
    if (scope.equals(PeriodScorer.ENTERPRISES)) {
      return "企业排名";
    }
    if (scope.startsWith(PeriodScorer.INDUSTRY_PREFIX)) {
      String code = scope.substring(PeriodScorer.INDUSTRY_PREFIX.length());
      return "行业内排名：" + Industry.ofCode(code).map(Industry::chinese).orElse(code);
    }
    return text(scope);
  }

  /** A unit level in Chinese: 集团 (a group's roll-up) or 企业. */
  public static String levelChinese(String level) {
    if ("group".equals(level)) {
      return "集团";
    }
    return "enterprise".equals(level) ? "企业" : text(level);
  }

  private static String change(UnitScore u, boolean hasPrevious, boolean wasThen) {
    if (!u.ranked() || !hasPrevious) {
      return NONE;
    }
    if (u.rankChange() == null) {
      // In the scope then but not ranked (screened out, say): it is not new, as the index says.
      return wasThen ? "上期未排名 not ranked before" : "新 new";
    }
    int c = u.rankChange();
    return c > 0 ? "+" + c : Integer.toString(c);
  }

  /**
   * Text shown as itself in Markdown and in the HTML it renders to: no markup, no table breaks, no
   * math ({@code $}), and no link made of a bare address: GFM's autolinks take {@code scheme://}
   * and {@code www.} (any case in the scheme), so the {@code :} and the first {@code /} of
   * {@code ://}, every {@code //} and the dot of {@code www.} are escaped (shown as they are,
   * breaking the match). An e-mail address ({@code a@b.com}, also after {@code mailto:} or
   * {@code xmpp:}) is found after the escapes are gone, so no escape breaks it: every {@code @} is
   * followed by a word joiner (U+2060, written {@code &#8288;}), invisible and no letter of an
   * address, which also keeps GitHub from reading {@code @name} as a mention. Combining marks
   * beyond {@link SafeText#MAX_COMBINING_MARKS} a letter are dropped, as the pages drop them.
   */
  static String escape(String value) {
    if (value == null) {
      return NONE;
    }
    value = SafeText.capCombiningMarks(value);
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', '<', '>', '$' -> out.append('\\').append(c);
        case ':', '/' -> out.append(next == '/' ? "\\" : "").append(c);
        case '.' -> out.append(i >= 3 && value.regionMatches(true, i - 3, "www", 0, 3) ? "\\" : "").append(c);
        case '&' -> out.append("&amp;");
        case '@' -> out.append("@&#8288;");
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String number(Integer value) {
    return value == null ? "" : value.toString();
  }

  private static BigDecimal decimal(Double value) {
    return value == null ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }

  /** A change with its sign: +1.25, -0.50, 0.00. */
  private static String signed(BigDecimal value, String none) {
    return value == null ? none : (value.signum() > 0 ? "+" : "") + value.toPlainString();
  }

  private static String two(Double value, String none) {
    return value == null ? none : decimal(value).toPlainString();
  }
}
