package cn.changai.jobs.score;

import cn.changai.indicators.score.Normalisation;
import cn.changai.indicators.score.OutlierTreatment;
import cn.changai.indicators.score.Screening;
import cn.changai.indicators.score.Weights;
import java.util.Set;

/**
 * What a score run was asked for: the periods (empty for every period with indicator values), the
 * weights and where they came from, the normalisation, the sensitivity draws and seed, the outlier
 * treatment and the screening share.
 */
public record ScoreSettings(
    Set<String> periods, Weights weights, String weightsSource, Normalisation normalisation, int draws, long seed,
    OutlierTreatment treatment, Screening screening) {

  public ScoreSettings {
    periods = Set.copyOf(periods);
  }

  /**
   * Settings whose outlier treatment and screening come from the weights file, else the defaults
   * (none, two thirds): how the nightly run takes them.
   */
  public ScoreSettings(Set<String> periods, Weights weights, String weightsSource, Normalisation normalisation, int draws,
      long seed) {
    this(periods, weights, weightsSource, normalisation, draws, seed,
        weights.treatOutliers().orElse(OutlierTreatment.NONE), weights.screening().orElse(Screening.DEFAULT));
  }

  /**
   * The {@code method} column: {@code normalise=minmax;weights=equal-1;draws=1000;seed=20230810},
   * then {@code ;outliers=winsorise} and {@code ;screening=0.5} when they differ from the defaults.
   */
  public String method() {
    String method = "normalise=" + normalisation.id() + ";weights=" + weights.version() + ";draws=" + draws + ";seed=" + seed;
    if (treatment != OutlierTreatment.NONE) {
      method += ";outliers=" + treatment.id();
    }
    if (!screening.equals(Screening.DEFAULT)) {
      method += ";screening=" + screening.id();
    }
    return method;
  }
}
