package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.testing.ChangaiProcess;
import cn.changai.jobs.testing.SampleRun;
import cn.changai.jobs.testing.TableSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code changai report}: its checks of arguments, made before Spark starts, its help, and the
 * record of a report run.
 */
class ReportCommandTest {

  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void theMinimumBaseDefaultsToTheOneTheLastNightlyRunComputedWith() throws Exception {
    cn.changai.jobs.warehouse.Warehouse w = new cn.changai.jobs.warehouse.Warehouse(dir.toString(),
        new org.apache.hadoop.conf.Configuration());
    // No state: the catalogue's 10; given: as given.
    assertThat(ReportCommand.minBaseOf(null, w)).isEqualTo(10);
    assertThat(ReportCommand.minBaseOf(7, w)).isEqualTo(7);
    Files.createDirectories(dir.resolve("runs"));
    Files.writeString(dir.resolve("runs/state.json"),
        "{\"runId\":\"r1\",\"catalogueVersion\":\"1\",\"weightsVersion\":\"equal-1@x\",\"minBase\":30,"
            + "\"periods\":{},\"files\":{}}");
    // `changai run --min-base 30` computed the values: the pages say 30, not 10.
    assertThat(ReportCommand.minBaseOf(null, w)).isEqualTo(30);
    assertThat(ReportCommand.minBaseOf(12, w)).isEqualTo(12);
    // compute run alone with another base since: mixed, so the catalogue's 10.
    Files.writeString(dir.resolve("runs/state.json"),
        "{\"runId\":\"r2\",\"catalogueVersion\":\"1\",\"weightsVersion\":\"equal-1@x\",\"minBase\":0,"
            + "\"periods\":{},\"files\":{}}");
    assertThat(ReportCommand.minBaseOf(null, w)).isEqualTo(10);
  }

  @Test
  void aMissingWarehouseIsAUsageError() {
    Path missing = dir.resolve("nowhere");
    Outcome o = run("report", "--warehouse", missing.toString());
    assertThat(o.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(o.err()).startsWith("changai report: Cannot read warehouse: no such folder: " + missing);
  }

  @Test
  void aWarehouseWithoutDataIsAUsageError() throws Exception {
    Files.createDirectories(dir.resolve("tables/scores"));
    Outcome o = run("report", "--warehouse", dir.toString());
    assertThat(o.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(o.err()).contains("No data in warehouse " + dir + ": no table under " + dir + "/tables has a period");
  }

  @Test
  void aPeriodTheWarehouseLacksIsNamed() throws Exception {
    Files.createDirectories(dir.resolve("tables/enterprises/period=2024"));
    Outcome o = run("report", "--warehouse", dir.toString(), "--period", "2025");
    assertThat(o.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(o.err()).contains("No data for period 2025 in warehouse " + dir + " (it holds 2024)");
  }

  @Test
  void badValuesAreNamed() {
    Outcome period = run("report", "--warehouse", dir.toString(), "--period", "2025Q5");
    assertThat(period.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(period.err()).contains("Invalid value for --period: '2025Q5' is not a period");
    Outcome base = run("report", "--warehouse", dir.toString(), "--min-base", "0");
    assertThat(base.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(base.err()).contains("Invalid value for --min-base: 0 (must be 1 or more)");
  }

  @Test
  void helpEndsWithAWorkedExample() {
    Outcome o = run("report", "--help");
    assertThat(o.code()).isZero();
    // The example line alone, so that it pastes as it is; what to open is said above it.
    assertThat(o.out().strip()).endsWith("""
        Example (then open out/reports/2025/index.html in a browser):
          changai report --warehouse out --period 2025""");
    assertThat(run("--help").out()).contains("report");
  }

  @Test
  void aReportRunIsRecordedWithItsPeriodsAndPagesAndListedByRuns() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    TableSnapshot.copy(SampleRun.warehouse(), warehouse);

    ChangaiProcess.Result report = ChangaiProcess.run(dir, List.of("-XX:TieredStopAtLevel=1"), "report",
        "--warehouse", warehouse.toString(), "--period", "2024");

    assertThat(report.exit()).as(report.output()).isZero();
    List<JsonNode> records = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.list(warehouse.resolve("runs"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d{8}T.*\\.json")).toList()) {
        JsonNode record = new ObjectMapper().readTree(file.toFile());
        if (record.path("command").asText().equals("report")) {
          records.add(record);
        }
      }
    }
    assertThat(records).hasSize(1);
    JsonNode record = records.get(0);
    long pages;
    try (Stream<Path> files = Files.walk(warehouse.resolve("reports/2024"))) {
      pages = files.filter(f -> f.getFileName().toString().endsWith(".html")).count();
    }
    assertThat(record.path("status").asText()).isEqualTo("succeeded");
    assertThat(record.path("exit_code").asInt()).isZero();
    assertThat(record.path("periods_rewritten").toString()).isEqualTo("[\"2024\"]");
    assertThat(record.path("pages").path("2024").asLong()).isEqualTo(pages);
    assertThat(report.output()).contains("Run record: " + warehouse.resolve("runs/" + record.path("run_id").asText() + ".json"));
    ChangaiProcess.Result runs = ChangaiProcess.run(dir, List.of("-XX:TieredStopAtLevel=1"), "runs",
        "--warehouse", warehouse.toString());
    assertThat(runs.output()).containsPattern(record.path("run_id").asText() + " +report +succeeded +0 ");
  }
}
