package cn.changai.jobs.compute;

import cn.changai.indicators.TreeWarning;
import cn.changai.indicators.UnitLevel;
import java.util.Locale;

/** The plain-text report that compute prints when it finishes. */
public final class ComputeSummary {

  private ComputeSummary() {}

  /** A table by period (units per level, values, low_base, null values), then the tree warnings. */
  public static String format(ComputeResult result) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Compute %s: %s in %.1f s (catalogue %s, %d indicators, min base %d)%n",
        result.runId(), result.warehouse(), result.durationMillis() / 1000.0, result.catalogueVersion(),
        result.indicators(), result.minBase()));
    String header = String.format(Locale.ROOT, "%-8s %11s %7s %10s %7s %8s %9s %12s", "period", "enterprises", "groups",
        "industries", "system", "values", "low_base", "null values");
    out.append(header).append('\n').append("-".repeat(header.length())).append('\n');
    for (ComputeResult.PeriodStats p : result.periods()) {
      out.append(String.format(Locale.ROOT, "%-8s %,11d %,7d %,10d %,7d %,8d %,9d %,12d%n", p.period(),
          p.units().get(UnitLevel.ENTERPRISE), p.units().get(UnitLevel.GROUP), p.units().get(UnitLevel.INDUSTRY),
          p.units().get(UnitLevel.SYSTEM), p.values(), p.lowBase(), p.nullValues()));
    }
    if (result.periods().isEmpty()) {
      out.append("(no period to compute)\n");
    }
    out.append("Tables: ").append(ComputeTables.INDICATOR_VALUES).append(' ')
        .append(String.format(Locale.ROOT, "%,d rows", result.rowsWritten().get(ComputeTables.INDICATOR_VALUES))).append(", ")
        .append(ComputeTables.SKILL_DISTRIBUTION).append(' ')
        .append(String.format(Locale.ROOT, "%,d rows", result.rowsWritten().get(ComputeTables.SKILL_DISTRIBUTION)))
        .append("; periods rewritten: ")
        .append(result.periods().isEmpty() ? "none" : String.join(", ", result.periodIds())).append('\n');
    out.append(result.treeWarnings().isEmpty() ? "Tree warnings: none\n" : treeWarnings(result.treeWarnings()));
    return out.toString();
  }

  /** The tree warnings, one a line under a heading that counts them; empty when there are none. */
  public static String treeWarnings(java.util.List<TreeWarning> warnings) {
    if (warnings.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("Tree warnings (").append(warnings.size()).append("):\n");
    for (TreeWarning w : warnings.subList(0, Math.min(TREE_WARNINGS_LISTED, warnings.size()))) {
      out.append("  ").append(w.period()).append(' ').append(w.problem()).append("  ").append(w.message()).append('\n');
    }
    if (warnings.size() > TREE_WARNINGS_LISTED) {
      out.append(String.format(Locale.ROOT, "  … and %,d more (the run record's tree_warnings lists them all)\n",
          warnings.size() - TREE_WARNINGS_LISTED));
    }
    return out.toString();
  }

  /**
   * The tree warnings a summary or a log lists, the rest counted: a cycle of 5,000 enterprises is
   * 5,000 warnings, one an enterprise, which the run record keeps whole.
   */
  public static final int TREE_WARNINGS_LISTED = 20;
}
