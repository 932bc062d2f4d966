package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.SafeText;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code changai} program: parses the command line, runs the command, maps failures to exit codes. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    CommandLine cli = commandLine();
    return cli.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ChangaiCommand());
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** One place that turns an exception into a message (and with -v a stack trace) and an exit code. */
  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    String command = cli.getCommandName().equals("changai") ? "changai" : "changai " + cli.getCommandName();
    if (e instanceof UsageError) {
      err.println(command + ": " + SafeText.escape(e.getMessage()));
      err.println("Try 'changai " + (command.equals("changai") ? "" : cli.getCommandName() + " ") + "--help' for more information.");
      err.flush();
      return ExitCodes.USAGE;
    }
    if (e instanceof cn.changai.jobs.warehouse.Lock.HeldException) {
      err.println(command + ": " + SafeText.escape(e.getMessage()));
      err.flush();
      return ExitCodes.LOCKED;
    }
    // Messages can quote paths and values from an inbox: no control character reaches the terminal.
    err.println(command + ": failed: " + SafeText.escape(describe(e)));
    if (ChangaiCommand.verbose) {
      e.printStackTrace(err);
    } else {
      err.println("Run again with -v to see the stack trace.");
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = firstLine(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    if (root != e && root.getMessage() != null && !message.contains(firstLine(root.getMessage()))) {
      message += " (caused by " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
    }
    return message;
  }

  /** Spark's messages can run to pages; the first line, cut short, is what a person can read. */
  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline) + " ...";
    return line.length() <= 300 ? line : line.substring(0, 300) + " ...";
  }
}
