package cn.changai.jobs.ingest;

import cn.changai.jobs.warehouse.TableFiles;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;

/**
 * One ingest task's share of the inbox: submissions of one period, packed by bytes so that a task
 * is neither one tiny folder (thousands of tasks) nor the whole inbox (one core busy).
 */
record Pack(int index, String period, List<SubmissionRef> refs) implements Serializable {

  /** The smallest and largest pack, in bytes of submission files. */
  private static final long MIN_BYTES = 256L << 10;
  private static final long MAX_BYTES = 32L << 20;
  /** Packs per core: enough for progress to move and for cores to finish together. */
  private static final int PACKS_PER_CORE = 16;

  /** What a task returns: every submission's result (no worker rows) and the file it wrote, if any. */
  record Result(int index, String period, List<SubmissionResult> submissions, String file)
      implements Serializable {}

  /** Packs the submissions, period by period, in the order of their keys. */
  static List<Pack> of(List<SubmissionRef> refs, Map<String, Long> sizes, int cores) {
    long total = refs.stream().mapToLong(r -> sizes.getOrDefault(r.key(), 0L)).sum();
    long target = Math.max(MIN_BYTES, Math.min(MAX_BYTES, total / Math.max(1, cores * PACKS_PER_CORE)));
    Map<String, List<SubmissionRef>> byPeriod = new TreeMap<>();
    refs.stream().sorted().forEach(r -> byPeriod.computeIfAbsent(r.period(), p -> new ArrayList<>()).add(r));
    List<Pack> packs = new ArrayList<>();
    for (Map.Entry<String, List<SubmissionRef>> period : byPeriod.entrySet()) {
      List<SubmissionRef> pack = new ArrayList<>();
      long bytes = 0;
      for (SubmissionRef ref : period.getValue()) {
        pack.add(ref);
        bytes += sizes.getOrDefault(ref.key(), 0L);
        if (bytes >= target) {
          packs.add(new Pack(packs.size(), period.getKey(), List.copyOf(pack)));
          pack.clear();
          bytes = 0;
        }
      }
      if (!pack.isEmpty()) {
        packs.add(new Pack(packs.size(), period.getKey(), List.copyOf(pack)));
      }
    }
    return packs;
  }

  /**
   * Reads the pack's submissions one after the other; the accepted workers of each go into this
   * task attempt's file under {@code attempts} as soon as the submission is accepted.
   */
  Result read(Configuration conf, Map<String, HeldSubmission> held, String attempts, LongAccumulator done,
      LongAccumulator rows) throws IOException {
    TaskContext task = TaskContext.get();
    String attempt = task == null ? "" : "-s" + task.stageAttemptNumber() + "-a" + task.attemptNumber();
    Path path = new Path(attempts, String.format("part-%05d%s-%s.snappy.parquet", index, attempt, TableFiles.fileToken()));
    List<SubmissionResult> results = new ArrayList<>(refs.size());
    WorkersFile[] file = new WorkersFile[1];
    try {
      for (SubmissionRef ref : refs) {
        FileSystem fs = new Path(ref.path()).getFileSystem(conf);
        SubmissionResult result = SubmissionReader.read(fs, ref, held.get(ref.key()), worker -> {
          if (file[0] == null) {
            file[0] = new WorkersFile(path, conf);
          }
          file[0].write(ref.enterpriseId(), worker);
        });
        results.add(result);
        done.add(1);
        rows.add(result.counts().workersRead());
      }
    } finally {
      if (file[0] != null) {
        file[0].close();
      }
    }
    return new Result(index, period, results, file[0] == null ? null : path.toString());
  }
}
