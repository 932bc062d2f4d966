package cn.changai.jobs.run;

import cn.changai.jobs.warehouse.ReadersGate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM, SIGINT and SIGHUP (a closed terminal or ssh session) during a run. Left to the JVM they
 * end the process at once, with the run unrecorded; here the first one cancels the run's Spark jobs
 * and interrupts the run's thread, which records the run as interrupted, releases the lock and
 * exits 143 (SIGTERM), 130 (SIGINT) or 129 (SIGHUP), as a shell would report. A signal the process
 * was started ignoring (nohup) stays ignored. If the run has not stopped within
 * {@link #GRACE_SECONDS} seconds, or on a second signal, the process exits at once (the kernel still
 * releases the lock). Outside a run the signals end the process as they always do. The nightly
 * run and the stages run alone ({@code changai ingest}, {@code compute}, {@code score},
 * {@code report}) are guarded alike.
 */
public final class Interruption implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Interruption.class);
  static final long GRACE_SECONDS = 30;
  private static volatile Interruption current;
  private static boolean installed;

  private final Thread runThread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile SparkContext spark;
  private volatile String signal;
  private volatile int exitCode;
  /** Whether the run is publishing its results: a signal then lets the commit finish. */
  private volatile boolean committing;
  /** Whether the run has published its results: a signal then lets it end as it would have. */
  private volatile boolean published;
  private volatile boolean lateSignal;

  private Interruption(Thread runThread) {
    this.runThread = runThread;
  }

  /** Guards the calling thread's run until {@link #close()}. */
  public static Interruption guard() {
    install();
    ReadersGate.hurry(false);
    Interruption guard = new Interruption(Thread.currentThread());
    current = guard;
    return guard;
  }

  private static synchronized void install() {
    if (installed) {
      return;
    }
    for (String name : new String[] {"TERM", "INT", "HUP"}) {
      try {
        sun.misc.SignalHandler before = Signal.handle(new Signal(name), Interruption::handle);
        if (before == sun.misc.SignalHandler.SIG_IGN) {
          // Started under nohup: the signal stays ignored, as the operator asked.
          Signal.handle(new Signal(name), sun.misc.SignalHandler.SIG_IGN);
        }
      } catch (IllegalArgumentException e) {
        LOG.debug("Cannot handle SIG{} here (the JVM uses it, or runs with -Xrs): {}", name, e.getMessage());
      }
    }
    installed = true;
  }

  private static void handle(Signal received) {
    int code = 128 + received.getNumber();
    Interruption run = current;
    if (run == null) {
      System.exit(code); // what the JVM does by default
      return;
    }
    if (run.signal != null) {
      LOG.warn("SIG{} again: stopping at once", received.getName());
      System.exit(code);
      return;
    }
    if (run.published) {
      // Stopping now would only make a run that published look interrupted; a second signal
      // still stops it at once.
      if (run.lateSignal) {
        LOG.warn("SIG{} again: stopping at once", received.getName());
        System.exit(code);
      }
      run.lateSignal = true;
      LOG.warn("SIG{}: the run has published its results; it ends as it would have", received.getName());
      return;
    }
    run.exitCode = code;
    run.signal = "SIG" + received.getName();
    // A stopping run waits for no reader (changai sql): neither its commit, which finishes without
    // delay, nor the row that records it as interrupted (one file, renamed into place at once, which
    // no reader can see half-done). That row used to wait up to 30 s for a query, and the watchdog
    // below then ended the process half-way through its commit ("did not stop within 30 s").
    ReadersGate.hurry(true);
    if (run.committing) {
      // The commit takes moments and a stop half-way would leave the next run to finish it.
      LOG.warn("{}: the run is publishing its results; it finishes that first", run.signal);
    } else {
      LOG.warn("{}: stopping the run; it is recorded as interrupted and the lock released", run.signal);
      cancel(run.spark);
      run.runThread.interrupt();
    }
    Thread watchdog = new Thread(() -> {
      try {
        // Never while the run publishes: an exit half-way through the swaps or before the record
        // leaves a mixed warehouse until the next run, and a run that published unrecorded.
        while (!run.stopped.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
          if (!run.committing) {
            LOG.error("The run did not stop within {} s of {}: exiting now", GRACE_SECONDS, run.signal);
            System.exit(code);
          }
          LOG.warn("{}: still publishing the run's results; waiting for that to finish (a second signal stops at once)",
              run.signal);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "changai-interruption");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** The run's Spark context, whose jobs a signal cancels (null when Spark is stopped). */
  public void spark(SparkContext context) {
    this.spark = context;
    if (signal != null) {
      cancel(context);
    }
  }

  /** Cancels the context's jobs, if it still runs (the run may be stopping it as the signal comes). */
  private static void cancel(SparkContext context) {
    if (context == null || context.isStopped()) {
      return;
    }
    try {
      context.cancelAllJobs();
    } catch (IllegalStateException stopped) {
      LOG.debug("Spark stopped while its jobs were being cancelled: {}", stopped.getMessage());
    }
  }

  /**
   * Marks the run's results published (its commit done): a signal from now on no longer stops
   * it; the run ends as it would have.
   */
  public void published() {
    published = true;
  }

  /**
   * Marks the run's commit: a signal that arrives during it no longer interrupts the run, which
   * finishes publishing and ends as it would have (the watchdog still bounds the wait). Throws if
   * a signal came before the commit started.
   */
  public void committing(boolean on) throws Stopped {
    committing = on;
    // Set before the check: a signal either sees the commit started, or is seen here.
    if (on && signal != null) {
      committing = false;
      check();
    }
  }

  /** The signal that stopped the run, as {@code SIGTERM}, or null. */
  public String signal() {
    return signal;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Throws if a signal asked the run to stop; called between steps that do not see interrupts. */
  void check() throws Stopped {
    if (signal != null) {
      throw new Stopped(signal, exitCode);
    }
  }

  @Override
  public void close() {
    if (current == this) {
      current = null;
    }
    stopped.countDown();
  }

  /** The run stopped on a signal; the exit code is 128 plus the signal's number. */
  public static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public Stopped(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }
}
