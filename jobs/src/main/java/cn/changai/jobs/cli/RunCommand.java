package cn.changai.jobs.cli;

import cn.changai.jobs.run.NightlyRun;
import cn.changai.jobs.spark.SparkOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code changai run}: the nightly run, the product's front door. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "The nightly run: ingest, compute, score and report what changed.",
    description = {
      "Find the periods whose submissions changed since the last successful run (new,",
      "changed or superseded submissions, a new catalogue, other weights or another",
      "--min-base), then ingest, compute, score and report exactly those. With",
      "nothing to do it ends within seconds, without starting Spark (exit 3 while",
      "submissions of the inbox stay refused). One run at a time per warehouse; a run",
      "killed half-way leaves the published tables intact and the next run completes",
      "the work.",
      ""
    },
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  done, every submission accepted; or nothing to do and nothing refused",
      "  1  failure, recorded as failed: one line, -v adds the trace",
      HelpText.EXIT_2,
      "  3  done, but a submission was refused whole; or submissions of the inbox",
      "     are still refused, in periods this night did not read or on a night",
      "     with nothing to do (the summary names them)",
      HelpText.EXIT_4,
      HelpText.EXIT_SIGNAL,
      "",
      "Example (crontab, every night at 02:00; one line, with changai on cron's PATH):",
      "  0 2 * * * changai run --inbox /data/inbox --warehouse /data/warehouse",
      "Add --log-format json for a log collector."
    })
final class RunCommand implements Callable<Integer> {

  @Option(names = "--inbox", required = true, paramLabel = "DIR", description = "The inbox folder.")
  String inbox;

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse folder (created if missing).")
  String warehouse;

  @Option(names = "--dry-run", description = "Print what would be done and change nothing.")
  boolean dryRun;

  @Option(names = "--rebuild", paramLabel = "P",
      description = {"Rebuild this period from scratch from the inbox", "(repeatable, or comma-separated)."})
  java.util.List<String> rebuild = new java.util.ArrayList<>();

  @Option(names = "--weights", paramLabel = "FILE",
      description = {"Weights file for scoring (JSON or YAML); default", "the shipped equal weights."})
  String weights;

  @Option(names = "--min-base", paramLabel = "N", defaultValue = "10",
      description = {"Minimum headcount below which a ratio is low_base", "(default ${DEFAULT-VALUE})."})
  int minBase;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    Arguments.inbox(inbox, false);
    // Overlap first: a warehouse inside the inbox holds the inbox's folders, which is the real fault.
    Arguments.notBlank("--warehouse", warehouse);
    Arguments.apart(inbox, warehouse);
    Arguments.warehouse(warehouse);
    sparkOptions.check(UsageError::new);
    var periods = Arguments.periods("--rebuild", rebuild);
    Arguments.heldOrInInbox("--rebuild", periods, inbox, warehouse);
    if (minBase < 1) {
      throw new UsageError("Invalid value for --min-base: " + minBase + " (must be 1 or more)");
    }
    var weighting = ScoreCommand.weights(weights);
    return new NightlyRun(new NightlyRun.Options(inbox, warehouse, dryRun, periods, weighting,
        weights == null ? "default" : weights, minBase, sparkOptions), System.out).run();
  }
}
