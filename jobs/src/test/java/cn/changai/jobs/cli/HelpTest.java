package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Every command's help and the messages for misspelt options and commands, against golden files
 * under src/test/resources/help/ (parquet-cli's CliTestBase does the same). After a deliberate
 * change, run with {@code -Dchangai.golden.update=true} to rewrite the files, then read the diff.
 */
class HelpTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "help");

  private static void matchesGolden(String name, String actual) throws Exception {
    Path file = GOLDEN.resolve(name + ".txt");
    if (Boolean.getBoolean("changai.golden.update")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).as("golden file " + file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "run", "ingest", "validate", "compute", "score", "report", "indicators", "sql", "runs",
    "generate"})
  void helpMatchesItsGoldenFile(String command) throws Exception {
    Console.Run run = command.isEmpty() ? Console.run("--help") : Console.run(command, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    matchesGolden(command.isEmpty() ? "changai" : command, run.out());
    assertThat(run.out()).contains("\nExit codes:\n", "\nExample");
  }

  /** Display columns of a line: CJK characters take two, as in a terminal. */
  static int columns(String line) {
    int columns = 0;
    for (int i = 0; i < line.length(); ) {
      int c = line.codePointAt(i);
      columns += Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || (c >= 0x3000 && c <= 0x303F)
          || (c >= 0xFF00 && c <= 0xFFEF) ? 2 : 1;
      i += Character.charCount(c);
    }
    return columns;
  }

  /**
   * Nothing in any help is wrapped by picocli at 80 columns: every section but the synopsis reads the
   * same at 80 and at 1,000 columns. A line picocli wraps may break inside a path or a URL
   * ({@code spark:} / {@code //host:port}) or split a pasteable example.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "run", "ingest", "validate", "compute", "score", "report", "indicators", "sql", "runs",
    "generate"})
  void noHelpLineIsWrappedOrWiderThan80Columns(String command) {
    CommandLine root = Main.commandLine();
    CommandLine cli = command.isEmpty() ? root : root.getSubcommands().get(command);
    assertThat(sections(cli, 80)).isEqualTo(sections(cli, 1000));
    cli.setUsageHelpWidth(80);
    for (String line : cli.getUsageMessage().split("\n")) {
      assertThat(columns(line)).as("columns of: " + line).isLessThanOrEqualTo(80);
    }
  }

  private static List<String> sections(CommandLine cli, int width) {
    cli.setUsageHelpWidth(width);
    CommandLine.Help help = cli.getHelp();
    List<String> sections = new ArrayList<>();
    for (String section : List.of(help.header(), help.description(), help.parameterList(), help.optionList(),
        help.commandList(), help.footer())) {
      sections.add(section.replaceAll("(?m) +$", ""));
    }
    return sections;
  }

  @Test
  void aMistakeIsNamedInOneLineWithASuggestion() throws Exception {
    mistake("misspelt-command", "rnu");
    mistake("no-command");
    mistake("misspelt-option", "sql", "--warehose", "out", "SELECT 1");
    mistake("missing-option", "ingest", "--inbox", "sample-data/inbox");
    mistake("dashed-query", "sql", "--warehouse", "out", "-- the count\nSELECT count(*) FROM workers");
  }

  private static void mistake(String golden, String... args) throws Exception {
    Console.Run run = Console.run(args);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    matchesGolden(golden, run.err());
  }

  @ParameterizedTest
  @CsvSource({"rnu,run", "rn,run", "genrate,generate", "xyz,", "--wraehouse,--warehouse", "--dry-rn,--dry-run"})
  void nearNamesAreWithinTwoEdits(String typed, String expected) {
    List<String> names = List.of("run", "runs", "generate", "--warehouse", "--dry-run", "--weights");
    assertThat(BadArguments.near(typed, names)).isEqualTo(expected == null ? List.of() : List.of(expected));
  }
}
