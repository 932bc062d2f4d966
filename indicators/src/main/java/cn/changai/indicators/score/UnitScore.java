package cn.changai.indicators.score;

import cn.changai.indicators.Part;
import java.util.List;
import java.util.Map;

/**
 * One unit's scores in one ranking (scope): part scores and composite on 0..100 rounded to 6
 * decimals, rank and tier (null when unranked), the indicators that entered its part scores, and
 * once known its rank interval and its rank change since the previous period; an unranked unit
 * says why ({@code unrankedReason}, Chinese then English), a ranked one has null there.
 */
public record UnitScore(
    String scope,
    String unitLevel,
    String unitId,
    String unitName,
    Double composite,
    Map<Part, Double> parts,
    Integer rank,
    String tier,
    List<String> indicatorsUsed,
    RankInterval interval,
    Integer rankChange,
    String unrankedReason) {

  /** The scores of a unit without a reason for being unranked (a ranked unit, or tests). */
  public UnitScore(String scope, String unitLevel, String unitId, String unitName, Double composite,
      Map<Part, Double> parts, Integer rank, String tier, List<String> indicatorsUsed, RankInterval interval,
      Integer rankChange) {
    this(scope, unitLevel, unitId, unitName, composite, parts, rank, tier, indicatorsUsed, interval, rankChange, null);
  }

  public boolean ranked() {
    return rank != null;
  }

  /** The score of a part, or null when the unit has no usable value in it. */
  public Double part(Part part) {
    return parts.get(part);
  }

  public UnitScore withInterval(RankInterval value) {
    return new UnitScore(scope, unitLevel, unitId, unitName, composite, parts, rank, tier, indicatorsUsed, value, rankChange, unrankedReason);
  }

  public UnitScore withRankChange(Integer value) {
    return new UnitScore(scope, unitLevel, unitId, unitName, composite, parts, rank, tier, indicatorsUsed, interval, value, unrankedReason);
  }
}
