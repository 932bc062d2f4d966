package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.score.Weights;
import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.Warehouse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly run's plan against the last run's state: what makes it compute every period again. */
class NightlyRunPlanTest {

  @TempDir Path temp;
  private InboxFixture inbox;
  private Warehouse warehouse;

  @BeforeEach
  void setUp() throws Exception {
    inbox = new InboxFixture(temp.resolve("inbox"));
    inbox.valid("2025", InboxFixture.ID_A, InboxFixture.WorkerRow.worker("W1").csv());
    warehouse = new Warehouse(temp.resolve("warehouse").toString(), new Configuration());
  }

  /** Writes the state a run over this inbox with the default weights and the given base would leave. */
  private void lastRunWith(Integer minBase) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    InboxDigest done = InboxDigest.of(fs, fs.makeQualified(new org.apache.hadoop.fs.Path(inbox.root().toString())),
        Map.of()).completed(fs, Map.of());
    Weights weights = Weights.defaults();
    RunState state = new RunState("r1", Catalogue.VERSION, weights.version() + "@" + weights.sha256().substring(0, 12),
        minBase, done.periods(), done.files());
    Path runs = Files.createDirectories(temp.resolve("warehouse").resolve("runs"));
    new ObjectMapper().writeValue(runs.resolve("state.json").toFile(), state);
  }

  private NightlyRun.Plan plan(int minBase) throws Exception {
    NightlyRun.Options options = new NightlyRun.Options(inbox.root().toString(), temp.resolve("warehouse").toString(),
        true, Set.of(), Weights.defaults(), "default", minBase, new SparkOptions());
    return new NightlyRun(options, new PrintStream(new ByteArrayOutputStream())).plan(warehouse);
  }

  @Test
  void aPeriodReadWhoseEverySubmissionWasRefusedIsReported() throws Exception {
    // 2024 and 2025 computed before; this night read 2025 and 2026H1, whose only submission was
    // refused, and 2026 with no submission at all (its folder empty).
    Path tables = temp.resolve("warehouse").resolve("tables");
    for (String period : List.of("2024", "2025")) {
      Files.createDirectories(tables.resolve("enterprises").resolve("period=" + period));
      Files.createDirectories(tables.resolve("indicator_values").resolve("period=" + period));
    }
    Files.createDirectories(tables.resolve("rejected_submissions").resolve("period=2026H1"));
    Files.createDirectories(tables.resolve("rejected_submissions").resolve("period=2024"));
    assertThat(NightlyRun.reported(warehouse, new TreeSet<>(Set.of("2025")), new TreeSet<>(Set.of("2025", "2026H1", "2026"))))
        .containsExactly("2025", "2026H1");
    // Computing 2024 again reports 2025 too (its change since 2024); a period not read is not reported.
    assertThat(NightlyRun.reported(warehouse, new TreeSet<>(Set.of("2024")), new TreeSet<>(Set.of("2024"))))
        .containsExactly("2024", "2025");
    assertThat(NightlyRun.reported(warehouse, new TreeSet<>(), new TreeSet<>(Set.of("2026", "not-a-period")))).isEmpty();
  }

  @Test
  void aNewMinimumBaseComputesEveryPeriodAgain() throws Exception {
    // low_base depends on it: periods flagged with two bases would be compared as if alike.
    lastRunWith(10);
    assertThat(plan(10).periods()).isEmpty();
    NightlyRun.Plan changed = plan(20);
    assertThat(changed.periods()).containsExactly("2025");
    assertThat(changed.reason()).isEqualTo("minimum base changed from 10 to 20");
  }

  @Test
  void computeOrScoreRunAloneAnotherWayMakesTheNextRunRedoEveryPeriod() throws Exception {
    // Alone with the run's own base, or scoring as the run does: nothing to redo.
    lastRunWith(10);
    RunState.computedAlone(warehouse, "c0", 10);
    RunState.scoredAlone(warehouse, "s0", true);
    assertThat(plan(10).periods()).isEmpty();
    // compute --min-base 3 rewrote some periods: the run computes all again with its own base,
    // whichever it is (3 too: the other periods were made with 10).
    RunState.computedAlone(warehouse, "c1", 3);
    NightlyRun.Plan mixed = plan(3);
    assertThat(mixed.periods()).containsExactly("2025");
    assertThat(mixed.reason()).isEqualTo("compute run alone (c1) used another minimum base; every period with 3");
    // score with other weights or another normalisation: every period scored again.
    lastRunWith(10);
    RunState.scoredAlone(warehouse, "s1", false);
    NightlyRun.Plan rescored = plan(10);
    assertThat(rescored.periods()).containsExactly("2025");
    assertThat(rescored.reason()).startsWith("periods were scored otherwise by run s1; scoring every period with ")
        .endsWith(" again");
  }

  @Test
  void aStateWrittenBeforeTheBaseWasKeptPlansNothingNew() throws Exception {
    lastRunWith(null);
    assertThat(plan(20).periods()).isEmpty();
  }
}
