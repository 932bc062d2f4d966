package cn.changai.jobs.cli;

/**
 * Lines shared by the commands' help, as constants that annotations can use: the exit codes that
 * mean the same for every command. Every line fits 80 columns, so the help never wraps one.
 */
final class HelpText {

  static final String EXIT_CODES = "Exit codes:";
  static final String EXIT_1 = "  1  failure of the program or its environment: one line, -v adds the trace";
  static final String EXIT_2 = "  2  bad arguments, refused before any work, the value named";
  static final String EXIT_4 = "  4  another run holds the warehouse (its pid, host and start are named)";
  static final String EXIT_SIGNAL = "  129, 130, 143  stopped by SIGHUP, SIGINT or SIGTERM, recorded as interrupted";

  private HelpText() {}
}
