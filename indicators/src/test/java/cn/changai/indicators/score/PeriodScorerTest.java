package cn.changai.indicators.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeriodScorerTest {

  private static final PeriodScorer SCORER = new PeriodScorer(Weights.defaults(), Normalisation.MINMAX, 50, 11);

  /** 2024: U1..U3 with A01 30, 20, 10 (min-max 100, 50, 0: ranks 1, 2, 3), all in automotive. */
  private static PeriodUnits year2024() {
    return new PeriodUnits("2024",
        List.of(UnitValues.builder("group", "G1", "甲集团").value("A01", 1.0).build(),
            UnitValues.builder("group", "G2", "乙集团").value("A01", 2.0).build()),
        List.of(UnitValues.builder("enterprise", "U1", "一号").value("A01", 30.0).build(),
            UnitValues.builder("enterprise", "U2", "二号").value("A01", 20.0).build(),
            UnitValues.builder("enterprise", "U3", "三号").value("A01", 10.0).build()),
        Map.of("U1", "automotive", "U2", "automotive", "U3", "automotive"));
  }

  /** 2025: the tiny set; U1, U2 in automotive, U3..U5 in biomedicine; groups reversed. */
  private static PeriodUnits year2025() {
    return new PeriodUnits("2025",
        List.of(UnitValues.builder("group", "G1", "甲集团").value("A01", 3.0).build(),
            UnitValues.builder("group", "G2", "乙集团").value("A01", 2.0).build()),
        Fixtures.tiny(),
        Map.of("U1", "automotive", "U2", "automotive", "U3", "biomedicine", "U4", "biomedicine", "U5", "biomedicine"));
  }

  private static UnitScore find(List<ScopeScores> scopes, String scope, String unit) {
    return scopes.stream().filter(s -> s.scope().equals(scope)).findFirst().orElseThrow()
        .units().stream().filter(u -> u.unitId().equals(unit)).findFirst().orElseThrow();
  }

  @Test
  void scopesInOrderEachRankingTheOneCompositeOfItsLevel() {
    List<ScopeScores> scopes = SCORER.score(year2025(), null);
    assertThat(scopes).extracting(ScopeScores::scope)
        .containsExactly("groups", "enterprises", "industry:automotive", "industry:biomedicine");
    // All enterprises are normalised together once (the tiny set: U4 100, U2 and U3 58.333333,
    // U1 0); each industry ranks its members on those composites and uses the level's indicators.
    ScopeScores automotive = scopes.get(2);
    assertThat(automotive.indicatorsUsed()).containsExactly("A01", "A02", "B04", "C01");
    assertThat(automotive.indicatorsLeftOut()).containsEntry("B03", "one value for all units");
    assertThat(automotive.units()).extracting(UnitScore::unitId, UnitScore::composite, UnitScore::rank)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("U2", 58.333333, 1), org.assertj.core.groups.Tuple.tuple("U1", 0.0, 2));
    ScopeScores biomedicine = scopes.get(3);
    assertThat(biomedicine.units()).extracting(UnitScore::unitId, UnitScore::composite, UnitScore::rank)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("U4", 100.0, 1), org.assertj.core.groups.Tuple.tuple("U3", 58.333333, 2),
            org.assertj.core.groups.Tuple.tuple("U5", null, null));
    assertThat(find(scopes, "industry:biomedicine", "U5").unrankedReason()).isEqualTo("无可用指标值 no usable value");
    // One score wherever the unit is ranked: parts and composite equal in both of its scopes.
    for (String id : List.of("U1", "U2")) {
      UnitScore all = find(scopes, "enterprises", id);
      UnitScore industry = find(scopes, "industry:automotive", id);
      assertThat(industry.composite()).isEqualTo(all.composite());
      assertThat(industry.parts()).isEqualTo(all.parts());
    }
    // Tiers follow the one composite too: U2 is 合格 in both scopes.
    assertThat(find(scopes, "industry:automotive", "U2").tier()).isEqualTo("合格");
  }

  @Test
  void industryIntervalsComeFromTheSameDrawsAndCountTheScopesRankedUnits() {
    List<ScopeScores> scopes = SCORER.score(year2025(), null);
    // Biomedicine ranks U4 and U3 only: U4 is best on every part it has, so always first there.
    assertThat(find(scopes, "industry:biomedicine", "U4").interval()).isEqualTo(new RankInterval(1, 1, 1, 2));
    assertThat(find(scopes, "industry:automotive", "U2").interval().rankedInScope()).isEqualTo(2);
  }

  @Test
  void rankChangeAgainstThePreviousPeriod() {
    List<ScopeScores> scopes = SCORER.score(year2025(), year2024());
    // Enterprises: 2024 ranks U1 1, U2 2, U3 3; 2025 ranks U4 1, U2 2, U3 2, U1 4.
    assertThat(find(scopes, "enterprises", "U1").rankChange()).isEqualTo(1 - 4);
    assertThat(find(scopes, "enterprises", "U2").rankChange()).isEqualTo(0);
    assertThat(find(scopes, "enterprises", "U3").rankChange()).isEqualTo(3 - 2);
    assertThat(find(scopes, "enterprises", "U4").rankChange()).as("new in 2025").isNull();
    assertThat(find(scopes, "enterprises", "U5").rankChange()).as("unranked").isNull();
    // Automotive: 2024 U1 1, U2 2; 2025 U2 1, U1 2.
    assertThat(find(scopes, "industry:automotive", "U1").rankChange()).isEqualTo(-1);
    assertThat(find(scopes, "industry:automotive", "U2").rankChange()).isEqualTo(1);
    // U3 moved from automotive to biomedicine, which had no ranking in 2024.
    assertThat(find(scopes, "industry:biomedicine", "U3").rankChange()).isNull();
    // Groups: 2024 G2 1, G1 2; 2025 G1 1, G2 2.
    assertThat(find(scopes, "groups", "G1").rankChange()).isEqualTo(1);
    assertThat(find(scopes, "groups", "G2").rankChange()).isEqualTo(-1);
  }

  @Test
  void withoutPreviousPeriodNoChange() {
    assertThat(SCORER.score(year2025(), null)).flatExtracting(ScopeScores::units)
        .extracting(UnitScore::rankChange).containsOnlyNulls();
  }

  @Test
  void rankedUnitsHaveIntervalsUnrankedNone() {
    List<ScopeScores> scopes = SCORER.score(year2025(), year2024());
    assertThat(find(scopes, "enterprises", "U4").interval()).isEqualTo(new RankInterval(1, 1, 1, 4));
    assertThat(find(scopes, "enterprises", "U1").interval()).isNotNull();
    assertThat(find(scopes, "enterprises", "U5").interval()).isNull();
  }

  @Test
  void previousPeriodIsTheLatestEarlierOfTheSameKind() {
    Set<String> present = Set.of("2023", "2024", "2025", "2024Q4", "2025Q1", "2025Q3", "2025H1", "2026");
    assertThat(Periods.previous("2025", present)).contains("2024");
    assertThat(Periods.previous("2025", Set.of("2023", "2025", "2025Q4"))).contains("2023");
    assertThat(Periods.previous("2025Q3", present)).as("2025Q2 has no data").contains("2025Q1");
    assertThat(Periods.previous("2025Q1", present)).contains("2024Q4");
    assertThat(Periods.previous("2025H2", present)).contains("2025H1");
    assertThat(Periods.previous("2023", present)).isEqualTo(Optional.empty());
  }
}
