package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.IngestResult;
import cn.changai.jobs.ingest.IngestSummary;
import cn.changai.jobs.ingest.ValidateJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code changai validate}: the checks of ingest, without Spark and without writing anything. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Check an inbox against the data contract; writes nothing.",
    description = {
      "Check every submission of an inbox against the data contract, with the same",
      "code as ingest, and print per submission the rows accepted and rejected with",
      "their reasons. Writes nothing and starts no Spark, so one submission is checked",
      "in seconds.",
      ""
    },
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  every submission acceptable (single rows may be rejected)",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "  3  at least one submission would be refused whole",
      "",
      "Example:",
      "  changai validate --inbox sample-data/inbox --period 2025"
    })
final class ValidateCommand implements Callable<Integer> {

  @Option(names = "--inbox", required = true, paramLabel = "DIR", description = "The inbox folder.")
  String inbox;

  @Option(names = "--period", paramLabel = "P", description = {"Only this period (repeatable, or comma-separated);", "default all."})
  List<String> periods = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
      description = {"Rejected rows and warnings listed per submission", "(default ${DEFAULT-VALUE}; 0 for all)."})
  int limit;

  @Override
  public Integer call() throws Exception {
    if (limit < 0) {
      throw new UsageError("Invalid value for --limit: " + limit + " (must be 0 or more)");
    }
    var only = Arguments.periods("--period", periods);
    Arguments.inbox(inbox, true);
    // Each submission's block is printed as it is read: a submission's rows are then forgotten.
    IngestResult result = ValidateJob.run(inbox, only, s -> System.out.print(IngestSummary.formatSubmission(s, limit)));
    if (!only.isEmpty() && result.submissions().isEmpty() && result.listing().rejections().isEmpty()) {
      // Not "every submission would be accepted": the inbox may well hold other periods.
      throw new UsageError("No submission folders of period " + String.join(", ", only) + " under " + inbox);
    }
    System.out.print(IngestSummary.formatValidation(result));
    return result.exitCode();
  }
}
