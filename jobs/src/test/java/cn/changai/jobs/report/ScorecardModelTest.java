package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import cn.changai.jobs.report.ScorecardModel.Highlight;
import cn.changai.jobs.report.ScorecardModel.IndicatorLine;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scorecard's model on the hand-worked period of {@link HandFixture}. */
class ScorecardModelTest {

  private final ReportContext ctx = new ReportContext(HandFixture.period(), 10);

  private ScorecardModel card(String level, String id) {
    return ScorecardModel.build(ctx, ctx.unit(level, id).orElseThrow());
  }

  private static IndicatorLine line(ScorecardModel card, String id) {
    return card.indicators().stream().filter(l -> l.indicator().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aGroupListsThePreviousPeriodsMembersItNoLongerCountsAndWhy() {
    // 2024: under GRP1 were ENT1 and ENT9, and ENT1 held ENT5; under GRP2 were ENT2 and ENT6; ENT7
    // and ENT8 named each other. In 2025 (the hand-worked period) GRP1 holds ENT1 and, under it,
    // ENT2; ENT9 is refused, ENT5 and ENT6 did not submit.
    History h = History.empty();
    String[][] tree = {{"GRP1", null}, {"ENT1", "GRP1"}, {"ENT9", "GRP1"}, {"ENT5", "ENT1"}, {"GRP2", null},
        {"ENT2", "GRP2"}, {"ENT6", "GRP2"}, {"ENT7", "ENT8"}, {"ENT8", "ENT7"}};
    for (String[] e : tree) {
      h.addIndicator("2024", "enterprise", e[0], "A02", 10.0, false);
      h.addEnterprise("2024", e[0], "企业" + e[0]);
      h.addParent("2024", e[0], e[1]);
    }
    ReportContext withHistory = new ReportContext(HandFixture.period(), 10, h.window(HandFixture.PERIOD));
    ScorecardModel grp1 = ScorecardModel.build(withHistory, withHistory.unit("group", "GRP1").orElseThrow());
    assertThat(grp1.formerMembers()).containsExactly(
        new ScorecardModel.FormerMember("ENT5", "企业ENT5", "../../2024/units/ENT5.html", ScorecardModel.Why.NOT_SUBMITTED),
        new ScorecardModel.FormerMember("ENT9", "企业ENT9", "../../2024/units/ENT9.html", ScorecardModel.Why.REFUSED));
    String page = ScorecardPage.render(grp1);
    assertThat(page).contains("上期成员、本期未计入", "2024 期在本集团之下、本期未计入的企业 2 家",
        "<a href=\"../../2024/units/ENT5.html\"><bdi>企业ENT5</bdi></a>", "本期未报送", "本期报送被拒收")
        .doesNotContain("本期不在本集团之下");
    // GRP2 lost ENT2 to GRP1 and ENT6; an enterprise has no members to lose; without a previous
    // period, nothing.
    assertThat(ScorecardModel.build(withHistory, withHistory.unit("group", "GRP2").orElseThrow()).formerMembers())
        .extracting(ScorecardModel.FormerMember::enterpriseId, ScorecardModel.FormerMember::why)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ENT2", ScorecardModel.Why.ELSEWHERE),
            org.assertj.core.groups.Tuple.tuple("ENT6", ScorecardModel.Why.NOT_SUBMITTED));
    assertThat(ScorecardModel.build(withHistory, withHistory.unit("enterprise", "ENT1").orElseThrow()).formerMembers())
        .isEmpty();
    assertThat(card("group", "GRP1").formerMembers()).isEmpty();
    assertThat(ScorecardPage.render(card("group", "GRP1"))).doesNotContain("上期成员、本期未计入");
  }

  @Test
  void aGroupThatDidNotSubmitInThePreviousPeriodHadNoMembersThen() {
    // 2024: GRP1 did not submit; ENT1 and ENT9 named it as parent, ENT5 named ENT1. The contract
    // makes ENT1 and ENT9 their own roots (a parent that never submitted), so GRP1 had no group
    // then and no member to lose: in 2025 ENT9 is refused and ENT5 did not submit, but neither
    // was under GRP1 in 2024. The walk used to climb to GRP1 all the same and list both.
    History h = History.empty();
    String[][] tree = {{"ENT1", "GRP1"}, {"ENT9", "GRP1"}, {"ENT5", "ENT1"}};
    for (String[] e : tree) {
      h.addIndicator("2024", "enterprise", e[0], "A02", 10.0, false);
      h.addEnterprise("2024", e[0], "企业" + e[0]);
      h.addParent("2024", e[0], e[1]);
    }
    ReportContext withHistory = new ReportContext(HandFixture.period(), 10, h.window(HandFixture.PERIOD));
    ScorecardModel grp1 = ScorecardModel.build(withHistory, withHistory.unit("group", "GRP1").orElseThrow());
    assertThat(grp1.formerMembers()).isEmpty();
    assertThat(ScorecardPage.render(grp1)).doesNotContain("上期成员、本期未计入");
    // ENT5 was under ENT1 then, which still holds it as far as 2024 goes.
    assertThat(h.window(HandFixture.PERIOD).previousMembersOf("ENT1")).containsOnlyKeys("ENT5");
    assertThat(h.window(HandFixture.PERIOD).previousMembersOf("GRP1")).isEmpty();
  }

  @Test
  void aGroupOverAChainThirtyThousandDeepHadEveryEnterpriseOfTheChainAsMember() {
    // 2024: GRP heads a chain E00001 (under GRP), E00002 (under E00001), ..., E30000; X1 and X2
    // name each other. GRP had the 30,000 below it; E29999 had E30000 alone; E30000 none; each of
    // X1 and X2 had the other. Each enterprise recorded itself under every unit above it, which for
    // this chain is 450 million entries: the report ran out of memory.
    History h = History.empty();
    h.addEnterprise("2024", "GRP", "集团");
    h.addIndicator("2024", "enterprise", "GRP", "A02", 10.0, false);
    String above = "GRP";
    for (int i = 1; i <= 30_000; i++) {
      String id = String.format("E%05d", i);
      h.addEnterprise("2024", id, "企业" + i);
      h.addParent("2024", id, above);
      above = id;
    }
    h.addEnterprise("2024", "X1", "甲");
    h.addEnterprise("2024", "X2", "乙");
    h.addParent("2024", "X1", "X2");
    h.addParent("2024", "X2", "X1");
    History.Window window = h.window(HandFixture.PERIOD);
    java.util.SortedMap<String, String> members = window.previousMembersOf("GRP");
    assertThat(members).hasSize(30_000);
    assertThat(members.firstKey()).isEqualTo("E00001");
    assertThat(members.lastKey()).isEqualTo("E30000");
    assertThat(members.get("E12345")).isEqualTo("企业12345");
    assertThat(window.previousMembersOf("E29999")).containsOnlyKeys("E30000");
    assertThat(window.previousMembersOf("E30000")).isEmpty();
    assertThat(window.previousMembersOf("X1")).containsOnlyKeys("X2");
    assertThat(window.previousMembersOf("X2")).containsOnlyKeys("X1");
  }

  @Test
  void everyIndicatorOfTheCatalogueHasALineWithValueRatioMedianAndClause() {
    ScorecardModel ent1 = card("enterprise", "ENT1");
    assertThat(ent1.indicators()).hasSize(Catalogue.all().size());
    IndicatorLine a02 = line(ent1, "A02");
    assertThat(a02.value()).isEqualTo(30.0);
    assertThat(a02.numerator()).isEqualTo(30.0);
    assertThat(a02.denominator()).isEqualTo(100.0);
    // Median of the publishable enterprise values 20, 30, 10; ENT2's low-base 50 is left out.
    assertThat(a02.median()).isEqualTo(20.0);
    assertThat(a02.indicator().clause()).isEqualTo("二");
    assertThat(a02.normalised()).isEqualTo(100.0);
    // B05: (15 - 10) / (30 - 10) = 25.
    assertThat(line(ent1, "B05").normalised()).isCloseTo(25.0, within(1e-9));
    // Even count: no even count here, but C05 all equal gives its median and no normalised value.
    assertThat(line(ent1, "C05").median()).isEqualTo(50.0);
    assertThat(line(ent1, "C05").normalised()).isNull();
    // One value only: a median, no normalisation.
    assertThat(line(ent1, "B06").median()).isEqualTo(140.0);
    assertThat(line(ent1, "B06").normalised()).isNull();
    // Indicators with no row are missing, not zero.
    assertThat(line(ent1, "A01").missing()).isTrue();
    assertThat(line(ent1, "A01").value()).isNull();
  }

  @Test
  void c02CarriesThePolicyTargetOfFullCoverage() {
    ScorecardModel ent1 = card("enterprise", "ENT1");
    IndicatorLine c02 = line(ent1, "C02");
    assertThat(c02.target().value()).isEqualTo(100.0);
    assertThat(c02.target().chinese()).isEqualTo("全覆盖");
    assertThat(c02.belowTarget()).isTrue();
    assertThat(line(card("enterprise", "GRP1"), "C02").belowTarget()).isFalse();
    assertThat(ent1.indicators().stream().filter(l -> l.target() != null).map(l -> l.indicator().id()))
        .containsExactly("C02");
  }

  @Test
  void aLowBaseValueCarriesNoNumberAtAll() {
    ScorecardModel ent2 = card("enterprise", "ENT2");
    IndicatorLine a02 = line(ent2, "A02");
    assertThat(a02.suppressed()).isTrue();
    assertThat(a02.value()).isNull();
    assertThat(a02.numerator()).isNull();
    assertThat(a02.denominator()).isNull();
    assertThat(a02.normalised()).isNull();
    assertThat(ent2.strengths()).isEmpty();
    assertThat(ent2.weaknesses()).isEmpty();
    // 8 industrial workers: the distribution is suppressed and carries no count.
    assertThat(ent2.skills().suppressed()).isTrue();
    assertThat(ent2.skills().bars()).isEmpty();
    assertThat(ent2.skills().total()).isZero();
  }

  @Test
  void theSkillDistributionFollowsComputesLowBaseFlagWhateverTheReportsMinimumBase() {
    // The report run with a minimum base of 5 (e.g. `changai report` alone, default 10, on a
    // warehouse computed with --min-base 30): ENT2's 8 industrial workers are at or above 5, but
    // compute flagged its A02 (4 / 8) low_base, so its shares (3 none, 5 chief technicians: B04
    // 62.5%, B05 62.5%, both suppressed) must not show either.
    ReportContext lower = new ReportContext(HandFixture.period(), 5);
    ScorecardModel ent2 = ScorecardModel.build(lower, lower.unit("enterprise", "ENT2").orElseThrow());
    assertThat(ent2.skills().suppressed()).isTrue();
    assertThat(ent2.skills().bars()).isEmpty();
    assertThat(ent2.skills().total()).isZero();
    assertThat(ScorecardPage.render(ent2)).doesNotContain("62.5%").doesNotContain("首席技师");
    // ENT1's 40 industrial workers are not flagged: its distribution shows as before.
    ScorecardModel ent1 = ScorecardModel.build(lower, lower.unit("enterprise", "ENT1").orElseThrow());
    assertThat(ent1.skills().suppressed()).isFalse();
    assertThat(ent1.skills().total()).isEqualTo(40);
  }

  @Test
  void aSuppressedValueShowsAsDashWithTheFootnote() {
    String page = ScorecardPage.render(card("enterprise", "ENT2"));
    String row = row(page, "A02");
    assertThat(row).contains("—").contains("※").doesNotContain("50.0").doesNotContain("4 / 8");
    assertThat(page).contains("样本不足（产业工人少于 10 人），不予公开")
        .contains("Suppressed: fewer than 10 workers in the base")
        .contains("id=\"skills-suppressed\"");
    assertThat(page).doesNotContain("62.5%").doesNotContain("首席技师");
  }

  @Test
  void strengthsAndWeaknessesAreTheBestAndWorstNormalisedIndicators() {
    ScorecardModel ent1 = card("enterprise", "ENT1");
    assertThat(ent1.strengths()).extracting(h -> h.indicator().id()).containsExactly("A02", "B03", "D04");
    assertThat(ent1.weaknesses()).extracting(h -> h.indicator().id()).containsExactly("A04", "C02", "B05");
    assertThat(ent1.weaknesses()).extracting(Highlight::normalised).containsExactly(0.0, 0.0, 25.0);
  }

  @Test
  void fewerThanSixUsableIndicatorsAreSplitWithoutRepeating() {
    List<Highlight> four = List.of(h("A02", 10), h("A04", 90), h("B03", 50), h("B05", 70));
    List<List<Highlight>> split = ScorecardModel.strengthsAndWeaknesses(four);
    assertThat(split.get(0)).extracting(x -> x.indicator().id()).containsExactly("A04", "B05");
    assertThat(split.get(1)).extracting(x -> x.indicator().id()).containsExactly("A02", "B03");
    List<List<Highlight>> one = ScorecardModel.strengthsAndWeaknesses(List.of(h("A02", 10)));
    assertThat(one.get(0)).hasSize(1);
    assertThat(one.get(1)).isEmpty();
    assertThat(ScorecardModel.strengthsAndWeaknesses(List.of()).get(0)).isEmpty();
  }

  @Test
  void theWorstOfItsLevelIsNeverAStrength() {
    // Two usable values, both the worst of the level: no strength; both are weaknesses.
    List<List<Highlight>> split = ScorecardModel.strengthsAndWeaknesses(List.of(h("A02", 0), h("A04", 0)));
    assertThat(split.get(0)).isEmpty();
    assertThat(split.get(1)).extracting(x -> x.indicator().id()).containsExactly("A02", "A04");
    // Three values, one of them 0: two strengths (40, 20) as usual, the 0 the weakness.
    split = ScorecardModel.strengthsAndWeaknesses(List.of(h("A02", 0), h("A04", 40), h("B03", 20)));
    assertThat(split.get(0)).extracting(x -> x.indicator().id()).containsExactly("A04", "B03");
    assertThat(split.get(1)).extracting(x -> x.indicator().id()).containsExactly("A02");
    // One value, the worst: a weakness, not a strength.
    split = ScorecardModel.strengthsAndWeaknesses(List.of(h("C01", 0)));
    assertThat(split.get(0)).isEmpty();
    assertThat(split.get(1)).extracting(x -> x.indicator().id()).containsExactly("C01");
  }

  private static Highlight h(String id, double normalised) {
    Indicator indicator = Catalogue.byId(id).orElseThrow();
    return new Highlight(indicator, normalised, normalised);
  }

  @Test
  void standingHasRankIntervalChangeAndIndustryRank() {
    ScorecardModel ent1 = card("enterprise", "ENT1");
    assertThat(ent1.standing().rank()).isEqualTo(1);
    assertThat(ent1.standing().rankedCount()).isEqualTo(3);
    assertThat(ent1.standing().composite()).isEqualTo(80.0);
    assertThat(ent1.standing().tier()).isEqualTo("良好");
    assertThat(ent1.standing().change()).isEqualTo(1);
    assertThat(ent1.industryStanding().rank()).isEqualTo(1);
    assertThat(ent1.industryStanding().rankedCount()).isEqualTo(2);
    assertThat(card("enterprise", "GRP2").standing().unstable()).isTrue();
    // Part A: ENT1 70 against the median of 50, 70, 30 (ENT2 unscored) = 50.
    assertThat(ent1.parts().get(0).part()).isEqualTo(Part.A);
    assertThat(ent1.parts().get(0).score()).isEqualTo(70.0);
    assertThat(ent1.parts().get(0).median()).isEqualTo(50.0);
  }

  @Test
  void aGroupListsItsMembersAndSumsTheirQuality() {
    ScorecardModel grp1 = card("group", "GRP1");
    assertThat(grp1.members()).extracting(m -> m.unit().id()).containsExactly("GRP1", "ENT1", "ENT2");
    assertThat(grp1.members().get(0).headquarters()).isTrue();
    assertThat(grp1.members().get(1).rank()).isEqualTo(1);
    assertThat(grp1.quality().workersRead()).isEqualTo(153);
    assertThat(grp1.quality().workersRejected()).isEqualTo(3);
    assertThat(grp1.quality().warnings()).isEqualTo(1);
    assertThat(grp1.standing().rank()).isEqualTo(1);
    assertThat(grp1.standing().tier()).isEqualTo("优秀");
    // Group medians are over groups: A02 25 and 10.
    assertThat(line(grp1, "A02").median()).isEqualTo(17.5);
    assertThat(line(grp1, "A02").membersTotal()).isEqualTo(3);
    // The group page and its headquarters' page link to each other.
    assertThat(grp1.profile().counterpart().fileName()).isEqualTo("GRP1.html");
    assertThat(card("enterprise", "GRP1").profile().counterpart().fileName()).isEqualTo("GRP1-group.html");
    assertThat(card("enterprise", "ENT2").profile().parent().id()).isEqualTo("ENT1");
  }

  @Test
  void anEnterpriseNamingItselfAsParentLinksToNoParent() {
    // GRP2 names itself as its parent: its page would link to itself as "parent".
    List<PeriodData.EnterpriseRow> enterprises = new java.util.ArrayList<>();
    for (PeriodData.EnterpriseRow e : HandFixture.enterprises()) {
      enterprises.add(!e.enterpriseId().equals("GRP2") ? e : new PeriodData.EnterpriseRow("GRP2", e.name(), "GRP2",
          e.level(), e.industry(), e.district(), 60, 60, 0, 1, 1, 0, 0));
    }
    PeriodData base = HandFixture.period();
    PeriodData period = new PeriodData(base.period(), base.indicators(), base.scores(), base.skills(), enterprises,
        base.rejectedSubmissions(), base.rejectedRows(), base.warnings(), java.util.Set.of());
    ReportContext selfParent = new ReportContext(period, 10);
    UnitLink grp2 = selfParent.unit("enterprise", "GRP2").orElseThrow();
    assertThat(ScorecardModel.build(selfParent, grp2).profile().parent()).isNull();
    // ENT2's parent is another enterprise, ENT1, and stays linked.
    UnitLink ent2 = selfParent.unit("enterprise", "ENT2").orElseThrow();
    assertThat(ScorecardModel.build(selfParent, ent2).profile().parent().id()).isEqualTo("ENT1");
  }

  @Test
  void theSkillChartHasEveryLevelInOrder() {
    SkillChart chart = card("enterprise", "ENT1").skills();
    assertThat(chart.total()).isEqualTo(40);
    assertThat(chart.bars()).extracting(SkillChart.Bar::code).containsExactly("none", "junior", "intermediate", "senior",
        "technician", "senior_technician", "special_technician", "chief_technician");
    assertThat(chart.bars().get(1).share()).isEqualTo(0.5);
    assertThat(chart.bars().get(1).chinese()).isEqualTo("初级工");
  }

  @Test
  void hostileNamesAndDistrictsAreTextOnEveryPage() {
    var pages = ReportSite.pages(HandFixture.period(), 10);
    for (var page : pages.entrySet()) {
      assertThat(page.getValue()).as(page.getKey()).doesNotContain("<b>").doesNotContain("<script>alert")
          .doesNotContain("<i>ignored");
    }
    assertThat(pages.get("units/ENT1.html")).contains("&lt;b&gt;&amp;&quot;公司")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;区");
    assertThat(pages.get("index.html")).contains("&lt;b&gt;&amp;&quot;公司");
    assertThat(pages.get("units/GRP1-group.html")).contains("&lt;b&gt;&amp;&quot;公司");
    assertThat(pages.get("quality.html")).contains("&lt;b&gt;&amp;&quot;公司").contains("&lt;i&gt;ignored&lt;/i&gt;");
    // Only our own script, once, on the index.
    assertThat(count(pages.get("index.html"), "<script")).isEqualTo(1);
    assertThat(count(pages.get("units/ENT1.html"), "<script")).isZero();
  }

  @Test
  void everyNameAndDistrictInAPageIsIsolatedInABdi() {
    // Outside the <title> (plain text) and the what-if data (JSON), ENT1's name is written on the
    // index (the enterprises' ranking), the quality page (its row and its findings' heading), GRP1's
    // roll-up (members, heatmap), its own scorecard (heading) and ENT2's (parent): every time in a
    // <bdi>, so that right-to-left letters in a name cannot reorder a number or code beside it.
    String name = "&lt;b&gt;&amp;&quot;公司";
    var pages = ReportSite.pages(HandFixture.period(), 10);
    Map<String, Integer> seen = new TreeMap<>();
    for (var page : pages.entrySet()) {
      String body = page.getValue().replaceAll("<title>[^<]*</title>", "");
      int all = count(body, name);
      assertThat(count(body, "<bdi>" + name + "</bdi>")).as(page.getKey()).isEqualTo(all);
      if (all > 0) {
        seen.put(page.getKey(), all);
      }
    }
    assertThat(seen).isEqualTo(Map.of("index.html", 1, "quality.html", 2, "units/GRP1-group.html", 2,
        "units/ENT1.html", 1, "units/ENT2.html", 1));
    assertThat(pages.get("units/ENT1.html"))
        .contains("<h1 id=\"unit-name\"><bdi>" + name + "</bdi></h1>")
        .contains("<span id=\"unit-district\"><bdi>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;区</bdi></span>");
    assertThat(pages.get("units/ENT2.html")).contains("<a href=\"ENT1.html\"><bdi>" + name + "</bdi></a>");
    assertThat(pages.get("units/GRP1.html")).contains("<a href=\"GRP1-group.html\"><bdi>甲集团</bdi>（集团合并）</a>");
  }

  @Test
  void pagesLoadNothingFromTheNetwork() {
    for (var page : ReportSite.pages(HandFixture.period(), 10).values()) {
      String stripped = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
      assertThat(stripped).doesNotContain("http:", "https:", "//cdn", "src=", "<link rel=\"stylesheet\"", "@import", "url(");
      assertThat(page).contains("Content-Security-Policy").contains("default-src &#39;none&#39;");
    }
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }

  /** The table row of one indicator in a rendered scorecard. */
  static String row(String page, String indicator) {
    Matcher m = Pattern.compile("<tr data-indicator=\"" + indicator + "\">.*?</tr>", Pattern.DOTALL).matcher(page);
    assertThat(m.find()).as("row of " + indicator).isTrue();
    return m.group();
  }
}
