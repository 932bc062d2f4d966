package cn.changai.indicators.score;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Part;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The methodology audit of one scored level, after the OECD/JRC handbook and COINr: per indicator
 * its coverage, distribution and outlier rule; correlations between the normalised indicators and
 * with their own part; Cronbach's alpha per part; the variance-based sensitivity of the ranks per
 * scope; the values outlier treatment changed, and how many ranks the other treatment would move.
 */
public final class Audit {

  private Audit() {}

  /**
   * The audit rows of a level. {@code other} is the same level scored with the other outlier
   * treatment (null to skip that comparison); {@code sensitivity} the indices of its scopes.
   */
  public static List<AuditRow> of(LevelScores level, Map<String, int[]> scopes, LevelScores other,
      OutlierTreatment treatment, List<VarianceSensitivity.Indices> sensitivity, Scorer scorer) {
    String unitLevel = level.units().isEmpty() ? null : level.units().get(0).unitLevel();
    List<AuditRow> rows = new ArrayList<>();
    List<Indicator> catalogue = Catalogue.all();

    for (int i = 0; i < catalogue.size(); i++) {
      Indicator indicator = catalogue.get(i);
      int usable = 0;
      int lowBase = 0;
      int none = 0;
      for (UnitValues unit : level.units()) {
        UnitValues.Value v = unit.values().get(indicator.id());
        if (v != null && v.usable()) {
          usable++;
        } else if (v != null && v.value() != null && Double.isFinite(v.value()) && v.lowBase()) {
          lowBase++;
        } else {
          none++;
        }
      }
      double[] values = AuditStatistics.present(level.raw()[i]);
      Arrays.sort(values);
      double skew = AuditStatistics.skewness(values);
      double kurt = AuditStatistics.kurtosis(values);
      String id = indicator.id();
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "usable", (double) usable));
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "low_base", (double) lowBase));
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "null", (double) none));
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "scored", (double) values.length));
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "min", values.length == 0 ? null : values[0]));
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "median", values.length == 0 ? null : median(values)));
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "max", values.length == 0 ? null : values[values.length - 1]));
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "skewness", finite(skew)));
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "kurtosis", finite(kurt)));
      rows.add(row(unitLevel, AuditRow.INDICATOR, id, "outliers",
          Double.isNaN(skew) || Double.isNaN(kurt) ? null : AuditStatistics.hasOutliers(skew, kurt) ? 1.0 : 0.0));
    }

    // Correlations of the normalised indicators that enter the scores, and with their own part.
    Normaliser.Normalised normalised = level.normalised();
    List<Indicator> used = new ArrayList<>();
    List<double[]> columns = new ArrayList<>();
    for (int j = 0; j < normalised.used().size(); j++) {
      Indicator indicator = normalised.used().get(j);
      if (level.indicatorsUsed().contains(indicator.id())) {
        used.add(indicator);
        double[] column = new double[level.units().size()];
        for (int u = 0; u < column.length; u++) {
          column[u] = normalised.score(u, j);
        }
        columns.add(column);
      }
    }
    for (int a = 0; a < used.size(); a++) {
      for (int b = a + 1; b < used.size(); b++) {
        rows.add(new AuditRow(unitLevel, null, AuditRow.CORRELATION, used.get(a).id(), used.get(b).id(), null, "pearson",
            finite(AuditStatistics.pearson(columns.get(a), columns.get(b)))));
      }
    }
    for (int a = 0; a < used.size(); a++) {
      Part part = used.get(a).part();
      double[] partScores = new double[level.units().size()];
      for (int u = 0; u < partScores.length; u++) {
        partScores[u] = level.part(u, part.ordinal());
      }
      rows.add(new AuditRow(unitLevel, null, AuditRow.PART_CORRELATION, used.get(a).id(), part.name(), null, "pearson",
          finite(AuditStatistics.pearson(columns.get(a), partScores))));
    }
    for (Part part : Part.values()) {
      List<double[]> items = new ArrayList<>();
      for (int a = 0; a < used.size(); a++) {
        if (used.get(a).part() == part) {
          items.add(columns.get(a));
        }
      }
      rows.add(new AuditRow(unitLevel, null, AuditRow.ALPHA, null, part.name(), null, "cronbach_alpha",
          finite(AuditStatistics.cronbachAlpha(items.toArray(new double[0][])))));
      rows.add(new AuditRow(unitLevel, null, AuditRow.ALPHA, null, part.name(), null, "items", (double) items.size()));
    }

    for (VarianceSensitivity.Indices indices : sensitivity) {
      for (int i = 0; i < VarianceSensitivity.INPUTS.size(); i++) {
        String input = VarianceSensitivity.INPUTS.get(i);
        rows.add(new AuditRow(unitLevel, indices.scope(), AuditRow.SENSITIVITY, null, input, null, "first_order",
            finite(indices.firstOrder()[i])));
        rows.add(new AuditRow(unitLevel, indices.scope(), AuditRow.SENSITIVITY, null, input, null, "total_order",
            finite(indices.totalOrder()[i])));
      }
    }

    level.changes().forEach((indicatorId, changes) -> {
      for (Winsorisation.Change c : changes) {
        String unitId = level.units().get(c.unit()).unitId();
        rows.add(new AuditRow(unitLevel, null, AuditRow.TREATED, indicatorId, treatment.id(), unitId, "from", c.from()));
        rows.add(new AuditRow(unitLevel, null, AuditRow.TREATED, indicatorId, treatment.id(), unitId, "to", c.to()));
      }
    });

    if (other != null) {
      for (Map.Entry<String, int[]> scope : scopes.entrySet()) {
        Map<String, Integer> now = ranks(scorer.rank(scope.getKey(), level, scope.getValue()));
        Map<String, Integer> then = ranks(scorer.rank(scope.getKey(), other, scope.getValue()));
        int moved = 0;
        for (Map.Entry<String, Integer> e : now.entrySet()) {
          if (!java.util.Objects.equals(e.getValue(), then.get(e.getKey()))) {
            moved++;
          }
        }
        rows.add(new AuditRow(unitLevel, scope.getKey(), AuditRow.TREATMENT_EFFECT, null, treatment.other().id(), null,
            "ranks_moved", (double) moved));
      }
    }
    return rows;
  }

  private static Map<String, Integer> ranks(ScopeScores scores) {
    Map<String, Integer> ranks = new HashMap<>();
    for (UnitScore s : scores.units()) {
      ranks.put(s.unitId(), s.rank());
    }
    return ranks;
  }

  private static AuditRow row(String unitLevel, String section, String indicatorId, String statistic, Double value) {
    return new AuditRow(unitLevel, null, section, indicatorId, null, null, statistic, value);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
