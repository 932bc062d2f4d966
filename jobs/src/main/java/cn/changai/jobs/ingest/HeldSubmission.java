package cn.changai.jobs.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * What the warehouse already holds for one period and enterprise: its content hash and time, the
 * prints the last completed run recorded of the submission's contract files, by file name (none
 * for a plain {@code changai ingest}), and whether the files beside them (not the contract's) have
 * changed since that run, so that its warnings about them are out of date.
 */
public record HeldSubmission(String contentHash, Instant submittedAt, Map<String, FilePrint> prints,
    boolean othersChanged) implements Serializable {

  public HeldSubmission {
    prints = Map.copyOf(prints);
  }

  /** What the warehouse holds, without prints: every file is hashed to compare. */
  public HeldSubmission(String contentHash, Instant submittedAt) {
    this(contentHash, submittedAt, Map.of(), false);
  }

  /** What the warehouse holds, with the prints of its files by file name. */
  public HeldSubmission(String contentHash, Instant submittedAt, Map<String, FilePrint> prints) {
    this(contentHash, submittedAt, prints, false);
  }

  /** This held submission with the given prints of its files, by file name. */
  public HeldSubmission withPrints(Map<String, FilePrint> prints) {
    return new HeldSubmission(contentHash, submittedAt, prints, othersChanged);
  }

  /**
   * This held submission, to be read again even when its contract files are unchanged: a file or
   * folder beside them came or went since the last completed run, and the warehouse's warnings
   * about those ({@code IGNORED_FILE}) must be today's.
   */
  public HeldSubmission withOthersChanged() {
    return new HeldSubmission(contentHash, submittedAt, prints, true);
  }

  /**
   * A contract file as a completed run recorded it: its size and modification time, and its
   * SHA-256 then. While the size and time are still the same the hash is taken as still true,
   * the rule the nightly plan already decides by (docs/operations.md).
   */
  public record FilePrint(long size, long modified, String sha256) implements Serializable {}
}
