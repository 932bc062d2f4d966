package cn.changai.indicators.score;

import java.util.List;
import java.util.Map;

/**
 * One period's units to rank: the groups, the enterprises, and each enterprise's industry code by
 * enterprise id (an enterprise without one is ranked among all enterprises only).
 */
public record PeriodUnits(String period, List<UnitValues> groups, List<UnitValues> enterprises, Map<String, String> industryOf) {

  public PeriodUnits {
    groups = List.copyOf(groups);
    enterprises = List.copyOf(enterprises);
    industryOf = Map.copyOf(industryOf);
  }
}
