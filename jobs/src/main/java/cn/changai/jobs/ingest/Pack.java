package cn.changai.jobs.ingest;

import cn.changai.jobs.warehouse.TableFiles;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
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

  /**
   * What a task returns: every submission's result, without its rows, and the file this attempt
   * wrote for each table it wrote rows of (by table name).
   */
  record Result(int index, String period, List<SubmissionResult> submissions, Map<String, String> files)
      implements Serializable {

    Result {
      files = Map.copyOf(files);
    }
  }

  /** The tables a task writes, besides the enterprises the driver writes from the results. */
  static final List<String> TABLES = List.of(IngestTables.WORKERS, IngestTables.STUDIOS, IngestTables.REJECTED_ROWS,
      IngestTables.WARNINGS);

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
   * Reads the pack's submissions one after the other. The rows of each accepted submission go into
   * this task attempt's files under {@code attempts}, one per table, as soon as it is accepted
   * (workers as they are read): what comes back to the driver is small, however many rows,
   * rejects or warnings a submission has.
   */
  Result read(Configuration conf, Map<String, HeldSubmission> held, String attempts, LongAccumulator done,
      LongAccumulator rows) throws IOException {
    TaskContext task = TaskContext.get();
    String attempt = task == null ? "" : "-s" + task.stageAttemptNumber() + "-a" + task.attemptNumber();
    String name = String.format(Locale.ROOT, "part-%05d%s-%s.snappy.parquet", index, attempt, TableFiles.fileToken());
    List<SubmissionResult> results = new ArrayList<>(refs.size());
    WorkersFile[] workers = new WorkersFile[1];
    Map<String, ParquetWriter<Row>> writers = new TreeMap<>();
    Map<String, String> files = new TreeMap<>();
    try {
      for (SubmissionRef ref : refs) {
        FileSystem fs = new Path(ref.path()).getFileSystem(conf);
        SubmissionResult result = SubmissionReader.read(fs, ref, held.get(ref.key()), worker -> {
          if (workers[0] == null) {
            workers[0] = new WorkersFile(file(attempts, IngestTables.WORKERS, name, files), conf);
          }
          workers[0].write(ref.enterpriseId(), worker);
        });
        // The rows, rejects and warnings of a submission refused whole are not published: its
        // refusal says it all.
        if (result.status() == SubmissionResult.Status.ACCEPTED) {
          write(IngestTables.STUDIOS, IngestTables.studioRows(result), attempts, name, writers, files, conf);
          write(IngestTables.REJECTED_ROWS, IngestTables.issueRows(result, result.rejectedRows()), attempts, name,
              writers, files, conf);
          write(IngestTables.WARNINGS, IngestTables.issueRows(result, result.warnings()), attempts, name, writers,
              files, conf);
        }
        results.add(result.withoutRows());
        done.add(1);
        rows.add(result.counts().workersRead());
      }
    } finally {
      if (workers[0] != null) {
        workers[0].close();
      }
      for (ParquetWriter<Row> writer : writers.values()) {
        writer.close();
      }
    }
    return new Result(index, period, results, files);
  }

  /** Writes rows of a table into this attempt's file of it, made on the first row. */
  private static void write(String table, List<Row> rows, String attempts, String name,
      Map<String, ParquetWriter<Row>> writers, Map<String, String> files, Configuration conf) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    ParquetWriter<Row> writer = writers.get(table);
    if (writer == null) {
      writer = TableFiles.writer(file(attempts, table, name, files), IngestTables.TABLES.get(table),
          ParquetFileWriter.Mode.CREATE, conf);
      writers.put(table, writer);
    }
    for (Row row : rows) {
      writer.write(row);
    }
  }

  /** This attempt's file of a table, recorded in {@code files}. */
  private static Path file(String attempts, String table, String name, Map<String, String> files) {
    Path path = new Path(new Path(attempts, table), name);
    files.put(table, path.toString());
    return path;
  }
}
