package cn.changai.indicators.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SensitivityTest {

  private static final Weights DEFAULTS = Weights.defaults();

  /** 60 units with 8 indicators over the four parts, some values missing or low_base. */
  private static List<UnitValues> randomUnits() {
    Random random = new Random(42);
    String[] ids = {"A01", "A02", "B03", "B04", "C01", "C03", "D04", "D05"};
    List<UnitValues> units = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      UnitValues.Builder b = UnitValues.builder("enterprise", String.format("E%03d", i), "e" + i);
      for (String id : ids) {
        double r = random.nextDouble();
        if (r < 0.1) {
          b.value(id, null);
        } else {
          b.value(id, Math.floor(random.nextDouble() * 1000) / 10, r < 0.15);
        }
      }
      units.add(b.build());
    }
    return units;
  }

  @Test
  void sameSeedSameIntervalsWhateverTheInputOrder() {
    List<UnitValues> units = randomUnits();
    List<UnitValues> reversed = new ArrayList<>(units);
    Collections.reverse(reversed);
    Map<String, RankInterval> first = new Sensitivity(DEFAULTS, Normalisation.MINMAX, 200, 7).intervals("enterprises", units);
    Map<String, RankInterval> again = new Sensitivity(DEFAULTS, Normalisation.MINMAX, 200, 7).intervals("enterprises", reversed);
    Map<String, RankInterval> otherSeed = new Sensitivity(DEFAULTS, Normalisation.MINMAX, 200, 8).intervals("enterprises", units);
    assertThat(first).hasSize(60).isEqualTo(again);
    assertThat(otherSeed).hasSize(60).isNotEqualTo(first);
  }

  @Test
  void medianLiesWithinThe5thTo95thPercentiles() {
    for (Normalisation method : Normalisation.values()) {
      Map<String, RankInterval> intervals = new Sensitivity(DEFAULTS, method, 300, 1).intervals("enterprises", randomUnits());
      assertThat(intervals).hasSize(60);
      for (RankInterval r : intervals.values()) {
        assertThat(r.p05()).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(r.median());
        assertThat(r.median()).isLessThanOrEqualTo(r.p95());
        assertThat(r.p95()).isLessThanOrEqualTo(60);
        // 60 ranked: 5% is 3 places, so the floor of 3 decides.
        assertThat(r.unstable()).isEqualTo(r.p95() - r.p05() > 3);
      }
      assertThat(intervals.values()).anyMatch(RankInterval::unstable).anyMatch(r -> !r.unstable());
    }
  }

  @Test
  void ranksThatHingeOnTheWeightsAreUnstable() {
    // K0..K9: A01 = k, B04 = 9 − k. At equal weights every composite is 50 (all rank 1), and with
    // z-scores too. A draw with part A heavier than B ranks K9 first and K0 last (10), one with B
    // heavier the reverse. So K0 and K9 range over 1..10 (unstable) and K4 over 5..6 (stable).
    List<UnitValues> units = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      units.add(UnitValues.builder("enterprise", "K" + k, "k").value("A01", (double) k).value("B04", 9.0 - k).build());
    }
    Map<String, RankInterval> intervals = new Sensitivity(DEFAULTS, Normalisation.MINMAX, 200, 3).intervals("enterprises", units);
    assertThat(intervals.get("K0").p05()).isEqualTo(1);
    assertThat(intervals.get("K0").p95()).isEqualTo(10);
    assertThat(intervals.get("K0").unstable()).isTrue();
    assertThat(intervals.get("K9").unstable()).isTrue();
    assertThat(intervals.get("K4")).extracting(RankInterval::p05, RankInterval::p95).containsExactly(5, 6);
    assertThat(intervals.get("K4").unstable()).isFalse();
  }

  @Test
  void aUnitBestOnEverythingIsAlwaysFirst() {
    // U4 in the tiny set scores 100 on every part it has, whatever the weights: [1, 1].
    Map<String, RankInterval> intervals = new Sensitivity(DEFAULTS, Normalisation.MINMAX, 100, 5).intervals("enterprises", Fixtures.tiny());
    assertThat(intervals.get("U4")).isEqualTo(new RankInterval(1, 1, 1, 4));
    assertThat(intervals).doesNotContainKey("U5");
    assertThat(intervals).hasSize(4);
  }

  @Test
  void noDrawsNoIntervals() {
    assertThat(new Sensitivity(DEFAULTS, Normalisation.MINMAX, 0, 5).intervals("enterprises", Fixtures.tiny())).isEmpty();
  }

  @Test
  void unstableBeyondThreePlacesOrFivePercentOfTheScope() {
    // 20 ranked: 5% is 1 place, the floor 3 decides: a span of 3 is stable, 4 unstable.
    assertThat(new RankInterval(5, 3, 6, 20).unstable()).isFalse();
    assertThat(new RankInterval(5, 3, 7, 20).unstable()).isTrue();
    // 1,000 ranked: 5% is 50 places: 50 is stable, 51 unstable.
    assertThat(new RankInterval(500, 480, 530, 1000).unstable()).isFalse();
    assertThat(new RankInterval(500, 480, 531, 1000).unstable()).isTrue();
    // 90 ranked: 5% is 4.5 places: 4 is stable, 5 unstable.
    assertThat(RankInterval.isUnstable(4, 90)).isFalse();
    assertThat(RankInterval.isUnstable(5, 90)).isTrue();
  }

  @Test
  void nearestRankPercentiles() {
    int[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    // ceil(0.05 × 10) = 1st, ceil(0.5 × 10) = 5th, ceil(0.95 × 10) = 10th.
    assertThat(Sensitivity.percentile(ten, 5)).isEqualTo(1);
    assertThat(Sensitivity.percentile(ten, 50)).isEqualTo(5);
    assertThat(Sensitivity.percentile(ten, 95)).isEqualTo(10);
    int[] many = new int[1001];
    for (int i = 0; i < many.length; i++) {
      many[i] = i + 1;
    }
    // 1,001 samples: the 51st, 501st and 951st.
    assertThat(Sensitivity.percentile(many, 5)).isEqualTo(51);
    assertThat(Sensitivity.percentile(many, 50)).isEqualTo(501);
    assertThat(Sensitivity.percentile(many, 95)).isEqualTo(951);
  }
}
