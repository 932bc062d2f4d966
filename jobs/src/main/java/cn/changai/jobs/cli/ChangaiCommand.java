package cn.changai.jobs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: lists the subcommands and holds the options every one of them takes. */
@Command(
    name = "changai",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "产改指标: the indicators of Shanghai's industrial-workforce reform",
      "(沪工总发〔2023〕18号), computed from the enterprises' submissions with Apache",
      "Spark: ingest, compute, score and report, or all four in the nightly run.",
      ""
    },
    subcommands = {RunCommand.class, IngestCommand.class, ValidateCommand.class, ComputeCommand.class,
      ScoreCommand.class, ReportCommand.class, IndicatorsCommand.class, SqlCommand.class, RunsCommand.class,
      GenerateCommand.class},
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  done; every submission accepted (single rows may have been rejected)",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "  3  done, but at least one submission refused whole (run: or still refused)",
      HelpText.EXIT_4,
      HelpText.EXIT_SIGNAL,
      "",
      "Example (the sample inbox into out/, then open out/reports/2025/index.html):",
      "  changai run --inbox sample-data/inbox --warehouse out",
      "",
      "Every command's --help says more, e.g. changai run --help."
    })
public final class ChangaiCommand implements java.util.concurrent.Callable<Integer> {

  static boolean verbose;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Debug logging, and stack traces on failure.")
  void setVerbose(boolean value) {
    verbose = value;
    Verbosity.apply(value);
  }

  @Option(
      names = "--log-format",
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      description = {"Log lines as text (default) or one JSON object per", "line, for log collectors."})
  void setLogFormat(String format) {
    switch (format) {
      case "text" -> { }
      case "json" -> Verbosity.json();
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for --log-format: '" + format + "' (expected text or json)");
    }
  }

  /**
   * No command given: the usage on stderr and exit 2, so that a scheduler's entry that lost its
   * command fails instead of passing as a run that did nothing ({@code --help} prints the same on
   * stdout and exits 0).
   */
  @Override
  public Integer call() {
    picocli.CommandLine cli = spec.commandLine();
    cli.getErr().println("changai: no command given (run, ingest, validate, compute, score, report, ...)");
    cli.usage(cli.getErr());
    return ExitCodes.USAGE;
  }
}
