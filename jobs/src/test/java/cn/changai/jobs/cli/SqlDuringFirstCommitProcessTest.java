package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.testing.ChangaiProcess;
import cn.changai.jobs.testing.ChangaiProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code changai sql} query that starts while a warehouse's first run is swapping its tables
 * in: it waits at the readers' gate and then sees every table as published, not the few whose
 * folders were there when it first looked.
 */
class SqlDuringFirstCommitProcessTest {

  @TempDir Path tmp;

  @Test
  void aQueryStartedDuringTheFirstCommitSeesEveryTableOnceItIsPublished() throws Exception {
    Path warehouse = tmp.resolve("warehouse");
    Path resume = Files.createDirectories(tmp.resolve("resume"));
    ChangaiProcess run = ChangaiProcess.start(tmp, List.of("-Dchangai.pause.at=between-swaps",
        "-Dchangai.pause.resume=" + resume), "run", "--inbox", Path.of("../sample-data/inbox").toAbsolutePath().toString(),
        "--warehouse", warehouse.toString());
    ChangaiProcess query;
    try {
      // One folder swapped in, the others to come; the commit holds the readers' gate.
      run.awaitOutput("PAUSED between-swaps");
      query = ChangaiProcess.start(tmp, List.of(), "-v", "sql", "--warehouse", warehouse.toString(), "--csv",
          "SELECT (SELECT count(*) FROM workers) AS w, (SELECT count(*) FROM enterprises) AS e,"
              + " (SELECT count(*) FROM warnings) AS n");
      // Its Spark session starts once it has listed the tables (Spark's first line, shown with -v);
      // it then waits for the gate, which the paused commit holds.
      query.awaitOutput("Running Spark version");
    } finally {
      Files.createFile(resume.resolve("between-swaps"));
    }
    Result published = run.await(5);
    assertThat(published.exit()).as(published.output()).isIn(0, 3);
    Result seen = query.await(5);

    Result after = ChangaiProcess.run(tmp, List.of(), "sql", "--warehouse", warehouse.toString(), "--csv",
        "SELECT (SELECT count(*) FROM workers) AS w, (SELECT count(*) FROM enterprises) AS e,"
            + " (SELECT count(*) FROM warnings) AS n");
    assertThat(after.exit()).as(after.output()).isZero();
    String counts = after.output().lines().filter(l -> l.matches("\\d+,\\d+,\\d+")).findFirst().orElseThrow();
    assertThat(counts).doesNotEndWith(",0");
    assertThat(seen.exit()).as(seen.output()).isZero();
    assertThat(seen.output()).contains(counts);
  }
}
