package cn.changai.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How an indicator's numerator and denominator are formed from the per-enterprise measures, which
 * also fixes how a roll-up pools its members and how the catalogue writes them.
 */
public sealed interface Formula {

  /** Every measure the formula reads. */
  List<Measure> measures();

  /** The numerator in the catalogue's notation, derived from the declaration. */
  String numeratorNotation();

  /** The denominator in the catalogue's notation, derived from the declaration. */
  String denominatorNotation();

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

    @Override
    public String numeratorNotation() {
      return numerator.notation();
    }

    @Override
    public String denominatorNotation() {
      return denominator.notation();
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

    @Override
    public String numeratorNotation() {
      return mean(numeratorSum, numeratorCount);
    }

    @Override
    public String denominatorNotation() {
      return mean(denominatorSum, denominatorCount);
    }

    private static String mean(Measure.WorkerSum sum, Measure.WorkerCount count) {
      return sum.condition().equals(count.condition())
          ? "mean " + sum.value() + " over " + sum.condition().notation()
          : sum.notation() + " / " + count.notation();
    }
  }

  /**
   * The share of units meeting a condition. A unit is in scope when every measure the condition
   * reads is known; the numerator counts the units in scope that meet the condition.
   */
  record UnitShare(UnitCondition condition) implements Formula {
    public UnitShare {
      Objects.requireNonNull(condition);
    }

    /** The measures a unit must know to be in scope: those the condition reads. */
    public List<Measure> needs() {
      return condition.measures();
    }

    @Override
    public List<Measure> measures() {
      return needs();
    }

    @Override
    public String numeratorNotation() {
      return "units in scope with " + condition.notation();
    }

    @Override
    public String denominatorNotation() {
      return "units in scope";
    }
  }

  /** A condition on one enterprise's measures, which a unit-share indicator counts units by. */
  sealed interface UnitCondition {

    /** Whether the enterprise meets it; called only when every measure it reads is known. */
    boolean test(EnterpriseValues enterprise);

    /** The measures it reads. */
    List<Measure> measures();

    /** The condition in the catalogue's notation. */
    String notation();
  }

  /** A numeric measure of at least {@code min}: {@code fig.school_partnerships ≥ 1}. */
  record AtLeast(Measure measure, long min) implements UnitCondition {
    public AtLeast {
      Objects.requireNonNull(measure);
    }

    @Override
    public boolean test(EnterpriseValues enterprise) {
      return enterprise.count(measure.name()) >= min;
    }

    @Override
    public List<Measure> measures() {
      return List.of(measure);
    }

    @Override
    public String notation() {
      return measure.notation() + " ≥ " + min;
    }
  }

  /** A boolean figure that is true: {@code fig.reform_in_party_assessment}. */
  record IsTrue(Measure.Figure figure) implements UnitCondition {
    public IsTrue {
      Objects.requireNonNull(figure);
    }

    @Override
    public boolean test(EnterpriseValues enterprise) {
      return enterprise.flag(figure.name());
    }

    @Override
    public List<Measure> measures() {
      return List.of(figure);
    }

    @Override
    public String notation() {
      return figure.notation();
    }
  }

  /** Several unit conditions that must all hold. */
  record Both(List<UnitCondition> parts) implements UnitCondition {
    public Both {
      parts = List.copyOf(parts);
      if (parts.size() < 2) {
        throw new IllegalArgumentException("a conjunction needs two parts or more, not " + parts);
      }
    }

    @Override
    public boolean test(EnterpriseValues enterprise) {
      return parts.stream().allMatch(p -> p.test(enterprise));
    }

    @Override
    public List<Measure> measures() {
      List<Measure> out = new ArrayList<>();
      parts.forEach(p -> p.measures().stream().filter(m -> !out.contains(m)).forEach(out::add));
      return out;
    }

    @Override
    public String notation() {
      return parts.stream().map(UnitCondition::notation).collect(Collectors.joining(" and "));
    }
  }
}
