package cn.changai.domain;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a year ({@code 2025}), a half ({@code 2025H1}) or a quarter ({@code 2025Q3}),
 * with its window of days and its reference date (the last day).
 */
public record Period(String id, LocalDate start, LocalDate end) implements Comparable<Period> {

  private static final Pattern FORM = Pattern.compile("(\\d{4})(?:([HQ])(\\d))?");

  /** The forms of a period's name, as messages give them. */
  public static final String FORMS = "YYYY, YYYYHn or YYYYQn from 1900";

  /** {@link #FORMS} with examples, for a value typed on the command line. */
  public static final String FORMS_WITH_EXAMPLES = FORMS + ", e.g. 2025, 2025H1, 2025Q3";

  /** Parses a period id, or returns empty when it is not of the contract's forms. */
  public static Optional<Period> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(id);
    if (!m.matches()) {
      return Optional.empty();
    }
    int year = Integer.parseInt(m.group(1));
    if (year < 1900) {
      return Optional.empty();
    }
    if (m.group(2) == null) {
      return Optional.of(new Period(id, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
    }
    int n = Integer.parseInt(m.group(3));
    int months = m.group(2).equals("H") ? 6 : 3;
    if (n < 1 || n > 12 / months) {
      return Optional.empty();
    }
    LocalDate start = LocalDate.of(year, (n - 1) * months + 1, 1);
    return Optional.of(new Period(id, start, start.plusMonths(months).minusDays(1)));
  }

  /** True when the id is a valid period. */
  public static boolean isValidPeriod(String id) {
    return parse(id).isPresent();
  }

  /** The calendar year the period lies in. */
  public int year() {
    return start.getYear();
  }

  /** The reference date for ages and tenures: the period's last day. */
  public LocalDate referenceDate() {
    return end;
  }

  /** True when the date lies within the window, both ends included. */
  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && !date.isAfter(end);
  }

  /** Orders by end date, then by start date (a year after its last quarter), then by id. */
  @Override
  public int compareTo(Period other) {
    int byEnd = end.compareTo(other.end);
    if (byEnd != 0) {
      return byEnd;
    }
    int byStart = other.start.compareTo(start);
    return byStart != 0 ? byStart : id.compareTo(other.id);
  }

  @Override
  public String toString() {
    return id;
  }
}
