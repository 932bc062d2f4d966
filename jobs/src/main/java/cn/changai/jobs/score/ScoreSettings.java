package cn.changai.jobs.score;

import cn.changai.indicators.score.Normalisation;
import cn.changai.indicators.score.Weights;
import java.util.Set;

/**
 * What a score run was asked for: the periods (empty for every period with indicator values), the
 * weights and where they came from, the normalisation, and the sensitivity draws and seed.
 */
public record ScoreSettings(
    Set<String> periods, Weights weights, String weightsSource, Normalisation normalisation, int draws, long seed) {

  public ScoreSettings {
    periods = Set.copyOf(periods);
  }

  /** The {@code method} column: {@code normalise=minmax;weights=equal-1;draws=1000;seed=20230810}. */
  public String method() {
    return "normalise=" + normalisation.id() + ";weights=" + weights.version() + ";draws=" + draws + ";seed=" + seed;
  }
}
