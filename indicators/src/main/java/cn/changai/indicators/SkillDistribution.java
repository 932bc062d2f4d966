package cn.changai.indicators;

import cn.changai.domain.SkillLevel;
import java.util.Arrays;
import java.util.List;

/**
 * The skill-level distribution of the industrial workers (W): one count per level of
 * {@link SkillLevel}, all eight, zero counts included, and each level's share of W in percent.
 */
public final class SkillDistribution {

  private static final java.util.Map<SkillLevel, String> NAMES = names();

  private static final List<Measure.WorkerCount> MEASURES = Arrays.stream(SkillLevel.values())
      .map(level -> Measure.workers(measureName(level),
          Condition.all(Catalogue.W, Condition.oneOf("skill_level", List.of(level.code())))))
      .toList();

  private SkillDistribution() {}

  private static java.util.Map<SkillLevel, String> names() {
    java.util.Map<SkillLevel, String> names = new java.util.EnumMap<>(SkillLevel.class);
    for (SkillLevel level : SkillLevel.values()) {
      names.put(level, "skill_" + level.code());
    }
    return names;
  }

  /** The eight per-enterprise counts, in ascending skill order. */
  public static List<Measure.WorkerCount> measures() {
    return MEASURES;
  }

  /** The measure name of one level's count, e.g. {@code skill_senior}. */
  public static String measureName(SkillLevel level) {
    return NAMES.get(level);
  }
}
