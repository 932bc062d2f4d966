package cn.changai.jobs.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything reading one submission produced: its verdict, its hashes, its typed rows, its rejected
 * rows and warnings, and the reasons it was refused whole (if it was).
 */
public record SubmissionResult(
    SubmissionRef ref,
    Status status,
    String contentHash,
    Map<String, String> fileHashes,
    Map<String, String> charsets,
    EnterpriseRecord enterprise,
    List<WorkerRecord> workers,
    List<StudioRecord> studios,
    List<Issue> rejectedRows,
    List<Issue> warnings,
    List<Rejection> rejections,
    Counts counts,
    long durationMillis)
    implements Serializable {

  /** The verdict on a submission. */
  public enum Status {
    /** New, or replaces what the warehouse held: its rows are published. */
    ACCEPTED,
    /** Identical to what the warehouse holds: nothing to do. */
    UNCHANGED,
    /** Refused whole: see {@link #rejections()}; the warehouse keeps what it held. */
    REJECTED
  }

  /**
   * Row counts of a submission. For each file, read = accepted + rejected; {@code reasons} counts
   * rejected rows, warnings and whole-submission faults by reason code.
   */
  public record Counts(
      int workersRead,
      int workersAccepted,
      int workersRejected,
      int studiosRead,
      int studiosAccepted,
      int studiosRejected,
      int warnings,
      Map<String, Integer> reasons)
      implements Serializable {

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, Map.of());
  }

  /**
   * The same result without its rows (workers, studios, rejected rows, warnings): what a task
   * sends back once it has written them into files of its own.
   */
  public SubmissionResult withoutRows() {
    return new SubmissionResult(ref, status, contentHash, fileHashes, charsets, enterprise,
        List.of(), List.of(), List.of(), List.of(), rejections, counts, durationMillis);
  }

  /** The same result holding the given accepted workers (a reader that collected them). */
  public SubmissionResult withWorkers(List<WorkerRecord> accepted) {
    return new SubmissionResult(ref, status, contentHash, fileHashes, charsets, enterprise,
        List.copyOf(accepted), studios, rejectedRows, warnings, rejections, counts, durationMillis);
  }
}
