package cn.changai.jobs.report;

import java.util.Map;
import java.util.Optional;

/**
 * Targets the policy sets for an indicator, in the indicator's own unit. Clause 七 asks for
 * model-worker studios everywhere (劳模创新工作室创建全覆盖): C02 at 100%. No other clause sets a number.
 */
final class PolicyTargets {

  /** A target value with the policy's words for it. */
  record Target(double value, String chinese, String english) {}

  private static final Map<String, Target> TARGETS = Map.of("C02", new Target(100.0, "全覆盖", "full coverage"));

  private PolicyTargets() {}

  static Optional<Target> of(String indicatorId) {
    return Optional.ofNullable(TARGETS.get(indicatorId));
  }
}
