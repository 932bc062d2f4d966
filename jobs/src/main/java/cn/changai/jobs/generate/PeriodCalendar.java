package cn.changai.jobs.generate;

import cn.changai.domain.Period;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The days a period's files may name, each already written out as {@code yyyy-MM-dd}, so that the
 * roster loop copies ten bytes instead of formatting a date. Shared read-only by every writer.
 */
final class PeriodCalendar {

  /** The earliest date the generator writes (the contract's earliest birth year). */
  static final LocalDate FIRST = LocalDate.of(1940, 1, 1);
  /** Days after the period's end covered, for the deliberate "date after the period end" fault. */
  static final int AFTER_END = 120;
  /** Hire dates reach back this many years. */
  static final int HIRE_YEARS = 35;

  final Period period;
  final int year;
  /** The period's last day, as an epoch day. */
  final int end;
  /** The period's first day, as an epoch day. */
  final int start;
  /** Days back from the end that still count as "hired within 3 years" (C07: after end minus 3 years). */
  final int recentDays;
  /** Days back from the end to the earliest hire date. */
  final int hireSpan;
  /** The period's length as a fraction of a year, for hours counted "in the period". */
  final double yearFraction;

  private final int first;
  private final byte[] dates;
  private final int[] january1;

  PeriodCalendar(Period period) {
    this.period = period;
    this.year = period.year();
    LocalDate endDate = period.end();
    this.end = (int) endDate.toEpochDay();
    this.start = (int) period.start().toEpochDay();
    this.recentDays = (int) (end - endDate.minusYears(3).toEpochDay()) - 1;
    this.hireSpan = (int) (end - endDate.minusYears(HIRE_YEARS).toEpochDay());
    this.yearFraction = (end - start + 1) / 365.25;
    this.first = (int) FIRST.toEpochDay();
    int days = end + AFTER_END - first + 1;
    this.dates = new byte[days * 10];
    LocalDate d = FIRST;
    for (int i = 0; i < days; i++, d = d.plusDays(1)) {
      System.arraycopy(d.toString().getBytes(StandardCharsets.US_ASCII), 0, dates, i * 10, 10);
    }
    this.january1 = new int[year + 2 - FIRST.getYear() + 1];
    for (int y = FIRST.getYear(); y <= year + 2; y++) {
      january1[y - FIRST.getYear()] = (int) LocalDate.of(y, 1, 1).toEpochDay();
    }
  }

  /** The calendar year of an epoch day within the table. */
  int yearOf(int epochDay) {
    int at = (epochDay - first) * 10;
    return (dates[at] - '0') * 1000 + (dates[at + 1] - '0') * 100 + (dates[at + 2] - '0') * 10 + (dates[at + 3] - '0');
  }

  /** The epoch day of 1 January of a year from 1940 to two years after the period's. */
  int january1(int year) {
    return january1[year - FIRST.getYear()];
  }

  /** Writes the day as {@code yyyy-MM-dd}. */
  void put(ByteSink sink, int epochDay) {
    sink.put(dates, (epochDay - first) * 10, 10);
  }
}
