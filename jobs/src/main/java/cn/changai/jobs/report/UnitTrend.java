package cn.changai.jobs.report;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import cn.changai.jobs.report.History.Point;
import cn.changai.jobs.report.History.ScorePoint;
import cn.changai.jobs.report.PeriodData.IndicatorRow;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit's course over the periods of the same kind up to the reported one: each indicator's
 * and score's change since the previous period, and their series for the charts (oldest first,
 * the reported period last, taken from the period's own rows), and the earlier periods whose
 * published scores were computed with another method than the unit's score now.
 */
public record UnitTrend(
    String previousPeriod,
    List<String> periods,
    Map<String, Change> indicatorChanges,
    Map<String, List<Point>> indicatorSeries,
    Change composite,
    Map<Part, Change> parts,
    List<ScorePoint> scores,
    List<String> scoredOtherwise) {

  public UnitTrend {
    periods = List.copyOf(periods);
    scoredOtherwise = List.copyOf(scoredOtherwise);
    indicatorChanges = Map.copyOf(indicatorChanges);
    indicatorSeries = Map.copyOf(indicatorSeries);
    parts = Map.copyOf(parts);
    scores = java.util.Collections.unmodifiableList(new ArrayList<>(scores));
  }

  /** The change of one indicator. */
  public Change change(String indicatorId) {
    return indicatorChanges.get(indicatorId);
  }

  /**
   * Builds a unit's trend: {@code rows} are its indicator rows of the reported period and
   * {@code score} its row in {@code scope} (null when not scored).
   */
  static UnitTrend of(History.Window window, String level, String unitId, Map<String, IndicatorRow> rows, String scope,
      ScoreRow score) {
    String previous = window.previous();
    List<String> earlier = window.periods().subList(0, window.periods().size() - 1);
    Map<String, Change> changes = new LinkedHashMap<>();
    Map<String, List<Point>> series = new LinkedHashMap<>();
    for (Indicator indicator : Catalogue.all()) {
      IndicatorRow row = rows.get(indicator.id());
      Point now = row == null ? null : new Point(row.value(), row.lowBase());
      Point before = previous == null ? null : window.indicator(previous, level, unitId, indicator.id());
      changes.put(indicator.id(), Change.of(now, before, previous, indicator));
      List<Point> points = new ArrayList<>();
      for (String p : earlier) {
        points.add(window.indicator(p, level, unitId, indicator.id()));
      }
      points.add(now);
      series.put(indicator.id(), java.util.Collections.unmodifiableList(points));
    }
    ScorePoint before = previous == null ? null : window.score(previous, scope, level, unitId);
    Change composite = Change.ofScore(score == null ? null : score.composite(), before == null ? null : before.composite(),
        previous);
    Map<Part, Change> parts = new EnumMap<>(Part.class);
    for (Part part : Part.values()) {
      parts.put(part, Change.ofScore(score == null ? null : score.part(part), before == null ? null : before.part(part),
          previous));
    }
    List<ScorePoint> scores = new ArrayList<>();
    for (String p : earlier) {
      scores.add(window.score(p, scope, level, unitId));
    }
    scores.add(score == null ? null
        : new ScorePoint(score.composite(), score.partA(), score.partB(), score.partC(), score.partD(), score.rank()));
    return new UnitTrend(previous, window.periods(), changes, series, composite, parts, scores,
        score == null ? List.of() : window.scoredOtherwise(score.method()));
  }
}
