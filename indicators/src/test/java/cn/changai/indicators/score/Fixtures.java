package cn.changai.indicators.score;

import java.util.List;

/** Tiny named sets of units whose scores are worked out by hand in the tests' comments. */
final class Fixtures {

  private Fixtures() {}

  /**
   * Five enterprises, default weights, min-max:
   *
   * <pre>
   *        A01   A02        B03  B04  C01  D04
   *   U1   10    50         8    40   0    70
   *   U2   20    90 (low)   8    80   25   -
   *   U3   30    60         8    60   50   -
   *   U4   null  70         8    80   100  -
   *   U5   null  40 (low)   8    -    -    -
   * </pre>
   *
   * B03 has one value for all and D04 one usable value: both are left out. A01 over U1..U3 is
   * 0, 50, 100; A02 over U1, U3, U4 is 0, 50, 100; B04 over 40..80 is 0, 100, 50, 100; C01 is
   * 0, 25, 50, 100. Part A (weights rescaled over what a unit has): U1 (0+0)/2 = 0, U2 50 (A01
   * only), U3 (100+50)/2 = 75, U4 100 (A02 only). Composites (A+B+C)/3, D null for all:
   * U1 0, U2 (50+100+25)/3 = 58.333333, U3 (75+50+50)/3 = 58.333333, U4 300/3 = 100.
   * Ranks: U4 1, U2 2, U3 2, U1 4 (1, 2, 2, 4). U5 has no usable value left: unranked.
   */
  static List<UnitValues> tiny() {
    return List.of(
        UnitValues.builder("enterprise", "U1", "一号").value("A01", 10.0).value("A02", 50.0).value("B03", 8.0)
            .value("B04", 40.0).value("C01", 0.0).value("D04", 70.0).build(),
        UnitValues.builder("enterprise", "U2", "二号").value("A01", 20.0).lowBase("A02", 90.0).value("B03", 8.0)
            .value("B04", 80.0).value("C01", 25.0).build(),
        UnitValues.builder("enterprise", "U3", "三号").value("A01", 30.0).value("A02", 60.0).value("B03", 8.0)
            .value("B04", 60.0).value("C01", 50.0).build(),
        UnitValues.builder("enterprise", "U4", "四号").value("A01", null).value("A02", 70.0).value("B03", 8.0)
            .value("B04", 80.0).value("C01", 100.0).build(),
        UnitValues.builder("enterprise", "U5", "五号").value("A01", null).lowBase("A02", 40.0).value("B03", 8.0).build());
  }

  /**
   * Four enterprises whose z-scores are whole numbers:
   *
   * <pre>
   *        A01  B04  C01
   *   Z1   0    3    -
   *   Z2   0    1    -
   *   Z3   6    -    10
   *   Z4   6    -    0
   * </pre>
   *
   * A01: mean 3, population sd 3, z = -1, -1, 1, 1, T = 40, 40, 60, 60. B04: mean 2, sd 1, T = 60
   * (Z1), 40 (Z2). C01: mean 5, sd 5, T = 60 (Z3), 40 (Z4). Composites: Z1 (40+60)/2 = 50,
   * Z2 (40+40)/2 = 40, Z3 (60+60)/2 = 60, Z4 (60+40)/2 = 50. Ranks: Z3 1, Z1 2, Z4 2, Z2 4.
   */
  static List<UnitValues> wholeZ() {
    return List.of(
        UnitValues.builder("enterprise", "Z1", "Z1").value("A01", 0.0).value("B04", 3.0).build(),
        UnitValues.builder("enterprise", "Z2", "Z2").value("A01", 0.0).value("B04", 1.0).build(),
        UnitValues.builder("enterprise", "Z3", "Z3").value("A01", 6.0).value("C01", 10.0).build(),
        UnitValues.builder("enterprise", "Z4", "Z4").value("A01", 6.0).value("C01", 0.0).build());
  }
}
