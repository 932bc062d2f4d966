package cn.changai.jobs.report;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import cn.changai.indicators.score.AuditRow;
import cn.changai.indicators.score.VarianceSensitivity;
import cn.changai.jobs.report.PeriodData.ScoreRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the audit page shows for one period, from the {@code audit} table: per unit level the
 * indicator statistics, the correlation matrix and each indicator's correlation with its part,
 * Cronbach's alpha per part, the sensitivity indices per scope and the outlier treatment; and the
 * units not ranked with the reason.
 */
record AuditModel(String period, List<Level> levels, List<Unranked> unranked, boolean missing) {

  /** One unit level's audit. */
  record Level(
      String level,
      List<IndicatorStats> indicators,
      List<Indicator> used,
      Map<String, Double> correlations,
      Map<String, Double> partCorrelations,
      Map<Part, Double> alpha,
      Map<Part, Integer> alphaItems,
      List<Sensitivity> sensitivity,
      List<Treated> treated,
      String otherTreatment,
      Map<String, Integer> ranksMoved) {

    /** Pearson's r of two indicators used (either order), or null. */
    Double correlation(String a, String b) {
      Double r = correlations.get(a + "\u0000" + b);
      return r != null ? r : correlations.get(b + "\u0000" + a);
    }
  }

  /** The statistics of one indicator; {@code outliers} is null when the rule cannot be computed. */
  record IndicatorStats(
      Indicator indicator, int usable, int lowBase, int none, Double min, Double median, Double max, Double skewness,
      Double kurtosis, Boolean outliers, int treated) {}

  /** One scope's first- and total-order indices, in the order of {@link VarianceSensitivity#INPUTS}. */
  record Sensitivity(String scope, Double[] firstOrder, Double[] totalOrder) {}

  /** A value outlier treatment changed. */
  record Treated(UnitLink unit, Indicator indicator, Double from, Double to) {}

  /** A unit that is not ranked, and why. */
  record Unranked(UnitLink unit, String reason) {}

  static AuditModel build(ReportContext ctx, List<AuditRow> rows) {
    Map<String, List<AuditRow>> byLevel = new TreeMap<>(java.util.Comparator.comparing(
        (String l) -> PeriodData.LEVEL_GROUP.equals(l) ? 0 : 1).thenComparing(l -> l));
    for (AuditRow r : rows) {
      if (r.unitLevel() != null) {
        byLevel.computeIfAbsent(r.unitLevel(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Level> levels = new ArrayList<>();
    byLevel.forEach((level, levelRows) -> levels.add(level(ctx, level, levelRows)));

    List<Unranked> unranked = new ArrayList<>();
    Map<String, Boolean> seen = new HashMap<>();
    for (ScoreRow s : ctx.data.scores()) {
      String scope = s.scope();
      boolean allScope = PeriodData.SCOPE_GROUPS.equals(scope) || PeriodData.SCOPE_ENTERPRISES.equals(scope);
      if (allScope && s.rank() == null && seen.putIfAbsent(s.unitLevel() + "\u0000" + s.unitId(), true) == null) {
        UnitLink link = ctx.unit(s.unitLevel(), s.unitId()).orElse(UnitLink.of(s.unitLevel(), s.unitId(), s.unitName()));
        unranked.add(new Unranked(link, s.unrankedReason()));
      }
    }
    unranked.sort(java.util.Comparator.comparing((Unranked u) -> u.unit().isGroup() ? 0 : 1)
        .thenComparing(u -> u.unit().id()));
    return new AuditModel(ctx.data.period(), levels, unranked, rows.isEmpty());
  }

  private static Level level(ReportContext ctx, String level, List<AuditRow> rows) {
    Map<String, Map<String, Double>> stats = new LinkedHashMap<>();
    Map<String, Double> correlations = new HashMap<>();
    Map<String, Double> partCorrelations = new LinkedHashMap<>();
    Map<Part, Double> alpha = new java.util.EnumMap<>(Part.class);
    Map<Part, Integer> alphaItems = new java.util.EnumMap<>(Part.class);
    Map<String, Sensitivity> sensitivity = new LinkedHashMap<>();
    Map<String, Double[]> treatedFrom = new LinkedHashMap<>();
    Map<String, Integer> treatedCount = new HashMap<>();
    Map<String, Integer> ranksMoved = new LinkedHashMap<>();
    String other = null;
    List<String> inputs = VarianceSensitivity.INPUTS;
    for (AuditRow r : rows) {
      switch (r.section()) {
        case AuditRow.INDICATOR -> stats.computeIfAbsent(r.indicatorId(), k -> new HashMap<>()).put(r.statistic(), r.value());
        case AuditRow.CORRELATION -> correlations.put(r.indicatorId() + "\u0000" + r.other(), r.value());
        case AuditRow.PART_CORRELATION -> partCorrelations.put(r.indicatorId(), r.value());
        case AuditRow.ALPHA -> {
          Part part = Part.valueOf(r.other());
          if ("items".equals(r.statistic())) {
            alphaItems.put(part, r.value() == null ? 0 : r.value().intValue());
          } else {
            alpha.put(part, r.value());
          }
        }
        case AuditRow.SENSITIVITY -> {
          Sensitivity s = sensitivity.computeIfAbsent(r.scope(),
              k -> new Sensitivity(k, new Double[inputs.size()], new Double[inputs.size()]));
          int i = inputs.indexOf(r.other());
          if (i >= 0) {
            ("first_order".equals(r.statistic()) ? s.firstOrder() : s.totalOrder())[i] = r.value();
          }
        }
        case AuditRow.TREATED -> {
          String key = r.indicatorId() + "\u0000" + r.unitId();
          Double[] pair = treatedFrom.computeIfAbsent(key, k -> new Double[2]);
          if ("from".equals(r.statistic())) {
            pair[0] = r.value();
            treatedCount.merge(r.indicatorId(), 1, Integer::sum);
          } else {
            pair[1] = r.value();
          }
        }
        case AuditRow.TREATMENT_EFFECT -> {
          other = r.other();
          ranksMoved.put(r.scope(), r.value() == null ? null : r.value().intValue());
        }
        default -> { }
      }
    }
    List<IndicatorStats> indicators = new ArrayList<>();
    for (Indicator indicator : Catalogue.all()) {
      Map<String, Double> s = stats.get(indicator.id());
      if (s == null) {
        continue;
      }
      Double outliers = s.get("outliers");
      indicators.add(new IndicatorStats(indicator, count(s.get("usable")), count(s.get("low_base")), count(s.get("null")),
          s.get("min"), s.get("median"), s.get("max"), s.get("skewness"), s.get("kurtosis"),
          outliers == null ? null : outliers > 0, treatedCount.getOrDefault(indicator.id(), 0)));
    }
    List<Indicator> used = new ArrayList<>();
    for (Indicator indicator : Catalogue.all()) {
      if (partCorrelations.containsKey(indicator.id())) {
        used.add(indicator);
      }
    }
    List<Treated> treated = new ArrayList<>();
    treatedFrom.forEach((key, pair) -> {
      String[] k = key.split("\u0000", 2);
      UnitLink unit = ctx.unit(level, k[1]).orElse(UnitLink.of(level, k[1], k[1]));
      treated.add(new Treated(unit, Catalogue.byId(k[0]).orElse(null), pair[0], pair[1]));
    });
    return new Level(level, indicators, used, correlations, partCorrelations, alpha, alphaItems,
        new ArrayList<>(sensitivity.values()), treated, other, ranksMoved);
  }

  private static int count(Double value) {
    return value == null ? 0 : value.intValue();
  }
}
