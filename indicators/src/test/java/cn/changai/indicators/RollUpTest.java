package cn.changai.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-worked roll-ups: every expected value is computed in the comment beside it. */
class RollUpTest {

  private static final double EPS = 1e-9;
  private final RollUp rollUp = new RollUp(Catalogue.all(), 10);

  private static Indicator indicator(String id) {
    return Catalogue.byId(id).orElseThrow();
  }

  private IndicatorValue value(String id, EnterpriseValues... members) {
    return rollUp.value("2025", new Unit(UnitLevel.GROUP, "U", "单位", List.of(members)), indicator(id));
  }

  /** One enterprise with every measure set; the expected value of every indicator, by hand. */
  @Test
  void everyIndicatorOfOneEnterprise() {
    EnterpriseValues e = Fixtures.enterprise("E")
        .workers(40).set("frontline_workers", 25)
        .set("party_members", 10).set("new_party_members", 2).set("frontline_mass_org_posts", 5)
        .set("training_hours", "1234.5").set("certified_workers", 30).set("high_skill_workers", 12)
        .set("high_skill_wage_sum", "2160000").set("high_skill_known_wages", 12)
        .set("wage_sum", "5700000").set("known_wages", 38)
        .set("studio_members", 8).set("honoured_workers", 2).set("new_hires", 16).set("mentored_new_hires", 12)
        .set("health_checked", 36).set("recuperated", 9).set("model_worker_studios", 1)
        .set("ideology_participants", 100).set("frontline_party_meeting_attendances", 4)
        .set("school_partnerships", 3).set("order_class_trainees", 6).set("competition_participants", 14)
        .set("innovation_achievements", 8).set("achievements_converted", 2)
        .set("rationalization_proposals", 50).set("proposals_adopted", 20)
        .set("congress_levels_required", 2).set("congress_levels_established", 1)
        .set("employee_directors", 1).set("employee_supervisors", 0)
        .set("reform_in_party_assessment", true).set("dedicated_reform_staff", 2)
        .build();

    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("A01", 2.5);      // 100 participants / 40 W × 1
    expected.put("A02", 25.0);     // 10 / 40 × 100
    expected.put("A03", 5.0);      // 2 / 40 × 100
    expected.put("A04", 20.0);     // 5 / 25 F × 100
    expected.put("A05", 16.0);     // 4 / 25 F × 100
    expected.put("B01", 100.0);    // 3 partnerships ≥ 1: 1 / 1 unit × 100
    expected.put("B02", 15.0);     // 6 / 40 × 100
    expected.put("B03", 30.8625);  // 1234.5 hours / 40
    expected.put("B04", 75.0);     // 30 / 40 × 100
    expected.put("B05", 30.0);     // 12 / 40 × 100
    expected.put("B06", 120.0);    // (2,160,000 / 12 = 180,000) / (5,700,000 / 38 = 150,000) × 100
    expected.put("C01", 35.0);     // 14 / 40 × 100
    expected.put("C02", 100.0);    // 1 model-worker studio ≥ 1: 1 / 1 × 100
    expected.put("C03", 20.0);     // 8 / 40 × 100
    expected.put("C04", 25.0);     // 2 / 8 × 100
    expected.put("C05", 40.0);     // 20 / 50 × 100
    expected.put("C06", 50.0);     // 2 / 40 × 1000
    expected.put("C07", 75.0);     // 12 / 16 new hires × 100
    expected.put("D01", 100.0);    // reform true: 1 / 1 × 100
    expected.put("D02", 50.0);     // 1 / 2 × 100
    expected.put("D03", 0.0);      // 1 director but 0 supervisors: 0 / 1 × 100
    expected.put("D04", 90.0);     // 36 / 40 × 100
    expected.put("D05", 22.5);     // 9 / 40 × 100
    expected.put("D06", 50.0);     // 2 / 40 × 1000
    // Every way of pooling (ratio, pooled mean, unit share) is held to hand-worked values here; the
    // end-to-end test from worker rows (ComputeIndicatorsJobTest) holds every catalogue entry.
    assertThat(expected.keySet().stream().map(id -> Catalogue.byId(id).orElseThrow().formula().getClass().getSimpleName())
        .distinct()).containsExactlyInAnyOrder("Ratio", "PooledMeanRatio", "UnitShare");

    RollUp.Result result = rollUp.compute("2025", List.of(e));
    for (Map.Entry<String, Double> x : expected.entrySet()) {
      IndicatorValue v = result.values().stream()
          .filter(r -> r.unitLevel() == UnitLevel.ENTERPRISE && r.indicatorId().equals(x.getKey()))
          .findFirst().orElseThrow();
      assertThat(v.value()).as(x.getKey()).isCloseTo(x.getValue(), within(EPS));
      assertThat(v.membersReporting()).as(x.getKey()).isEqualTo(1);
      assertThat(v.membersTotal()).as(x.getKey()).isEqualTo(1);
      assertThat(v.lowBase()).as(x.getKey()).isFalse();
    }
    // The numerator and denominator stand beside the value: B03 and B06 as worked above.
    IndicatorValue b03 = value("B03", e);
    assertThat(b03.numerator()).isEqualTo(1234.5);
    assertThat(b03.denominator()).isEqualTo(40.0);
    IndicatorValue b06 = value("B06", e);
    assertThat(b06.numerator()).isEqualTo(180_000.0);
    assertThat(b06.denominator()).isEqualTo(150_000.0);
  }

  @Test
  void figuresSummingPastALongStayExact() {
    // Each figure may be up to 2^63 - 1; two of them pass a long. C05 = adopted / proposals × 100:
    // (2^63 - 1 + 1) / (2 × (2^63 - 1)) × 100 = 2^63 / (2^64 - 2) × 100, which rounds to 50.0.
    EnterpriseValues a = Fixtures.enterprise("A").set("rationalization_proposals", Long.MAX_VALUE)
        .set("proposals_adopted", Long.MAX_VALUE).build();
    EnterpriseValues b = Fixtures.enterprise("B").set("rationalization_proposals", Long.MAX_VALUE)
        .set("proposals_adopted", 1).build();
    IndicatorValue c05 = value("C05", a, b);
    assertThat(c05.numerator()).isEqualTo(new java.math.BigDecimal("9223372036854775808").doubleValue());
    assertThat(c05.denominator()).isEqualTo(new java.math.BigDecimal("18446744073709551614").doubleValue());
    assertThat(c05.value()).isEqualTo(50.0);
    assertThat(c05.membersReporting()).isEqualTo(2);
  }

  @Test
  void zeroDenominatorGivesNullValueNeverNaN() {
    // No front-line workers: A04 = 0 / 0 → null; the headcount 0 is below the base.
    EnterpriseValues e = Fixtures.enterprise("E").workers(20).set("frontline_workers", 0).build();
    IndicatorValue v = value("A04", e);
    assertThat(v.numerator()).isEqualTo(0.0);
    assertThat(v.denominator()).isEqualTo(0.0);
    assertThat(v.value()).isNull();
    assertThat(v.lowBase()).isTrue();
    // C04 with innovation_achievements 0: a figure ratio, null value, never low_base.
    EnterpriseValues f = Fixtures.enterprise("F").set("innovation_achievements", 0).set("achievements_converted", 0).build();
    IndicatorValue c04 = value("C04", f);
    assertThat(c04.value()).isNull();
    assertThat(c04.denominator()).isEqualTo(0.0);
    assertThat(c04.lowBase()).isFalse();
  }

  @Test
  void lowBaseAtNineNotAtTen() {
    EnterpriseValues nine = Fixtures.enterprise("N").workers(9).set("party_members", 3).build();
    EnterpriseValues ten = Fixtures.enterprise("T").workers(10).set("party_members", 3).build();
    IndicatorValue a02nine = value("A02", nine);
    assertThat(a02nine.value()).isCloseTo(100.0 / 3, within(EPS)); // 3 / 9 × 100: computed, but flagged
    assertThat(a02nine.lowBase()).isTrue();
    IndicatorValue a02ten = value("A02", ten);
    assertThat(a02ten.value()).isCloseTo(30.0, within(EPS)); // 3 / 10 × 100
    assertThat(a02ten.lowBase()).isFalse();
    // Pooled: 9 + 10 = 19 workers, (3 + 3) / 19 × 100.
    IndicatorValue pooled = value("A02", nine, ten);
    assertThat(pooled.value()).isCloseTo(600.0 / 19, within(EPS));
    assertThat(pooled.lowBase()).isFalse();
    // The minimum base is a setting: with 5, nine workers are enough.
    assertThat(new RollUp(Catalogue.all(), 5).value("2025", new Unit(UnitLevel.ENTERPRISE, "N", "n", List.of(nine)),
        indicator("A02")).lowBase()).isFalse();
    assertThatThrownBy(() -> new RollUp(Catalogue.all(), 0)).hasMessageContaining("1 or more");
  }

  @Test
  void figureLeftNullIsLeftOutOfNumeratorAndDenominator() {
    // A01: E1 reported 60 participants over 20 workers; E2 (30 workers) left the figure null.
    EnterpriseValues e1 = Fixtures.enterprise("E1").workers(20).set("ideology_participants", 60).build();
    EnterpriseValues e2 = Fixtures.enterprise("E2").workers(30).build();
    IndicatorValue v = value("A01", e1, e2);
    assertThat(v.numerator()).isEqualTo(60.0);
    assertThat(v.denominator()).isEqualTo(20.0); // E2's 30 workers are left out too
    assertThat(v.value()).isCloseTo(3.0, within(EPS)); // 60 / 20
    assertThat(v.membersReporting()).isEqualTo(1);
    assertThat(v.membersTotal()).isEqualTo(2);
    // Alone, E2 has nothing to report: numerator, denominator and value unknown.
    IndicatorValue alone = value("A01", e2);
    assertThat(alone.numerator()).isNull();
    assertThat(alone.denominator()).isNull();
    assertThat(alone.value()).isNull();
    assertThat(alone.lowBase()).isFalse();
    assertThat(alone.membersReporting()).isZero();
    assertThat(alone.membersTotal()).isEqualTo(1);
    // C05, a figure ratio: E3 reported only the adopted count, so it is out of both sides.
    EnterpriseValues e3 = Fixtures.enterprise("E3").set("proposals_adopted", 7).build();
    EnterpriseValues e4 = Fixtures.enterprise("E4").set("proposals_adopted", 3).set("rationalization_proposals", 4).build();
    IndicatorValue c05 = value("C05", e3, e4);
    assertThat(c05.value()).isCloseTo(75.0, within(EPS)); // 3 / 4 × 100, not (7 + 3) / 4
    assertThat(c05.membersReporting()).isEqualTo(1);
    assertThat(c05.lowBase()).isFalse(); // figure ratios are never low_base, even on 4 proposals
  }

  @Test
  void b06PoolsWagesAndCountsNotRatios() {
    // E1: 2 high-skill known wages summing 420,000 (mean 210,000); 10 known wages summing 1,500,000 (150,000).
    EnterpriseValues e1 = Fixtures.enterprise("E1").workers(10)
        .set("high_skill_wage_sum", "420000").set("high_skill_known_wages", 2)
        .set("wage_sum", "1500000").set("known_wages", 10).build();
    // E2: 12 high-skill summing 2,400,000 (200,000); 20 known summing 3,000,000 (150,000).
    EnterpriseValues e2 = Fixtures.enterprise("E2").workers(21)
        .set("high_skill_wage_sum", "2400000").set("high_skill_known_wages", 12)
        .set("wage_sum", "3000000").set("known_wages", 20).build();

    IndicatorValue one = value("B06", e1);
    assertThat(one.value()).isCloseTo(140.0, within(EPS)); // 210,000 / 150,000 × 100
    assertThat(one.lowBase()).as("second base rule: 2 high-skill known wages < 10").isTrue();
    IndicatorValue two = value("B06", e2);
    assertThat(two.value()).isCloseTo(400.0 / 3, within(EPS)); // 200,000 / 150,000 × 100
    assertThat(two.lowBase()).isFalse(); // 20 ≥ 10 and 12 ≥ 10

    IndicatorValue pooled = value("B06", e1, e2);
    // numerator: (420,000 + 2,400,000) / (2 + 12) = 2,820,000 / 14 = 201,428.571428...
    assertThat(pooled.numerator()).isCloseTo(2_820_000.0 / 14, within(1e-6));
    // denominator: (1,500,000 + 3,000,000) / (10 + 20) = 150,000
    assertThat(pooled.denominator()).isCloseTo(150_000.0, within(1e-9));
    // value: 201,428.571... / 150,000 × 100 = 134.2857142857...; the mean of ratios would be 136.67
    assertThat(pooled.value()).isCloseTo(2_820_000.0 / 14 / 150_000 * 100, within(EPS));
    assertThat(pooled.lowBase()).isFalse(); // 30 ≥ 10 and 14 ≥ 10
    assertThat(pooled.membersReporting()).isEqualTo(2);

    // First base rule: 9 known wages, 9 high-skill → low_base; no high-skill wage at all → null value.
    EnterpriseValues few = Fixtures.enterprise("E3").workers(9)
        .set("high_skill_wage_sum", "900000").set("high_skill_known_wages", 9)
        .set("wage_sum", "900000").set("known_wages", 9).build();
    assertThat(value("B06", few).value()).isCloseTo(100.0, within(EPS));
    assertThat(value("B06", few).lowBase()).isTrue();
    EnterpriseValues none = Fixtures.enterprise("E4").workers(30).set("wage_sum", "4500000").set("known_wages", 30).build();
    IndicatorValue noHigh = value("B06", none);
    assertThat(noHigh.numerator()).isNull();
    assertThat(noHigh.denominator()).isEqualTo(150_000.0);
    assertThat(noHigh.value()).isNull();
    assertThat(noHigh.lowBase()).isTrue(); // 0 high-skill known wages < 10
  }

  @Test
  void unitSharesAtEveryLevel() {
    // G (group) ← S1, G ← S2; X is another group. Partnerships: G 2, S1 0, S2 unknown, X 1.
    // Model-worker studios: G 1, S1 0 (no studios.csv), S2 2, X 0.
    // Industries: G and S1 automotive, S2 and X biomedicine.
    EnterpriseValues g = Fixtures.enterprise("G").group().set("school_partnerships", 2).set("model_worker_studios", 1)
        .set("reform_in_party_assessment", true).set("employee_directors", 1).set("employee_supervisors", 1).build();
    EnterpriseValues s1 = Fixtures.enterprise("S1").parent("G").set("school_partnerships", 0)
        .set("reform_in_party_assessment", false).set("employee_directors", 2).set("employee_supervisors", 1).build();
    EnterpriseValues s2 = Fixtures.enterprise("S2").parent("G").industry("biomedicine").set("model_worker_studios", 2)
        .set("reform_in_party_assessment", true).set("employee_directors", 1).build();
    EnterpriseValues x = Fixtures.enterprise("X").group().industry("biomedicine").set("school_partnerships", 1)
        .set("employee_directors", 0).set("employee_supervisors", 3).build();
    RollUp.Result result = rollUp.compute("2025", List.of(g, s1, s2, x));

    // B01 (needs school_partnerships): enterprise G 1/1, S1 0/1, S2 0/0 (unknown), X 1/1;
    // group G: G, S1 in scope, G meets → 1/2 = 50; group X 1/1 = 100;
    // automotive (G, S1) 1/2 = 50; biomedicine (S2 unknown, X) 1/1 = 100; system 2/3 = 66.67.
    expectShare(result, "B01", UnitLevel.ENTERPRISE, "G", 1, 1, 100.0, 1);
    expectShare(result, "B01", UnitLevel.ENTERPRISE, "S1", 0, 1, 0.0, 1);
    expectShare(result, "B01", UnitLevel.ENTERPRISE, "S2", 0, 0, null, 1);
    expectShare(result, "B01", UnitLevel.GROUP, "G", 1, 2, 50.0, 3);
    expectShare(result, "B01", UnitLevel.GROUP, "X", 1, 1, 100.0, 1);
    expectShare(result, "B01", UnitLevel.INDUSTRY, "automotive", 1, 2, 50.0, 2);
    expectShare(result, "B01", UnitLevel.INDUSTRY, "biomedicine", 1, 1, 100.0, 2);
    expectShare(result, "B01", UnitLevel.SYSTEM, "all", 2, 3, 200.0 / 3, 4);
    // C02: every unit is in scope (no studios.csv means no studios): G and S2 have one.
    // group G 2/3; group X 0/1; automotive 1/2; biomedicine 1/2; system 2/4 = 50.
    expectShare(result, "C02", UnitLevel.ENTERPRISE, "S1", 0, 1, 0.0, 1);
    expectShare(result, "C02", UnitLevel.GROUP, "G", 2, 3, 200.0 / 3, 3);
    expectShare(result, "C02", UnitLevel.GROUP, "X", 0, 1, 0.0, 1);
    expectShare(result, "C02", UnitLevel.INDUSTRY, "automotive", 1, 2, 50.0, 2);
    expectShare(result, "C02", UnitLevel.INDUSTRY, "biomedicine", 1, 2, 50.0, 2);
    expectShare(result, "C02", UnitLevel.SYSTEM, "all", 2, 4, 50.0, 4);
    // D01 (needs the boolean): G true, S1 false, S2 true, X unknown → group G 2/3, system 2/3.
    expectShare(result, "D01", UnitLevel.GROUP, "G", 2, 3, 200.0 / 3, 3);
    expectShare(result, "D01", UnitLevel.GROUP, "X", 0, 0, null, 1);
    expectShare(result, "D01", UnitLevel.SYSTEM, "all", 2, 3, 200.0 / 3, 4);
    // D03 (needs both figures): G 1&1 yes, S1 2&1 yes, S2 supervisors unknown (out), X 0&3 no.
    // group G 2/2; system 2/3; biomedicine 0/1.
    expectShare(result, "D03", UnitLevel.GROUP, "G", 2, 2, 100.0, 3);
    expectShare(result, "D03", UnitLevel.INDUSTRY, "biomedicine", 0, 1, 0.0, 2);
    expectShare(result, "D03", UnitLevel.SYSTEM, "all", 2, 3, 200.0 / 3, 4);
    assertThat(result.values()).filteredOn(v -> Catalogue.byId(v.indicatorId()).orElseThrow().kind() == Kind.UNIT_SHARE)
        .noneMatch(IndicatorValue::lowBase);
  }

  private static void expectShare(RollUp.Result result, String id, UnitLevel level, String unit, long meeting,
      long inScope, Double value, int total) {
    IndicatorValue v = result.values().stream()
        .filter(r -> r.indicatorId().equals(id) && r.unitLevel() == level && r.unitId().equals(unit))
        .findFirst().orElseThrow();
    String what = id + " " + level + " " + unit;
    assertThat(v.numerator()).as(what).isEqualTo((double) meeting);
    assertThat(v.denominator()).as(what).isEqualTo((double) inScope);
    if (value == null) {
      assertThat(v.value()).as(what).isNull();
    } else {
      assertThat(v.value()).as(what).isCloseTo(value, within(EPS));
    }
    assertThat(v.membersReporting()).as(what).isEqualTo((int) inScope);
    assertThat(v.membersTotal()).as(what).isEqualTo(total);
  }

  @Test
  void threeLevelGroupSumsNumeratorsAndDenominators() {
    // G (12 W, 3 party members) ← S (8 W, 4) ← B (5 W, 0); A02 of the group: (3 + 4 + 0) / (12 + 8 + 5) × 100 = 28.
    // The mean of the three ratios (25, 50, 0) would be 25: the roll-up never averages ratios.
    RollUp.Result result = rollUp.compute("2025", List.of(
        Fixtures.enterprise("G").group().workers(12).set("party_members", 3).build(),
        Fixtures.enterprise("S").parent("G").workers(8).set("party_members", 4).build(),
        Fixtures.enterprise("B").branch().parent("S").workers(5).build()));
    IndicatorValue group = result.values().stream()
        .filter(v -> v.unitLevel() == UnitLevel.GROUP && v.indicatorId().equals("A02")).findFirst().orElseThrow();
    assertThat(group.unitId()).isEqualTo("G");
    assertThat(group.numerator()).isEqualTo(7.0);
    assertThat(group.denominator()).isEqualTo(25.0);
    assertThat(group.value()).isCloseTo(28.0, within(EPS));
    assertThat(group.membersTotal()).isEqualTo(3);
    assertThat(result.unitsPerLevel()).containsEntry(UnitLevel.ENTERPRISE, 3).containsEntry(UnitLevel.GROUP, 1)
        .containsEntry(UnitLevel.INDUSTRY, 1).containsEntry(UnitLevel.SYSTEM, 1);
    assertThat(result.values()).hasSize(6 * Catalogue.all().size());
  }

  @Test
  void orphanSubtreeCountsInIndustryAndSystemButNoGroup() {
    // S's parent P did not submit: S and its branch B are in no group, yet in their industry and the system.
    RollUp.Result result = rollUp.compute("2025", List.of(
        Fixtures.enterprise("G").group().workers(10).set("party_members", 1).build(),
        Fixtures.enterprise("S").parent("P").workers(20).set("party_members", 4).build(),
        Fixtures.enterprise("B").branch().parent("S").workers(10).set("party_members", 5).build()));
    assertThat(result.warnings()).extracting(TreeWarning::enterpriseId).containsExactly("S");
    IndicatorValue group = pick(result, UnitLevel.GROUP, "G", "A02");
    assertThat(group.denominator()).isEqualTo(10.0); // G alone
    IndicatorValue system = pick(result, UnitLevel.SYSTEM, "all", "A02");
    assertThat(system.numerator()).isEqualTo(10.0);    // 1 + 4 + 5
    assertThat(system.denominator()).isEqualTo(40.0);  // 10 + 20 + 10
    assertThat(system.value()).isCloseTo(25.0, within(EPS));
    IndicatorValue industry = pick(result, UnitLevel.INDUSTRY, "automotive", "A02");
    assertThat(industry.unitName()).isEqualTo("汽车");
    assertThat(industry.membersTotal()).isEqualTo(3);
    assertThat(system.unitName()).isEqualTo("全系统");
  }

  private static IndicatorValue pick(RollUp.Result result, UnitLevel level, String unit, String id) {
    return result.values().stream()
        .filter(v -> v.unitLevel() == level && v.unitId().equals(unit) && v.indicatorId().equals(id))
        .findFirst().orElseThrow();
  }

  @Test
  void skillDistributionHasAllEightLevels() {
    // E1: 6 none, 3 senior, 1 chief_technician (10 W); E2: 2 none, 2 junior (4 W).
    EnterpriseValues e1 = Fixtures.enterprise("E1").set("industrial_workers", 10).set("skill_none", 6)
        .set("skill_senior", 3).set("skill_chief_technician", 1).build();
    EnterpriseValues e2 = Fixtures.enterprise("E2").set("industrial_workers", 4).set("skill_none", 2)
        .set("skill_junior", 2).build();
    EnterpriseValues empty = Fixtures.enterprise("E3").build();
    List<SkillCount> pooled = RollUp.skills("2025", new Unit(UnitLevel.SYSTEM, "all", "全系统", List.of(e1, e2)));
    assertThat(pooled).extracting(SkillCount::skillLevel).containsExactly("none", "junior", "intermediate", "senior",
        "technician", "senior_technician", "special_technician", "chief_technician");
    assertThat(pooled).extracting(SkillCount::count).containsExactly(8L, 2L, 0L, 3L, 0L, 0L, 0L, 1L);
    // Shares of 14: 8/14, 2/14, 0, 3/14, 0, 0, 0, 1/14, in percent.
    assertThat(pooled.get(0).share()).isCloseTo(800.0 / 14, within(EPS));
    assertThat(pooled.get(1).share()).isCloseTo(200.0 / 14, within(EPS));
    assertThat(pooled.get(2).share()).isEqualTo(0.0);
    assertThat(pooled.get(3).share()).isCloseTo(300.0 / 14, within(EPS));
    assertThat(pooled.get(7).share()).isCloseTo(100.0 / 14, within(EPS));
    // No industrial workers: eight zero counts, shares unknown.
    List<SkillCount> none = RollUp.skills("2025", new Unit(UnitLevel.ENTERPRISE, "E3", "e3", List.of(empty)));
    assertThat(none).hasSize(8).allMatch(s -> s.count() == 0 && s.share() == null);
  }

  @Test
  void refusesEnterprisesOfAnotherPeriod() {
    assertThatThrownBy(() -> rollUp.compute("2025", List.of(Fixtures.enterprise("E").period("2024").build())))
        .hasMessageContaining("is of period 2024, not 2025");
  }
}
