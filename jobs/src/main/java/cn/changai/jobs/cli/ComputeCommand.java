package cn.changai.jobs.cli;

import cn.changai.jobs.compute.ComputeIndicatorsJob;
import cn.changai.jobs.compute.ComputeResult;
import cn.changai.jobs.compute.ComputeSummary;
import cn.changai.jobs.ingest.Plausibility;
import cn.changai.jobs.ingest.PlausibilityJob;
import cn.changai.jobs.run.NightlyRun;
import cn.changai.jobs.run.RunRecords;
import cn.changai.jobs.run.RunState;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code changai compute}: computes every indicator for every unit from the ingested tables. */
@Command(
    name = "compute",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Compute every indicator and skill distribution for every unit.",
    description = {
      "Compute every indicator of the catalogue and the skill-level distribution for",
      "every enterprise, group, industry and the whole system, from the tables ingest",
      "published, and publish indicator_values, skill_distribution and indicator_wide",
      "(one row per unit, a column per indicator) under <warehouse>/tables/,",
      "partitioned by period. Recomputing a period replaces that period's partitions",
      "only. A parent that did not submit, or a cycle of parent links, is reported and",
      "the unit treated as its own root. Then checks each enterprise against its",
      "previous period of the same kind (plausibility warnings in table warnings;",
      "thresholds in plausibility.json, docs/ingest.md).",
      ""
    },
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  done (warnings about the group tree allowed)",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "     (a period no enterprise submitted for is one)",
      HelpText.EXIT_4,
      HelpText.EXIT_SIGNAL,
      "",
      "Example:",
      "  changai compute --warehouse out --period 2025 --min-base 10"
    })
final class ComputeCommand implements Callable<Integer> {

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse folder ingest wrote.")
  String warehouse;

  @Option(names = "--period", paramLabel = "P",
      description = {"Only this period (repeatable, or comma-separated);", "default every period of enterprises."})
  List<String> periods = new ArrayList<>();

  @Option(names = "--min-base", paramLabel = "N", defaultValue = "10",
      description = {"Headcounts below N flag a value low_base (default", "${DEFAULT-VALUE}; at least 1)."})
  int minBase;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    if (minBase < 1) {
      throw new UsageError("Invalid value for --min-base: " + minBase + " (must be 1 or more)");
    }
    SortedSet<String> only = new TreeSet<>(Arguments.periods("--period", periods));
    Arguments.warehouse(warehouse);
    WarehouseWork.checked(warehouse, () -> {
      checkInput(warehouse, only);
      return null;
    });
    String runId = RunRecords.newRunId();
    return WarehouseWork.locked(warehouse, "compute", runId, sparkOptions, session -> {
      var spark = session.spark();
      var target = session.warehouse();
      ComputeResult result = new ComputeIndicatorsJob(spark, target, only, minBase, runId).run();
      // A period's plausibility compares with its previous one: the next periods are checked again too.
      SortedSet<String> computed = new TreeSet<>();
      result.periods().forEach(p -> computed.add(p.period()));
      PlausibilityJob.Result plausible = new PlausibilityJob(spark, target,
          NightlyRun.withNextPeriods(computed, target.periods(Tables.INDICATOR_VALUES.name())),
          Plausibility.Thresholds.defaults(), runId).run();
      // Committed with the tables: a nightly run with another base then computes every period again.
      RunState.computedAlone(target, runId, minBase);
      String record = RunRecords.writeCompute(target, "compute", result, Map.of("plausibility", plausible.record()));
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      out.print(ComputeSummary.format(result));
      out.print(plausible.summary());
      out.println("Run record: " + record);
      out.flush();
      return ExitCodes.OK;
    });
  }

  /** The warehouse must hold what ingest publishes, and every period asked for; checked without Spark. */
  static void checkInput(String location, SortedSet<String> only) {
    try {
      Warehouse warehouse = new Warehouse(location, new Configuration());
      if (!warehouse.fs().exists(warehouse.root())) {
        throw new UsageError("Cannot compute: no such warehouse: " + location);
      }
      SortedSet<String> held = warehouse.periods(Tables.ENTERPRISES.name());
      if (held.isEmpty() || !warehouse.hasTable(Tables.WORKERS.name())) {
        throw new UsageError("Cannot compute: warehouse " + location
            + " holds no ingested enterprises and workers (run changai ingest first)");
      }
      SortedSet<String> missing = new TreeSet<>(only);
      missing.removeAll(held);
      if (!missing.isEmpty()) {
        throw new UsageError("Cannot compute period " + String.join(", ", missing) + ": no enterprise submitted for it in "
            + location + " (periods held: " + String.join(", ", held) + ")");
      }
    } catch (IOException e) {
      throw new UsageError("Cannot use warehouse " + location + ": " + e.getMessage());
    }
  }
}
