package cn.changai.jobs.ingest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Checks an inbox with the reader ingest uses, on the calling thread, without Spark or a warehouse. */
public final class ValidateJob {

  private ValidateJob() {}

  /** Checks every submission; the result keeps their verdicts and counts, not their rows. */
  public static IngestResult run(String inbox, Set<String> periods) throws IOException {
    return run(inbox, periods, result -> { });
  }

  /**
   * Checks every submission, handing each result whole (with its rejected rows and warnings) to
   * {@code each} as it is read; the result returned keeps their verdicts and counts, not their
   * rows, so that memory does not grow with the inbox.
   */
  public static IngestResult run(String inbox, Set<String> periods, Consumer<SubmissionResult> each)
      throws IOException {
    Instant started = Instant.now();
    long t = System.nanoTime();
    Path path = new Path(inbox);
    FileSystem fs = path.getFileSystem(new Configuration());
    Inbox listing = Inbox.scan(fs, fs.makeQualified(path), periods);
    List<SubmissionResult> results = new ArrayList<>();
    for (SubmissionRef ref : listing.submissions()) {
      // Accepted rows are counted, not kept: validate holds no roster whatever its size.
      SubmissionResult result = SubmissionReader.read(fs, ref, null, worker -> { });
      each.accept(result);
      results.add(result.withoutRows());
    }
    Map<String, Long> stages = new LinkedHashMap<>();
    stages.put("validate", (System.nanoTime() - t) / 1_000_000);
    return new IngestResult("validate", inbox, null, started, Instant.now(), results, listing,
        new TreeSet<>(), stages, Map.of());
  }
}
