package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: times scoring and the rank sensitivity of one scope of many units with every
 * indicator, to check that 10,000 units × 1,000 draws take seconds. Run it with
 * {@code scripts/sensitivity-bench [units] [draws]}.
 */
public final class SensitivityBench {

  private SensitivityBench() {}

  public static void main(String[] args) {
    int units = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int draws = args.length > 1 ? Integer.parseInt(args[1]) : Sensitivity.DEFAULT_DRAWS;
    Random random = new Random(1);
    List<UnitValues> table = new ArrayList<>(units);
    for (int i = 0; i < units; i++) {
      UnitValues.Builder b = UnitValues.builder("enterprise", String.format("U%06d", i), "unit " + i);
      for (Indicator indicator : Catalogue.all()) {
        double r = random.nextDouble();
        b.value(indicator.id(), r < 0.05 ? null : random.nextDouble() * 100, r > 0.95);
      }
      table.add(b.build());
    }
    Weights weights = Weights.defaults();
    for (int run = 1; run <= 2; run++) {
      long start = System.nanoTime();
      ScopeScores scores = new Scorer(weights, Normalisation.MINMAX).score("enterprises", table);
      long scored = System.nanoTime();
      Map<String, RankInterval> intervals =
          new Sensitivity(weights, Normalisation.MINMAX, draws, Sensitivity.DEFAULT_SEED).intervals("enterprises", table);
      long end = System.nanoTime();
      long unstable = intervals.values().stream().filter(RankInterval::unstable).count();
      System.out.printf("run %d: %,d units, %,d draws: scoring %d ms, sensitivity %d ms; %d ranked, %d unstable%n",
          run, units, draws, (scored - start) / 1_000_000, (end - scored) / 1_000_000, scores.rankedCount(), unstable);
    }
  }
}
