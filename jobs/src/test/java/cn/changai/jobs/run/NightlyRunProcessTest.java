package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly run as analysts run it: real {@code changai run} processes on a small inbox. A run
 * killed with SIGKILL at several points leaves the published tables intact and readable, and the
 * next run completes the work; a changed submission recomputes only its period; the no-op path
 * starts no Spark; a second run while one holds the warehouse exits 4.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyRunProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A group with two subsidiaries, in both periods of the sample inbox. */
  private static final List<String> ENTERPRISES =
      List.of("91310000PFA8X8CLF4", "91310000B2XRY7BQC8", "91310000QN3M39E0EM");
  private static final String CHANGED = "2025/91310000QN3M39E0EM";

  @TempDir static Path tmp;
  static Path inbox;
  /** The warehouse right after the first run, to start each crash from. */
  static Path firstRun;
  static Map<String, List<String>> before;
  static Map<String, List<String>> after;

  @BeforeAll
  static void firstRunThenAChange() throws Exception {
    inbox = tmp.resolve("inbox");
    for (String period : List.of("2024", "2025")) {
      for (String id : ENTERPRISES) {
        copy(Path.of("../sample-data/inbox", period, id), inbox.resolve(period).resolve(id));
      }
    }
    Path warehouse = tmp.resolve("warehouse");
    Result first = run(List.of(), "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString());
    assertThat(first.exit).as(first.output).isZero();
    before = snapshot(warehouse);
    firstRun = tmp.resolve("first-run");
    copy(warehouse, firstRun);
    changeOneSubmission();
  }

  @Test
  @Order(1)
  void killedWithEverythingStagedButNothingPublishedTheTablesStayAndTheNextRunCompletes() throws Exception {
    after = crashAndResume("ingest-staged", null);
    assertThat(after).isNotEqualTo(before);
    // The change: one worker fewer in 2025, 2024 untouched.
    assertThat(only(after.get("workers"), "2025")).hasSize(only(before.get("workers"), "2025").size() - 1);
    after.forEach((table, rows) -> assertThat(only(rows, "2024")).as(table).isEqualTo(only(before.get(table), "2024")));
    JsonNode record = latestRecord(tmp.resolve("crash-ingest-staged"));
    assertThat(record.path("status").asText()).isEqualTo("succeeded");
    assertThat(record.path("periods_touched").toString()).isEqualTo("[\"2025\"]");
  }

  @Test
  @Order(2)
  void withNothingChangedTheRunExitsAtOnceWithoutStartingSpark() throws Exception {
    Path done = tmp.resolve("crash-ingest-staged");
    long started = System.nanoTime();
    Result noop = run(List.of(), "-v", "run", "--inbox", inbox.toString(), "--warehouse", done.toString());
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

    assertThat(noop.exit).isZero();
    assertThat(noop.output).contains("Nothing to do");
    // With -v Spark logs at INFO: any SparkContext would announce itself.
    assertThat(noop.output).doesNotContain("Running Spark version").doesNotContain("SparkContext");
    assertThat(seconds).isLessThan(15);
    assertThat(snapshot(done)).isEqualTo(after);
  }

  @Test
  @Order(3)
  void killedRightAfterTheJournalTheNextRunRollsForwardAndASecondRunMeanwhileExitsFour() throws Exception {
    crashAndResume("after-journal", victim -> {
      Result second = run(List.of(), "run", "--inbox", inbox.toString(), "--warehouse",
          tmp.resolve("crash-after-journal").toString());
      assertThat(second.exit).isEqualTo(4);
      assertThat(second.output).contains("locked by another run").contains("pid " + victim.pid());
    });
  }

  @Test
  @Order(4)
  void killedBetweenTwoSwapsTheNextRunRollsForward() throws Exception {
    crashAndResume("between-swaps", null);
  }

  /** Something to do while the victim waits at its pause point. */
  private interface WhilePaused {
    void accept(Process victim) throws Exception;
  }

  private Map<String, List<String>> crashAndResume(String point, WhilePaused meanwhile) throws Exception {
    Path target = tmp.resolve("crash-" + point);
    copy(firstRun, target);
    Process victim = start(List.of("-Dchangai.pause.at=" + point), target, "run", "--inbox", inbox.toString(),
        "--warehouse", target.toString());
    try {
      awaitOutput(victim, "PAUSED " + point);
      if (meanwhile != null) {
        meanwhile.accept(victim);
      }
    } finally {
      victim.destroyForcibly(); // SIGKILL
      victim.waitFor(30, TimeUnit.SECONDS);
    }

    Map<String, List<String>> killed = snapshot(target);
    if (point.equals("between-swaps")) {
      // Each table's periods are whole: either as before or as after the change.
      killed.forEach((table, rows) -> {
        for (String period : List.of("2024", "2025")) {
          assertThat(only(rows, period)).as(table + " " + period)
              .isIn(only(before.get(table), period), only(after.get(table), period));
        }
      });
    } else {
      assertThat(killed).isEqualTo(before);
    }

    Result resumed = run(List.of(), "run", "--inbox", inbox.toString(), "--warehouse", target.toString());
    assertThat(resumed.exit).as(resumed.output).isZero();
    Map<String, List<String>> done = snapshot(target);
    if (after != null) {
      assertThat(done).isEqualTo(after);
    }
    assertThat(target.resolve("_lock")).doesNotExist();
    return done;
  }

  // ---- the inbox change: a later submitted_at and one worker's training hours ----

  private static void changeOneSubmission() throws IOException {
    Path folder = inbox.resolve(CHANGED);
    Path json = folder.resolve("enterprise.json");
    String text = Files.readString(json, StandardCharsets.UTF_8);
    String changed = text.replaceFirst("\"submitted_at\"\\s*:\\s*\"[^\"]+\"", "\"submitted_at\": \"2026-03-01T10:00:00+08:00\"");
    assertThat(changed).isNotEqualTo(text);
    Files.writeString(json, changed, StandardCharsets.UTF_8);
    Path workers = folder.resolve("workers.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(workers, StandardCharsets.UTF_8));
    lines.remove(lines.size() - 1); // one worker left
    Files.write(workers, lines, StandardCharsets.UTF_8);
  }

  // ---- processes ----

  private record Result(int exit, String output) {}

  private static Result run(List<String> flags, String... args) throws Exception {
    Process process = start(flags, tmp, args);
    boolean done = process.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      process.destroyForcibly().waitFor();
    }
    return new Result(done ? process.exitValue() : -1, output(process));
  }

  private static final Map<Long, Path> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

  private static String output(Process process) throws IOException {
    return Files.readString(OUTPUTS.get(process.pid()), StandardCharsets.UTF_8);
  }

  /** A changai process with this JVM's flags and class path; stdout and stderr merged. */
  private static Process start(List<String> flags, Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+Ignore") || arg.startsWith("-Dio.netty")
          || arg.startsWith("-Dlog4j")) {
        command.add(arg);
      }
    }
    command.add("-Xmx1g");
    command.addAll(flags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("cn.changai.jobs.cli.Main");
    command.addAll(Arrays.asList(args));
    // Output goes to a file, so a chatty process never blocks on a full pipe.
    Path log = Files.createTempFile(tmp, "process", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    OUTPUTS.put(process.pid(), log);
    return process;
  }

  /** Waits until the process's output shows the text. */
  private static void awaitOutput(Process process, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (output(process).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("never saw '" + text + "' in:\n" + output(process));
  }

  // ---- warehouse contents ----

  /** Every published table (but the runs log) as sorted rows without run ids; it must be readable. */
  private static Map<String, List<String>> snapshot(Path warehouse) throws IOException {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Stream<Path> folders = Files.list(warehouse.resolve("tables"))) {
      for (Path folder : folders.sorted().toList()) {
        String name = folder.getFileName().toString();
        if (name.equals("runs")) {
          continue;
        }
        Dataset<Row> table = SharedSpark.session().read().parquet(folder.toString());
        if (Arrays.asList(table.columns()).contains("run_id")) {
          table = table.drop("run_id");
        }
        List<String> rows = new ArrayList<>();
        String[] columns = table.columns();
        for (Row row : table.collectAsList()) {
          StringBuilder line = new StringBuilder("period=" + row.getAs("period"));
          for (int i = 0; i < columns.length; i++) {
            line.append('|').append(columns[i]).append('=').append(String.valueOf(row.get(i)));
          }
          rows.add(line.toString());
        }
        rows.sort(null);
        tables.put(name, rows);
      }
    }
    return tables;
  }

  private static List<String> only(List<String> rows, String period) {
    return rows.stream().filter(r -> r.startsWith("period=" + period + "|")).toList();
  }

  private static JsonNode latestRecord(Path warehouse) throws IOException {
    try (Stream<Path> files = Files.list(warehouse.resolve("runs"))) {
      Path latest = files.filter(p -> !p.getFileName().toString().equals("state.json"))
          .filter(p -> p.toString().endsWith(".json")).max(Path::compareTo).orElseThrow();
      return JSON.readTree(latest.toFile());
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
