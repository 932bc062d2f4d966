package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.run.Failures;
import cn.changai.jobs.run.Interruption;
import cn.changai.jobs.spark.HadoopUser;
import cn.changai.jobs.spark.Scratch;
import cn.changai.jobs.spark.Sessions;
import cn.changai.jobs.warehouse.LocalFastFileSystem;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code changai} program: parses the command line, runs the command, maps failures to exit codes. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    HadoopUser.adopt();
    LocalFastFileSystem.install();
    // Every command, not only those that start Spark (which make a folder of their own there): a
    // quiet night after a killed run would otherwise leave the killed run's folder another day.
    Scratch.sweep(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    CommandLine cli = commandLine();
    // Spark may end the process itself as it starts: that failure is reported as any other.
    Sessions.reporter((command, e, note) -> report(
        new Failures.Described(Failures.describe(e) + "; " + note, e), cli.getErr(), command));
    int code;
    try {
      code = cli.execute(args);
    } catch (Error e) {
      // Errors (a full disk's FSError, OutOfMemoryError) pass by Picocli's handler of exceptions.
      return report(e, cli.getErr(), commandName(cli));
    }
    return outputWritten(code, cli);
  }

  /** The commands whose product is the warehouse (or the inbox they generate), not what they print. */
  private static final java.util.Set<String> WRITERS =
      java.util.Set.of("run", "ingest", "compute", "score", "report", "generate");

  /**
   * The exit code once standard output is known to have taken every byte. A {@code PrintStream}
   * keeps its write errors to itself, so {@code changai validate > report.txt} on a full disk
   * would leave a cut report behind an exit code of 0. A command whose output is its product
   * (validate, indicators, runs, help) then fails; one whose product is the warehouse keeps the
   * code its run record agrees with, and says on stderr that its summary is cut. A pipe whose
   * reader closed early is neither: the reader took what it wanted.
   */
  private static int outputWritten(int code, CommandLine cli) {
    if (!System.out.checkError()) {
      return code;
    }
    if (StandardOutput.isPipe()) {
      // A reader that stopped early (| head) read what it wanted: no failure, no warning, the
      // command's own code (0, or 3 for validate's refusals), as a shell's own tools end.
      return code;
    }
    String command = commandName(cli);
    String cut = "standard output could not be written whole (a full disk, say)";
    if (WRITERS.contains(command.replace("changai ", ""))) {
      Verbosity.closing(cli.getErr(), command + ": warning: " + cut + "; the summary printed is cut, the exit code"
          + (command.equals("changai generate") ? " stands" : " and the run record stand"));
      return code;
    }
    if (code != ExitCodes.OK && code != ExitCodes.SUBMISSION_REJECTED) {
      return code;
    }
    Verbosity.closing(cli.getErr(), command + ": failed: " + cut);
    return ExitCodes.INTERNAL;
  }

  private static String commandName(CommandLine cli) {
    CommandLine.ParseResult parsed = cli.getParseResult();
    return parsed != null && parsed.hasSubcommand()
        ? "changai " + parsed.subcommand().commandSpec().name() : "changai";
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
