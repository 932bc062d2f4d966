package cn.changai.indicators;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How an indicator's numerator and denominator are formed from the per-enterprise measures, which
 * also fixes how a roll-up pools its members.
 */
public sealed interface Formula {

  /** Every measure the formula reads. */
  List<Measure> measures();

  /**
   * Numerator over denominator, each a measure summed over the members. A member whose numerator
   * or denominator is null (an unknown figure) is left out of both.
   */
  record Ratio(Measure numerator, Measure denominator) implements Formula {
    public Ratio {
      Objects.requireNonNull(numerator);
      Objects.requireNonNull(denominator);
    }

    @Override
    public List<Measure> measures() {
      return List.of(numerator, denominator);
    }
  }

  /**
   * A ratio of two means over pooled workers (B06): numerator = Σ numeratorSum / Σ numeratorCount,
   * denominator = Σ denominatorSum / Σ denominatorCount, summed over every member's workers.
   */
  record PooledMeanRatio(Measure.WorkerSum numeratorSum, Measure.WorkerCount numeratorCount,
      Measure.WorkerSum denominatorSum, Measure.WorkerCount denominatorCount) implements Formula {
    public PooledMeanRatio {
      Objects.requireNonNull(numeratorSum);
      Objects.requireNonNull(numeratorCount);
      Objects.requireNonNull(denominatorSum);
      Objects.requireNonNull(denominatorCount);
    }

    @Override
    public List<Measure> measures() {
      return List.of(numeratorSum, numeratorCount, denominatorSum, denominatorCount);
    }
  }

  /**
   * The share of units meeting a condition. A unit is in scope when every measure the condition
   * needs is known; the numerator counts the units in scope that meet the condition.
   */
  record UnitShare(List<Measure> needs, Predicate<EnterpriseValues> condition) implements Formula {
    public UnitShare {
      needs = List.copyOf(needs);
      Objects.requireNonNull(condition);
    }

    @Override
    public List<Measure> measures() {
      return needs;
    }
  }
}
