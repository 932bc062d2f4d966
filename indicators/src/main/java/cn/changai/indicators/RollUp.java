package cn.changai.indicators;

import cn.changai.domain.Industry;
import cn.changai.domain.SkillLevel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes every indicator and the skill distribution of every unit of one period from the
 * per-enterprise measures: enterprises, groups, industries and the system. A roll-up adds its
 * members' numerators and denominators (pooled sums and counts for mean ratios), then divides; it
 * never averages the members' ratios. Plain Java: no Spark here.
 */
public final class RollUp {

  private static final MathContext MATH = MathContext.DECIMAL128;

  private final List<Indicator> indicators;
  private final int minBase;

  /** A roll-up of the given indicators, flagging headcounts below {@code minBase} as low_base. */
  public RollUp(List<Indicator> indicators, int minBase) {
    if (minBase < 1) {
      throw new IllegalArgumentException("the minimum base must be 1 or more, not " + minBase);
    }
    this.indicators = List.copyOf(indicators);
    this.minBase = minBase;
  }

  /** What one period gives: the units, their indicator values and skill counts, and tree warnings. */
  public record Result(
      String period,
      List<Unit> units,
      List<IndicatorValue> values,
      List<SkillCount> skills,
      List<TreeWarning> warnings) {

    /** How many units of each level the period has. */
    public Map<UnitLevel, Integer> unitsPerLevel() {
      return perLevel(units);
    }
  }

  /** Every unit of one period, values and skills of every unit. The enterprises must share the period. */
  public Result compute(String period, Collection<EnterpriseValues> enterprises) {
    Units tree = units(period, enterprises);
    List<IndicatorValue> values = new ArrayList<>();
    List<SkillCount> skills = new ArrayList<>();
    for (Unit unit : tree.units()) {
      values.addAll(values(period, unit));
      skills.addAll(skills(period, unit));
    }
    return new Result(period, tree.units(), values, skills, tree.warnings());
  }

  /** The units of one period in publishing order, and what was wrong with their tree. */
  public record Units(List<Unit> units, List<TreeWarning> warnings) {

    /** How many units of each level the period has. */
    public Map<UnitLevel, Integer> unitsPerLevel() {
      return perLevel(units);
    }
  }

  private static Map<UnitLevel, Integer> perLevel(List<Unit> units) {
    Map<UnitLevel, Integer> counts = new EnumMap<>(UnitLevel.class);
    for (UnitLevel level : UnitLevel.values()) {
      counts.put(level, 0);
    }
    units.forEach(u -> counts.merge(u.level(), 1, Integer::sum));
    return counts;
  }

  /**
   * The units of one period in publishing order (enterprises, groups, industries, the system), and
   * the tree's warnings. The enterprises must share the period. Each unit's values and skills
   * depend on that unit alone, so they can be worked out in any order, or at once.
   */
  public Units units(String period, Collection<EnterpriseValues> enterprises) {
    for (EnterpriseValues e : enterprises) {
      if (!e.period().equals(period)) {
        throw new IllegalArgumentException("enterprise " + e.enterpriseId() + " is of period " + e.period() + ", not " + period);
      }
    }
    UnitTree tree = new UnitTree(enterprises);
    return new Units(units(enterprises, tree), tree.warnings());
  }

  /** Every indicator of one unit, in catalogue order. */
  public List<IndicatorValue> values(String period, Unit unit) {
    List<IndicatorValue> values = new ArrayList<>(indicators.size());
    for (Indicator indicator : indicators) {
      values.add(value(period, unit, indicator));
    }
    return values;
  }

  /** The units of a period in publishing order: enterprises, groups, industries, the system. */
  static List<Unit> units(Collection<EnterpriseValues> enterprises, UnitTree tree) {
    List<EnterpriseValues> sorted = new ArrayList<>(enterprises);
    sorted.sort(Comparator.comparing(EnterpriseValues::enterpriseId));
    List<Unit> units = new ArrayList<>();
    for (EnterpriseValues e : sorted) {
      units.add(new Unit(UnitLevel.ENTERPRISE, e.enterpriseId(), e.name(), List.of(e)));
    }
    units.addAll(tree.groups());
    Map<String, List<EnterpriseValues>> byIndustry = new TreeMap<>();
    for (EnterpriseValues e : sorted) {
      byIndustry.computeIfAbsent(e.industry(), k -> new ArrayList<>()).add(e);
    }
    byIndustry.forEach((code, members) -> units.add(new Unit(UnitLevel.INDUSTRY, code,
        Industry.ofCode(code).map(Industry::chinese).orElse(code), members)));
    if (!sorted.isEmpty()) {
      units.add(new Unit(UnitLevel.SYSTEM, UnitLevel.SYSTEM_ID, UnitLevel.SYSTEM_NAME, sorted));
    }
    return units;
  }

  /** One indicator of one unit. */
  public IndicatorValue value(String period, Unit unit, Indicator indicator) {
    Formula formula = indicator.formula();
    if (formula instanceof Formula.Ratio ratio) {
      return ratio(period, unit, indicator, ratio);
    }
    if (formula instanceof Formula.PooledMeanRatio mean) {
      return pooledMean(period, unit, indicator, mean);
    }
    return share(period, unit, indicator, (Formula.UnitShare) formula);
  }

  private IndicatorValue ratio(String period, Unit unit, Indicator indicator, Formula.Ratio ratio) {
    String numeratorName = ratio.numerator().name();
    String denominatorName = ratio.denominator().name();
    // Counts add up as longs (exactly, and far faster); decimal sums as BigDecimal.
    long countN = 0;
    long countD = 0;
    BigDecimal sumN = BigDecimal.ZERO;
    BigDecimal sumD = BigDecimal.ZERO;
    int reporting = 0;
    for (EnterpriseValues m : unit.members()) {
      Object n = m.value(numeratorName);
      Object d = m.value(denominatorName);
      if (n != null && d != null) {
        if (n instanceof Long l) {
          countN = Math.addExact(countN, l);
        } else {
          sumN = sumN.add(m.number(numeratorName));
        }
        if (d instanceof Long l) {
          countD = Math.addExact(countD, l);
        } else {
          sumD = sumD.add(m.number(denominatorName));
        }
        reporting++;
      }
    }
    BigDecimal numerator = sumN.add(BigDecimal.valueOf(countN));
    BigDecimal denominator = sumD.add(BigDecimal.valueOf(countD));
    int total = unit.members().size();
    if (reporting == 0) {
      // Nobody reported what the ratio needs: numerator and denominator are unknown.
      return row(period, unit, indicator, null, null, null, false, 0, total);
    }
    boolean lowBase = indicator.kind() == Kind.HEADCOUNT_RATIO
        && denominator.compareTo(BigDecimal.valueOf(minBase)) < 0;
    return row(period, unit, indicator, numerator, denominator,
        quotient(numerator.multiply(scale(indicator)), denominator), lowBase, reporting, total);
  }

  private IndicatorValue pooledMean(String period, Unit unit, Indicator indicator, Formula.PooledMeanRatio mean) {
    BigDecimal sumHigh = BigDecimal.ZERO;
    BigDecimal sumAll = BigDecimal.ZERO;
    long countHigh = 0;
    long countAll = 0;
    for (EnterpriseValues m : unit.members()) {
      sumHigh = sumHigh.add(m.number(mean.numeratorSum().name()));
      countHigh += m.count(mean.numeratorCount().name());
      sumAll = sumAll.add(m.number(mean.denominatorSum().name()));
      countAll += m.count(mean.denominatorCount().name());
    }
    Double numerator = countHigh == 0 ? null : quotient(sumHigh, BigDecimal.valueOf(countHigh));
    Double denominator = countAll == 0 ? null : quotient(sumAll, BigDecimal.valueOf(countAll));
    // (sumHigh / countHigh) / (sumAll / countAll) × scale, with one division for exactness.
    Double value = numerator == null || denominator == null ? null
        : quotient(sumHigh.multiply(BigDecimal.valueOf(countAll)).multiply(scale(indicator)),
            sumAll.multiply(BigDecimal.valueOf(countHigh)));
    boolean lowBase = countAll < minBase || countHigh < minBase;
    int total = unit.members().size();
    return new IndicatorValue(period, unit.level(), unit.id(), unit.name(), indicator.id(), numerator, denominator, value,
        lowBase, total, total);
  }

  private static IndicatorValue share(String period, Unit unit, Indicator indicator, Formula.UnitShare share) {
    long inScope = 0;
    long meeting = 0;
    List<Measure> needs = share.needs();
    for (EnterpriseValues m : unit.members()) {
      boolean known = true;
      for (Measure need : needs) {
        known &= m.has(need);
      }
      if (known) {
        inScope++;
        if (share.condition().test(m)) {
          meeting++;
        }
      }
    }
    BigDecimal numerator = BigDecimal.valueOf(meeting);
    BigDecimal denominator = BigDecimal.valueOf(inScope);
    return row(period, unit, indicator, numerator, denominator,
        quotient(numerator.multiply(scale(indicator)), denominator), false, (int) inScope, unit.members().size());
  }

  private static BigDecimal scale(Indicator indicator) {
    return BigDecimal.valueOf(indicator.scale());
  }

  /** The eight skill levels of one unit: pooled counts, and each count's share of W in percent. */
  public static List<SkillCount> skills(String period, Unit unit) {
    Map<SkillLevel, Long> counts = new EnumMap<>(SkillLevel.class);
    long total = 0;
    for (SkillLevel level : SkillLevel.values()) {
      String name = SkillDistribution.measureName(level);
      long count = 0;
      for (EnterpriseValues m : unit.members()) {
        count += m.count(name);
      }
      counts.put(level, count);
      total += count;
    }
    List<SkillCount> rows = new ArrayList<>();
    for (SkillLevel level : SkillLevel.values()) {
      long count = counts.get(level);
      Double share = quotient(BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(100)), BigDecimal.valueOf(total));
      rows.add(new SkillCount(period, unit.level(), unit.id(), level.code(), count, share));
    }
    return rows;
  }

  /** Integers of magnitude below 2^53: doubles hold them exactly. */
  private static final long EXACT = 1L << 53;

  /**
   * The double nearest the quotient, or null when the divisor is 0 or unknown (never NaN or
   * infinite): the quotient to 34 digits ({@link MathContext#DECIMAL128}), then to a double. When
   * both are, at a common scale, integers of magnitude below 2^53 (every count, and the sums of
   * ordinary inputs), one double division gives the same double far faster: it rounds the exact
   * quotient once, and the rounding to 34 digits first cannot move a quotient of such integers
   * across a midpoint between two doubles (those lie at least 1 / (divisor × 2^54) of the value
   * away from it, the 34-digit rounding at most 5 × 10^-34 of the value; docs/indicators.md).
   */
  static Double quotient(BigDecimal dividend, BigDecimal divisor) {
    if (dividend == null || divisor == null || divisor.signum() == 0) {
      return null;
    }
    int scale = Math.max(0, Math.max(dividend.scale(), divisor.scale()));
    long a = integerAt(dividend, scale);
    long b = integerAt(divisor, scale);
    if (a != Long.MIN_VALUE && b != Long.MIN_VALUE) {
      // 0 / -n would be -0.0 in doubles; the decimal quotient is plain 0.
      return a == 0 ? 0.0 : (double) a / (double) b;
    }
    return dividend.divide(divisor, MATH).doubleValue();
  }

  /** The value × 10^scale when that is an integer of magnitude below 2^53, else Long.MIN_VALUE. */
  private static long integerAt(BigDecimal value, int scale) {
    if (value.precision() - value.scale() + scale > 16) {
      return Long.MIN_VALUE;
    }
    long n = value.movePointRight(scale).longValue();
    return Math.abs(n) < EXACT ? n : Long.MIN_VALUE;
  }

  private static IndicatorValue row(String period, Unit unit, Indicator indicator, BigDecimal numerator,
      BigDecimal denominator, Double value, boolean lowBase, int reporting, int total) {
    return new IndicatorValue(period, unit.level(), unit.id(), unit.name(), indicator.id(), toDouble(numerator),
        toDouble(denominator), value, lowBase, reporting, total);
  }

  private static Double toDouble(BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }
}
