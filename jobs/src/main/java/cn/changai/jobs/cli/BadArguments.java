package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command line picocli cannot parse gets: one line naming what was typed (a misspelt option
 * or command with picocli's suggestions), the way to the help, exit code 2; never the whole help,
 * which would bury the one line that matters.
 */
final class BadArguments implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    String command = cli.getCommandSpec().qualifiedName();
    Verbosity.closing(err, command + ": " + SafeText.escape(message(e, cli, args)),
        "Try '" + command + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** The message: unknown options and commands first, as they are usually why a required option is "missing". */
  static String message(CommandLine.ParameterException e, CommandLine cli, String[] args) {
    List<String> unknown = unknownOptions(cli.getCommandSpec(), args);
    if (!unknown.isEmpty() && (e instanceof CommandLine.MissingParameterException
        || e instanceof CommandLine.UnmatchedArgumentException)) {
      String first = unknown.get(0);
      List<String> suggestions = new CommandLine.UnmatchedArgumentException(cli, List.of(first)).getSuggestions();
      return "Unknown option '" + first + "'" + didYouMean(suggestions.isEmpty()
          ? near(first, cli.getCommandSpec().optionsMap().keySet()) : suggestions);
    }
    String dashed = dashedText(args);
    if (dashed != null && (e instanceof CommandLine.MissingParameterException
        || e instanceof CommandLine.UnmatchedArgumentException)) {
      // Picocli takes any argument that starts with '-' for an option, an SQL comment too.
      String line = dashed.lines().findFirst().orElse("");
      String shown = line.length() > 30 ? line.substring(0, 30) : line;
      return "'" + shown + (shown.length() < dashed.length() ? "…" : "") + "' starts with '-' and was read as an"
          + " option; put -- before it: changai " + cli.getCommandName() + " [OPTIONS] -- '" + shown
          + (shown.length() < dashed.length() ? "…" : "") + "'";
    }
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
        && !cli.getCommandSpec().subcommands().isEmpty()) {
      String first = unmatched.getUnmatched().get(0);
      return "Unknown command '" + first + "'" + didYouMean(near(first, cli.getCommandSpec().subcommands().keySet()));
    }
    // Picocli says "Value for option option '--conf' ..." of a map option's entry.
    return e.getMessage().replace("option option ", "option ");
  }

  private static String didYouMean(List<String> suggestions) {
    return suggestions.isEmpty() ? "." : ". Did you mean " + String.join(" or ", suggestions) + "?";
  }

  /**
   * The names within typing distance of {@code typed}, nearest first: picocli's own suggestions
   * match a command's letter pairs, which a swap of two letters ({@code rnu}) shares none of.
   */
  static List<String> near(String typed, Collection<String> names) {
    int limit = typed.replace("-", "").length() < 5 ? 1 : 2;
    List<String> near = new ArrayList<>();
    for (String name : new TreeSet<>(names)) {
      if (distance(typed, name) <= limit) {
        near.add(name);
      }
    }
    near.sort(Comparator.comparingInt(name -> distance(typed, name)));
    return near;
  }

  /** Edits between two words (insert, delete, replace, or swap two neighbours), the optimal string alignment distance. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** The first argument (up to "--") that starts with '-' but holds a blank: text, never an option; else null. */
  static String dashedText(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("-") && arg.chars().anyMatch(Character::isWhitespace)) {
        return arg;
      }
    }
    return null;
  }

  /** The arguments that look like options (up to "--", without "=value") and are none of the command's. */
  static List<String> unknownOptions(CommandSpec spec, String[] args) {
    Set<String> known = spec.optionsMap().keySet();
    List<String> unknown = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (name.matches("--?[A-Za-z][A-Za-z0-9-]*") && !known.contains(name) && !isClusteredShortOptions(name, known)) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  /** {@code -hv} and the like: every letter a known short option. */
  private static boolean isClusteredShortOptions(String name, Set<String> known) {
    if (name.startsWith("--")) {
      return false;
    }
    for (char c : name.substring(1).toCharArray()) {
      if (!known.contains("-" + c)) {
        return false;
      }
    }
    return true;
  }
}
