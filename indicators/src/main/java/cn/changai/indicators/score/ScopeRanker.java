package cn.changai.indicators.score;

import java.util.Arrays;
import java.util.List;

/**
 * Ranks every scope of a level on one set of the level's composites with a single sort: the ranks
 * {@link Scorer#ranks} gives each scope's members, without sorting each scope again.
 *
 * <p>The sensitivity analyses rank the whole level and every industry on each of thousands of
 * composites; sorting the level once and walking it from the top, counting per scope, gives each
 * member 1 + the number of its scope's members with a greater rounded composite, which is the
 * standard competition rank (1, 2, 2, 4) that {@link Scorer#ranks} computes. Ties stay ties: equal
 * rounded composites take the rank of the first of them whatever order the sort leaves them in.
 * Immutable, so draws on several threads may share one; each call brings its own work array.
 */
final class ScopeRanker {

  private final int units;
  private final int[] sizes;
  /** Unit u's memberships are entries start[u] .. start[u + 1] - 1 of scopeOf and positionOf. */
  private final int[] start;
  private final int[] scopeOf;
  private final int[] positionOf;

  /** For a level of {@code units} units and its scopes (each the positions of its members in the level). */
  ScopeRanker(int units, List<int[]> scopes) {
    this.units = units;
    this.sizes = new int[scopes.size()];
    int[] count = new int[units + 1];
    for (int s = 0; s < scopes.size(); s++) {
      sizes[s] = scopes.get(s).length;
      for (int u : scopes.get(s)) {
        count[u + 1]++;
      }
    }
    this.start = new int[units + 1];
    for (int u = 0; u < units; u++) {
      start[u + 1] = start[u] + count[u + 1];
    }
    this.scopeOf = new int[start[units]];
    this.positionOf = new int[start[units]];
    int[] next = Arrays.copyOf(start, units);
    for (int s = 0; s < scopes.size(); s++) {
      int[] members = scopes.get(s);
      for (int m = 0; m < members.length; m++) {
        int k = next[members[m]]++;
        scopeOf[k] = s;
        positionOf[k] = m;
      }
    }
  }

  /** A new array for each scope's ranks, as {@link #rank} fills them. */
  int[][] newRanks() {
    int[][] ranks = new int[sizes.length][];
    for (int s = 0; s < sizes.length; s++) {
      ranks[s] = new int[sizes[s]];
    }
    return ranks;
  }

  /**
   * Fills {@code ranks[s][m]} with the rank of scope s's m-th member on the composites (0: no
   * composite), as {@code Scorer.ranks} of that scope's composites would; returns how many members
   * of each scope are ranked. {@code work} needs one entry per unit of the level.
   */
  int[] rank(double[] composites, int[][] ranks, long[] work) {
    int m = 0;
    for (int u = 0; u < units; u++) {
      // A unit of no scope is not ranked anywhere (nor checked, as Scorer.ranks never sees it).
      if (start[u] < start[u + 1] && !Double.isNaN(composites[u])) {
        work[m++] = Scorer.rankKey(composites[u]) << 32 | u;
      }
    }
    Arrays.sort(work, 0, m);
    int scopes = sizes.length;
    int[] ranked = new int[scopes];
    long[] previous = new long[scopes];
    int[] rank = new int[scopes];
    Arrays.fill(previous, -1);
    for (int[] r : ranks) {
      Arrays.fill(r, 0);
    }
    for (int i = m - 1; i >= 0; i--) {
      long key = work[i] >>> 32;
      int u = (int) (work[i] & 0xFFFFFFFFL);
      for (int k = start[u]; k < start[u + 1]; k++) {
        int s = scopeOf[k];
        ranked[s]++;
        if (key != previous[s]) {
          rank[s] = ranked[s];
          previous[s] = key;
        }
        ranks[s][positionOf[k]] = rank[s];
      }
    }
    return ranked;
  }
}
