package cn.changai.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.Part;
import cn.changai.indicators.score.RankInterval;
import cn.changai.indicators.score.ScopeScores;
import cn.changai.indicators.score.UnitScore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingReportsTest {

  private static UnitScore unit(String id, String name, Double composite, Integer rank, Integer change) {
    Map<Part, Double> parts = new EnumMap<>(Part.class);
    for (Part p : Part.values()) {
      parts.put(p, composite);
    }
    return new UnitScore("enterprises", "enterprise", id, name, composite, parts, rank,
        rank == null ? null : "合格", List.of("A01"), rank == null ? null : new RankInterval(rank, rank, rank + 4, 5), change);
  }

  private static RankingReports.Ranking ranking(UnitScore... units) {
    return new RankingReports.Ranking("2025", "2024", "normalise=minmax;weights=equal-1;draws=10;seed=1", "run-1",
        List.of(new ScopeScores("enterprises", List.of("A01"), Map.of(), List.of(units))));
  }

  @Test
  void neutralisesTextThatExcelWouldRunAsAFormula() {
    assertThat(RankingReports.text("=1+2")).isEqualTo("'=1+2");
    assertThat(RankingReports.text("+86 公司")).isEqualTo("'+86 公司");
    assertThat(RankingReports.text("-x")).isEqualTo("'-x");
    assertThat(RankingReports.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(RankingReports.text("\t=1")).isEqualTo("'\t=1");
    assertThat(RankingReports.text("\r=1")).isEqualTo("'\r=1");
    assertThat(RankingReports.text("上海=1")).isEqualTo("上海=1");
    // Full-width and small forms, and a sign after blanks or invisible characters (a red-team
    // sweep found ＝1+1 and ＠SUM(1) published bare, 2026-12-06).
    for (String cell : new String[] {"＝1+1", "＋1", "－1", "＠SUM(1)", "﹦1+1", "﹢1", "﹣1", "﹫x", " =1", "\u00a0－1",
        "\ufeff=1", "\u200b@x", "\n=1"}) {
      assertThat(RankingReports.text(cell)).as(cell).isEqualTo("'" + cell);
    }
    // A sign after a control character: NUL, U+0085 NEXT LINE (which Java counts as no blank), any
    // other C0 or C1 control. A raw line of rejected_rows starting \u0085=HYPERLINK(...) reached
    // changai sql --csv bare (2026-12-07).
    for (String cell : new String[] {"\u0000=1+1", "\u0085=HYPERLINK(\"http://x\")", "\u0001+1", "\u009f@x",
        "\u001b-1", " \u0000 ＝1", "\u0085\u3000=1"}) {
      assertThat(RankingReports.text(cell)).as(cell).isEqualTo("'" + cell);
    }
    assertThat(RankingReports.text("\u0000上海=1")).isEqualTo("\u0000上海=1");
    assertThat(RankingReports.text("1-2")).isEqualTo("1-2");
    assertThat(RankingReports.text("  上海")).isEqualTo("  上海");
    assertThat(RankingReports.text("")).isEmpty();
    assertThat(RankingReports.text(null)).isEmpty();
  }

  @Test
  void csvStartsWithABomAndKeepsNumbersAsNumbers() {
    byte[] bytes = RankingReports.csv(ranking(
        unit("U1", "=cmd|' /C calc'!A0", 58.333333, 1, -2),
        unit("U2", "上海某某（集团）有限公司, 二", 12.345, 2, null),
        unit("U3", "三号", null, null, null)));
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.substring(1).split("\r\n");
    assertThat(lines[0]).startsWith("范围 scope,范围代码 scope_code,排名 rank,单位名称 unit_name,单位代码 unit_id,"
        + "单位类型 unit_level,综合得分 composite,等级 tier,A 思想政治引领 part_a,B 技能形成 part_b,C 创新创效 part_c,"
        + "D 保障机制 part_d,");
    assertThat(lines[1]).isEqualTo("企业排名,enterprises,1,'=cmd|' /C calc'!A0,U1,企业,58.33,合格,58.33,58.33,58.33,58.33,1,1,5,是,-2,,");
    assertThat(lines[2]).isEqualTo("企业排名,enterprises,2,\"上海某某（集团）有限公司, 二\",U2,企业,12.35,合格,12.35,12.35,12.35,12.35,2,2,6,是,,,");
    assertThat(lines[3]).isEqualTo("企业排名,enterprises,,三号,U3,企业,,,,,,,,,,,,,");
  }

  @Test
  void textThatASpreadsheetWouldReadAsANumberOrADateStaysText() {
    // An 18-digit credit code: Excel would show 9.131E+17 and keep 15 digits of it.
    assertThat(RankingReports.excelText("913100001322003404")).isEqualTo("=\"913100001322003404\"");
    for (String cell : new String[] {"1E5", "2025-01", "2025/1/2", "12:30", "1,234", "50%", "¥100", "TRUE", "false",
        "3.14", "(1)", "(1,234.5)", ".5", "3 1/2", "Jan-25", "25-Jan", "5 May 2025", "September 2025", "2025年1月",
        "1月2日", "2025年1月2日", "2025年", "12时30分", "#N/A", "#DIV/0!", "#name?"}) {
      assertThat(RankingReports.excelText(cell)).as(cell).isEqualTo("=\"" + cell + "\"");
    }
    // Codes with letters, names, and what text() already neutralises stay as text() gives them.
    assertThat(RankingReports.excelText("91310000PFA8X8CLF4")).isEqualTo("91310000PFA8X8CLF4");
    assertThat(RankingReports.excelText("三号车间")).isEqualTo("三号车间");
    assertThat(RankingReports.excelText("1号")).isEqualTo("1号");
    for (String name : new String[] {"May钢铁", "三月车间", "Marine Tech", "12号车间（2025年）", "(集团)", "Jan"}) {
      assertThat(RankingReports.excelText(name)).as(name).isEqualTo(name);
    }
    assertThat(RankingReports.excelText("-5")).isEqualTo("'-5");
    assertThat(RankingReports.excelText(null)).isEmpty();
    String line = new String(RankingReports.csv(ranking(unit("913100001322003404", "2024", 50.0, 1, null))),
        StandardCharsets.UTF_8).split("\r\n")[1];
    assertThat(line).startsWith("企业排名,enterprises,1,\"=\"\"2024\"\"\",\"=\"\"913100001322003404\"\"\",企业,50.00,");
  }

  @Test
  void scopesAndLevelsReadInChinese() {
    assertThat(RankingReports.scopeChinese("groups")).isEqualTo("集团排名");
    assertThat(RankingReports.scopeChinese("industry:automotive")).isEqualTo("行业内排名：汽车");
    // An industry the contract does not know keeps its code; the cell starts with Chinese, so no formula.
    assertThat(RankingReports.scopeChinese("industry:=x")).isEqualTo("行业内排名：=x");
    assertThat(RankingReports.scopeChinese("=x")).isEqualTo("'=x");
    assertThat(RankingReports.levelChinese("group")).isEqualTo("集团");
    assertThat(RankingReports.levelChinese("enterprise")).isEqualTo("企业");
  }

  @Test
  void anUnrankedUnitSaysWhyInMarkdownAndJson() throws Exception {
    UnitScore screened = new UnitScore("enterprises", "enterprise", "U9", "九号", null, Map.of(), null, null, List.of(), null,
        null, "数据不足：24 项评分指标中仅 7 项有可用值（至少需 16 项） too few usable values: 7 of 24 indicators (at least 16 needed)");
    String md = RankingReports.markdown(ranking(unit("U1", "一号", 50.0, 1, null), screened));
    assertThat(md).contains("| 未排名 not ranked: 数据不足：24 项评分指标中仅 7 项有可用值（至少需 16 项） too few usable values: 7 of 24 "
        + "indicators (at least 16 needed) |");
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(RankingReports.json(ranking(unit("U1", "一号", 50.0, 1, null), screened)));
    com.fasterxml.jackson.databind.JsonNode units = json.get("scopes").get(0).get("units");
    assertThat(units.get(0).get("unranked_reason").isNull()).isTrue();
    assertThat(units.get(1).get("unranked_reason").asText()).startsWith("数据不足：24 项");
  }

  @Test
  void markdownShowsNamesAsText() {
    String md = RankingReports.markdown(ranking(unit("U1", "<script>alert(1)</script> | *粗*", 90.0, 1, 3)));
    assertThat(md).contains("| 1 | \\<script\\>alert(1)\\</script\\> \\| \\*粗\\* | 90.00 | 合格 |")
        .contains("| 1–5 不稳定 unstable | +3 |");
  }

  @Test
  void markdownMakesNoLinkOfABareAddressInAName() {
    // GFM (cmark-gfm -e autolink) linked each of these, written bare in a name: scheme:// in any
    // case, www. (2026-12-07); $...$ is math on GitHub.
    String md = RankingReports.markdown(ranking(unit("U1",
        "访问 https://evil.example/a 或 www.evil.example、HTTP://EVIL.EXAMPLE ftp://x.example //y.example $x$ 1.5", 90.0, 1, 3)));
    assertThat(md).contains("| 1 | 访问 https\\:\\//evil.example/a 或 www\\.evil.example、HTTP\\:\\//EVIL.EXAMPLE"
        + " ftp\\:\\//x.example \\//y.example \\$x\\$ 1.5 | 90.00 |");
  }

  @Test
  void markdownMakesNoMailLinkOfAnAddressInAName() {
    // cmark-gfm 0.29.0.gfm.6 -e autolink linked a@b.com, mailto:x@y.org and xmpp:u@h.cn bare and
    // also as a\@b.com or a&#64;b.com (it reads addresses after escapes are undone), and none of
    // them with a word joiner after the @ (2026-12-07).
    String md = RankingReports.markdown(ranking(unit("U1",
        "上海a@b.com有限公司 mailto:x@y.org xmpp:u@h.cn @mention", 90.0, 1, 3)));
    assertThat(md).contains("| 1 | 上海a@&#8288;b.com有限公司 mailto:x@&#8288;y.org xmpp:u@&#8288;h.cn @&#8288;mention | 90.00 |");
  }

  @Test
  void markdownKeepsFourCombiningMarksALetterAndTheCsvAndJsonTheWholeName() throws Exception {
    String zalgo = "Z" + "\u0301".repeat(500) + "公司";
    RankingReports.Ranking ranking = ranking(unit("U1", zalgo, 90.0, 1, 3));
    assertThat(RankingReports.markdown(ranking)).contains("| 1 | Z" + "\u0301".repeat(4) + "公司 | 90.00 |");
    assertThat(new String(RankingReports.csv(ranking), StandardCharsets.UTF_8)).contains("," + zalgo + ",U1,");
    assertThat(new ObjectMapper().readTree(RankingReports.json(ranking)).get("scopes").get(0).get("units").get(0)
        .get("unit_name").asText()).isEqualTo(zalgo);
  }

  @Test
  void aUnitRankedNowThatWasInTheScopeUnrankedBeforeIsNotCalledNew() {
    // U1 was ranked in 2024 (60.00, now 58.33: -1.67). U2 was in the scope in 2024 but not ranked
    // (screened out): no change to show, and it is not new. U3 had no row in 2024: new.
    RankingReports.Ranking ranking = new RankingReports.Ranking("2025", "2024", "m", "run-1",
        List.of(new ScopeScores("enterprises", List.of("A01"), Map.of(), List.of(
            unit("U1", "一号", 58.333333, 1, -1), unit("U2", "二号", 12.345, 2, null), unit("U3", "三号", 5.0, 3, null)))),
        Map.of("enterprises\u0000enterprise\u0000U1", 60.004),
        java.util.Set.of("enterprises\u0000enterprise\u0000U1", "enterprises\u0000enterprise\u0000U2"));
    String md = RankingReports.markdown(ranking);
    assertThat(md).contains("| 1 | 一号 | 58.33 | 合格 | 58.33 | 58.33 | 58.33 | 58.33 | 1–5 不稳定 unstable | -1 | 60.00 | -1.67 |")
        .contains("| 2 | 二号 | 12.35 | 合格 | 12.35 | 12.35 | 12.35 | 12.35 | 2–6 不稳定 unstable | 上期未排名 not ranked before | — | — |")
        .contains("| 3 | 三号 | 5.00 | 合格 | 5.00 | 5.00 | 5.00 | 5.00 | 3–7 不稳定 unstable | 新 new | — | — |");
  }

  @Test
  void theRankingFilesCarryThePreviousCompositeAndItsChangeFromTheShownTwoDecimals() {
    // U1 58.333333 shows 58.33, before 60.004 shows 60.00: change -1.67. U2 12.345 shows 12.35,
    // before 10 shows 10.00: change +2.35. U3 was not ranked before: both empty.
    RankingReports.Ranking ranking = new RankingReports.Ranking("2025", "2024", "m", "run-1",
        List.of(new ScopeScores("enterprises", List.of("A01"), Map.of(), List.of(
            unit("U1", "一号", 58.333333, 1, -1), unit("U2", "二号", 12.345, 2, 0), unit("U3", "三号", 5.0, 3, null)))),
        Map.of("enterprises\u0000enterprise\u0000U1", 60.004, "enterprises\u0000enterprise\u0000U2", 10.0,
            "groups\u0000enterprise\u0000U3", 99.0));
    String[] lines = new String(RankingReports.csv(ranking), StandardCharsets.UTF_8).substring(1).split("\r\n");
    assertThat(lines[0]).endsWith(",排名变化 rank_change,上期综合得分 composite_previous,综合得分变化 composite_change");
    assertThat(lines[1]).endsWith(",-1,60.00,-1.67");
    assertThat(lines[2]).endsWith(",0,10.00,2.35");
    assertThat(lines[3]).endsWith(",3,7,是,,,");

    String md = RankingReports.markdown(ranking);
    assertThat(md).contains("| -1 | 60.00 | -1.67 |").contains("| 0 | 10.00 | +2.35 |").contains("| 新 new | — | — |");

    String json = new String(RankingReports.json(ranking), StandardCharsets.UTF_8);
    assertThat(json).contains("\"composite_previous\" : 60.00,\n      \"composite_change\" : -1.67")
        .contains("\"composite_previous\" : 10.00,\n      \"composite_change\" : 2.35")
        .contains("\"composite_previous\" : null,\n      \"composite_change\" : null");
  }
}
