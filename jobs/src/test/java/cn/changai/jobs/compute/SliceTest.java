package cn.changai.jobs.compute;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.EnterpriseValues;
import cn.changai.indicators.Unit;
import cn.changai.indicators.UnitLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one period's units are shared out between threads. */
class SliceTest {

  private static Unit unit(String id, int members) {
    EnterpriseValues e = new EnterpriseValues("2025", id, id, null, "subsidiary", "urban_services", Map.of());
    return new Unit(UnitLevel.ENTERPRISE, id, id, Collections.nCopies(members, e));
  }

  @Test
  void sharesAreContiguousRunsOfAboutEqualWork() {
    // Weights 64 + members: six enterprises of 65, then a group of 64 + 4 = 68 and the system of
    // 64 + 6 = 70; in all 6 × 65 + 68 + 70 = 528, half of it 264. The first share takes units
    // until its weight reaches that: e1..e4 make 260, e5 makes 325.
    List<Unit> units = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      units.add(unit("e" + i, 1));
    }
    units.add(unit("g", 4));
    units.add(unit("all", 6));
    List<List<Unit>> shares = Slice.shares(units, 2);
    assertThat(shares).extracting(s -> s.stream().map(Unit::id).toList())
        .containsExactly(List.of("e1", "e2", "e3", "e4", "e5"), List.of("e6", "g", "all"));
  }

  @Test
  void oneThreadOrOneUnitGivesOneShareAndNoUnitsNone() {
    List<Unit> units = List.of(unit("e1", 1), unit("all", 1));
    assertThat(Slice.shares(units, 1)).containsExactly(units);
    assertThat(Slice.shares(List.of(unit("e1", 1)), 4)).containsExactly(List.of(unit("e1", 1)));
    assertThat(Slice.shares(List.of(), 2)).isEmpty();
  }
}
