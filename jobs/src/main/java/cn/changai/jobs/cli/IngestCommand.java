package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.IngestJob;
import cn.changai.jobs.ingest.IngestResult;
import cn.changai.jobs.ingest.IngestSummary;
import cn.changai.jobs.run.RunRecords;
import cn.changai.jobs.spark.SparkOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code changai ingest}: reads an inbox of submissions into the warehouse's tables. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Check every submission of an inbox and publish the ingest tables.",
    description = {
      "Read every submission of an inbox (<inbox>/<period>/<enterprise_id>/), check it",
      "against the data contract and publish the tables enterprises, workers, studios,",
      "rejected_rows, rejected_submissions and warnings under <warehouse>/tables/,",
      "partitioned by period. Unchanged submissions are skipped; a later submitted_at",
      "replaces a submission whole.",
      ""
    },
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  every submission accepted (single rows may be in rejected_rows)",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "  3  done, but at least one submission refused whole (rejected_submissions)",
      HelpText.EXIT_4,
      HelpText.EXIT_SIGNAL,
      "",
      "Example:",
      "  changai ingest --inbox sample-data/inbox --warehouse out --period 2025"
    })
final class IngestCommand implements Callable<Integer> {

  @Option(names = "--inbox", required = true, paramLabel = "DIR", description = "The inbox folder.")
  String inbox;

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse folder (created if missing).")
  String warehouse;

  @Option(names = "--period", paramLabel = "P", description = {"Only this period (repeatable, or comma-separated);", "default all."})
  List<String> periods = new ArrayList<>();

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    Set<String> only = Arguments.periods("--period", periods);
    Arguments.inbox(inbox, true);
    // Overlap first: a warehouse inside the inbox holds the inbox's folders, which is the real fault.
    Arguments.notBlank("--warehouse", warehouse);
    Arguments.apart(inbox, warehouse);
    Arguments.warehouse(warehouse);
    Arguments.periodsInInbox(inbox, only);
    String runId = RunRecords.newRunId();
    return WarehouseWork.locked(warehouse, "ingest", runId, sparkOptions, session -> {
      var spark = session.spark();
      var target = session.warehouse();
      IngestResult result = new IngestJob(spark, inbox, target, only, runId).run();
      String record = RunRecords.writeIngest(target, "ingest", result);
      System.out.print(IngestSummary.format(result));
      System.out.println("Run record: " + record);
      return result.exitCode();
    });
  }
}
