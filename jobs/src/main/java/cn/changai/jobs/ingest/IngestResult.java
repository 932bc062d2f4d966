package cn.changai.jobs.ingest;

import cn.changai.jobs.ingest.SubmissionResult.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * What one ingest (or validate) did: every submission's verdict and counts, what was wrong at the
 * inbox level, which periods were rewritten, and how long each stage took.
 */
public record IngestResult(
    String runId,
    String inbox,
    String warehouse,
    Instant startedAt,
    Instant finishedAt,
    List<SubmissionResult> submissions,
    Inbox listing,
    SortedSet<String> periodsRewritten,
    Map<String, Long> stageMillis,
    Map<String, HeldSubmission> superseded) {

  /**
   * {@code superseded}: the submissions held before this run that an accepted later one replaced,
   * by period/enterprise (the contract's "the earlier one is recorded as superseded").
   */
  public IngestResult {
    superseded = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(superseded));
  }

  /** Exit code 0: every submission accepted (row rejects allowed). */
  public static final int OK = 0;
  /** Exit code 3: finished, but at least one submission was rejected whole. */
  public static final int SUBMISSION_REJECTED = 3;

  public long count(Status status) {
    return submissions.stream().filter(s -> s.status() == status).count();
  }

  /** Submissions refused whole, counting refused folders above the submission level too. */
  public long rejected() {
    return count(Status.REJECTED) + listing.rejections().size();
  }

  public int exitCode() {
    return rejected() > 0 ? SUBMISSION_REJECTED : OK;
  }

  /** Counts of rejected rows, warnings and whole refusals by reason code, over the whole run. */
  public Map<String, Integer> reasons() {
    Map<String, Integer> reasons = new TreeMap<>();
    submissions.forEach(s -> s.counts().reasons().forEach((k, v) -> reasons.merge(k, v, Integer::sum)));
    listing.rejections().forEach(r -> reasons.merge(r.rejection().code().name(), 1, Integer::sum));
    listing.warnings().forEach(w -> reasons.merge(w.issue().code().name(), 1, Integer::sum));
    return reasons;
  }

  /**
   * The SHA-256 of every contract file ingest read, by its path under the inbox as the folders
   * name it ({@code period/submission/file}).
   */
  public Map<String, String> fileHashes() {
    Map<String, String> hashes = new TreeMap<>();
    for (SubmissionResult s : submissions) {
      s.fileHashes().forEach((name, hash) -> hashes.put(s.ref().period() + "/" + s.ref().enterpriseId() + "/" + name, hash));
    }
    return hashes;
  }

  /**
   * The submissions ({@code period/folder}) whose files' prints this ingest vouches for: every one
   * it listed but those refused as unreadable ({@link ReasonCode#READ_ERROR}). Such a folder may
   * have been away for an instant only (moved aside after the listing, back before the night
   * ends); recorded with the plan's prints, its return as it was would be "nothing to do" night
   * after night under a refusal that no longer holds.
   */
  public java.util.Set<String> submissionsRead() {
    java.util.Set<String> read = new java.util.TreeSet<>();
    for (SubmissionResult s : submissions) {
      if (s.rejections().stream().noneMatch(r -> r.code() == ReasonCode.READ_ERROR)) {
        read.add(s.ref().key());
      }
    }
    return read;
  }

  /** The sum of one count over the submissions with the given status (all when null). */
  public long sum(Status status, java.util.function.ToIntFunction<SubmissionResult.Counts> count) {
    return submissions.stream()
        .filter(s -> status == null || s.status() == status)
        .mapToLong(s -> count.applyAsInt(s.counts()))
        .sum();
  }
}
