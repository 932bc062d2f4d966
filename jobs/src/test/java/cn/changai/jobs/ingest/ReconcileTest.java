package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.ingest.SubmissionResult.Counts;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver's last check before publishing: every row read is accepted or rejected, and in a file. */
class ReconcileTest {

  private static SubmissionResult result(String enterprise, Status status, int read, int accepted, int rejected) {
    return result(enterprise, status, new Counts(read, accepted, rejected, 0, 0, 0, 0, Map.of()));
  }

  private static SubmissionResult result(String enterprise, Status status, Counts counts) {
    SubmissionRef ref = new SubmissionRef("2025", enterprise, "/inbox/2025/" + enterprise, true);
    return new SubmissionResult(ref, status, "h", Map.of(), Map.of(), null, List.of(), List.of(), List.of(),
        List.of(), List.of(), counts, 1);
  }

  /** A pack's files: its workers, and its rejected rows beside them. */
  private static Map<String, String> files(String workers) {
    return Map.of(IngestTables.WORKERS, workers, IngestTables.REJECTED_ROWS, workers + ".rejected");
  }

  @Test
  void countsThatAddUpAndFootersThatMatchPass() {
    SubmissionResult a = result("A", Status.ACCEPTED, 10, 8, 2);
    SubmissionResult b = result("B", Status.ACCEPTED, 5, 5, 0);
    SubmissionResult c = result("C", Status.REJECTED, 7, 0, 7);
    Pack.Result pack = new Pack.Result(0, "2025", List.of(a, b, c), files("/w/part-0.parquet"));
    // 8 + 5 accepted rows and 2 + 0 rejected, and C refused whole writes none: the footers must say 13 and 2.
    assertThat(IngestJob.reconciliationFaults(List.of(a, b, c), List.of(pack),
        Map.of("/w/part-0.parquet", 13L, "/w/part-0.parquet.rejected", 2L))).isEmpty();
  }

  @Test
  void aFileHoldingOneRowTooManyOrTooFewIsNamed() {
    SubmissionResult a = result("A", Status.ACCEPTED, 10, 8, 2);
    Pack.Result pack = new Pack.Result(3, "2025", List.of(a), files("/w/part-3.parquet"));
    assertThat(IngestJob.reconciliationFaults(List.of(a), List.of(pack),
        Map.of("/w/part-3.parquet", 9L, "/w/part-3.parquet.rejected", 2L)))
        .containsExactly("/w/part-3.parquet holds 9 workers rows but its submissions had 8");
    Pack.Result noFile = new Pack.Result(4, "2025", List.of(a), Map.of());
    assertThat(IngestJob.reconciliationFaults(List.of(a), List.of(noFile), Map.of()))
        .containsExactly("pack 4 (no file) holds 0 workers rows but its submissions had 8",
            "pack 4 (no file) holds 0 rejected_rows rows but its submissions had 2");
  }

  @Test
  void rowsReadThatAreNeitherAcceptedNorRejectedAreNamed() {
    SubmissionResult a = result("A", Status.ACCEPTED, 10, 8, 1);
    Pack.Result pack = new Pack.Result(0, "2025", List.of(a), files("/w/part-0.parquet"));
    assertThat(IngestJob.reconciliationFaults(List.of(a), List.of(pack),
        Map.of("/w/part-0.parquet", 8L, "/w/part-0.parquet.rejected", 1L)))
        .containsExactly("2025/A: rows read 10 (studios 0) are not accepted + rejected 8 + 1 (studios 0 + 0)");
  }

  @Test
  void studiosRejectedRowsAndWarningsAreCountedInTheirOwnFiles() {
    // A accepted: 2 studios, rejected rows 3 of workers + 1 of studios, 5 warnings.
    // B refused whole: its 4 warnings and 6 rejected rows are not published, so not counted.
    SubmissionResult a = result("A", Status.ACCEPTED, new Counts(10, 7, 3, 3, 2, 1, 5, Map.of()));
    SubmissionResult b = result("B", Status.REJECTED, new Counts(6, 0, 6, 0, 0, 0, 4, Map.of()));
    Pack.Result pack = new Pack.Result(1, "2025", List.of(a, b), Map.of(IngestTables.WORKERS, "/w/wk",
        IngestTables.STUDIOS, "/w/st", IngestTables.REJECTED_ROWS, "/w/rr", IngestTables.WARNINGS, "/w/wa"));
    assertThat(IngestJob.reconciliationFaults(List.of(a, b), List.of(pack),
        Map.of("/w/wk", 7L, "/w/st", 2L, "/w/rr", 4L, "/w/wa", 5L))).isEmpty();
    assertThat(IngestJob.reconciliationFaults(List.of(a, b), List.of(pack),
        Map.of("/w/wk", 7L, "/w/st", 2L, "/w/rr", 10L, "/w/wa", 9L))).containsExactly(
            "/w/rr holds 10 rejected_rows rows but its submissions had 4",
            "/w/wa holds 9 warnings rows but its submissions had 5");
  }
}
