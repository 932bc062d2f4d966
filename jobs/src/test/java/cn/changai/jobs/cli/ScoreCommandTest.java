package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.Catalogue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad arguments of {@code changai score} are refused with exit code 2, before Spark starts. */
class ScoreCommandTest {

  @TempDir static Path dir;
  private static String warehouse;

  @BeforeAll
  static void warehouseWithValues() throws Exception {
    Path period = dir.resolve("wh/tables/indicator_values/period=2025");
    Files.createDirectories(period);
    Files.writeString(period.resolve("part-0.parquet"), "not read by these tests");
    warehouse = dir.resolve("wh").toString();
  }

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

  private static Path file(String name, String text) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, text, StandardCharsets.UTF_8);
    return path;
  }

  @Test
  void refusesAnUnknownIndicatorInTheWeightsFile() throws Exception {
    Path weights = file("unknown.yaml", "version: v\nindicators: {A01: 1, E07: 2}\n");
    Outcome o = run("score", "--warehouse", warehouse, "--weights", weights.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).startsWith("changai score: Invalid weights file " + weights
        + ": unknown indicator 'E07' under indicators (catalogue " + Catalogue.VERSION + " has " + Catalogue.idRanges() + ")");
    assertThat(o.err()).contains("Try 'changai score --help' for more information.");
  }

  @Test
  void refusesAnUnknownOutlierTreatmentOrScreeningShare() {
    Outcome treat = run("score", "--warehouse", warehouse, "--treat-outliers", "clip");
    assertThat(treat.code()).isEqualTo(2);
    assertThat(treat.err()).startsWith("changai score: Invalid value for --treat-outliers: 'clip' (expected none or winsorise)");
    Outcome share = run("score", "--warehouse", warehouse, "--screening", "1.5");
    assertThat(share.code()).isEqualTo(2);
    assertThat(share.err()).startsWith("changai score: Invalid value for --screening: 1.5 (must be 0 to 1)");
  }

  @Test
  void refusesANegativeWeight() throws Exception {
    Path weights = file("negative.json", "{\"version\": \"v\", \"parts\": {\"B\": -2}}");
    Outcome o = run("score", "--warehouse", warehouse, "--weights", weights.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).startsWith("changai score: Invalid weights file " + weights
        + ": negative weight -2 for part B (weights are 0 or more)");
  }

  @Test
  void refusesAMalformedOrMissingWeightsFile() throws Exception {
    Path weights = file("broken.yaml", "version: v\nparts: {A: 1\n");
    Outcome o = run("score", "--warehouse", warehouse, "--weights", weights.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).startsWith("changai score: Invalid weights file " + weights + ": malformed YAML at line ");
    Outcome missing = run("score", "--warehouse", warehouse, "--weights", dir.resolve("nope.yaml").toString());
    assertThat(missing.err()).startsWith("changai score: Cannot read weights file: no such file: " + dir.resolve("nope.yaml"));
    // An empty value (a scheduler's unset variable) and a folder are named as such.
    Outcome empty = run("score", "--warehouse", warehouse, "--weights", "");
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).startsWith("changai score: Invalid value for --weights: it is empty; give a weights file");
    Outcome folder = run("score", "--warehouse", warehouse, "--weights", dir.toString());
    assertThat(folder.code()).isEqualTo(2);
    assertThat(folder.err()).startsWith("changai score: Cannot read weights file " + dir + ": it is a folder");
  }

  @Test
  void refusesBadOptions() {
    assertThat(run("score", "--warehouse", warehouse, "--normalise", "rank").err())
        .startsWith("changai score: Invalid value for --normalise: 'rank' (expected minmax or zscore)");
    Outcome draws = run("score", "--warehouse", warehouse, "--draws", "-1");
    assertThat(draws.code()).isEqualTo(2);
    assertThat(draws.err()).startsWith("changai score: Invalid value for --draws: -1 (must be 0 to 100000)");
    assertThat(run("score", "--warehouse", warehouse, "--draws", "many").code()).isEqualTo(2);
    assertThat(run("score", "--warehouse", warehouse, "--period", "2025Q5").err())
        .startsWith("changai score: Invalid value for --period: '2025Q5' is not a period");
  }

  @Test
  void refusesAPeriodOrAWarehouseWithoutValues() {
    Outcome period = run("score", "--warehouse", warehouse, "--period", "2024");
    assertThat(period.code()).isEqualTo(2);
    assertThat(period.err()).startsWith("changai score: Invalid value for --period: no indicator values for period 2024 in ")
        .contains("(periods with values: 2025)");
    Outcome empty = run("score", "--warehouse", dir.resolve("empty").toString());
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).startsWith("changai score: Cannot score: no indicator values in ")
        .contains("(run 'changai compute' first)");
  }

  @Test
  void helpEndsWithAWorkedExample() {
    Outcome help = run("score", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out().strip()).endsWith(
        "Example (the default weights, a copy of which is the place to start your own):\n"
            + "  changai score --warehouse out --period 2025 --seed 7 \\\n"
            + "      --weights indicators/src/main/resources/weights-default.yaml");
    assertThat(help.out()).contains("--normalise=METHOD", "--draws=N", "--seed=S", "--weights=FILE");
  }
}
