package cn.changai.indicators.score;

import cn.changai.domain.Period;
import java.util.Collection;
import java.util.Optional;

/** Which earlier period a period's ranks are compared with. */
public final class Periods {

  private Periods() {}

  /**
   * The previous period of the same kind (a year before a year, a half before a half, a quarter
   * before a quarter) among those that have data: the latest one that comes before {@code period}
   * in {@link Period} order. 2025 is compared with 2024 (or 2023 when 2024 has no data), 2025Q3
   * with 2025Q2, 2025Q1 with 2024Q4; a year is never compared with a quarter.
   */
  public static Optional<String> previous(String period, Collection<String> withData) {
    Period current = Period.parse(period).orElseThrow(() -> new IllegalArgumentException("not a period: " + period));
    Period best = null;
    for (String id : withData) {
      Optional<Period> candidate = Period.parse(id);
      if (candidate.isEmpty() || !kind(candidate.get()).equals(kind(current))) {
        continue;
      }
      Period c = candidate.get();
      if (c.compareTo(current) < 0 && (best == null || c.compareTo(best) > 0)) {
        best = c;
      }
    }
    return Optional.ofNullable(best).map(Period::id);
  }

  /**
   * The periods of the same kind as {@code period} among those that have data that come after it,
   * in {@link Period} order: those whose course over time (the scorecards' trend lines) runs
   * through it.
   */
  public static java.util.List<String> later(String period, Collection<String> withData) {
    Period current = Period.parse(period).orElseThrow(() -> new IllegalArgumentException("not a period: " + period));
    return withData.stream().map(Period::parse).flatMap(Optional::stream)
        .filter(c -> kind(c).equals(kind(current)) && c.compareTo(current) > 0)
        .sorted().map(Period::id).toList();
  }

  /** "Y", "H" or "Q". */
  static String kind(Period period) {
    return period.id().length() == 4 ? "Y" : period.id().substring(4, 5);
  }
}
