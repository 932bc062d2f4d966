package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.run.Failures;
import cn.changai.jobs.run.Interruption;
import cn.changai.jobs.spark.Scratch;
import cn.changai.jobs.warehouse.LocalFastFileSystem;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code changai} program: parses the command line, runs the command, maps failures to exit codes. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    LocalFastFileSystem.install();
    // Every command, not only those that start Spark (which make a folder of their own there): a
    // quiet night after a killed run would otherwise leave the killed run's folder another day.
    Scratch.sweep(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    CommandLine cli = commandLine();
    try {
      return cli.execute(args);
    } catch (Error e) {
      // Errors (a full disk's FSError, OutOfMemoryError) pass by Picocli's handler of exceptions.
      CommandLine.ParseResult parsed = cli.getParseResult();
      return report(e, cli.getErr(), parsed != null && parsed.hasSubcommand()
          ? "changai " + parsed.subcommand().commandSpec().name() : "changai");
    }
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ChangaiCommand());
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setParameterExceptionHandler(new BadArguments());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** One place that turns an exception into a message (and with -v a stack trace) and an exit code. */
  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    String command = cli.getCommandName().equals("changai") ? "changai" : "changai " + cli.getCommandName();
    if (e instanceof UsageError) {
      Verbosity.closing(err, command + ": " + SafeText.escape(e.getMessage()),
          "Try 'changai " + (command.equals("changai") ? "" : cli.getCommandName() + " ") + "--help' for more information.");
      return ExitCodes.USAGE;
    }
    if (e instanceof cn.changai.jobs.warehouse.Lock.HeldException) {
      Verbosity.closing(err, command + ": " + SafeText.escape(e.getMessage()));
      return ExitCodes.LOCKED;
    }
    if (e instanceof Interruption.Stopped stopped) {
      Verbosity.closing(err, command + ": " + e.getMessage());
      return stopped.exitCode();
    }
    return report(e, err, command);
  }

  private static int report(Throwable e, PrintWriter err, String command) {
    // Messages can quote paths and values from an inbox: no control character reaches the terminal.
    String failed = command + ": failed: "
        + SafeText.escape(e instanceof Failures.Described ? e.getMessage() : Failures.describe(e));
    if (ChangaiCommand.verbose) {
      Verbosity.closing(err, failed);
      e.printStackTrace(err);
      err.flush();
    } else {
      Verbosity.closing(err, failed, "Run again with -v to see the stack trace.");
    }
    return ExitCodes.INTERNAL;
  }
}
