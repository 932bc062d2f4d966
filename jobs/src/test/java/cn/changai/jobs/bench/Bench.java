package cn.changai.jobs.bench;

import cn.changai.jobs.testing.ChangaiProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scale benchmark: for each size, generates an inbox, runs the nightly pipeline (a real
 * process, driver heap 4 GiB), times a no-op run, and checks the per-enterprise worker-based
 * numerators and denominators against DuckDB on the same {@code workers} Parquet, timing both.
 * Prints its figures; it is run on purpose ({@code scripts/bench}), never as a timed test.
 */
public final class Bench {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The figures of one pipeline run at one size. */
  public record Figures(long rows, int enterprises, double generateSeconds, double runSeconds,
      Map<String, Double> stageSeconds, double peakHeapGiB, double peakRssGiB, double noopSeconds,
      double duckdbSeconds, long compared, long mismatches, double duckdbLoadSeconds) {

    double ratio() {
      return stageSeconds.getOrDefault("compute", Double.NaN) / duckdbSeconds;
    }

    /** Ingest against DuckDB's typed load of the same files into Parquet partitioned by period. */
    double ingestRatio() {
      return stageSeconds.getOrDefault("ingest", Double.NaN) / duckdbLoadSeconds;
    }
  }

  private Bench() {}

  public static void main(String[] args) throws Exception {
    List<Long> sizes = new ArrayList<>(List.of(1_000_000L, 10_000_000L));
    int repeats = 3;
    Path work = Path.of("target/bench");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Long::parseLong).toList();
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> {
          System.err.println("bench: unknown argument: " + args[i] + " (use --sizes N,N --repeats K --work DIR)");
          System.exit(2);
        }
      }
    }
    Map<Long, List<Figures>> all = new LinkedHashMap<>();
    for (long rows : sizes) {
      for (int r = 1; r <= repeats; r++) {
        Figures f = measure(work, rows, r);
        System.out.println(line(f, "run " + r));
        all.computeIfAbsent(rows, k -> new ArrayList<>()).add(f);
      }
    }
    System.out.println();
    System.out.println("Medians of " + repeats + " runs");
    System.out.println(header());
    Figures first = null;
    for (List<Figures> runs : all.values()) {
      Figures median = median(runs);
      System.out.println(line(median, "median"));
      if (first == null) {
        first = median;
      } else {
        System.out.printf("time ratio %,d rows / %,d rows: %.2f (rows ratio %.0f)%n", median.rows(), first.rows(),
            median.runSeconds() / first.runSeconds(), (double) median.rows() / first.rows());
      }
    }
  }

  /** One size, one repetition: generate, run, no-op run, DuckDB check. */
  public static Figures measure(Path work, long rows, int repetition) throws Exception {
    int enterprises = (int) Math.max(20, rows / 2_000);
    // Absolute: the processes below run in this folder, and a relative path would be taken twice.
    Path dir = work.toAbsolutePath().resolve(rows + "-" + repetition);
    deleteTree(dir);
    Files.createDirectories(dir);
    Path inbox = dir.resolve("inbox");
    Path warehouse = dir.resolve("warehouse");

    long t = System.nanoTime();
    ChangaiProcess.Result gen = ChangaiProcess.run(dir, List.of("-Xmx1g"), "generate", "--out", inbox.toString(),
        "--enterprises", Integer.toString(enterprises), "--workers", Long.toString(rows), "--periods", "2025",
        "--seed", "7");
    double generate = seconds(t);
    check(gen, "generate");

    t = System.nanoTime();
    ChangaiProcess run = pipeline(dir, "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString());
    long peakRss = 0;
    while (run.isAlive()) {
      peakRss = Math.max(peakRss, rss(run.pid()));
      Thread.sleep(200);
    }
    ChangaiProcess.Result done = run.await(1);
    double runSeconds = seconds(t);
    if (done.exit() != 0 && done.exit() != 3) {
      throw new IllegalStateException("run failed:\n" + done.output());
    }
    JsonNode record = latestRecord(warehouse);
    Map<String, Double> stages = new LinkedHashMap<>();
    record.path("stages_ms").fields().forEachRemaining(e -> stages.put(e.getKey(), e.getValue().asLong() / 1000.0));
    System.out.println("  compute steps (ms) of " + String.format("%,d", rows) + " rows, run " + repetition + ": "
        + record.path("compute_steps_ms"));

    t = System.nanoTime();
    ChangaiProcess.Result noop = pipeline(dir, "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString())
        .await(5);
    double noopSeconds = seconds(t);
    check(noop, "no-op run");
    if (!noop.output().contains("Nothing to do")) {
      throw new IllegalStateException("the second run was not a no-op:\n" + noop.output());
    }

    long[] comparison = new long[2];
    double duck = duckdb(warehouse, comparison);
    double load = duckdbLoad(inbox, dir.resolve("duckdb-load"));
    return new Figures(rows, enterprises, generate, runSeconds, stages,
        record.path("peak_heap_bytes").asLong() / (double) (1L << 30), peakRss / (double) (1L << 30),
        noopSeconds, duck, comparison[0], comparison[1], load);
  }

  /**
   * Starts the pipeline with a 4 GiB heap: through the launcher given as the system property
   * {@code changai.bench.launcher} (as {@code scripts/bench} does, so the figures are those of
   * {@code scripts/changai}), else as a plain java process on this class path.
   */
  private static ChangaiProcess pipeline(Path dir, String... args) throws IOException {
    String launcher = System.getProperty("changai.bench.launcher");
    return launcher == null ? ChangaiProcess.start(dir, List.of("-Xmx4g"), args)
        : ChangaiProcess.startLauncher(dir, Path.of(launcher), "-Xmx4g", args);
  }

  /**
   * Computes the per-enterprise worker-based numerators and denominators with DuckDB from the
   * same workers Parquet, and counts where they differ from ours in indicator_values. Returns the
   * seconds DuckDB took for the aggregation alone.
   */
  static double duckdb(Path warehouse, long[] comparedAndMismatches) throws Exception {
    String workers = warehouse.resolve("tables/workers").toAbsolutePath() + "/*/*.parquet";
    String values = warehouse.resolve("tables/indicator_values").toAbsolutePath() + "/*/*.parquet";
    String high = "('senior','technician','senior_technician','special_technician','chief_technician')";
    String aggregate = "CREATE TABLE duck AS SELECT enterprise_id,"
        + " count(*) FILTER (WHERE industrial_worker) AS w,"
        + " count(*) FILTER (WHERE industrial_worker AND party_member) AS a02,"
        + " count(*) FILTER (WHERE industrial_worker AND party_joined BETWEEN DATE '2025-01-01' AND DATE '2025-12-31') AS a03,"
        + " count(*) FILTER (WHERE industrial_worker AND frontline) AS f,"
        + " count(*) FILTER (WHERE industrial_worker AND frontline AND mass_org_post) AS a04,"
        + " sum(training_hours) FILTER (WHERE industrial_worker) AS b03,"
        + " count(*) FILTER (WHERE industrial_worker AND skill_level <> 'none') AS b04,"
        + " count(*) FILTER (WHERE industrial_worker AND skill_level IN " + high + ") AS b05,"
        + " count(*) FILTER (WHERE industrial_worker AND studio_id IS NOT NULL) AS c03,"
        + " count(*) FILTER (WHERE industrial_worker AND len(honours) > 0) AS c06,"
        + " count(*) FILTER (WHERE industrial_worker AND hire_date > DATE '2022-12-31' AND hire_date <= DATE '2025-12-31') AS c07d,"
        + " count(*) FILTER (WHERE industrial_worker AND hire_date > DATE '2022-12-31' AND hire_date <= DATE '2025-12-31'"
        + "   AND mentor_id IS NOT NULL) AS c07n,"
        + " count(*) FILTER (WHERE industrial_worker AND health_check) AS d04,"
        + " count(*) FILTER (WHERE industrial_worker AND recuperation) AS d05"
        + " FROM read_parquet('" + workers + "', hive_partitioning = true, hive_types = {'period': VARCHAR})"
        + " WHERE period = '2025' GROUP BY enterprise_id";
    // Ours, indicator by indicator: the numerator and denominator DuckDB must give too.
    String expected = "SELECT count(*), count(*) FILTER (WHERE abs(v.numerator - e.num) > 1e-6 * greatest(1, abs(e.num))"
        + "   OR abs(v.denominator - e.den) > 1e-6 * greatest(1, abs(e.den)))"
        + " FROM read_parquet('" + values + "', hive_partitioning = true, hive_types = {'period': VARCHAR}) v"
        + " JOIN (SELECT enterprise_id, i.id, i.num, i.den FROM duck, (VALUES"
        + "   ('A02'), ('A03'), ('A04'), ('B03'), ('B04'), ('B05'), ('C03'), ('C06'), ('C07'), ('D04'), ('D05')) i0(id),"
        + "   LATERAL (SELECT i0.id AS id,"
        + "     CASE i0.id WHEN 'A02' THEN a02 WHEN 'A03' THEN a03 WHEN 'A04' THEN a04 WHEN 'B03' THEN b03"
        + "       WHEN 'B04' THEN b04 WHEN 'B05' THEN b05 WHEN 'C03' THEN c03 WHEN 'C06' THEN c06 WHEN 'C07' THEN c07n"
        + "       WHEN 'D04' THEN d04 ELSE d05 END::DOUBLE AS num,"
        + "     CASE i0.id WHEN 'A04' THEN f WHEN 'C07' THEN c07d ELSE w END::DOUBLE AS den) i) e"
        + " ON v.unit_level = 'enterprise' AND v.unit_id = e.enterprise_id AND v.indicator_id = e.id"
        + " WHERE v.period = '2025'";
    Class.forName("org.duckdb.DuckDBDriver");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      long t = System.nanoTime();
      sql.execute(aggregate);
      double seconds = seconds(t);
      try (ResultSet rs = sql.executeQuery(expected)) {
        rs.next();
        comparedAndMismatches[0] = rs.getLong(1);
        comparedAndMismatches[1] = rs.getLong(2);
      }
      return seconds;
    }
  }

  /**
   * The peer of ingest: DuckDB (2 threads) reads every workers.csv of the inbox by column position
   * with the contract's types (booleans, dates, decimal(18,4)) and writes one Parquet table
   * partitioned by period. Rows it cannot type are skipped; it is a yardstick of time, not a check.
   */
  static double duckdbLoad(Path inbox, Path out) throws Exception {
    deleteTree(out);
    String files = inbox.toAbsolutePath() + "/*/*/workers.csv";
    String columns = "{'worker_id': 'VARCHAR', 'industrial_worker': 'BOOLEAN', 'frontline': 'BOOLEAN',"
        + " 'party_member': 'BOOLEAN', 'party_joined': 'DATE', 'skill_level': 'VARCHAR', 'birth_year': 'INTEGER',"
        + " 'gender': 'VARCHAR', 'hire_date': 'DATE', 'annual_wage_yuan': 'DECIMAL(18,4)',"
        + " 'training_hours': 'DECIMAL(18,4)', 'mentor_id': 'VARCHAR', 'honours': 'VARCHAR',"
        + " 'mass_org_post': 'BOOLEAN', 'health_check': 'BOOLEAN', 'recuperation': 'BOOLEAN', 'studio_id': 'VARCHAR'}";
    String load = "COPY (SELECT *, regexp_extract(filename, '/([0-9]{4}(?:[HQ][0-9])?)/[^/]+/workers.csv$', 1)"
        + " AS period FROM read_csv('" + files + "', header = true, columns = " + columns + ","
        + " ignore_errors = true, filename = true)) TO '" + out.toAbsolutePath() + "'"
        + " (FORMAT parquet, PARTITION_BY (period))";
    Class.forName("org.duckdb.DuckDBDriver");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      sql.execute("SET threads = 2");
      long t = System.nanoTime();
      sql.execute(load);
      return seconds(t);
    }
  }

  static String header() {
    return String.format("%12s %6s %9s %9s %9s %9s %9s %9s %9s %8s %8s %8s %9s %9s %9s %7s %11s",
        "rows", "units", "generate", "pipeline", "ingest", "compute", "score", "report", "no-op", "heap", "rss",
        "duckdb", "ratio", "duck-load", "ing-ratio", "rows/s", "mismatches");
  }

  static String line(Figures f, String label) {
    return String.format("%12s %6d %8.1fs %8.1fs %8.1fs %8.1fs %8.1fs %8.1fs %8.1fs %6.2fG %6.2fG %7.2fs %8.1fx %8.1fs %8.1fx %6.0fk %5d/%-5d  %s",
        String.format("%,d", f.rows()), f.enterprises(), f.generateSeconds(), f.runSeconds(),
        f.stageSeconds().getOrDefault("ingest", 0.0), f.stageSeconds().getOrDefault("compute", 0.0),
        f.stageSeconds().getOrDefault("score", 0.0), f.stageSeconds().getOrDefault("report", 0.0),
        f.noopSeconds(), f.peakHeapGiB(), f.peakRssGiB(), f.duckdbSeconds(), f.ratio(),
        f.duckdbLoadSeconds(), f.ingestRatio(), f.rows() / f.runSeconds() / 1000, f.mismatches(), f.compared(), label);
  }

  /** Each figure's median over the runs (the runs' medians need not be the same run). */
  static Figures median(List<Figures> runs) {
    Map<String, Double> stages = new LinkedHashMap<>();
    for (String stage : runs.get(0).stageSeconds().keySet()) {
      stages.put(stage, med(runs.stream().mapToDouble(f -> f.stageSeconds().getOrDefault(stage, 0.0)).toArray()));
    }
    Figures f = runs.get(0);
    return new Figures(f.rows(), f.enterprises(), med(runs.stream().mapToDouble(Figures::generateSeconds).toArray()),
        med(runs.stream().mapToDouble(Figures::runSeconds).toArray()), stages,
        med(runs.stream().mapToDouble(Figures::peakHeapGiB).toArray()),
        med(runs.stream().mapToDouble(Figures::peakRssGiB).toArray()),
        med(runs.stream().mapToDouble(Figures::noopSeconds).toArray()),
        med(runs.stream().mapToDouble(Figures::duckdbSeconds).toArray()),
        f.compared(), runs.stream().mapToLong(Figures::mismatches).max().orElse(0),
        med(runs.stream().mapToDouble(Figures::duckdbLoadSeconds).toArray()));
  }

  private static double med(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between two looks
    }
    return 0;
  }

  private static JsonNode latestRecord(Path warehouse) throws IOException {
    try (Stream<Path> files = Files.list(warehouse.resolve("runs"))) {
      Path latest = files.filter(p -> p.getFileName().toString().matches("\\d{8}T.*\\.json"))
          .max(Path::compareTo).orElseThrow();
      return JSON.readTree(latest.toFile());
    }
  }

  private static void check(ChangaiProcess.Result result, String what) {
    if (result.exit() != 0) {
      throw new IllegalStateException(what + " failed (exit " + result.exit() + "):\n" + result.output());
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
