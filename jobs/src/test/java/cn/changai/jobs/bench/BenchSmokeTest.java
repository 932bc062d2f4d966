package cn.changai.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's smoke version: 10^4 rows through the same code as {@code scripts/bench}. It
 * checks that the benchmark works and that DuckDB and our pipeline agree; it asserts no timing.
 */
class BenchSmokeTest {

  @TempDir Path tmp;

  @Test
  void tenThousandRowsGiveTheSameNumbersInDuckDbAndAnOpRunAfterwards() throws Exception {
    Bench.Figures figures = Bench.measure(tmp, 10_000, 1);

    // 10^4 rows go to max(20, 10^4 / 2,000) = 20 enterprises; 11 worker-based indicators each.
    assertThat(figures.enterprises()).isEqualTo(20);
    assertThat(figures.compared()).isEqualTo(20 * 11);
    assertThat(figures.mismatches()).isZero();
    assertThat(figures.stageSeconds()).containsKeys("ingest", "compute", "score", "report");
    assertThat(Bench.line(figures, "smoke")).contains("10,000").contains("0/220");
  }
}
