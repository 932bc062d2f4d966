package cn.changai.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.cli.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code changai generate} on the command line: its summary, and every bad option refused with exit 2 before writing. */
class GenerateCommandTest {

  @TempDir Path temp;

  private Console.Run generate(String... more) {
    String[] args = Stream.concat(Stream.of("generate", "--out", temp.resolve("inbox").toString()), Stream.of(more))
        .toArray(String[]::new);
    return Console.run(args);
  }

  @Test
  void printsWhatItWrote() throws IOException {
    Console.Run r = generate("--enterprises", "5", "--workers", "120", "--periods", "2025H1,2025", "--dirty-rate", "0.1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Generated a synthetic inbox in " + temp.resolve("inbox") + " (seed 1)\n");
    assertThat(r.out()).contains("  enterprises    5 (1 groups, ", "; tree 3 level(s) deep)\n",
        "  periods        2025, 2025H1\n", "  worker rows    240 (2025: 120, 2025H1: 120)\n", "  faulty rows    ",
        " expected from ingest: ", " rows/s\n", "  summary        " + temp.resolve("inbox") + "/generate-summary.json\n");
    assertThat(temp.resolve("inbox").resolve("2025H1")).isDirectory();
    assertThat(temp.resolve("inbox").resolve("generate-summary.json")).isRegularFile();
    // Only contract files: no .crc side files of Hadoop's local file system.
    try (Stream<Path> files = Files.walk(temp.resolve("inbox"))) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .allMatch(name -> name.equals("generate-summary.json") || name.equals("enterprise.json")
              || name.equals("workers.csv") || name.equals("studios.csv"));
    }
  }

  @Test
  void theDefaultIsOneCleanPeriod() {
    Console.Run r = generate("--enterprises", "1", "--workers", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("  enterprises    1 (1 groups, 0 subsidiaries, 0 branches; tree 1 level(s) deep)\n",
        "  periods        2025\n", "  worker rows    1\n", "  faulty rows    0 (a clean inbox)\n");
  }

  @Test
  void badNumbersAreRefusedNamingTheValue() {
    assertRefused(generate("--enterprises", "0", "--workers", "10"),
        "Invalid value for --enterprises: 0 (must be 1 to 1,000,000)");
    assertRefused(generate("--enterprises", "10", "--workers", "5"),
        "Invalid value for --workers: 5 (must be at least --enterprises, 10: every enterprise has a row)");
    assertRefused(generate("--enterprises", "10", "--workers", "100", "--dirty-rate", "1.5"),
        "Invalid value for --dirty-rate: 1.5 (must be between 0 and 1)");
    assertRefused(generate("--enterprises", "10", "--workers", "100", "--dirty-rate", "-0.1"),
        "Invalid value for --dirty-rate: -0.1 (must be between 0 and 1)");
    assertRefused(generate("--enterprises", "10", "--workers", "100", "--dirty-rate", "NaN"),
        "Invalid value for --dirty-rate: NaN (must be between 0 and 1)");
    assertRefused(generate("--enterprises", "10", "--workers", "100", "--threads", "0"),
        "Invalid value for --threads: 0 (must be 1 to 64)");
    Console.Run notANumber = generate("--enterprises", "ten", "--workers", "100");
    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.err()).contains("'ten' is not an int");
    assertThat(temp.resolve("inbox")).doesNotExist();
  }

  @Test
  void badPeriodsAreRefusedNamingTheValue() {
    assertRefused(generate("--enterprises", "3", "--workers", "30", "--periods", "2024,2025Q5"),
        "Invalid value for --periods: '2025Q5' is not a period (YYYY, YYYYHn or YYYYQn from 1900, e.g. 2025, 2025H1, 2025Q3)");
    assertRefused(generate("--enterprises", "3", "--workers", "30", "--periods", "1999"),
        "Invalid value for --periods: '1999' (the generator writes periods of 2000 to 2099)");
    assertThat(temp.resolve("inbox")).doesNotExist();
  }

  @Test
  void aFolderThatIsNotEmptyIsNeverOverwritten() throws IOException {
    Path inbox = Files.createDirectories(temp.resolve("inbox").resolve("2025"));
    Files.writeString(inbox.resolve("keep.txt"), "mine");
    assertRefused(generate("--enterprises", "3", "--workers", "30"),
        "Cannot generate into " + temp.resolve("inbox") + ": the folder is not empty (refusing to overwrite it; "
            + "give a new or empty folder)");
    try (Stream<Path> files = Files.walk(temp.resolve("inbox"))) {
      assertThat(files.count()).isEqualTo(3);
    }
    Path file = Files.writeString(temp.resolve("file"), "x");
    Console.Run r = Console.run("generate", "--out", file.toString(), "--enterprises", "3", "--workers", "30");
    assertRefused(r, "Cannot generate into " + file + ": it is a file, not a folder");
    // A folder that cannot be made is a bad --out, before anything is generated.
    Path under = file.resolve("inbox");
    Console.Run cannot = Console.run("generate", "--out", under.toString(), "--enterprises", "3", "--workers", "30");
    assertThat(cannot.exitCode()).as(cannot.err()).isEqualTo(2);
    assertThat(cannot.err()).startsWith("changai generate: Cannot generate into " + under + ": the folder cannot be made")
        .doesNotContain("partial inbox");
    // An empty folder is fine.
    Path empty = Files.createDirectories(temp.resolve("empty"));
    assertThat(Console.run("generate", "--out", empty.toString(), "--enterprises", "3", "--workers", "30").exitCode()).isZero();
  }

  @Test
  void helpEndsWithAWorkedExample() {
    Console.Run r = Console.run("generate", "--help");
    assertThat(r.exitCode()).isZero();
    String help = r.out().stripTrailing();
    assertThat(help).contains("log-normal", "generate-summary.json", "--dirty-rate", "--seed", "--periods");
    assertThat(help.substring(help.lastIndexOf("Example:"))).contains("changai generate --out ");
    assertThat(Console.run("--help").out()).contains("generate");
  }

  private static void assertRefused(Console.Run r, String message) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("changai generate: " + message + "\n");
    assertThat(r.out()).isEmpty();
  }
}
