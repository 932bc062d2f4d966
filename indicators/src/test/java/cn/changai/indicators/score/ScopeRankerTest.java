package cn.changai.indicators.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScopeRankerTest {

  @Test
  void ranksEveryScopeFromOneSortAsWorkedOutByHand() {
    // As in ScorerTest: 80.0000001, 80 and 80.0000004 all round to 80.000000.
    double[] composites = {70, 80.0000001, 80, Double.NaN, 90, 80.0000004, 10, 1e12};
    // All but unit 7 (1e12 is out of range, but in no scope it is never ranked, nor refused);
    // the even units 70, 80, 90, 10; units 5, 3, 1 in that order: 80.0000004, none, 80.0000001.
    List<int[]> scopes = List.of(new int[] {0, 1, 2, 3, 4, 5, 6}, new int[] {0, 2, 4, 6}, new int[] {5, 3, 1});
    ScopeRanker ranker = new ScopeRanker(composites.length, scopes);
    int[][] ranks = ranker.newRanks();
    int[] ranked = ranker.rank(composites, ranks, new long[composites.length]);
    assertThat(ranks[0]).containsExactly(5, 2, 2, 0, 1, 2, 6);
    assertThat(ranks[1]).containsExactly(3, 2, 1, 4);
    assertThat(ranks[2]).containsExactly(1, 0, 1);
    assertThat(ranked).containsExactly(6, 4, 2);
  }

  @Test
  void givesEachScopeTheRanksScorerGivesItAlone() {
    // Coarse composites (many ties), some missing, scopes overlapping and in any order; the same
    // arrays ranked again on other composites must not keep anything of the first.
    Random random = new Random(5);
    int n = 400;
    List<int[]> scopes = new ArrayList<>();
    scopes.add(Scorer.all(n));
    for (int s = 0; s < 6; s++) {
      List<Integer> members = new ArrayList<>();
      for (int u = n - 1; u >= 0; u--) {
        if (random.nextInt(4) == 0) {
          members.add(u);
        }
      }
      scopes.add(members.stream().mapToInt(Integer::intValue).toArray());
    }
    ScopeRanker ranker = new ScopeRanker(n, scopes);
    int[][] ranks = ranker.newRanks();
    long[] work = new long[n];
    for (int round = 0; round < 3; round++) {
      double[] composites = new double[n];
      for (int u = 0; u < n; u++) {
        composites[u] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(50) + (random.nextBoolean() ? 1e-7 : 0);
      }
      int[] ranked = ranker.rank(composites, ranks, work);
      for (int s = 0; s < scopes.size(); s++) {
        int[] alone = Scorer.ranks(Sensitivity.subset(composites, scopes.get(s)));
        assertThat(ranks[s]).containsExactly(alone);
        assertThat(ranked[s]).isEqualTo((int) java.util.Arrays.stream(alone).filter(r -> r > 0).count());
      }
    }
  }
}
