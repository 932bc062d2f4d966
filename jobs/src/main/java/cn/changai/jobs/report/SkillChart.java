package cn.changai.jobs.report;

import cn.changai.domain.Coded;
import cn.changai.domain.SkillLevel;
import cn.changai.jobs.report.PeriodData.SkillRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit's skill-level distribution as shown: one bar per level in ascending order, or nothing but
 * the {@code suppressed} flag when the unit has fewer industrial workers than the minimum base
 * (small counts per level would single out people); a suppressed chart carries no count at all.
 */
public record SkillChart(List<Bar> bars, long total, boolean suppressed) {

  /** One level: its code, Chinese name, count and share of the unit's industrial workers (0..1). */
  public record Bar(String code, String chinese, long count, double share) {}

  public SkillChart {
    bars = List.copyOf(bars);
  }

  /**
   * The chart of a unit's rows, or null when the unit has none; suppressed also when {@code
   * lowBase}: compute flagged the unit's count of industrial workers as below the minimum base it
   * computed with, which the report's own {@code --min-base} need not equal (the shares at each
   * level would otherwise give away the suppressed B04 and B05).
   */
  static SkillChart of(List<SkillRow> rows, int minBase, boolean lowBase) {
    if (rows.isEmpty()) {
      return null;
    }
    if (lowBase) {
      return new SkillChart(List.of(), 0, true);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (SkillLevel level : SkillLevel.values()) {
      counts.put(level.code(), 0L);
    }
    long total = 0;
    for (SkillRow row : rows) {
      counts.merge(row.skillLevel(), row.count(), Long::sum);
      total += row.count();
    }
    if (total < minBase) {
      return new SkillChart(List.of(), 0, true);
    }
    List<Bar> bars = new ArrayList<>();
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
      String chinese = Coded.parse(SkillLevel.class, entry.getKey()).map(SkillLevel::chinese).orElse(entry.getKey());
      double share = total == 0 ? 0.0 : entry.getValue() / (double) total;
      bars.add(new Bar(entry.getKey(), chinese, entry.getValue(), share));
    }
    return new SkillChart(bars, total, false);
  }
}
