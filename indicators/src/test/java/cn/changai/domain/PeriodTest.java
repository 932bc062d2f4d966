package cn.changai.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Period ids, their windows and their reference dates. */
class PeriodTest {

  @ParameterizedTest(name = "{0} = {1} .. {2}")
  @CsvSource({
    "2025,   2025-01-01, 2025-12-31",
    "2025H1, 2025-01-01, 2025-06-30",
    "2025H2, 2025-07-01, 2025-12-31",
    "2025Q1, 2025-01-01, 2025-03-31",
    "2025Q2, 2025-04-01, 2025-06-30",
    "2025Q3, 2025-07-01, 2025-09-30",
    "2025Q4, 2025-10-01, 2025-12-31",
    "2024Q1, 2024-01-01, 2024-03-31",
    "2024H1, 2024-01-01, 2024-06-30",
    "2024,   2024-01-01, 2024-12-31",
  })
  void windowsRunFromFirstToLastDay(String id, LocalDate start, LocalDate end) {
    Period period = Period.parse(id).orElseThrow();
    assertThat(period.id()).isEqualTo(id);
    assertThat(period.start()).isEqualTo(start);
    assertThat(period.end()).isEqualTo(end);
    assertThat(period.referenceDate()).isEqualTo(end);
    assertThat(period.year()).isEqualTo(start.getYear());
    assertThat(Period.isValidPeriod(id)).isTrue();
  }

  @Test
  void aLeapYearsFirstHalfHoldsTheTwentyNinthOfFebruary() {
    Period h1 = Period.parse("2024H1").orElseThrow();
    assertThat(h1.contains(LocalDate.of(2024, 2, 29))).isTrue();
    assertThat(Period.parse("2024Q1").orElseThrow().referenceDate()).isEqualTo(LocalDate.of(2024, 3, 31));
  }

  @Test
  void containsBothEndsAndNothingOutside() {
    Period q2 = Period.parse("2025Q2").orElseThrow();
    assertThat(q2.contains(LocalDate.of(2025, 4, 1))).isTrue();
    assertThat(q2.contains(LocalDate.of(2025, 6, 30))).isTrue();
    assertThat(q2.contains(LocalDate.of(2025, 3, 31))).isFalse();
    assertThat(q2.contains(LocalDate.of(2025, 7, 1))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025H3", "2025H0", "2025Q5", "2025Q0", "25", "2025-1", "2025-Q1", "2025h1", "2025q1",
      " 2025", "2025 ", "20251", "2025H", "2025Q12", "Y2025", "1899", "0000"})
  void rejectsOtherForms(String id) {
    assertThat(Period.parse(id)).isEmpty();
    assertThat(Period.isValidPeriod(id)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void rejectsNullAndEmpty(String id) {
    assertThat(Period.isValidPeriod(id)).isFalse();
  }

  @Test
  void ordersByEndThenTheLongerPeriodLast() {
    List<Period> periods = new ArrayList<>();
    for (String id : List.of("2025", "2025Q4", "2025H2", "2025Q1", "2024", "2025H1", "2025Q2")) {
      periods.add(Period.parse(id).orElseThrow());
    }
    periods.sort(null);
    // Same end (2025-12-31): the quarter, then the half, then the year.
    assertThat(periods).extracting(Period::id)
        .containsExactly("2024", "2025Q1", "2025Q2", "2025H1", "2025Q4", "2025H2", "2025");
  }
}
