package cn.changai.jobs.spark;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * A session's start, guarded against Spark ending the process itself. Spark calls
 * {@code System.exit(53)} when it can create none of its local folders; {@link TemporaryFolders}
 * rules that out before the start, but a disk that turns read-only or fills in the second between
 * the check and the start (found by {@code scripts/disk-soak}) ended the run with no word, exit
 * code 53 and no record. A shutdown hook, there only while Spark starts, sees such an exit (a
 * thread in {@code Runtime.exit} called from Spark's code), reports the failure with the folder's
 * reason as the command line reports any, and ends the process with its exit code (1). Any other
 * exit in that time (a signal) is left alone.
 */
final class SparkStart {

  /** The command line's reporter (its closing line, plain or JSON, and -v's advice); until set, one line. */
  private static volatile Sessions.Reporter reporter = (command, failure, note) -> {
    System.err.println(command + ": failed: " + failure.getMessage() + "; " + note);
    System.err.flush();
    return 1;
  };

  private SparkStart() {}

  /** Sets how the failure of a process that Spark ends as it starts is reported. */
  static void reporter(Sessions.Reporter report) {
    reporter = report;
  }

  /** Starts the session, as the command {@code command} (the closing line's first words). */
  static SparkSession start(String command, Map<String, String> conf, Supplier<SparkSession> start) {
    Thread hook = new Thread(() -> {
      if (!endedBySpark()) {
        return;
      }
      IOException failure;
      try {
        TemporaryFolders.check(conf);
        // The folders pass again (a moment's fault), or Spark ended for a reason of its own.
        failure = new IOException("Spark's local folders take a file again; run again with -v to see Spark's own lines");
      } catch (IOException e) {
        failure = e;
      }
      int code = reporter.failed(command, failure,
          "Spark ended the process as it started, so the run could not be recorded (the next command records it as died)");
      Runtime.getRuntime().halt(code);
    }, "changai-spark-start");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return start.get();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting: the hook runs, and decides.
      }
    }
  }

  /** Whether a thread is in {@code Runtime.exit}, called from Spark's own code. */
  private static boolean endedBySpark() {
    for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
      for (int i = 0; i < stack.length - 1; i++) {
        if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
          // Above it: System.exit, then its caller.
          for (int j = i + 1; j < stack.length; j++) {
            String caller = stack[j].getClassName();
            if (!caller.equals("java.lang.System")) {
              return caller.startsWith("org.apache.spark.");
            }
          }
        }
      }
    }
    return false;
  }
}
