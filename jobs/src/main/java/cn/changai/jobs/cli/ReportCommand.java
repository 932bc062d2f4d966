package cn.changai.jobs.cli;

import cn.changai.jobs.report.ReportJob;
import cn.changai.jobs.report.ReportResult;
import cn.changai.jobs.run.RunRecords;
import cn.changai.jobs.run.RunState;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code changai report}: writes the HTML scorecards of the warehouse's periods. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Write the HTML report and scorecards of each period.",
    description = {
      "Write the HTML report of each period under <warehouse>/reports/<period>/:",
      "index.html (rankings of groups and enterprises, headline figures, what-if",
      "weights), one scorecard per group and enterprise in units/, quality.html",
      "(every submission, rows rejected, warnings), audit.html (the methodology",
      "audit), and changai-<period>.xlsx, the same numbers as an Excel workbook.",
      "Pages are self-contained (no network), print on A4, and are in Chinese with",
      "English alongside. They are built from the tables scores, audit,",
      "indicator_values, skill_distribution, enterprises, rejected_submissions,",
      "rejected_rows and warnings; a table missing for a period is noted and the",
      "pages show what there is.",
      ""
    },
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  done",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "     (a warehouse without data is one)",
      HelpText.EXIT_4,
      HelpText.EXIT_SIGNAL,
      "",
      "Example (then open out/reports/2025/index.html in a browser):",
      "  changai report --warehouse out --period 2025"
    })
final class ReportCommand implements Callable<Integer> {

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse folder.")
  String warehouse;

  @Option(names = "--period", paramLabel = "P", description = {"Only this period (repeatable, or comma-separated);", "default every period the warehouse holds."})
  List<String> periods = new ArrayList<>();

  @Option(names = "--min-base", paramLabel = "N",
      description = {"Skill distributions of units with fewer industrial", "workers are not shown (default: the base the last", "nightly run computed with, else 10); indicator", "values follow their low_base flag."})
  Integer minBase;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    if (minBase != null && minBase < 1) {
      throw new UsageError("Invalid value for --min-base: " + minBase + " (must be 1 or more)");
    }
    Arguments.literalWarehouse(warehouse);
    Set<String> only = Arguments.periods("--period", periods);
    SortedSet<String> held = WarehouseWork.checked(warehouse, () -> heldPeriods(warehouse));
    List<String> targets = new ArrayList<>();
    if (only.isEmpty()) {
      targets.addAll(held);
    } else {
      for (String period : only) {
        if (!held.contains(period)) {
          throw new UsageError("No data for period " + period + " in warehouse " + warehouse + " (it holds "
              + String.join(", ", held) + ")");
        }
        targets.add(period);
      }
    }
    String runId = RunRecords.newRunId();
    return WarehouseWork.locked(warehouse, "report", runId, sparkOptions, session -> {
      var spark = session.spark();
      var target = session.warehouse();
      Instant started = Instant.now();
      ReportResult result = new ReportJob(spark, target, targets, minBaseOf(minBase, target), runId).run();
      String record = RunRecords.writeReport(target, started, result);
      System.out.print(result.format());
      System.out.println("Run record: " + record);
      return ExitCodes.OK;
    });
  }

  /**
   * The minimum base the pages state and suppress skill distributions with: the one given, else the
   * one the warehouse's last nightly run computed its indicator values with (so that the note
   * "fewer than N workers" names the base their low_base flags follow), else the catalogue's 10.
   */
  static int minBaseOf(Integer given, Warehouse warehouse) throws IOException {
    if (given != null) {
      return given;
    }
    Integer recorded = RunState.read(warehouse).minBase();
    return recorded == null || recorded == RunState.MIXED_MIN_BASE ? ReportJob.DEFAULT_MIN_BASE : recorded;
  }

  /** The periods the warehouse holds, listed before Spark starts; none is a usage error. */
  private static SortedSet<String> heldPeriods(String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(new Configuration());
      if (!fs.exists(path)) {
        throw new UsageError("Cannot read warehouse: no such folder: " + location);
      }
      if (!fs.getFileStatus(path).isDirectory()) {
        throw new UsageError("Cannot read warehouse: not a folder: " + location);
      }
      SortedSet<String> held = ReportJob.periodsIn(new Warehouse(location, new Configuration()));
      if (held.isEmpty()) {
        throw new UsageError("No data in warehouse " + location + ": no table under " + location
            + "/tables has a period (run 'changai ingest' and the compute jobs first)");
      }
      return held;
    } catch (IOException e) {
      throw new UsageError("Cannot read warehouse " + location + ": " + e.getMessage());
    }
  }
}
