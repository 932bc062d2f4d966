package cn.changai.indicators.score;

import java.util.List;
import java.util.Map;

/**
 * One ranking: the scope ({@code groups}, {@code enterprises} or {@code industry:<code>}), the
 * indicators it used and those it left out with the reason, and its units, ranked ones first by
 * rank then unit id, unranked ones last by unit id.
 */
public record ScopeScores(String scope, List<String> indicatorsUsed, Map<String, String> indicatorsLeftOut, List<UnitScore> units) {

  public long rankedCount() {
    return units.stream().filter(UnitScore::ranked).count();
  }
}
