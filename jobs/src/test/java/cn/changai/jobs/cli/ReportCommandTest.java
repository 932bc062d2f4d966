package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code changai report}: its checks of arguments, made before Spark starts, and its help. */
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
}
