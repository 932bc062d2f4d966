package cn.changai.jobs.generate;

import cn.changai.jobs.warehouse.LocalFastFileSystem;

import cn.changai.domain.Period;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a synthetic inbox under the data contract, for tests and benchmarks at any scale: the
 * enterprises are laid out first ({@link EnterpriseLayout}), then every submission is written by
 * its own task ({@link SubmissionWriter}), streaming, from a random stream seeded by the seed, the
 * enterprise and the period; so the same options give byte-identical files whatever the number of
 * threads. No Spark.
 */
public final class InboxGenerator {

  /** Enterprises and rows a period the generator accepts at most. */
  public static final int MAX_ENTERPRISES = 1_000_000;
  public static final long MAX_WORKERS = 1_000_000_000L;
  /** The years of the periods it writes (its dates start in 1940, the earliest birth year). */
  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2099;

  /** What to generate. {@code periods} are valid period ids. */
  public record Options(String out, int enterprises, long workers, List<String> periods, double dirtyRate,
      long seed, int threads) {

    /** The options' rule broken, naming the value, or null when they are fine. */
    public String problem() {
      if (enterprises < 1 || enterprises > MAX_ENTERPRISES) {
        return "Invalid value for --enterprises: " + enterprises + " (must be 1 to " + String.format(java.util.Locale.ROOT, "%,d", MAX_ENTERPRISES) + ")";
      }
      if (workers < enterprises) {
        return "Invalid value for --workers: " + workers + " (must be at least --enterprises, " + enterprises
            + ": every enterprise has a row)";
      }
      if (workers > MAX_WORKERS) {
        return "Invalid value for --workers: " + workers + " (at most " + String.format(java.util.Locale.ROOT, "%,d", MAX_WORKERS) + " a period)";
      }
      if (!(dirtyRate >= 0 && dirtyRate <= 1)) {
        return "Invalid value for --dirty-rate: " + dirtyRate + " (must be between 0 and 1)";
      }
      if (threads < 1 || threads > 64) {
        return "Invalid value for --threads: " + threads + " (must be 1 to 64)";
      }
      if (periods.isEmpty()) {
        return "Invalid value for --periods: no period given";
      }
      for (String id : periods) {
        Period period = Period.parse(id).orElse(null);
        if (period == null) {
          return "Invalid value for --periods: '" + id + "' is not a period (" + Period.FORMS_WITH_EXAMPLES + ")";
        }
        if (period.year() < FIRST_YEAR || period.year() > LAST_YEAR) {
          return "Invalid value for --periods: '" + id + "' (the generator writes periods of " + FIRST_YEAR + " to "
              + LAST_YEAR + ")";
        }
      }
      return null;
    }
  }

  private InboxGenerator() {}

  /**
   * Why {@code out} cannot take a new inbox (it is a file, a folder that is not empty, or one that
   * cannot be made), or null when it is an empty folder, made here if it was missing. Nothing is
   * ever overwritten.
   */
  public static String outProblem(String out) throws IOException {
    Path path = new Path(out);
    FileSystem fs = path.getFileSystem(new Configuration());
    if (!fs.exists(path)) {
      // Made now, so that a place no folder can be made in (/proc, a read-only disk) is a bad
      // --out, not a generation that fails at its first submission.
      try {
        return fs.mkdirs(path) ? null : "Cannot generate into " + out + ": the folder cannot be made";
      } catch (IOException e) {
        return "Cannot generate into " + out + ": the folder cannot be made (" + e.getMessage() + ")";
      }
    }
    FileStatus status = fs.getFileStatus(path);
    if (!status.isDirectory()) {
      return "Cannot generate into " + out + ": it is a file, not a folder";
    }
    if (fs.listStatus(path).length > 0) {
      return "Cannot generate into " + out + ": the folder is not empty (refusing to overwrite it; "
          + "give a new or empty folder)";
    }
    return null;
  }

  /**
   * Generates the inbox. {@code progress} receives a line now and then on long runs. Checks the
   * options first and throws {@link IllegalArgumentException} before writing anything if they are
   * wrong.
   */
  public static GenerateSummary run(Options options, Consumer<String> progress) throws IOException {
    String problem = options.problem();
    if (problem == null) {
      problem = outProblem(options.out());
    }
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    long started = System.nanoTime();
    Path out = new Path(options.out());
    FileSystem fs = LocalFastFileSystem.of(out, new Configuration());
    fs.mkdirs(out);

    EnterpriseLayout layout = EnterpriseLayout.of(options.enterprises(), options.workers(), options.seed());
    List<PeriodCalendar> calendars = new ArrayList<>();
    for (String id : new java.util.TreeSet<>(options.periods())) {
      calendars.add(new PeriodCalendar(Period.parse(id).orElseThrow()));
    }
    List<SubmissionWriter> writers = new ArrayList<>();
    for (PeriodCalendar calendar : calendars) {
      writers.add(new SubmissionWriter(fs, out, layout, calendar, options.seed(), options.dirtyRate()));
    }
    int[] order = largestFirst(layout);
    Totals totals = new Totals(calendars.size());
    long tasks = (long) order.length * calendars.size();
    long rowsToWrite = options.workers() * calendars.size();
    AtomicLong next = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable work = () -> {
      while (failure.get() == null) {
        long task = next.getAndIncrement();
        if (task >= tasks) {
          return;
        }
        // Enterprise-major, largest first, so that threads finish together.
        int e = order[(int) (task / calendars.size())];
        int p = (int) (task % calendars.size());
        try {
          totals.add(p, writers.get(p).write(e));
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }
    };
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= options.threads(); i++) {
      Thread thread = new Thread(work, "changai-generate-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    long reported = System.nanoTime();
    try {
      for (Thread thread : threads) {
        while (thread.isAlive()) {
          thread.join(1000);
          if (System.nanoTime() - reported > 10_000_000_000L && thread.isAlive()) {
            reported = System.nanoTime();
            long done = totals.rows();
            progress.accept(String.format(java.util.Locale.ROOT, "%,d of %,d rows written (%.0f%%)", done, rowsToWrite,
                100.0 * done / rowsToWrite));
          }
        }
      }
    } catch (InterruptedException e) {
      failure.compareAndSet(null, e);
      Thread.currentThread().interrupt();
    }
    Throwable failed = failure.get();
    if (failed != null) {
      throw new IOException("Generating into " + options.out() + " failed (the folder may hold a partial inbox): " + failed,
          failed);
    }

    SortedMap<String, GenerateSummary.PeriodCounts> periods = new TreeMap<>();
    for (int p = 0; p < calendars.size(); p++) {
      periods.put(calendars.get(p).period.id(), totals.counts(p));
    }
    int[] levels = layout.levelCounts();
    GenerateSummary draft = new GenerateSummary(options.out(), options.seed(), layout.count, levels[0], levels[1],
        levels[2], layout.depth(), options.workers(), options.dirtyRate(), periods, totals.bytes(), 0);
    try (OutputStream stream = fs.create(new Path(out, GenerateSummary.FILE), false)) {
      stream.write(draft.toJson());
    }
    return new GenerateSummary(draft.out(), draft.seed(), draft.enterprises(), draft.groups(), draft.subsidiaries(),
        draft.branches(), draft.treeDepth(), draft.workersPerPeriod(), draft.dirtyRate(), periods, draft.bytes(),
        System.nanoTime() - started);
  }

  /** Enterprise indices by roster size, largest first (ties by index). */
  private static int[] largestFirst(EnterpriseLayout layout) {
    long[] keys = new long[layout.count];
    for (int e = 0; e < layout.count; e++) {
      keys[e] = ((long) layout.size(e) << 32) | (0xFFFFFFFFL - e);
    }
    Arrays.sort(keys);
    int[] order = new int[layout.count];
    for (int i = 0; i < order.length; i++) {
      order[i] = (int) (0xFFFFFFFFL - (keys[keys.length - 1 - i] & 0xFFFFFFFFL));
    }
    return order;
  }

  /** Sums of the submissions written so far, per period; sums do not depend on the order of adding. */
  private static final class Totals {
    private final int[] submissions;
    private final long[] rows;
    private final long[] studios;
    private final long[][] faults;
    private long bytes;
    private long allRows;

    Totals(int periods) {
      submissions = new int[periods];
      rows = new long[periods];
      studios = new long[periods];
      faults = new long[periods][RowFault.values().length];
    }

    synchronized void add(int p, SubmissionWriter.Result result) {
      submissions[p]++;
      rows[p] += result.rows();
      studios[p] += result.studios();
      for (int f = 0; f < faults[p].length; f++) {
        faults[p][f] += result.faults()[f];
      }
      bytes += result.bytes();
      allRows += result.rows();
    }

    synchronized long rows() {
      return allRows;
    }

    synchronized long bytes() {
      return bytes;
    }

    synchronized GenerateSummary.PeriodCounts counts(int p) {
      return GenerateSummary.PeriodCounts.of(submissions[p], rows[p], studios[p], faults[p]);
    }
  }
}
