package cn.changai.jobs.cli;

import cn.changai.jobs.run.Failures;
import cn.changai.jobs.run.Interruption;
import cn.changai.jobs.run.RunRecords;
import cn.changai.jobs.spark.Sessions;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.Lock;
import cn.changai.jobs.warehouse.Warehouse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * How every command that writes to a warehouse runs its Spark work: under the warehouse's lock
 * (taken before Spark starts), after finishing or undoing what a killed run left, guarded against
 * SIGTERM, SIGINT and SIGHUP as the nightly run is ({@link Interruption}).
 */
final class WarehouseWork {

  /**
   * The work itself, given the session and the warehouse in one {@link Session}: a command's lambda
   * then declares no Spark type, so reading the command's options (to print its help) loads no Spark class.
   */
  interface Work {
    int run(Session session) throws Exception;
  }

  /** The session the work runs in and the warehouse it works on. */
  record Session(SparkSession spark, Warehouse warehouse) {}

  private WarehouseWork() {}

  /**
   * Runs the work under the lock. A failure once the lock is held frees what the command staged
   * (unless its commit began) and is recorded as {@code <warehouse>/runs/<runId>.json} with status
   * {@code failed}, as a nightly run's is, so that {@code changai runs} shows it; its one line says
   * whether the record was written.
   */
  static int locked(String location, String command, String runId, SparkOptions options, Work work) throws Exception {
    options.check(UsageError::new);
    Instant started = Instant.now();
    try {
      Warehouse plain = new Warehouse(location, new Configuration());
      try (Lock lock = Lock.acquire(plain, command, runId); Interruption guard = Interruption.guard()) {
        try (SparkSession spark = Sessions.create("changai " + command, options)) {
          guard.spark(spark.sparkContext());
          Warehouse warehouse = new Warehouse(location, spark.sparkContext().hadoopConfiguration());
          RunRecords.writeCompleted(warehouse, warehouse.recover(), runId);
          RunRecords.writeDied(warehouse, lock.diedHolding(), runId);
          // One commit for everything the command produced (compute's tables and its warnings,
          // say), its record written there: a kill leaves the last good warehouse or a journal.
          warehouse.holdCommits();
          int exit = work.run(new Session(spark, warehouse));
          // A signal from here on lets the commit finish (a signal before it stops the command).
          guard.committing(true);
          try {
            warehouse.commitHeld(runId, null);
            guard.published();
          } finally {
            guard.committing(false);
          }
          return exit;
        } catch (UsageError e) {
          throw e;
        } catch (Throwable e) {
          // A signal interrupts this thread to stop it; recording the command must not be interrupted too.
          Thread.interrupted();
          guard.spark(null);
          if (guard.signal() != null) {
            String message = "stopped by " + guard.signal();
            Interruption.Stopped stopped = new Interruption.Stopped(message
                + record(plain, runId, command, started, "interrupted", guard.exitCode(), message, e), guard.exitCode());
            stopped.initCause(e);
            throw stopped;
          }
          String message = Failures.describe(e) + " (warehouse " + location + ")";
          throw new Failures.Described(message
              + record(plain, runId, command, started, "failed", ExitCodes.INTERNAL, message, e), e);
        }
      }
    } catch (Failures.Described | UsageError | Interruption.Stopped e) {
      throw e;
    } catch (Throwable e) {
      // A full disk's FSError names no file: say which warehouse. The lock is released by now.
      if (e instanceof Error || Failures.isEnvironment(e)) {
        throw new Failures.Described(Failures.describe(e) + " (warehouse " + location
            + ", taking or releasing its lock); no run record was written" + stillMixed(location), e);
      }
      throw e;
    }
  }

  private static String stillMixed(String location) {
    try {
      return RunRecords.stillMixed(new Warehouse(location, new Configuration()));
    } catch (Exception e) {
      return "";
    }
  }

  /**
   * Runs a check of the warehouse's content made before the lock is taken. When it fails while
   * another run holds the lock (a first run filling an empty warehouse, say), that run is the
   * answer: {@link Lock.HeldException}, exit 4 naming it, rather than the check's usage error.
   */
  static <T> T checked(String location, java.util.function.Supplier<T> check) throws Lock.HeldException {
    try {
      return check.get();
    } catch (UsageError e) {
      try {
        // Looked at, not taken: taking the lock of a run that died would delete its lock file,
        // and the next command could no longer record that run as died.
        Lock.refuseIfHeld(new Warehouse(location, new Configuration()));
      } catch (Lock.HeldException held) {
        throw held;
      } catch (java.io.IOException | RuntimeException ignored) {
        // The lock cannot be looked at: the check's answer stands.
      }
      throw e;
    }
  }

  /**
   * Frees the stopped command's staging and writes its record ({@code failed} or {@code
   * interrupted}), while the lock is still held; returns the words that end its one line ("; run …
   * recorded as failed" or why not).
   */
  private static String record(Warehouse warehouse, String runId, String command, Instant started, String status,
      int exitCode, String message, Throwable e) {
    String committed = "";
    try {
      committed = warehouse.pastCommitPoint(runId) ? Failures.PAST_COMMIT_POINT : "";
      // What the command staged goes first: on a full disk it is the room the record needs.
      warehouse.discard(runId);
    } catch (Throwable again) {
      e.addSuppressed(again);
    }
    Instant finished = Instant.now();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("run_id", runId);
    record.put("command", command);
    record.put("started_at", started.toString());
    record.put("versions", RunRecords.versions());
    record.put("warehouse", location(warehouse));
    record.put("status", status);
    record.put("exit_code", exitCode);
    record.put("error", message);
    record.put("finished_at", finished.toString());
    record.put("duration_ms", finished.toEpochMilli() - started.toEpochMilli());
    try {
      RunRecords.write(warehouse, runId, record);
      return "; run " + runId + " recorded as " + status + committed;
    } catch (Throwable again) {
      e.addSuppressed(again);
      return "; the run could not be recorded: " + Failures.describe(again) + committed;
    }
  }

  private static String location(Warehouse warehouse) {
    return warehouse.root().toUri().getPath();
  }
}
