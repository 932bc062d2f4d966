package cn.changai.indicators;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A row condition of a worker or studio measure: a conjunction of simple tests on the columns of
 * the table and on the row's period window. It reads as Spark SQL ({@link #sql()}, what
 * {@code changai indicators} and docs/indicators.md show, and what a data team can paste into a
 * query), and {@link MeasureKernel} evaluates it over columnar batches. A null value never meets a
 * test, as in SQL.
 */
public sealed interface Condition extends Serializable {

  /** The condition as Spark SQL over the table's columns and {@code period_start}, {@code period_end}. */
  String sql();

  /** The tests the condition is the conjunction of (itself when it is one test). */
  List<Test> tests();

  /** The columns of the table the condition reads. */
  default Set<String> columns() {
    return tests().stream().map(Test::column).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** A condition that holds when all the given ones hold. */
  static Condition all(Condition... conditions) {
    List<Test> tests = new ArrayList<>();
    for (Condition c : conditions) {
      for (Test t : c.tests()) {
        if (!tests.contains(t)) {
          tests.add(t);
        }
      }
    }
    return tests.size() == 1 ? tests.get(0) : new All(tests);
  }

  /** A boolean column that is true. */
  static Test isTrue(String column) {
    return new IsTrue(column);
  }

  /** A column that is not null. */
  static Test isSet(String column) {
    return new IsSet(column);
  }

  /** An array column with at least one element. */
  static Test notEmpty(String column) {
    return new NotEmpty(column);
  }

  /** A string column equal to one of the values. */
  static Test oneOf(String column, List<String> values) {
    return new OneOf(column, values, false);
  }

  /** A string column set and equal to none of the values. */
  static Test noneOf(String column, List<String> values) {
    return new OneOf(column, values, true);
  }

  /** A date column within the row's period, both ends included. */
  static Test inPeriod(String column) {
    return new InPeriod(column);
  }

  /** A date column after the period's end minus so many months, and not after the period's end. */
  static Test withinMonthsOfEnd(String column, int months) {
    return new WithinMonthsOfEnd(column, months);
  }

  /** Several tests that must all hold. */
  record All(List<Test> tests) implements Condition {
    public All {
      tests = List.copyOf(tests);
      if (tests.size() < 2) {
        throw new IllegalArgumentException("a conjunction needs two tests or more, not " + tests);
      }
    }

    @Override
    public String sql() {
      return tests.stream().map(Test::sql).collect(Collectors.joining(" AND "));
    }
  }

  /** One test on one column. */
  sealed interface Test extends Condition {
    /** The column tested. */
    String column();

    @Override
    default List<Test> tests() {
      return List.of(this);
    }
  }

  /** {@code column}: a boolean column that is true. */
  record IsTrue(String column) implements Test {
    public IsTrue {
      Objects.requireNonNull(column);
    }

    @Override
    public String sql() {
      return column;
    }
  }

  /** {@code column IS NOT NULL}. */
  record IsSet(String column) implements Test {
    public IsSet {
      Objects.requireNonNull(column);
    }

    @Override
    public String sql() {
      return column + " IS NOT NULL";
    }
  }

  /** {@code size(column) > 0}: an array with an element. */
  record NotEmpty(String column) implements Test {
    public NotEmpty {
      Objects.requireNonNull(column);
    }

    @Override
    public String sql() {
      return "size(" + column + ") > 0";
    }
  }

  /** {@code column IN (...)}, or with {@code negated} {@code column NOT IN (...)}; null meets neither. */
  record OneOf(String column, List<String> values, boolean negated) implements Test {
    public OneOf {
      Objects.requireNonNull(column);
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("no values for " + column);
      }
    }

    @Override
    public String sql() {
      if (values.size() == 1) {
        return column + (negated ? " <> " : " = ") + quote(values.get(0));
      }
      return column + (negated ? " NOT IN (" : " IN (")
          + values.stream().map(OneOf::quote).collect(Collectors.joining(", ")) + ")";
    }

    private static String quote(String value) {
      return "'" + value.replace("'", "''") + "'";
    }
  }

  /** {@code column BETWEEN period_start AND period_end}. */
  record InPeriod(String column) implements Test {
    public InPeriod {
      Objects.requireNonNull(column);
    }

    @Override
    public String sql() {
      return column + " BETWEEN period_start AND period_end";
    }
  }

  /** {@code column > add_months(period_end, -months) AND column <= period_end}. */
  record WithinMonthsOfEnd(String column, int months) implements Test {
    public WithinMonthsOfEnd {
      Objects.requireNonNull(column);
      if (months < 1) {
        throw new IllegalArgumentException("months must be 1 or more, not " + months);
      }
    }

    @Override
    public String sql() {
      return column + " > add_months(period_end, -" + months + ") AND " + column + " <= period_end";
    }
  }
}
