package cn.changai.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one {@code changai generate} wrote: the enterprises and their tree, per period the rows
 * written, the rows carrying each kind of deliberate fault and the rejected rows ingest must
 * therefore report, by reason code; the bytes and the time taken.
 */
public record GenerateSummary(
    String out,
    long seed,
    int enterprises,
    int groups,
    int subsidiaries,
    int branches,
    int treeDepth,
    long workersPerPeriod,
    double dirtyRate,
    SortedMap<String, PeriodCounts> periods,
    long bytes,
    long nanos) {

  /** The name of the summary file, at the root of the generated inbox. */
  public static final String FILE = "generate-summary.json";

  /** The counts of one period (or of all). */
  public record PeriodCounts(
      int submissions, long workerRows, long studioRows, Map<String, Long> faultyRows, Map<String, Long> rejectedRows) {

    /** Rows carrying a deliberate fault. */
    public long faulty() {
      return faultyRows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows ingest rejects: each faulty row, and both rows of a duplicated worker_id. */
    public long rejected() {
      return rejectedRows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows ingest accepts. */
    public long accepted() {
      return workerRows - rejected();
    }

    static PeriodCounts of(int submissions, long workerRows, long studioRows, long[] faults) {
      Map<String, Long> faulty = new java.util.LinkedHashMap<>();
      SortedMap<String, Long> rejected = new TreeMap<>();
      for (RowFault fault : RowFault.values()) {
        long n = faults[fault.ordinal()];
        faulty.put(fault.name(), n);
        if (n > 0) {
          rejected.merge(fault.reason.name(), n * fault.rowsRejected(), Long::sum);
        }
      }
      return new PeriodCounts(submissions, workerRows, studioRows, faulty, rejected);
    }

    PeriodCounts plus(PeriodCounts other) {
      Map<String, Long> faulty = new java.util.LinkedHashMap<>(faultyRows);
      other.faultyRows.forEach((k, v) -> faulty.merge(k, v, Long::sum));
      SortedMap<String, Long> rejected = new TreeMap<>(rejectedRows);
      other.rejectedRows.forEach((k, v) -> rejected.merge(k, v, Long::sum));
      return new PeriodCounts(submissions + other.submissions, workerRows + other.workerRows,
          studioRows + other.studioRows, faulty, rejected);
    }
  }

  /** The counts over every period. */
  public PeriodCounts total() {
    PeriodCounts total = new PeriodCounts(0, 0, 0, Map.of(), new TreeMap<>());
    for (PeriodCounts p : periods.values()) {
      total = total.plus(p);
    }
    return total;
  }

  public double seconds() {
    return nanos / 1e9;
  }

  public long rowsPerSecond() {
    return nanos == 0 ? 0 : Math.round(total().workerRows() / seconds());
  }

  /**
   * The summary as JSON. Deliberately without the time taken, so that the same arguments give a
   * byte-identical inbox, this file included.
   */
  public byte[] toJson() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("generator", "changai generate");
    root.put("seed", seed);
    root.put("enterprises", enterprises);
    root.put("groups", groups);
    root.put("subsidiaries", subsidiaries);
    root.put("branches", branches);
    root.put("tree_depth", treeDepth);
    root.put("workers_per_period", workersPerPeriod);
    root.put("dirty_rate", dirtyRate);
    ObjectNode byPeriod = root.putObject("periods");
    periods.forEach((period, counts) -> put(byPeriod.putObject(period), counts));
    put(root.putObject("total"), total());
    root.put("bytes", bytes);
    try {
      return mapper.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(ObjectNode node, PeriodCounts counts) {
    node.put("submissions", counts.submissions());
    node.put("worker_rows", counts.workerRows());
    node.put("studio_rows", counts.studioRows());
    ObjectNode faulty = node.putObject("faulty_rows");
    counts.faultyRows().forEach(faulty::put);
    ObjectNode rejected = node.putObject("rejected_rows");
    counts.rejectedRows().forEach(rejected::put);
    node.put("rejected_rows_total", counts.rejected());
    node.put("accepted_rows", counts.accepted());
  }

  /** The summary printed at the end of a run. */
  public String format() {
    PeriodCounts total = total();
    StringBuilder b = new StringBuilder();
    b.append("Generated a synthetic inbox in ").append(out).append(" (seed ").append(seed).append(")\n");
    line(b, "enterprises", number(enterprises) + " (" + number(groups) + " groups, " + number(subsidiaries)
        + " subsidiaries, " + number(branches) + " branches; tree " + treeDepth + " level(s) deep)");
    StringBuilder rows = new StringBuilder(number(total.workerRows()));
    if (periods.size() > 1) {
      rows.append(" (").append(String.join(", ", periods.entrySet().stream()
          .map(e -> e.getKey() + ": " + number(e.getValue().workerRows())).toList())).append(")");
    }
    line(b, "periods", String.join(", ", periods.keySet()));
    line(b, "worker rows", rows.toString());
    line(b, "studio rows", number(total.studioRows()));
    if (total.faulty() == 0) {
      line(b, "faulty rows", "0 (a clean inbox)");
    } else {
      line(b, "faulty rows", number(total.faulty()) + " (" + percent(total.faulty(), total.workerRows()) + "): "
          + list(total.faultyRows()));
      long pairs = total.faultyRows().getOrDefault(RowFault.DUPLICATE_ID.name(), 0L);
      line(b, "rejected rows", number(total.rejected()) + " expected from ingest: " + list(total.rejectedRows())
          + (pairs > 0 ? " (DUPLICATE_ID counts both rows of " + number(pairs) + " pairs)" : ""));
    }
    line(b, "bytes", number(bytes) + String.format(Locale.ROOT, " (%.1f MiB)", bytes / 1048576.0));
    line(b, "time", String.format(Locale.ROOT, "%.1f s, ", seconds()) + number(rowsPerSecond()) + " rows/s");
    line(b, "summary", out.replaceAll("/+$", "") + "/" + FILE);
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append("  ").append(label).append(" ".repeat(Math.max(1, 15 - label.length()))).append(value).append('\n');
  }

  private static String list(Map<String, Long> counts) {
    List<String> parts = counts.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + number(e.getValue())).toList();
    return String.join(", ", parts);
  }

  private static String number(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
  }
}
