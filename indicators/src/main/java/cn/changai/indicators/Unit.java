package cn.changai.indicators;

import java.util.List;

/** A unit indicators are computed for: a level, an id, a name and the enterprises it pools. */
public record Unit(UnitLevel level, String id, String name, List<EnterpriseValues> members) {

  public Unit {
    members = List.copyOf(members);
  }
}
