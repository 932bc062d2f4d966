package cn.changai.indicators;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * A row condition of a worker or studio measure: a conjunction of simple tests on the columns of
 * the table and on the row's period window ({@code period_start}, {@code period_end}, which the
 * compute job puts beside every row). Everything else is derived from the declaration: the Spark
 * SQL text ({@link #sql()}, what {@code changai indicators} prints and a data team can paste into a
 * query), the Spark {@link Column} the compute job aggregates ({@link #toColumn()}, that same text),
 * and the catalogue's notation ({@link #notation()}: {@code W ∧ party_member}). A null value never
 * meets a test, as in SQL.
 */
public sealed interface Condition extends Serializable {

  /** The condition as Spark SQL over the table's columns and {@code period_start}, {@code period_end}. */
  String sql();

  /** The condition in the catalogue's notation, e.g. {@code W ∧ skill_level ≠ none}. */
  String notation();

  /** The tests the condition is the conjunction of (itself when it is one test). */
  List<Test> tests();

  /** The condition as a Spark column: its {@link #sql()}, so the text shown is the text run. */
  default Column toColumn() {
    return functions.expr(sql());
  }

  /** The columns of the table the condition reads. */
  default Set<String> columns() {
    return tests().stream().map(Test::column).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * A condition that holds when all the given ones hold. Nested conjunctions are flattened, a
   * named condition stays whole (its name is its notation), and a part given twice counts once.
   */
  static Condition all(Condition... conditions) {
    List<Condition> parts = new ArrayList<>();
    for (Condition c : conditions) {
      for (Condition part : c instanceof All all ? all.parts() : List.of(c)) {
        if (!parts.contains(part)) {
          parts.add(part);
        }
      }
    }
    return parts.size() == 1 ? parts.get(0) : new All(parts);
  }

  /** A condition shown by a name of its own in the notation ({@code W}, {@code hired within 3 years}). */
  static Condition named(String name, Condition condition) {
    return new Named(name, condition);
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

  /** Several conditions that must all hold. */
  record All(List<Condition> parts) implements Condition {
    public All {
      parts = List.copyOf(parts);
      if (parts.size() < 2) {
        throw new IllegalArgumentException("a conjunction needs two parts or more, not " + parts);
      }
    }

    @Override
    public String sql() {
      return tests().stream().map(Test::sql).collect(Collectors.joining(" AND "));
    }

    @Override
    public String notation() {
      return parts.stream().map(Condition::notation).collect(Collectors.joining(" ∧ "));
    }

    @Override
    public List<Test> tests() {
      List<Test> tests = new ArrayList<>();
      for (Condition part : parts) {
        for (Test t : part.tests()) {
          if (!tests.contains(t)) {
            tests.add(t);
          }
        }
      }
      return tests;
    }
  }

  /** A condition with a name of its own, which the notation shows instead of its parts. */
  record Named(String name, Condition condition) implements Condition {
    public Named {
      Objects.requireNonNull(name);
      Objects.requireNonNull(condition);
    }

    @Override
    public String sql() {
      return condition.sql();
    }

    @Override
    public String notation() {
      return name;
    }

    @Override
    public List<Test> tests() {
      return condition.tests();
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

    @Override
    public String notation() {
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

    @Override
    public String notation() {
      return column + " set";
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

    @Override
    public String notation() {
      return column + " set";
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

    @Override
    public String notation() {
      if (values.size() == 1) {
        return column + (negated ? " ≠ " : " = ") + values.get(0);
      }
      return column + (negated ? " ∉ {" : " ∈ {") + String.join(", ", values) + "}";
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

    @Override
    public String notation() {
      return column + " in the period";
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

    @Override
    public String notation() {
      return column + " within " + months + " months of the period end";
    }
  }
}
