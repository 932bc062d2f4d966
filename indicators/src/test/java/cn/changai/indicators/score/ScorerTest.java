package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.changai.indicators.Part;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScorerTest {

  private static final Weights DEFAULTS = Weights.defaults();

  private static Map<String, UnitScore> byId(ScopeScores scores) {
    return scores.units().stream().collect(Collectors.toMap(UnitScore::unitId, Function.identity()));
  }

  @Test
  void scoresAndRanksTheTinySetAsWorkedOutByHand() {
    ScopeScores scores = new Scorer(DEFAULTS, Normalisation.MINMAX).score("enterprises", Fixtures.tiny());
    Map<String, UnitScore> u = byId(scores);

    // Part scores, see Fixtures.tiny().
    assertThat(u.get("U1").parts()).containsEntry(Part.A, 0.0).containsEntry(Part.B, 0.0).containsEntry(Part.C, 0.0);
    assertThat(u.get("U2").part(Part.A)).isEqualTo(50.0);
    assertThat(u.get("U3").part(Part.A)).isEqualTo(75.0);
    assertThat(u.get("U4").part(Part.A)).isEqualTo(100.0);
    assertThat(u.get("U2").part(Part.B)).isEqualTo(100.0);
    assertThat(u.get("U3").part(Part.B)).isEqualTo(50.0);
    assertThat(u.get("U2").part(Part.C)).isEqualTo(25.0);
    for (UnitScore s : scores.units()) {
      assertThat(s.part(Part.D)).as("D04 has one usable value only").isNull();
    }

    // Composites (A+B+C)/3, rounded to 6 decimals.
    assertThat(u.get("U1").composite()).isEqualTo(0.0);
    assertThat(u.get("U2").composite()).isEqualTo(58.333333);
    assertThat(u.get("U3").composite()).isEqualTo(58.333333);
    assertThat(u.get("U4").composite()).isEqualTo(100.0);

    // Standard competition ranking: 1, 2, 2, 4; ties ordered by unit id.
    assertThat(scores.units()).extracting(UnitScore::unitId).containsExactly("U4", "U2", "U3", "U1", "U5");
    assertThat(scores.units()).extracting(UnitScore::rank).containsExactly(1, 2, 2, 4, null);
    assertThat(scores.units()).extracting(UnitScore::tier).containsExactly("优秀", "合格", "合格", "待改进", null);
  }

  @Test
  void hugeEqualWeightsScoreAsTheDefaultsDoToTheLastBit() {
    // Weights are relative: four parts of 1e308 (their sum is infinite) and indicators of 1e308
    // are the defaults, as are weights of 2^-40; the hand-worked composites of the tiny set.
    for (String text : List.of("version: t\nparts: {A: 1e308, B: 1e308, C: 1e308, D: 1e308}\n",
        "version: t\nindicators: {A01: 1.7e308, A02: 1.7e308, B04: 1.7e308, C01: 1.7e308}\n"
            + "parts: {A: 9.094947017729282e-13, B: 9.094947017729282e-13, C: 9.094947017729282e-13, "
            + "D: 9.094947017729282e-13}\n")) {
      Map<String, UnitScore> u = byId(new Scorer(Weights.parse("w.yaml", text), Normalisation.MINMAX)
          .score("enterprises", Fixtures.tiny()));
      assertThat(u.get("U1").composite()).as(text).isEqualTo(0.0);
      assertThat(u.get("U2").composite()).as(text).isEqualTo(58.333333);
      assertThat(u.get("U3").composite()).as(text).isEqualTo(58.333333);
      assertThat(u.get("U4").composite()).as(text).isEqualTo(100.0);
      assertThat(u.get("U4").rank()).as(text).isEqualTo(1);
    }
    assertThat(Scorer.relative(new double[] {1e308, 1e308, 0})).containsExactly(Math.scalb(1e308, -1023),
        Math.scalb(1e308, -1023), 0.0);
    assertThat(Scorer.relative(new double[] {1, 1, 1, 1})).containsExactly(1.0, 1.0, 1.0, 1.0);
  }

  @Test
  void publishesTheNormalisedValuesItScoresFromWeightZeroIncluded() {
    Weights noC01 = Weights.parse("w.yaml", "version: t\nindicators: {C01: 0}\n");
    ScopeInputs inputs = new Scorer(noC01, Normalisation.MINMAX).inputs("enterprises", Fixtures.tiny());
    // docs/scoring.md's worked example: A01 over U1..U3 0, 50, 100; A02 over U1, U3, U4 0, 50, 100;
    // B04 0, 100, 50, 100; C01 0, 25, 50, 100 (kept although its weight is 0).
    assertThat(inputs.indicators()).containsExactly("A01", "A02", "B04", "C01");
    assertThat(inputs.units()).extracting(ScopeInputs.Unit::unitId).containsExactly("U1", "U2", "U3", "U4", "U5");
    assertThat(inputs.units().get(0).values()).containsExactly(0.0, 0.0, 0.0, 0.0);
    assertThat(inputs.units().get(1).values()).containsExactly(50.0, null, 100.0, 25.0);
    assertThat(inputs.units().get(2).values()).containsExactly(100.0, 50.0, 50.0, 50.0);
    assertThat(inputs.units().get(3).values()).containsExactly(null, 100.0, 100.0, 100.0);
    assertThat(inputs.units().get(4).values()).containsOnlyNulls();
  }

  @Test
  void unitWithoutPartScoresIsUnranked() {
    // U5: A01 null, A02 low_base, B03 one value for all: nothing left.
    UnitScore u5 = byId(new Scorer(DEFAULTS, Normalisation.MINMAX).score("enterprises", Fixtures.tiny())).get("U5");
    assertThat(u5.composite()).isNull();
    assertThat(u5.rank()).isNull();
    assertThat(u5.tier()).isNull();
    assertThat(u5.parts().values()).containsOnlyNulls();
    assertThat(u5.indicatorsUsed()).isEmpty();
  }

  @Test
  void screeningLeavesOutAUnitWithTooFewUsableValuesBeforeNormalising() {
    // U6 has C01 only: 1 of the 4 indicators that can enter a score (A01, A02, B04, C01), fewer
    // than two thirds (3). It is unranked with the reason and takes no part in the normalisation:
    // its C01 of 200 would otherwise be the maximum. So U1..U4 score as in the tiny set.
    List<UnitValues> units = new ArrayList<>(Fixtures.tiny());
    units.add(UnitValues.builder("enterprise", "U6", "六号").value("C01", 200.0).build());
    Map<String, UnitScore> u = byId(new Scorer(DEFAULTS, Normalisation.MINMAX).score("enterprises", units));
    assertThat(u.get("U6").rank()).isNull();
    assertThat(u.get("U6").composite()).isNull();
    assertThat(u.get("U6").unrankedReason())
        .isEqualTo("数据不足：4 项评分指标中仅 1 项有可用值（至少需 3 项） too few usable values: 1 of 4 indicators (at least 3 needed)");
    assertThat(u.get("U2").composite()).isEqualTo(58.333333);
    assertThat(u.get("U4").composite()).isEqualTo(100.0);
    assertThat(u.get("U2").unrankedReason()).as("3 of 4 passes").isNull();
    // Without screening U6 is ranked, and as the best on C01 it moves U4's C01 from 100 to 50.
    Map<String, UnitScore> unscreened = byId(new Scorer(DEFAULTS, Normalisation.MINMAX, Screening.NONE,
        OutlierTreatment.NONE).score("enterprises", units));
    assertThat(unscreened.get("U6").rank()).isNotNull();
    assertThat(unscreened.get("U4").part(Part.C)).isEqualTo(50.0);
  }

  @Test
  void screeningNeedsTwoThirdsRoundedUp() {
    assertThat(Screening.DEFAULT.required(24)).isEqualTo(16);
    assertThat(Screening.DEFAULT.required(22)).isEqualTo(15);
    assertThat(Screening.DEFAULT.required(3)).isEqualTo(2);
    assertThat(Screening.DEFAULT.required(1)).isEqualTo(1);
    assertThat(Screening.NONE.required(24)).isEqualTo(1);
  }

  @Test
  void theOnlyUnitOfALevelIsNotRankedForWantOfOthersNotForWantOfValues() {
    // One group with every value it could have: nothing to compare it with. Its indicators are
    // left out as "only one usable value" (not "no usable value": it sent them all).
    ScopeScores alone = new Scorer(DEFAULTS, Normalisation.MINMAX).score("groups",
        List.of(UnitValues.builder("group", "G1", "甲集团").value("A01", 10.0).value("A02", 50.0).value("B04", 40.0).build()));
    UnitScore g1 = alone.units().get(0);
    assertThat(g1.rank()).isNull();
    assertThat(g1.unrankedReason()).isEqualTo("本层级仅此一个单位，无从比较 the only unit of its level: none to compare with");
    assertThat(alone.indicatorsLeftOut()).containsEntry("A01", "only one usable value").containsEntry("B04", "only one usable value")
        .containsEntry("A03", "no usable value");
    // An indicator weighed 0 is left out for its weight, whatever its values.
    Weights noA01 = Weights.parse("w.yaml", "version: t\nindicators: {A01: 0}\n");
    assertThat(new Scorer(noA01, Normalisation.MINMAX).score("groups",
        List.of(UnitValues.builder("group", "G1", "甲集团").value("A01", 10.0).value("A02", 50.0).build()))
        .indicatorsLeftOut()).containsEntry("A01", "weight 0").containsEntry("A02", "only one usable value");
    // Two units alike in every value: none tells them apart.
    ScopeScores twins = new Scorer(DEFAULTS, Normalisation.MINMAX).score("groups", List.of(
        UnitValues.builder("group", "G1", "甲").value("A01", 10.0).build(),
        UnitValues.builder("group", "G2", "乙").value("A01", 10.0).build()));
    assertThat(twins.units()).extracting(UnitScore::unrankedReason)
        .containsOnly("各指标取值均无差异，无从比较 no indicator differs between the units");
    assertThat(twins.indicatorsLeftOut()).containsEntry("A01", "one value for all units");
  }

  @Test
  void leavesOutIndicatorsThatCannotTellUnitsApart() {
    ScopeScores scores = new Scorer(DEFAULTS, Normalisation.MINMAX).score("enterprises", Fixtures.tiny());
    assertThat(scores.indicatorsUsed()).containsExactly("A01", "A02", "B04", "C01");
    assertThat(scores.indicatorsLeftOut())
        .containsEntry("B03", "one value for all units")
        .containsEntry("D04", "only one usable value")
        .containsEntry("A03", "no usable value")
        .hasSize(Catalogue.all().size() - 4); // every indicator but the four used
    Map<String, UnitScore> u = byId(scores);
    assertThat(u.get("U1").indicatorsUsed()).containsExactly("A01", "A02", "B04", "C01");
    assertThat(u.get("U2").indicatorsUsed()).as("A02 is low_base").containsExactly("A01", "B04", "C01");
    assertThat(u.get("U4").indicatorsUsed()).as("A01 is null").containsExactly("A02", "B04", "C01");
  }

  @Test
  void inputOrderDoesNotMatter() {
    List<UnitValues> shuffled = new ArrayList<>(Fixtures.tiny());
    Collections.reverse(shuffled);
    Scorer scorer = new Scorer(DEFAULTS, Normalisation.MINMAX);
    assertThat(scorer.score("enterprises", shuffled)).isEqualTo(scorer.score("enterprises", Fixtures.tiny()));
  }

  @Test
  void weightsFromAFile() {
    // Part A weighs 2, A01 weighs 3 within A. Part A: U1 (3×0+1×0)/4 = 0, U2 50 (A01 only),
    // U3 (3×100+1×50)/4 = 87.5, U4 100 (A02 only). Composite (2A+B+C)/4: U1 0,
    // U2 (100+100+25)/4 = 56.25, U3 (175+50+50)/4 = 68.75, U4 (200+100+100)/4 = 100.
    Weights weights = Weights.parse("w.yaml", "version: test-2\nparts: {A: 2}\nindicators: {A01: 3}\n");
    ScopeScores scores = new Scorer(weights, Normalisation.MINMAX).score("enterprises", Fixtures.tiny());
    Map<String, UnitScore> u = byId(scores);
    assertThat(u.get("U3").part(Part.A)).isEqualTo(87.5);
    assertThat(scores.units()).extracting(UnitScore::unitId).containsExactly("U4", "U3", "U2", "U1", "U5");
    assertThat(scores.units()).extracting(UnitScore::composite).containsExactly(100.0, 68.75, 56.25, 0.0, null);
    assertThat(scores.units()).extracting(UnitScore::rank).containsExactly(1, 2, 3, 4, null);
    assertThat(scores.units()).extracting(UnitScore::tier).containsExactly("优秀", "合格", "合格", "待改进", null);
  }

  @Test
  void zeroWeightLeavesAnIndicatorOutOfTheScore() {
    // C01 weighs 0: part C is null for all, composite (A+B)/2: U1 0, U2 75, U3 62.5, U4 100.
    Weights weights = Weights.parse("w.yaml", "version: t\nindicators: {C01: 0}\n");
    ScopeScores scores = new Scorer(weights, Normalisation.MINMAX).score("enterprises", Fixtures.tiny());
    assertThat(scores.units()).extracting(UnitScore::composite).containsExactly(100.0, 75.0, 62.5, 0.0, null);
    assertThat(byId(scores).get("U1").indicatorsUsed()).containsExactly("A01", "A02", "B04");
    assertThat(scores.indicatorsUsed()).containsExactly("A01", "A02", "B04");
    assertThat(scores.indicatorsLeftOut()).containsEntry("C01", "weight 0")
        .hasSize(Catalogue.all().size() - 3); // every indicator but the three used
  }

  @Test
  void aPartOfWeightZeroIsOutOfEveryScoreWithItsIndicators() {
    // Part B weighs 0. Screening counts A01, A02 and C01 (B04 is in B): 2 of 3 needed, U1..U4
    // pass, U5 has none. Part A: U1 0, U2 50, U3 75, U4 100; part C: U1 0, U2 25, U3 50, U4 100;
    // part B null for everyone. Composite (A + C) / 2: U4 100, U3 62.5, U2 37.5, U1 0.
    Weights weights = Weights.parse("w.yaml", "version: t\nparts: {B: 0}\n");
    ScopeScores scores = new Scorer(weights, Normalisation.MINMAX).score("enterprises", Fixtures.tiny());
    Map<String, UnitScore> u = byId(scores);
    assertThat(scores.units()).extracting(UnitScore::unitId).containsExactly("U4", "U3", "U2", "U1", "U5");
    assertThat(scores.units()).extracting(UnitScore::composite).containsExactly(100.0, 62.5, 37.5, 0.0, null);
    assertThat(scores.units()).extracting(UnitScore::rank).containsExactly(1, 2, 3, 4, null);
    for (String id : List.of("U1", "U2", "U3", "U4")) {
      assertThat(u.get(id).part(Part.B)).as(id).isNull();
    }
    assertThat(u.get("U3").part(Part.A)).isEqualTo(75.0);
    assertThat(u.get("U3").part(Part.C)).isEqualTo(50.0);
    assertThat(u.get("U1").indicatorsUsed()).containsExactly("A01", "A02", "C01");
    assertThat(u.get("U2").indicatorsUsed()).as("A02 is low_base").containsExactly("A01", "C01");
    assertThat(scores.indicatorsUsed()).containsExactly("A01", "A02", "C01");
    // The analyst's weight first: B03 (one value for all) and B04 (usable) alike are out for it.
    assertThat(scores.indicatorsLeftOut()).containsEntry("B03", "weight 0").containsEntry("B04", "weight 0")
        .containsEntry("D04", "only one usable value");
  }

  @Test
  void tierThresholdsComeFromTheWeightsFile() {
    Weights weights = Weights.parse("w.yaml", "version: t\ntiers: {excellent: 95, good: 58, pass: 1}\n");
    ScopeScores scores = new Scorer(weights, Normalisation.MINMAX).score("enterprises", Fixtures.tiny());
    assertThat(scores.units()).extracting(UnitScore::tier).containsExactly("优秀", "良好", "良好", "待改进", null);
  }

  @Test
  void zScoresAsWorkedOutByHand() {
    ScopeScores scores = new Scorer(DEFAULTS, Normalisation.ZSCORE).score("enterprises", Fixtures.wholeZ());
    Map<String, UnitScore> u = byId(scores);
    assertThat(u.get("Z1").parts()).containsEntry(Part.A, 40.0).containsEntry(Part.B, 60.0);
    assertThat(u.get("Z3").parts()).containsEntry(Part.A, 60.0).containsEntry(Part.C, 60.0);
    assertThat(scores.units()).extracting(UnitScore::unitId).containsExactly("Z3", "Z1", "Z4", "Z2");
    assertThat(scores.units()).extracting(UnitScore::composite).containsExactly(60.0, 50.0, 50.0, 40.0);
    assertThat(scores.units()).extracting(UnitScore::rank).containsExactly(1, 2, 2, 4);
    assertThat(scores.units()).extracting(UnitScore::tier).containsExactly("合格", "待改进", "待改进", "待改进");
  }

  @Test
  void zScoresOfTheTinySet() {
    // A01 over 10, 20, 30: mean 20, sd √(200/3) = 8.164966, z = ∓1.224745, T = 37.752551, 50, 62.247449.
    // C01 over 0, 25, 50, 100: mean 43.75, sd √1367.1875 = 36.975498, T(U4) = 50 + 10 × 56.25 / 36.975498
    // = 65.212777; T(U2) = 50 − 10 × 18.75 / 36.975498 = 44.929074.
    Map<String, UnitScore> u = byId(new Scorer(DEFAULTS, Normalisation.ZSCORE).score("enterprises", Fixtures.tiny()));
    assertThat(u.get("U2").part(Part.A)).isEqualTo(50.0);
    assertThat(u.get("U2").part(Part.C)).isCloseTo(44.929074, within(1e-6));
    assertThat(u.get("U4").part(Part.C)).isCloseTo(65.212777, within(1e-6));
    // Part A of U1: A01 37.752551, A02 over 50, 60, 70 also 37.752551.
    assertThat(u.get("U1").part(Part.A)).isCloseTo(37.752551, within(1e-6));
  }

  @Test
  void zScoresAreClampedTo0To100() {
    // 29 units at 0 and one at 1: mean 1/30, sd √29/30; the outlier's z is √29 = 5.385, T 103.85,
    // clamped to 100; the others' z is -1/√29, T = 50 − 10/√29 = 48.143047.
    List<UnitValues> units = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      units.add(UnitValues.builder("enterprise", String.format("E%02d", i), "e").value("A01", i == 0 ? 1.0 : 0.0).build());
    }
    Normaliser.Normalised n = Normaliser.normalise(units, Normalisation.ZSCORE);
    assertThat(n.score(0, 0)).isEqualTo(100.0);
    assertThat(n.score(1, 0)).isCloseTo(48.143047, within(1e-6));
  }

  @Test
  void ranksSkipAfterTiesAndIgnoreDifferencesBeyondSixDecimals() {
    double[] composites = {70, 80.0000001, 80, Double.NaN, 90, 80.0000004, 10};
    // 80.0000001, 80 and 80.0000004 all round to 80.000000.
    assertThat(Scorer.ranks(composites)).containsExactly(5, 2, 2, 0, 1, 2, 6);
  }
}
