package cn.changai.jobs.ingest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Checks an inbox with the reader ingest uses, on the calling thread, without Spark or a warehouse. */
public final class ValidateJob {

  private ValidateJob() {}

  public static IngestResult run(String inbox, Set<String> periods) throws IOException {
    Instant started = Instant.now();
    long t = System.nanoTime();
    Path path = new Path(inbox);
    FileSystem fs = path.getFileSystem(new Configuration());
    Inbox listing = Inbox.scan(fs, fs.makeQualified(path), periods);
    List<SubmissionResult> results = new ArrayList<>();
    for (SubmissionRef ref : listing.submissions()) {
      // Accepted rows are counted, not kept: validate holds no roster whatever its size.
      results.add(SubmissionReader.read(fs, ref, null, worker -> { }));
    }
    Map<String, Long> stages = new LinkedHashMap<>();
    stages.put("validate", (System.nanoTime() - t) / 1_000_000);
    return new IngestResult("validate", inbox, null, started, Instant.now(), results, listing,
        new TreeSet<>(), stages, Map.of());
  }
}
