package cn.changai.jobs.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * What the warehouse already holds for one period and enterprise: its content hash and time, and
 * the prints the last completed run recorded of the submission's contract files, by file name
 * (none for a plain {@code changai ingest}).
 */
public record HeldSubmission(String contentHash, Instant submittedAt, Map<String, FilePrint> prints)
    implements Serializable {

  public HeldSubmission {
    prints = Map.copyOf(prints);
  }

  /** What the warehouse holds, without prints: every file is hashed to compare. */
  public HeldSubmission(String contentHash, Instant submittedAt) {
    this(contentHash, submittedAt, Map.of());
  }

  /** This held submission with the given prints of its files, by file name. */
  public HeldSubmission withPrints(Map<String, FilePrint> prints) {
    return new HeldSubmission(contentHash, submittedAt, prints);
  }

  /**
   * A contract file as a completed run recorded it: its size and modification time, and its
   * SHA-256 then. While the size and time are still the same the hash is taken as still true,
   * the rule the nightly plan already decides by (docs/operations.md).
   */
  public record FilePrint(long size, long modified, String sha256) implements Serializable {}
}
