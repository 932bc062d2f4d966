package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.InboxFixture.StudioRow;
import cn.changai.jobs.InboxFixture.WorkerRow;
import cn.changai.jobs.warehouse.TableFiles;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's pack: the rows of every table go into the task's own files, and what it sends back to
 * the driver holds none of them, however many rows, rejects or warnings a submission has.
 */
class PackTest {

  @TempDir
  Path dir;

  @Test
  void rowsGoIntoTheTasksFilesAndTheResultsCarryOnlyCounts() throws Exception {
    InboxFixture inbox = new InboxFixture(dir.resolve("inbox"));
    // A: 3 workers read, W9 rejected (bad skill level); W1 names a mentor that is nobody (warning);
    //    2 studios, S2 rejected (bad level): accepted with 2 workers, 1 studio, 2 rejected rows, 1 warning.
    inbox.valid("2025", InboxFixture.ID_A,
            WorkerRow.worker("W1").with("mentor_id", "NOBODY").csv(),
            WorkerRow.worker("W2").csv(),
            WorkerRow.worker("W9").with("skill_level", "wizard").csv())
        .studios(StudioRow.studio("S1").csv(), StudioRow.studio("S2").with("level", "galactic").csv());
    // B: refused whole (its enterprise.json names another period); its rows reach no file.
    inbox.valid("2025", InboxFixture.ID_B, WorkerRow.worker("W1").with("mentor_id", "NOBODY").csv())
        .enterprise(InboxFixture.enterprise("2024", InboxFixture.ID_B));
    List<SubmissionRef> refs = Inbox.scan(local(), new org.apache.hadoop.fs.Path(dir.resolve("inbox").toUri()), java.util.Set.of())
        .submissions();
    assertThat(refs).hasSize(2);

    Pack pack = new Pack(7, "2025", refs);
    Pack.Result result = pack.read(new Configuration(), Map.of(), dir.resolve("attempts").toString(),
        new org.apache.spark.util.LongAccumulator(), new org.apache.spark.util.LongAccumulator());

    assertThat(result.submissions()).extracting(SubmissionResult::status)
        .containsExactly(SubmissionResult.Status.ACCEPTED, SubmissionResult.Status.REJECTED);
    for (SubmissionResult s : result.submissions()) {
      assertThat(s.workers()).isEmpty();
      assertThat(s.studios()).isEmpty();
      assertThat(s.rejectedRows()).isEmpty();
      assertThat(s.warnings()).isEmpty();
    }
    SubmissionResult.Counts a = result.submissions().get(0).counts();
    assertThat(List.of(a.workersAccepted(), a.studiosAccepted(), a.workersRejected() + a.studiosRejected(), a.warnings()))
        .containsExactly(2, 1, 2, 1);
    // One file per table, of the pack's index, each holding the accepted submission's rows alone.
    Map<String, Long> rows = new TreeMap<>();
    for (Map.Entry<String, String> file : result.files().entrySet()) {
      rows.put(file.getKey(), footerRows(file.getValue()));
    }
    assertThat(rows).containsExactlyInAnyOrderEntriesOf(Map.of(IngestTables.WORKERS, 2L, IngestTables.STUDIOS, 1L,
        IngestTables.REJECTED_ROWS, 2L, IngestTables.WARNINGS, 1L));
    assertThat(result.files().values()).allMatch(f -> new org.apache.hadoop.fs.Path(f).getName().startsWith("part-00007-"));
    assertThat(IngestJob.reconciliationFaults(result.submissions(), List.of(result), rows(result))).isEmpty();
    // The warning is the one of A's W1 (line 2), with the period of its folder.
    List<Map<String, Object>> warnings = TableFiles.read(List.of(tableFile(result.files().get(IngestTables.WARNINGS))),
        IngestTables.TABLES.get(IngestTables.WARNINGS), List.of("enterprise_id", "line", "reason_code"), new Configuration());
    assertThat(warnings).containsExactly(Map.of("enterprise_id", InboxFixture.ID_A, "line", 2,
        "reason_code", "MENTOR_NOT_FOUND"));
  }

  private static Map<String, Long> rows(Pack.Result result) throws Exception {
    Map<String, Long> footers = new TreeMap<>();
    for (String file : result.files().values()) {
      footers.put(file, footerRows(file));
    }
    return footers;
  }

  private static long footerRows(String file) throws Exception {
    try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(
        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file), new Configuration()))) {
      return reader.getRecordCount();
    }
  }

  private static Warehouse.TableFile tableFile(String file) throws Exception {
    FileStatus status = local().getFileStatus(new org.apache.hadoop.fs.Path(file));
    return new Warehouse.TableFile("2025", status);
  }

  private static org.apache.hadoop.fs.FileSystem local() throws Exception {
    return org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
  }
}
