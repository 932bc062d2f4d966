package cn.changai.jobs.ingest;

import cn.changai.domain.Period;
import cn.changai.indicators.score.Periods;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.TableFiles;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Plausibility} checks for the given periods, after compute: reads the enterprise
 * rows of {@code indicator_values} and the figures of {@code enterprises} of each period and of its
 * previous period of the same kind, and publishes the findings into {@code warnings} beside
 * ingest's own warnings, replacing the plausibility warnings the period held before. A period whose
 * plausibility warnings are unchanged is not rewritten.
 */
public final class PlausibilityJob {

  private static final Logger LOG = LoggerFactory.getLogger(PlausibilityJob.class);

  /** The reason codes this job owns in {@code warnings}. */
  public static final Set<ReasonCode> CODES =
      EnumSet.of(ReasonCode.HEADCOUNT_JUMP, ReasonCode.RATIO_JUMP, ReasonCode.FIGURE_JUMP, ReasonCode.FIGURE_TO_ZERO);

  /** One enterprise's finding, for summaries. */
  public record Finding(String period, String enterpriseId, Issue issue) {}

  /**
   * What was checked: the thresholds' version, each period's previous period (absent: nothing to
   * compare with), the findings, and the periods whose warnings were rewritten.
   */
  public record Result(String thresholdsVersion, Map<String, String> previousOf, List<Finding> findings,
      SortedSet<String> rewritten) {

    /** The run record's entry. */
    public Map<String, Object> record() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("thresholds_version", thresholdsVersion);
      out.put("previous_periods", previousOf);
      Map<String, Integer> perPeriod = new TreeMap<>();
      findings.forEach(f -> perPeriod.merge(f.period(), 1, Integer::sum));
      out.put("warnings", perPeriod);
      return out;
    }

    /** The summary printed after compute: one line, then the findings (the first 20). */
    public String summary() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "Plausibility (%s): %d warning%s against the previous period", thresholdsVersion,
          findings.size(), findings.size() == 1 ? "" : "s"));
      out.append(previousOf.isEmpty() ? " (no period has a previous one)" : " " + previousOf).append('\n');
      findings.stream().limit(20).forEach(f -> out.append("  ").append(f.period()).append(' ')
          .append(SafeText.escape(f.enterpriseId())).append(' ').append(f.issue().code()).append(' ')
          .append(f.issue().reason()).append('\n'));
      if (findings.size() > 20) {
        out.append("  ... and ").append(findings.size() - 20).append(" more in table warnings\n");
      }
      return out.toString();
    }
  }

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final SortedSet<String> periods;
  private final Plausibility.Thresholds thresholds;
  private final String runId;

  public PlausibilityJob(SparkSession spark, Warehouse warehouse, Collection<String> periods,
      Plausibility.Thresholds thresholds, String runId) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.periods = new TreeSet<>();
    periods.stream().filter(Period::isValidPeriod).forEach(this.periods::add);
    this.thresholds = thresholds;
    this.runId = runId;
  }

  public Result run() throws IOException {
    String enterprisesTable = Tables.ENTERPRISES.name();
    String valuesTable = Tables.INDICATOR_VALUES.name();
    if (!warehouse.hasTable(enterprisesTable) || !warehouse.hasTable(valuesTable)) {
      return new Result(thresholds.version(), Map.of(), List.of(), new TreeSet<>());
    }
    SortedSet<String> withData = new TreeSet<>(warehouse.periods(enterprisesTable));
    withData.retainAll(warehouse.periods(valuesTable));
    SortedSet<String> checked = new TreeSet<>(periods);
    checked.retainAll(withData);
    Map<String, String> previousOf = new TreeMap<>();
    Set<String> needed = new TreeSet<>(checked);
    for (String period : checked) {
      Periods.previous(period, withData).ifPresent(p -> {
        previousOf.put(period, p);
        needed.add(p);
      });
    }
    Map<String, Map<String, Plausibility.Snapshot>> snapshots = previousOf.isEmpty() ? Map.of() : snapshots(needed);

    Plausibility plausibility = new Plausibility(thresholds);
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, String> e : previousOf.entrySet()) {
      Map<String, Plausibility.Snapshot> now = snapshots.getOrDefault(e.getKey(), Map.of());
      Map<String, Plausibility.Snapshot> before = snapshots.getOrDefault(e.getValue(), Map.of());
      for (Map.Entry<String, Plausibility.Snapshot> unit : new TreeMap<>(now).entrySet()) {
        Plausibility.Snapshot was = before.get(unit.getKey());
        if (was != null) {
          for (Issue issue : plausibility.check(e.getKey(), unit.getValue(), e.getValue(), was)) {
            findings.add(new Finding(e.getKey(), unit.getKey(), issue));
          }
        }
      }
    }
    SortedSet<String> rewritten = publish(checked, findings);
    LOG.info("Plausibility {}: {} warnings for periods {} against {}; warnings rewritten for {}", thresholds.version(),
        String.format(java.util.Locale.ROOT, "%,d", findings.size()), checked, previousOf, rewritten);
    return new Result(thresholds.version(), previousOf, List.copyOf(findings), rewritten);
  }

  /** Per period and enterprise, what the checks compare, from indicator_values and enterprises. */
  private Map<String, Map<String, Plausibility.Snapshot>> snapshots(Set<String> needed) throws IOException {
    List<String> figures = new ArrayList<>(Tables.COUNT_FIGURES);
    figures.add(Tables.FUNDING_FIGURE);
    List<String> figureColumns = new ArrayList<>(List.of("period", "enterprise_id"));
    figureColumns.addAll(figures);
    // Read through the warehouse on the driver, without a Spark job: in a nightly run it sees what
    // compute staged.
    List<Row> valueRows = warehouse.rows(Tables.INDICATOR_VALUES, needed,
        List.of("period", "unit_id", "indicator_id", "denominator", "value", "low_base", "unit_level"),
        r -> "enterprise".equals(r.getString(6)));
    List<Row> figureRows = warehouse.rows(Tables.ENTERPRISES, needed, figureColumns, r -> true);
    Map<String, Map<String, Double>> headcounts = new HashMap<>();
    Map<String, Map<String, Double>> wages = new HashMap<>();
    Map<String, Map<String, Map<String, Plausibility.Ratio>>> ratios = new HashMap<>();
    for (Row r : valueRows) {
      String period = r.getString(0);
      String unit = r.getString(1);
      String indicator = r.getString(2);
      Double denominator = r.isNullAt(3) ? null : r.getDouble(3);
      if (indicator.equals(Plausibility.HEADCOUNT_INDICATOR)) {
        headcounts.computeIfAbsent(period, p -> new HashMap<>()).put(unit, denominator);
      } else if (indicator.equals(Plausibility.WAGE_INDICATOR)) {
        wages.computeIfAbsent(period, p -> new HashMap<>()).put(unit, denominator);
      }
      ratios.computeIfAbsent(period, p -> new HashMap<>()).computeIfAbsent(unit, u -> new HashMap<>())
          .put(indicator, new Plausibility.Ratio(r.isNullAt(4) ? null : r.getDouble(4), !r.isNullAt(5) && r.getBoolean(5),
              denominator));
    }
    Map<String, Map<String, Plausibility.Snapshot>> out = new HashMap<>();
    for (Row r : figureRows) {
      String period = r.getString(0);
      String unit = r.getString(1);
      Map<String, Double> values = new LinkedHashMap<>();
      for (int i = 0; i < figures.size(); i++) {
        // As Spark casts them: a long's double, a decimal's BigDecimal.doubleValue().
        values.put(figures.get(i), r.isNullAt(2 + i) ? null : ((Number) r.get(2 + i)).doubleValue());
      }
      out.computeIfAbsent(period, p -> new HashMap<>()).put(unit, new Plausibility.Snapshot(
          headcounts.getOrDefault(period, Map.of()).get(unit), wages.getOrDefault(period, Map.of()).get(unit),
          ratios.getOrDefault(period, Map.of()).getOrDefault(unit, Map.of()), values));
    }
    return out;
  }

  /**
   * Replaces the plausibility warnings of each checked period by the findings, keeping every other
   * warning as it is; a period whose plausibility warnings did not change is left alone.
   */
  private SortedSet<String> publish(SortedSet<String> checked, List<Finding> findings) throws IOException {
    String table = Tables.WARNINGS.name();
    Map<String, List<Row>> fresh = new TreeMap<>();
    checked.forEach(p -> fresh.put(p, new ArrayList<>()));
    for (Finding f : findings) {
      fresh.get(f.period()).add(IngestTables.issueRow(f.period(), f.enterpriseId(), f.issue()));
    }
    Set<String> held = warehouse.hasTable(table) ? warehouse.periods(table) : Set.of();
    List<String> columns = List.of(Tables.WARNINGS.schema().fieldNames());
    Set<String> own = CODES.stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
    // First only this check's own held warnings, to tell which periods change; ingest's warnings
    // (one per flagged row, possibly many) are read only for the periods rewritten.
    Map<String, List<String>> heldOwn = new TreeMap<>();
    Set<String> toRead = new TreeSet<>(checked);
    toRead.retainAll(held);
    if (!toRead.isEmpty()) {
      int code = columns.indexOf("reason_code");
      int period = columns.indexOf("period");
      // Only this check's own warnings are kept as they are read: ingest's can run to millions.
      for (Row r : warehouse.rows(Tables.WARNINGS, toRead, columns, w -> own.contains(w.getString(code)))) {
        heldOwn.computeIfAbsent(r.getString(period), p -> new ArrayList<>()).add(r.toString());
      }
    }
    SortedSet<String> rewritten = new TreeSet<>();
    for (Map.Entry<String, List<Row>> e : fresh.entrySet()) {
      List<String> now = e.getValue().stream().map(Row::toString).sorted().toList();
      List<String> before = heldOwn.getOrDefault(e.getKey(), List.of()).stream().sorted().toList();
      if (!now.equals(before)) {
        rewritten.add(e.getKey());
      }
    }
    if (rewritten.isEmpty()) {
      return rewritten;
    }
    List<Row> rows = new ArrayList<>();
    rewritten.forEach(period -> rows.addAll(fresh.get(period)));
    Set<String> kept = new TreeSet<>(rewritten);
    kept.retainAll(held);
    // The other warnings (ingest's, one per flagged row, possibly many) are copied file by file.
    List<Warehouse.TableFile> others = kept.isEmpty() ? List.of() : warehouse.checkSchema(table, Tables.WARNINGS.schema(), kept);
    Set<String> codes = CODES.stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
    spark.sparkContext().setJobDescription("plausibility: write the warnings of " + rewritten);
    // A folder of its own: in a nightly run ingest's staged warnings (read here) stay where they
    // are, and this commit's move of a period replaces ingest's.
    Path staged = new Path(new Path(warehouse.staging(runId), "plausibility"), table);
    TableFiles.stage(staged, Tables.WARNINGS.schema(), others, file -> false,
        (period, row) -> !codes.contains(row.getString("reason_code", 0)), rows, spark.sparkContext().hadoopConfiguration());
    warehouse.publish(table, staged, rewritten, runId);
    warehouse.cleanUp(runId);
    return rewritten;
  }
}
