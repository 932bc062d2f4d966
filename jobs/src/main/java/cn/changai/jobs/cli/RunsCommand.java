package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.warehouse.Lock;
import cn.changai.jobs.warehouse.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
    Arguments.openable(warehouse);
    return Listing.print(warehouse, limit);
  }

  /** The listing, apart from the options: reading the options (for the help) then loads no Hadoop class. */
  private static final class Listing {

    private static final ObjectMapper JSON = new ObjectMapper();

    static int print(String warehouse, int limit) throws Exception {
      Warehouse target = new Warehouse(warehouse, new Configuration());
      Lock.Holder holder = unrecordedHolder(target);
      boolean runsFolder = target.fs().exists(target.runs()) && target.fs().getFileStatus(target.runs()).isDirectory();
      if (!runsFolder && holder == null) {
        throw new UsageError("No runs recorded in " + warehouse + " (no folder " + target.runs() + ")");
      }
      List<FileStatus> records = new ArrayList<>();
      for (FileStatus status : runsFolder ? target.fs().listStatus(target.runs()) : new FileStatus[0]) {
        String name = status.getPath().getName();
        // A folder or a pipe named like a record is none: opening it failed, or waited forever.
        if (name.endsWith(".json") && !name.equals("state.json") && status.isFile()
            && (!"file".equals(status.getPath().toUri().getScheme())
                || java.nio.file.Files.isRegularFile(cn.changai.jobs.warehouse.LocalPath.of(status.getPath().toUri())))) {
          records.add(status);
        }
      }
      if (records.isEmpty() && holder == null) {
        throw new UsageError("No runs recorded in " + warehouse + " (no run record in " + target.runs() + ")");
      }
      records.sort(Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed());
      System.out.printf(Locale.ROOT, "%-24s %-8s %-14s %4s %9s  %-14s %10s %10s%n", "run", "command", "status", "exit",
          "duration", "periods", "accepted", "rejected");
      List<String> notes = new ArrayList<>();
      boolean live = holder != null && Lock.isAlive(holder);
      if (!live) {
        // A run stopped past its commit point has no record until the next run completes its
        // publication: said, or the tables' state (part old, part new) goes unmentioned.
        for (String id : unrecordedJournals(target)) {
          notes.add(target.stoppedWhileSwapping().contains(id)
              ? "run " + SafeText.escape(id) + " stopped while publishing: the tables are part old, part new until the"
                  + " next changai command on this warehouse completes its publication and records it"
              : "run " + SafeText.escape(id) + " stopped at its commit point, before publishing: the tables are the"
                  + " last good run's until the next changai command on this warehouse publishes its results and records it");
        }
      }
      if (holder != null) {
        // The lock's holder has no record yet: a run going on, or one that died holding the lock
        // (kill -9), which the next command taking the lock over records. Listed all the same: the
        // newest record alone would show last night's success the morning after a run was killed.
        System.out.printf(Locale.ROOT, "%-24s %-8s %-14s %4s %9s  %-14s %10s %10s%n", SafeText.escape(holder.runId()),
            SafeText.escape(holder.command()), live ? "running" : "died", "-", "-", "-", "-", "-");
        notes.add(0, live ? "run " + SafeText.escape(holder.runId()) + " holds the warehouse now (pid " + holder.pid()
            + " on " + SafeText.escape(holder.host()) + ", started " + SafeText.escape(holder.startedAt()) + ")"
            : "run " + SafeText.escape(holder.runId()) + " died holding the warehouse's lock (pid " + holder.pid()
            + ", started " + SafeText.escape(holder.startedAt()) + "): "
            + (pastCommitPoint(target, holder.runId())
                ? "its commit had begun (see below)"
                : "nothing it staged was published; the next changai command on this warehouse records it as died"));
        limit--;
        // A run killed as it took over a dead run's lock, before recording it: the lock file
        // names that one too, which the next command records with it.
        int at = 1;
        for (Lock.Holder earlier : unrecorded(target, Lock.diedBeforeOf(target))) {
          System.out.printf(Locale.ROOT, "%-24s %-8s %-14s %4s %9s  %-14s %10s %10s%n", SafeText.escape(earlier.runId()),
              SafeText.escape(earlier.command()), "died", "-", "-", "-", "-", "-");
          notes.add(at++, "run " + SafeText.escape(earlier.runId()) + " died holding the warehouse's lock (pid " + earlier.pid()
              + ", started " + SafeText.escape(earlier.startedAt()) + ") before the run above took it over: "
              + (pastCommitPoint(target, earlier.runId())
                  ? "its commit had begun (see below)"
                  : "nothing it staged was published; the next changai command on this warehouse records it as died"));
          limit--;
        }
      }
      for (FileStatus status : records.subList(0, Math.max(0, Math.min(limit, records.size())))) {
        JsonNode run;
        try (InputStream in = target.fs().open(status.getPath())) {
          run = JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
          run = null; // cut by a crash of an older version, which wrote records in place
        }
        if (run == null || !run.isObject()) {
          System.out.printf(Locale.ROOT, "%-24s (record %s is empty or cut)%n", status.getPath().getName().replace(".json", ""),
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
        System.out.printf(Locale.ROOT, "%-24s %-8s %-14s %4s %9s  %-14s %10s %10s%n", SafeText.escape(run.path("run_id").asText()),
            SafeText.escape(run.path("command").asText()), SafeText.escape(run.path("status").asText()),
            exit.isNumber() ? exit.asText() : "-",
            duration.isNumber() ? String.format(java.util.Locale.ROOT, "%.1fs", duration.asLong() / 1000.0) : "-",
            names.isEmpty() ? "-" : SafeText.escape(String.join(",", names)),
            count(totals.path("workers_accepted")), count(totals.path("workers_rejected")));
      }
      if (!notes.isEmpty()) {
        System.out.println();
        notes.forEach(System.out::println);
      }
      return ExitCodes.OK;
    }

    /**
     * A count of the record, or a dash where it holds none: a run that died, one that failed before
     * it read anything, and compute, score and report, which read no submissions, counted nothing,
     * and a 0 there read as "no rows accepted", as the lock's row of the same run did not say.
     */
    private static String count(JsonNode count) {
      return count.isNumber() ? String.format(Locale.ROOT, "%,d", count.asLong()) : "-";
    }

    private static boolean pastCommitPoint(Warehouse target, String runId) {
      try {
        return target.pastCommitPoint(runId);
      } catch (java.io.IOException | RuntimeException e) {
        return false;
      }
    }

    /** The runs whose commit journal is in place and which have no record yet, by id. */
    private static List<String> unrecordedJournals(Warehouse target) {
      List<String> ids = new ArrayList<>();
      try {
        for (String id : target.journals()) {
          // A failed run's row has a journal of its own, <run id>-row.
          String run = id.endsWith("-row") ? id.substring(0, id.length() - "-row".length()) : id;
          if (!target.fs().exists(new org.apache.hadoop.fs.Path(target.runs(), run + ".json"))) {
            ids.add(id);
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        // nothing to add
      }
      return ids;
    }

    /** The holders, newest first, that name a run with no record yet. */
    private static List<Lock.Holder> unrecorded(Warehouse target, List<Lock.Holder> holders) {
      List<Lock.Holder> left = new ArrayList<>();
      for (Lock.Holder holder : holders) {
        try {
          if (holder.runId() != null
              && !target.fs().exists(new org.apache.hadoop.fs.Path(target.runs(), holder.runId() + ".json"))) {
            left.add(0, holder);
          }
        } catch (java.io.IOException | RuntimeException e) {
          // Unknown: left out, as the holder itself is when its lock file cannot be read.
        }
      }
      return left;
    }

    /**
     * The run named in the warehouse's lock file when it has no record yet (a record is written
     * when a run ends, or by the command that takes a dead run's lock over); null when there is
     * none, or the file cannot be read.
     */
    private static Lock.Holder unrecordedHolder(Warehouse target) {
      try {
        Lock.Holder holder = Lock.holderOf(target).orElse(null);
        if (holder == null || holder.runId() == null
            || target.fs().exists(new org.apache.hadoop.fs.Path(target.runs(), holder.runId() + ".json"))) {
          return null;
        }
        return holder;
      } catch (java.io.IOException | RuntimeException e) {
        return null;
      }
    }
  }
}
