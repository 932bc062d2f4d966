package cn.changai.jobs.compute;

import cn.changai.indicators.TreeWarning;
import cn.changai.indicators.UnitLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a compute run did: the periods, units, values and warnings, for the summary and the run record. */
public record ComputeResult(
    String runId,
    String warehouse,
    Instant startedAt,
    Instant finishedAt,
    int minBase,
    String catalogueVersion,
    int indicators,
    List<PeriodStats> periods,
    List<TreeWarning> treeWarnings,
    Map<String, Long> rowsWritten,
    Map<String, Long> stageMillis) {

  public ComputeResult {
    periods = List.copyOf(periods);
    treeWarnings = List.copyOf(treeWarnings);
    rowsWritten = Map.copyOf(rowsWritten);
    stageMillis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageMillis));
  }

  /** One period: its units per level and how many values came out low_base or null. */
  public record PeriodStats(String period, Map<UnitLevel, Integer> units, long values, long lowBase, long nullValues) {
    public PeriodStats {
      units = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(units));
    }
  }

  /** The periods' ids, in order. */
  public List<String> periodIds() {
    return periods.stream().map(PeriodStats::period).toList();
  }

  public long durationMillis() {
    return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}
