package cn.changai.indicators;

import cn.changai.domain.SkillLevel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a roll-up adds over a unit's members, as numbered slots: per indicator, the figures its
 * formula pools (a ratio: members reporting, numerator, denominator; a pooled mean: the two sums
 * and the two counts; a unit share: members in scope, members meeting the condition), then the
 * eight skill counts. Each enterprise's part is worked out once, from its measures by name; a
 * unit's sums are then its members' parts added slot by slot, whole numbers as longs and decimals
 * as BigDecimal, so exactly, without looking a measure up per unit.
 */
final class Pool {

  static final int RATIO_REPORTING = 0;
  static final int RATIO_NUMERATOR = 1;
  static final int RATIO_DENOMINATOR = 2;
  static final int MEAN_SUM_HIGH = 0;
  static final int MEAN_COUNT_HIGH = 1;
  static final int MEAN_SUM_ALL = 2;
  static final int MEAN_COUNT_ALL = 3;
  static final int SHARE_IN_SCOPE = 0;
  static final int SHARE_MEETING = 1;

  private static final SkillLevel[] LEVELS = SkillLevel.values();
  private static final String[] SKILL_MEASURES = java.util.Arrays.stream(LEVELS)
      .map(SkillDistribution::measureName).toArray(String[]::new);

  private final List<Indicator> indicators;
  /** Per indicator, its first slot. */
  private final int[] base;
  private final int skills;
  private final int width;

  Pool(List<Indicator> indicators) {
    this.indicators = indicators;
    base = new int[indicators.size()];
    int next = 0;
    for (int i = 0; i < base.length; i++) {
      base[i] = next;
      Formula f = indicators.get(i).formula();
      next += f instanceof Formula.Ratio ? 3 : f instanceof Formula.PooledMeanRatio ? 4 : 2;
    }
    skills = next;
    width = next + LEVELS.length;
  }

  /** The first slot of indicator {@code i} (its index in the roll-up's list). */
  int base(int i) {
    return base[i];
  }

  /** The slot of a skill level's count. */
  int skill(SkillLevel level) {
    return skills + level.ordinal();
  }

  /** One member's part of every slot. */
  Sums part(EnterpriseValues m) {
    Sums part = new Sums(width);
    for (int i = 0; i < base.length; i++) {
      int at = base[i];
      Formula formula = indicators.get(i).formula();
      if (formula instanceof Formula.Ratio ratio) {
        // A member whose numerator or denominator is unknown is left out of both.
        Object n = m.value(ratio.numerator().name());
        Object d = m.value(ratio.denominator().name());
        if (n != null && d != null) {
          part.whole[at + RATIO_REPORTING] = 1;
          part.set(at + RATIO_NUMERATOR, m, ratio.numerator().name(), n);
          part.set(at + RATIO_DENOMINATOR, m, ratio.denominator().name(), d);
        }
      } else if (formula instanceof Formula.PooledMeanRatio mean) {
        part.decimal[at + MEAN_SUM_HIGH] = known(m, mean.numeratorSum());
        part.whole[at + MEAN_COUNT_HIGH] = m.count(mean.numeratorCount().name());
        part.decimal[at + MEAN_SUM_ALL] = known(m, mean.denominatorSum());
        part.whole[at + MEAN_COUNT_ALL] = m.count(mean.denominatorCount().name());
      } else {
        Formula.UnitShare share = (Formula.UnitShare) formula;
        boolean known = true;
        for (Measure need : share.needs()) {
          known &= m.has(need);
        }
        if (known) {
          part.whole[at + SHARE_IN_SCOPE] = 1;
          part.whole[at + SHARE_MEETING] = share.condition().test(m) ? 1 : 0;
        }
      }
    }
    for (int k = 0; k < LEVELS.length; k++) {
      part.whole[skills + k] = m.count(SKILL_MEASURES[k]);
    }
    return part;
  }

  /** A worker sum, which is never unknown (an enterprise without workers sums to 0). */
  private static BigDecimal known(EnterpriseValues m, Measure.WorkerSum sum) {
    BigDecimal value = m.number(sum.name());
    if (value == null) {
      throw new IllegalStateException("measure " + sum.name() + " of " + m.enterpriseId() + " is unknown");
    }
    return value;
  }

  /** The members' parts added up: those given (none: null), the others worked out here. */
  Sums sum(List<EnterpriseValues> members, Map<EnterpriseValues, Sums> parts) {
    Sums sums = new Sums(width);
    for (EnterpriseValues m : members) {
      Sums part = parts == null ? null : parts.get(m);
      sums.add(part != null ? part : part(m));
    }
    return sums;
  }

  /** Slot values: a long per slot, and a BigDecimal where a decimal was added to it. */
  static final class Sums {
    final long[] whole;
    final BigDecimal[] decimal;

    private Sums(int width) {
      whole = new long[width];
      decimal = new BigDecimal[width];
    }

    /** A measure's value into a slot: a Long as a long, any other number as a decimal. */
    private void set(int slot, EnterpriseValues m, String name, Object value) {
      if (value instanceof Long l) {
        whole[slot] = l;
      } else {
        decimal[slot] = m.number(name);
      }
    }

    private void add(Sums part) {
      long[] w = part.whole;
      for (int s = 0; s < w.length; s++) {
        long sum = whole[s] + w[s];
        if (((whole[s] ^ sum) & (w[s] ^ sum)) < 0) {
          // Past a long (figures may each be up to 2^63 - 1): the slot goes on as a decimal, exact.
          decimal[s] = BigDecimal.valueOf(whole[s]).add(BigDecimal.valueOf(w[s]))
              .add(decimal[s] == null ? BigDecimal.ZERO : decimal[s]);
          sum = 0;
        }
        whole[s] = sum;
      }
      BigDecimal[] d = part.decimal;
      for (int s = 0; s < d.length; s++) {
        if (d[s] != null) {
          decimal[s] = decimal[s] == null ? d[s] : decimal[s].add(d[s]);
        }
      }
    }

    /** A slot's sum as one exact decimal. */
    BigDecimal number(int slot) {
      BigDecimal whole = BigDecimal.valueOf(this.whole[slot]);
      return decimal[slot] == null ? whole : decimal[slot].add(whole);
    }

    /** True when only whole numbers (longs) were added to the slot. */
    boolean isWhole(int slot) {
      return decimal[slot] == null;
    }

    /** A slot of counts (workers, units), which stay far below a long. */
    long count(int slot) {
      return whole[slot];
    }
  }
}
