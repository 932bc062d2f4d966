package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.testing.ChangaiProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --log-format json}: every log line on stderr is one JSON object, stdout keeps the report. */
class LogFormatTest {

  @TempDir Path tmp;

  @Test
  void jsonLogsAreOneObjectPerLine() throws Exception {
    List<String> command = ChangaiProcess.command(List.of(), "--log-format", "json", "run", "--dry-run", "--inbox",
        Path.of("../sample-data/inbox").toAbsolutePath().toString(), "--warehouse", tmp.resolve("warehouse").toString());
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8))
        .contains("Periods to process: 2024, 2025 (first run on this warehouse)")
        .contains("Dry run: nothing was changed.");
    List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
    assertThat(lines).isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode event = json.readTree(line);
      assertThat(event.has("timestamp") && event.has("level") && event.has("loggerName")).as(line).isTrue();
    }
    assertThat(lines).anySatisfy(line -> assertThat(json.readTree(line).path("formattedMessage").asText())
        .startsWith("Plan made in"));
    // A dry run changes nothing: not even the warehouse folder is created.
    assertThat(tmp.resolve("warehouse")).doesNotExist();
  }

  @Test
  void theClosingMessageOfAFailureOrAUsageErrorIsAJsonLineToo() throws Exception {
    Path notAFolder = Files.writeString(tmp.resolve("afile"), "x");
    // A usage error (no such inbox), and a failure of the environment (the temporary folder is a file).
    for (List<String> args : List.of(
        List.of("--log-format", "json", "run", "--inbox", tmp.resolve("nowhere").toString(), "--warehouse", tmp.resolve("w").toString()),
        List.of("--log-format", "json", "run", "--inbox", Path.of("../sample-data/inbox").toAbsolutePath().toString(),
            "--warehouse", tmp.resolve("w2").toString()))) {
      List<String> command = ChangaiProcess.command(List.of("-Djava.io.tmpdir=" + notAFolder),
          args.toArray(String[]::new));
      Path err = tmp.resolve("err.txt");
      Process process = new ProcessBuilder(command).redirectOutput(tmp.resolve("out.txt").toFile())
          .redirectError(err.toFile()).start();
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).isEqualTo(args.contains(tmp.resolve("nowhere").toString()) ? 2 : 1);
      ObjectMapper json = new ObjectMapper();
      List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
      for (String line : lines) {
        assertThat(json.readTree(line).has("level")).as(line).isTrue();
      }
      assertThat(lines).anySatisfy(line -> assertThat(json.readTree(line).path("formattedMessage").asText())
          .startsWith("changai run: ").matches(".*(no such folder|failed: ).*"));
    }
  }
}
