package cn.changai.indicators;

import cn.changai.domain.Industry;
import cn.changai.domain.SkillLevel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
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
  private final Pool pool;

  /** A roll-up of the given indicators, flagging headcounts below {@code minBase} as low_base. */
  public RollUp(List<Indicator> indicators, int minBase) {
    if (minBase < 1) {
      throw new IllegalArgumentException("the minimum base must be 1 or more, not " + minBase);
    }
    this.indicators = List.copyOf(indicators);
    this.minBase = minBase;
    this.pool = new Pool(this.indicators);
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
      values.addAll(values(tree, unit));
      skills.addAll(skills(tree, unit));
    }
    return new Result(period, tree.units(), values, skills, tree.warnings());
  }

  /**
   * The units of one period in publishing order, what was wrong with their tree, and each
   * enterprise's part of the pooled sums, worked out once for all the units it belongs to.
   */
  public static final class Units {
    private final String period;
    private final List<Unit> units;
    private final List<TreeWarning> warnings;
    private final Map<EnterpriseValues, Pool.Sums> parts;

    private Units(String period, List<Unit> units, List<TreeWarning> warnings, Map<EnterpriseValues, Pool.Sums> parts) {
      this.period = period;
      this.units = List.copyOf(units);
      this.warnings = List.copyOf(warnings);
      this.parts = parts;
    }

    public String period() {
      return period;
    }

    public List<Unit> units() {
      return units;
    }

    public List<TreeWarning> warnings() {
      return warnings;
    }

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
   * depend on that unit alone, so they can be worked out in any order, or at once: the parts are
   * only read from here on.
   */
  public Units units(String period, Collection<EnterpriseValues> enterprises) {
    // Identity: an enterprise is one object in every unit it belongs to, and a record's hash
    // would hash all its measures.
    Map<EnterpriseValues, Pool.Sums> parts = new IdentityHashMap<>();
    for (EnterpriseValues e : enterprises) {
      if (!e.period().equals(period)) {
        throw new IllegalArgumentException("enterprise " + e.enterpriseId() + " is of period " + e.period() + ", not " + period);
      }
      parts.put(e, pool.part(e));
    }
    UnitTree tree = new UnitTree(enterprises);
    return new Units(period, units(enterprises, tree), tree.warnings(), Collections.unmodifiableMap(parts));
  }

  /** Every indicator of one of the units, in catalogue order. */
  public List<IndicatorValue> values(Units units, Unit unit) {
    return values(units.period, unit, pool.sum(unit.members(), units.parts));
  }

  private List<IndicatorValue> values(String period, Unit unit, Pool.Sums sums) {
    List<IndicatorValue> values = new ArrayList<>(indicators.size());
    for (int i = 0; i < indicators.size(); i++) {
      values.add(value(period, unit, i, sums));
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
    int i = indicators.indexOf(indicator);
    if (i < 0) {
      throw new IllegalArgumentException("indicator " + indicator.id() + " is not one this roll-up computes");
    }
    return value(period, unit, i, pool.sum(unit.members(), null));
  }

  private IndicatorValue value(String period, Unit unit, int i, Pool.Sums sums) {
    Indicator indicator = indicators.get(i);
    Formula formula = indicator.formula();
    int at = pool.base(i);
    if (formula instanceof Formula.Ratio) {
      return ratio(period, unit, indicator, sums, at);
    }
    if (formula instanceof Formula.PooledMeanRatio) {
      return pooledMean(period, unit, indicator, sums, at);
    }
    return share(period, unit, indicator, sums, at);
  }

  private IndicatorValue ratio(String period, Unit unit, Indicator indicator, Pool.Sums sums, int at) {
    int reporting = (int) sums.count(at + Pool.RATIO_REPORTING);
    int total = unit.members().size();
    if (reporting == 0) {
      // Nobody reported what the ratio needs: numerator and denominator are unknown.
      return row(period, unit, indicator, null, null, null, false, 0, total);
    }
    int n = at + Pool.RATIO_NUMERATOR;
    int d = at + Pool.RATIO_DENOMINATOR;
    if (sums.isWhole(n) && sums.isWhole(d)) {
      // Counts, as most ratios are: no decimals.
      long numerator = sums.count(n);
      long denominator = sums.count(d);
      boolean lowBase = indicator.kind() == Kind.HEADCOUNT_RATIO && denominator < minBase;
      return new IndicatorValue(period, unit.level(), unit.id(), unit.name(), indicator.id(), (double) numerator,
          (double) denominator, quotient(numerator, indicator.scale(), denominator), lowBase, reporting, total);
    }
    BigDecimal numerator = sums.number(n);
    BigDecimal denominator = sums.number(d);
    boolean lowBase = indicator.kind() == Kind.HEADCOUNT_RATIO
        && denominator.compareTo(BigDecimal.valueOf(minBase)) < 0;
    return row(period, unit, indicator, numerator, denominator,
        quotient(numerator.multiply(scale(indicator)), denominator), lowBase, reporting, total);
  }

  private IndicatorValue pooledMean(String period, Unit unit, Indicator indicator, Pool.Sums sums, int at) {
    BigDecimal sumHigh = sums.number(at + Pool.MEAN_SUM_HIGH);
    BigDecimal sumAll = sums.number(at + Pool.MEAN_SUM_ALL);
    long countHigh = sums.count(at + Pool.MEAN_COUNT_HIGH);
    long countAll = sums.count(at + Pool.MEAN_COUNT_ALL);
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

  private static IndicatorValue share(String period, Unit unit, Indicator indicator, Pool.Sums sums, int at) {
    long inScope = sums.count(at + Pool.SHARE_IN_SCOPE);
    long meeting = sums.count(at + Pool.SHARE_MEETING);
    return new IndicatorValue(period, unit.level(), unit.id(), unit.name(), indicator.id(), (double) meeting,
        (double) inScope, quotient(meeting, indicator.scale(), inScope), false, (int) inScope, unit.members().size());
  }

  private static BigDecimal scale(Indicator indicator) {
    return BigDecimal.valueOf(indicator.scale());
  }

  /** The eight skill levels of one of the units: pooled counts, and each count's share of W in percent. */
  public List<SkillCount> skills(Units units, Unit unit) {
    return skills(units.period, unit, pool, pool.sum(unit.members(), units.parts));
  }

  /** The eight skill levels of one unit: pooled counts, and each count's share of W in percent. */
  public static List<SkillCount> skills(String period, Unit unit) {
    Pool skillsOnly = SkillsOnly.POOL;
    return skills(period, unit, skillsOnly, skillsOnly.sum(unit.members(), null));
  }

  /**
   * Slots for the skill counts alone, made on first use: as a static of RollUp itself it would be
   * made while the classes it needs are still being initialised.
   */
  private static final class SkillsOnly {
    static final Pool POOL = new Pool(List.of());
  }

  private static List<SkillCount> skills(String period, Unit unit, Pool pool, Pool.Sums sums) {
    long total = 0;
    for (SkillLevel level : SkillLevel.values()) {
      total += sums.count(pool.skill(level));
    }
    List<SkillCount> rows = new ArrayList<>();
    for (SkillLevel level : SkillLevel.values()) {
      long count = sums.count(pool.skill(level));
      Double share = quotient(count, 100, total);
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

  /**
   * {@code a × scale / b} as {@link #quotient(BigDecimal, BigDecimal)} gives it, for whole numbers
   * {@code a} and {@code b}: without decimals when the scale is a whole number and the product and
   * {@code b} are below 2^53, for then one double division rounds the exact quotient once, as the
   * decimal path does.
   */
  static Double quotient(long a, double scale, long b) {
    long times = scale == Math.rint(scale) && scale >= 1 && scale < EXACT ? (long) scale : 0;
    if (times > 0 && Math.abs(a) < EXACT / times && Math.abs(b) < EXACT) {
      if (b == 0) {
        return null;
      }
      long scaled = a * times;
      return scaled == 0 ? 0.0 : (double) scaled / (double) b;
    }
    return quotient(BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(scale)), BigDecimal.valueOf(b));
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
