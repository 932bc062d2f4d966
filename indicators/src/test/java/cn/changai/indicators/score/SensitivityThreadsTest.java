package cn.changai.indicators.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The sensitivity analyses score their draws on every core: the results must be the same to the
 * last bit whether one thread or several do the work (the draws come from one seeded sequence and
 * every sum adds up in draw order).
 */
class SensitivityThreadsTest {

  private static final Weights DEFAULTS = Weights.defaults();

  /** 200 units, coarse values (ties), some missing or low_base; more than one block of work. */
  private static LevelScores level() {
    Random random = new Random(9);
    String[] ids = {"A01", "A02", "B03", "B04", "B05", "C01", "C03", "D04", "D05"};
    List<UnitValues> units = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      UnitValues.Builder b = UnitValues.builder("enterprise", String.format("E%03d", i), "e" + i);
      for (String id : ids) {
        double r = random.nextDouble();
        b.value(id, r < 0.08 ? null : (double) random.nextInt(i % 4 == 0 ? 3 : 40), r > 0.95);
      }
      units.add(b.build());
    }
    return new Scorer(DEFAULTS, Normalisation.MINMAX, Screening.DEFAULT, OutlierTreatment.NONE).level("enterprises", units);
  }

  /** The whole level and two overlapping parts of it, as the enterprises and their industries. */
  private static Map<String, int[]> scopes() {
    Map<String, int[]> scopes = new LinkedHashMap<>();
    scopes.put("enterprises", Scorer.all(200));
    scopes.put("industry:a", java.util.stream.IntStream.range(0, 200).filter(u -> u % 3 == 0).toArray());
    scopes.put("industry:b", java.util.stream.IntStream.range(0, 200).filter(u -> u % 3 == 1 || u == 0).toArray());
    return scopes;
  }

  private static <T> T on(int threads, Callable<T> work) throws Exception {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(work).get();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void sameIntervalsOnOneThreadAsOnSeveral() throws Exception {
    LevelScores level = level();
    Sensitivity sensitivity = new Sensitivity(DEFAULTS, Normalisation.MINMAX, 150, 3);
    Map<String, Map<String, RankInterval>> one = on(1, () -> sensitivity.intervals(level, scopes()));
    Map<String, Map<String, RankInterval>> several = on(4, () -> sensitivity.intervals(level, scopes()));
    assertThat(one).hasSize(3);
    assertThat(one.get("enterprises")).hasSizeGreaterThan(150);
    assertThat(several).isEqualTo(one);
  }

  @Test
  void sameIndicesOnOneThreadAsOnSeveral() throws Exception {
    LevelScores level = level();
    VarianceSensitivity variance = new VarianceSensitivity(DEFAULTS, 150, 3);
    List<VarianceSensitivity.Indices> one = on(1, () -> variance.indices(level, scopes()));
    List<VarianceSensitivity.Indices> several = on(4, () -> variance.indices(level, scopes()));
    assertThat(several).hasSize(3);
    for (int s = 0; s < 3; s++) {
      assertThat(several.get(s).scope()).isEqualTo(one.get(s).scope());
      assertThat(several.get(s).units()).isEqualTo(one.get(s).units());
      // Exactly equal, not close: the same additions in the same order.
      assertThat(several.get(s).firstOrder()).containsExactly(one.get(s).firstOrder());
      assertThat(several.get(s).totalOrder()).containsExactly(one.get(s).totalOrder());
      assertThat(one.get(s).totalOrder()[0]).as("the weights move ranks here").isGreaterThan(0);
    }
  }
}
