package cn.changai.jobs.cli;

import cn.changai.jobs.generate.GenerateSummary;
import cn.changai.jobs.generate.InboxGenerator;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code changai generate}: writes a synthetic inbox of any size for tests and benchmarks. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Write a synthetic inbox for tests and benchmarks; no Spark.",
    description = {
      "Write a synthetic inbox under the data contract, for tests and benchmarks at",
      "any scale: <out>/<period>/<enterprise_id>/{enterprise.json, workers.csv,",
      "studios.csv}. No Spark.",
      "",
      "Enterprises: one group per 25 (at least one); the others are subsidiaries of a",
      "group or branches of a subsidiary, so the tree is three levels deep from 3",
      "enterprises on. All industry codes, skewed. One enterprise in 50 writes Chinese",
      "headers and code names; the rest English codes, Y/N, yyyy-MM-dd, UTF-8.",
      "",
      "Roster sizes: every enterprise gets 1 row; the other M - N rows are shared out",
      "by log-normal weights (sigma 1.3; group head offices x2, branches x0.3), so a",
      "few enterprises are large and most small. Sizes add up to M exactly, and are",
      "the same in every period.",
      "",
      "Rows: skill levels thinning towards the top; party members 10-35%% by",
      "enterprise; pay rising with skill and tenure (2%% blank); hire dates over 35",
      "years, 20%% in the last 3 and most of those with a mentor of the same file;",
      "rare honours; studios in about 60%% of enterprises, with leaders and members.",
      "enterprise.json figures agree with the roster. Rosters are streamed: memory",
      "stays flat whatever the size.",
      "",
      "The same options give byte-identical files: each submission draws from its own",
      "random stream, seeded from --seed, the enterprise and the period.",
      "",
      "--dirty-rate R gives each worker row a chance R of one deliberate fault: a bad",
      "boolean, a bad date, a date after the period end, an unknown skill code, a",
      "blank required value, or the worker_id of the row before (ingest rejects both",
      "rows). The rows written with each fault, and the rejected rows ingest must",
      "report by reason, are printed and saved in <out>/generate-summary.json.",
      ""
    },
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  done",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "     (nothing written)",
      "",
      "Example:",
      "  changai generate --out /tmp/inbox --enterprises 2000 --workers 1000000 \\",
      "      --periods 2024,2025 --dirty-rate 0.01"
    })
final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = {"The inbox to write: a new or empty folder (never", "overwritten)."})
  String out;

  @Option(names = "--enterprises", required = true, paramLabel = "N", description = "Enterprises (at least 1).")
  int enterprises;

  @Option(names = "--workers", required = true, paramLabel = "M",
      description = {"Worker rows a period, over all enterprises (at", "least N)."})
  long workers;

  @Option(names = "--periods", paramLabel = "P[,P...]",
      description = {"Periods to write (repeatable, or comma-separated;", "default 2025)."})
  List<String> periods = new ArrayList<>();

  @Option(names = "--dirty-rate", paramLabel = "R", defaultValue = "0",
      description = {"Chance of one deliberate fault per worker row, 0", "to 1 (default ${DEFAULT-VALUE}: a clean inbox)."})
  double dirtyRate;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
      description = {"Threads writing submissions, one enterprise at a", "time (default ${DEFAULT-VALUE}); the files do not", "depend on it."})
  int threads;

  @Override
  public Integer call() throws Exception {
    List<String> wanted = periods.isEmpty() ? List.of("2025") : periods;
    List<String> ids = new ArrayList<>(Arguments.periods("--periods", wanted));
    Arguments.notBlank("--out", out);
    InboxGenerator.Options options =
        new InboxGenerator.Options(out, enterprises, workers, ids, dirtyRate, seed, threads);
    String problem = options.problem();
    if (problem == null) {
      problem = InboxGenerator.outProblem(out);
    }
    if (problem != null) {
      throw new UsageError(problem);
    }
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    GenerateSummary summary = InboxGenerator.run(options,
        line -> System.err.println("changai generate: " + line));
    stdout.print(summary.format());
    stdout.flush();
    return ExitCodes.OK;
  }
}
