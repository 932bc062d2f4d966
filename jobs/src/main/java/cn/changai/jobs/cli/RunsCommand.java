package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.warehouse.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code changai runs}: the recent runs of a warehouse, newest first, read from their records. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "List the recent runs of a warehouse, newest first.",
    description = {"List the recent runs of a warehouse from their run records, newest first.", ""},
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  listed",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "     (a warehouse with no runs recorded is one)",
      "",
      "Example:",
      "  changai runs --warehouse out --limit 5"
    })
final class RunsCommand implements Callable<Integer> {

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse folder.")
  String warehouse;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many runs (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() throws Exception {
    Arguments.literalWarehouse(warehouse);
    if (limit < 1) {
      throw new UsageError("Invalid value for --limit: " + limit + " (must be 1 or more)");
    }
    return Listing.print(warehouse, limit);
  }

  /** The listing, apart from the options: reading the options (for the help) then loads no Hadoop class. */
  private static final class Listing {

    private static final ObjectMapper JSON = new ObjectMapper();

    static int print(String warehouse, int limit) throws Exception {
      Warehouse target = new Warehouse(warehouse, new Configuration());
      if (!target.fs().exists(target.runs()) || !target.fs().getFileStatus(target.runs()).isDirectory()) {
        throw new UsageError("No runs recorded in " + warehouse + " (no folder " + target.runs() + ")");
      }
      List<FileStatus> records = new ArrayList<>();
      for (FileStatus status : target.fs().listStatus(target.runs())) {
        String name = status.getPath().getName();
        // A folder or a pipe named like a record is none: opening it failed, or waited forever.
        if (name.endsWith(".json") && !name.equals("state.json") && status.isFile()
            && (!"file".equals(status.getPath().toUri().getScheme())
                || java.nio.file.Files.isRegularFile(cn.changai.jobs.warehouse.LocalPath.of(status.getPath().toUri())))) {
          records.add(status);
        }
      }
      if (records.isEmpty()) {
        throw new UsageError("No runs recorded in " + warehouse + " (no run record in " + target.runs() + ")");
      }
      records.sort(Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed());
      System.out.printf("%-24s %-8s %-14s %4s %9s  %-14s %10s %10s%n", "run", "command", "status", "exit",
          "duration", "periods", "accepted", "rejected");
      for (FileStatus status : records.subList(0, Math.min(limit, records.size()))) {
        JsonNode run;
        try (InputStream in = target.fs().open(status.getPath())) {
          run = JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
          run = null; // cut by a crash of an older version, which wrote records in place
        }
        if (run == null || !run.isObject()) {
          System.out.printf("%-24s (record %s is empty or cut)%n", status.getPath().getName().replace(".json", ""),
              status.getPath());
          continue;
        }
        JsonNode totals = run.has("ingest") ? run.get("ingest") : run.path("totals");
        // A nightly run names the periods it touched, ingest, compute and report those they rewrote,
        // score each period it scored (an object with its figures).
        JsonNode periods = run.has("periods_touched") ? run.get("periods_touched")
            : run.has("periods_rewritten") ? run.get("periods_rewritten") : run.path("periods");
        List<String> names = new ArrayList<>();
        periods.forEach(p -> names.add(p.isObject() ? p.path("period").asText() : p.asText()));
        // A record names the inbox's folders, which an uploader chose: printed escaped.
        // A run that died (kill -9) has no exit code and no end: a dash for each.
        JsonNode exit = run.path("exit_code");
        JsonNode duration = run.path("duration_ms");
        System.out.printf("%-24s %-8s %-14s %4s %9s  %-14s %,10d %,10d%n", SafeText.escape(run.path("run_id").asText()),
            SafeText.escape(run.path("command").asText()), SafeText.escape(run.path("status").asText()),
            exit.isNumber() ? exit.asText() : "-",
            duration.isNumber() ? String.format(java.util.Locale.ROOT, "%.1fs", duration.asLong() / 1000.0) : "-",
            names.isEmpty() ? "-" : SafeText.escape(String.join(",", names)),
            totals.path("workers_accepted").asLong(), totals.path("workers_rejected").asLong());
      }
      return ExitCodes.OK;
    }
  }
}
