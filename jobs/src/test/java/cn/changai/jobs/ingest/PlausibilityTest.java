package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each plausibility check on hand-worked pairs of submissions (2024 before, 2025 now), at and just
 * beyond its default threshold: headcount ±30% (when either count is at least 10), a percentage
 * indicator ±20 points, a figure more than 5-fold, a figure to 0 from at least 10, the mean wage
 * ×5 either way.
 */
class PlausibilityTest {

  private final Plausibility checks = new Plausibility(Plausibility.Thresholds.defaults());

  private static Plausibility.Snapshot snapshot(Double workers, Double wage, Map<String, Plausibility.Ratio> ratios,
      Map<String, Double> figures) {
    return new Plausibility.Snapshot(workers, wage, ratios, figures);
  }

  private static Plausibility.Snapshot workers(double count) {
    return snapshot(count, null, Map.of(), Map.of());
  }

  private List<String> findings(Plausibility.Snapshot before, Plausibility.Snapshot now) {
    return checks.check("2025", now, "2024", before).stream()
        .map(i -> i.file() + " " + i.column() + " " + i.code() + ": " + i.reason()).toList();
  }

  @Test
  void theDefaultsComeFromTheVersionedFile() {
    Plausibility.Thresholds t = Plausibility.Thresholds.defaults();
    assertThat(t.version()).isEqualTo("plausibility-1");
    assertThat(t.headcountChangePercent()).isEqualTo(30.0);
    assertThat(t.headcountMinBase()).isEqualTo(10L);
    assertThat(t.ratioChangePoints()).isEqualTo(20.0);
    assertThat(t.figureRatioMinBase()).isEqualTo(10.0);
    assertThat(t.growthFactor()).isEqualTo(5.0);
    assertThat(t.toZeroFrom()).isEqualTo(10.0);
  }

  @Test
  void headcountBeyondThirtyPercentEitherWay() {
    // 100 -> 130 is +30% exactly: allowed. 100 -> 131: +31%. 100 -> 69: -31%.
    assertThat(findings(workers(100), workers(130))).isEmpty();
    assertThat(findings(workers(100), workers(131))).containsExactly(
        "workers.csv industrial_worker HEADCOUNT_JUMP: industrial workers 100 in 2024, 131 in 2025: +31.0%, beyond ±30%");
    assertThat(findings(workers(100), workers(69))).containsExactly(
        "workers.csv industrial_worker HEADCOUNT_JUMP: industrial workers 100 in 2024, 69 in 2025: -31.0%, beyond ±30%");
    // A roster sent twice: 1,200 -> 2,400 is +100%.
    assertThat(findings(workers(1200), workers(2400))).containsExactly(
        "workers.csv industrial_worker HEADCOUNT_JUMP: industrial workers 1,200 in 2024, 2,400 in 2025: +100.0%, beyond ±30%");
  }

  @Test
  void headcountOfTinyUnitsIsNotChecked() {
    // 5 -> 9 is +80% but both are below 10; 8 -> 12 is +50% with 12 at least 10.
    assertThat(findings(workers(5), workers(9))).isEmpty();
    assertThat(findings(workers(8), workers(12))).hasSize(1);
    // From no industrial workers at all there is no percentage.
    assertThat(findings(workers(0), workers(50))).isEmpty();
  }

  @Test
  void aPercentageMovingMoreThanTwentyPoints() {
    Plausibility.Snapshot before = snapshot(null, null, Map.of(
        "A02", new Plausibility.Ratio(40.0, false),
        "C04", new Plausibility.Ratio(50.0, false, 20.0),
        "B04", new Plausibility.Ratio(10.0, true),
        "C02", new Plausibility.Ratio(0.0, false),
        "C01", new Plausibility.Ratio(10.0, false)), Map.of());
    Plausibility.Snapshot now = snapshot(null, null, Map.of(
        "A02", new Plausibility.Ratio(61.0, false),   // +21 points: beyond
        "C04", new Plausibility.Ratio(30.0, false, 20.0),   // -20 points exactly: allowed
        "B04", new Plausibility.Ratio(90.0, false),   // was low base: not compared
        "C02", new Plausibility.Ratio(100.0, false),  // a unit share, 0 or 100 for one enterprise: not compared
        "C01", new Plausibility.Ratio(90.0, false)),  // per 100 workers, not a percentage: not compared
        Map.of());
    assertThat(findings(before, now)).containsExactly("workers.csv A02 RATIO_JUMP: A02 party-member ratio among "
        + "industrial workers 40.0% in 2024, 61.0% in 2025: +21.0 points, beyond ±20");
    // A figure ratio names enterprise.json: C04 50% of 20 -> 29% of 10 is -21 points.
    Plausibility.Snapshot c04 = snapshot(null, null, Map.of("C04", new Plausibility.Ratio(29.0, false, 10.0)), Map.of());
    assertThat(findings(before, c04)).singleElement().asString().startsWith("enterprise.json C04 RATIO_JUMP: ");
    // On a base below 10 (2 of 7 achievements converted) a figure ratio is not compared.
    Plausibility.Snapshot small = snapshot(null, null, Map.of("C04", new Plausibility.Ratio(28.6, false, 7.0)), Map.of());
    assertThat(findings(before, small)).isEmpty();
    // A null value on either side is not compared.
    Plausibility.Snapshot nulls = snapshot(null, null, Map.of("A02", new Plausibility.Ratio(null, false)), Map.of());
    assertThat(findings(before, nulls)).isEmpty();
  }

  @Test
  void aFigureGrowingMoreThanFiveFoldOrFallingToZero() {
    Map<String, Double> before = new LinkedHashMap<>();
    before.put("competition_participants", 10.0);
    before.put("proposals_adopted", 10.0);
    before.put("innovation_achievements", 12.0);
    before.put("achievements_converted", 9.0);
    before.put("employee_directors", null);
    before.put("innovation_funding_wan_yuan", 2.5);
    Map<String, Double> now = new LinkedHashMap<>();
    now.put("competition_participants", 51.0);    // ×5.1: beyond
    now.put("proposals_adopted", 50.0);           // ×5 exactly: allowed
    now.put("innovation_achievements", 0.0);      // 12 -> 0: fell to 0
    now.put("achievements_converted", 0.0);       // 9 -> 0: below 10 before, allowed
    now.put("employee_directors", 0.0);           // unknown before: not compared
    now.put("innovation_funding_wan_yuan", 25000.0); // yuan typed where ten-thousands were meant: ×10,000
    assertThat(findings(snapshot(null, null, Map.of(), before), snapshot(null, null, Map.of(), now))).containsExactly(
        "enterprise.json competition_participants FIGURE_JUMP: competition_participants 10 in 2024, 51 in 2025: ×5.1, beyond ×5",
        "enterprise.json innovation_achievements FIGURE_TO_ZERO: innovation_achievements 12 in 2024, 0 in 2025: fell to 0 from at least 10",
        "enterprise.json innovation_funding_wan_yuan FIGURE_JUMP: innovation_funding_wan_yuan 2.5 in 2024, 25000 in 2025: ×10000, beyond ×5");
  }

  @Test
  void theMeanWageChangingScaleEitherWay() {
    // 96,000 yuan one year, 9.6 (ten-thousands) the next: ×0.0001. 96,000 -> 480,000 is ×5: allowed.
    assertThat(findings(snapshot(null, 96000.0, Map.of(), Map.of()), snapshot(null, 9.6, Map.of(), Map.of())))
        .containsExactly("workers.csv annual_wage_yuan FIGURE_JUMP: mean known wage of industrial workers 96,000 in"
            + " 2024, 9.60 in 2025: ×0.0001, beyond ×5 either way");
    assertThat(findings(snapshot(null, 96000.0, Map.of(), Map.of()), snapshot(null, 480000.0, Map.of(), Map.of())))
        .isEmpty();
  }

  @Test
  void nothingToCompareGivesNoWarning() {
    Map<String, Double> figures = new HashMap<>();
    figures.put("competition_participants", null);
    Plausibility.Snapshot empty = snapshot(null, null, Map.of(), figures);
    assertThat(findings(empty, snapshot(500.0, 100000.0, Map.of("A02", new Plausibility.Ratio(90.0, false)),
        Map.of("competition_participants", 400.0)))).isEmpty();
  }
}
