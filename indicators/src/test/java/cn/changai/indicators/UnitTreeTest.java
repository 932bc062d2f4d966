package cn.changai.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitTreeTest {

  private static List<String> ids(Unit unit) {
    return unit.members().stream().map(EnterpriseValues::enterpriseId).toList();
  }

  @Test
  void threeLevelGroupHoldsEveryDescendant() {
    // G ← S1 ← B1 (a branch of a subsidiary), G ← S2; X is another group alone.
    UnitTree tree = new UnitTree(List.of(
        Fixtures.enterprise("B1").branch().parent("S1").build(),
        Fixtures.enterprise("S2").parent("G").build(),
        Fixtures.enterprise("G").group().build(),
        Fixtures.enterprise("S1").parent("G").build(),
        Fixtures.enterprise("X").group().build()));

    List<Unit> groups = tree.groups();
    assertThat(groups).extracting(Unit::id).containsExactly("G", "X");
    assertThat(ids(groups.get(0))).containsExactly("G", "S1", "S2", "B1");
    assertThat(ids(groups.get(1))).containsExactly("X");
    assertThat(groups.get(0).name()).isEqualTo("企业G");
    assertThat(tree.root("B1")).isEqualTo("G");
    assertThat(tree.warnings()).isEmpty();
  }

  @Test
  void treesOfAnyDepth() {
    // G ← L1 ← L2 ← ... ← L7
    List<EnterpriseValues> chain = new java.util.ArrayList<>();
    chain.add(Fixtures.enterprise("G").group().build());
    for (int i = 1; i <= 7; i++) {
      chain.add(Fixtures.enterprise("L" + i).parent(i == 1 ? "G" : "L" + (i - 1)).build());
    }
    UnitTree tree = new UnitTree(chain);
    assertThat(tree.root("L7")).isEqualTo("G");
    assertThat(ids(tree.groups().get(0))).containsExactly("G", "L1", "L2", "L3", "L4", "L5", "L6", "L7");
  }

  @Test
  void parentThatDidNotSubmitMakesItsOwnRoot() {
    // S1's parent P did not submit: S1 (with its branch B1) is its own root, in no group.
    UnitTree tree = new UnitTree(List.of(
        Fixtures.enterprise("G").group().build(),
        Fixtures.enterprise("S1").parent("P").build(),
        Fixtures.enterprise("B1").branch().parent("S1").build()));

    assertThat(tree.warnings()).singleElement().satisfies(w -> {
      assertThat(w.enterpriseId()).isEqualTo("S1");
      assertThat(w.problem()).isEqualTo(TreeWarning.Problem.PARENT_MISSING);
      assertThat(w.parentId()).isEqualTo("P");
      assertThat(w.message()).isEqualTo("S1: parent P did not submit for 2025; treated as its own root");
    });
    assertThat(tree.root("S1")).isEqualTo("S1");
    assertThat(tree.root("B1")).isEqualTo("S1");
    assertThat(tree.groups()).extracting(Unit::id).containsExactly("G");
    assertThat(ids(tree.groups().get(0))).containsExactly("G");
  }

  @Test
  void everyUnitOnACycleBecomesItsOwnRoot() {
    // A → B → A is a cycle; C hangs off A; D is its own parent.
    UnitTree tree = new UnitTree(List.of(
        Fixtures.enterprise("A").parent("B").build(),
        Fixtures.enterprise("B").parent("A").build(),
        Fixtures.enterprise("C").parent("A").build(),
        Fixtures.enterprise("D").parent("D").build()));

    assertThat(tree.warnings()).extracting(TreeWarning::enterpriseId).containsExactly("A", "B", "D");
    assertThat(tree.warnings()).allMatch(w -> w.problem() == TreeWarning.Problem.CYCLE);
    assertThat(tree.warnings().get(0).message())
        .isEqualTo("A: parent links run in a cycle (A → B → A); treated as its own root");
    assertThat(tree.warnings().get(2).message())
        .isEqualTo("D: parent links run in a cycle (D → D); treated as its own root");
    assertThat(tree.root("A")).isEqualTo("A");
    assertThat(tree.root("B")).isEqualTo("B");
    assertThat(tree.root("C")).isEqualTo("A");
    assertThat(tree.root("D")).isEqualTo("D");
    assertThat(tree.groups()).isEmpty();
  }

  @Test
  void aLongCycleIsNamedByItsFirstEightMembersAndItsSize() {
    // E00 → E01 → … → E09 → E00: ten enterprises, each on the cycle. The loop is followed from
    // E00 (the first id); its warnings name E00..E07, then the way back and the count.
    UnitTree tree = new UnitTree(ring(10, "E%02d"));
    assertThat(tree.warnings()).hasSize(10).allMatch(w -> w.problem() == TreeWarning.Problem.CYCLE);
    assertThat(tree.warnings().get(9).message()).isEqualTo("E09: parent links run in a cycle"
        + " (E00 → E01 → E02 → E03 → E04 → E05 → E06 → E07 → … → E00, 10 enterprises); treated as its own root");
  }

  @Test
  void aCycleOfTenThousandKeepsEachWarningShort() {
    UnitTree tree = new UnitTree(ring(10_000, "E%05d"));
    assertThat(tree.warnings()).hasSize(10_000);
    // "E00000: parent links run in a cycle (" 37 + eight ids and seven arrows 69 + " → … → E00000" 13
    // + ", 10,000 enterprises" 20 + "); treated as its own root" 26 = 165 characters, where the
    // whole loop alone was 10,000 ids and arrows: about 90,000.
    assertThat(tree.warnings()).allMatch(w -> w.message().length() == 165);
    assertThat(tree.warnings().get(0).message()).endsWith("→ … → E00000, 10,000 enterprises); treated as its own root");
  }

  /** n enterprises, each the parent of the one before: id(i)'s parent is id(i + 1), the last's the first. */
  private static List<EnterpriseValues> ring(int n, String id) {
    List<EnterpriseValues> ring = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      ring.add(Fixtures.enterprise(String.format(id, i)).parent(String.format(id, (i + 1) % n)).build());
    }
    return ring;
  }
}
