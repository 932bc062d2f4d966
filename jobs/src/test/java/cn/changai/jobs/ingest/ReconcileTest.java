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
    SubmissionRef ref = new SubmissionRef("2025", enterprise, "/inbox/2025/" + enterprise, true);
    return new SubmissionResult(ref, status, "h", Map.of(), Map.of(), null, List.of(), List.of(), List.of(),
        List.of(), List.of(), new Counts(read, accepted, rejected, 0, 0, 0, 0, Map.of()), 1);
  }

  @Test
  void countsThatAddUpAndFootersThatMatchPass() {
    SubmissionResult a = result("A", Status.ACCEPTED, 10, 8, 2);
    SubmissionResult b = result("B", Status.ACCEPTED, 5, 5, 0);
    SubmissionResult c = result("C", Status.REJECTED, 7, 0, 7);
    Pack.Result pack = new Pack.Result(0, "2025", List.of(a, b, c), "/w/part-0.parquet");
    // 8 + 5 accepted rows, and C refused whole writes none: the footer must say 13.
    assertThat(IngestJob.reconciliationFaults(List.of(a, b, c), List.of(pack), Map.of("/w/part-0.parquet", 13L)))
        .isEmpty();
  }

  @Test
  void aFileHoldingOneRowTooManyOrTooFewIsNamed() {
    SubmissionResult a = result("A", Status.ACCEPTED, 10, 8, 2);
    Pack.Result pack = new Pack.Result(3, "2025", List.of(a), "/w/part-3.parquet");
    assertThat(IngestJob.reconciliationFaults(List.of(a), List.of(pack), Map.of("/w/part-3.parquet", 9L)))
        .containsExactly("/w/part-3.parquet holds 9 workers rows but its submissions accepted 8");
    Pack.Result noFile = new Pack.Result(4, "2025", List.of(a), null);
    assertThat(IngestJob.reconciliationFaults(List.of(a), List.of(noFile), Map.of()))
        .containsExactly("pack 4 (no file) holds 0 workers rows but its submissions accepted 8");
  }

  @Test
  void rowsReadThatAreNeitherAcceptedNorRejectedAreNamed() {
    SubmissionResult a = result("A", Status.ACCEPTED, 10, 8, 1);
    Pack.Result pack = new Pack.Result(0, "2025", List.of(a), "/w/part-0.parquet");
    assertThat(IngestJob.reconciliationFaults(List.of(a), List.of(pack), Map.of("/w/part-0.parquet", 8L)))
        .containsExactly("2025/A: rows read 10 (studios 0) are not accepted + rejected 8 + 1 (studios 0 + 0)");
  }
}
