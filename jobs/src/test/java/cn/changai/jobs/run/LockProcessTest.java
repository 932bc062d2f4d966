package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.testing.ChangaiProcess;
import cn.changai.jobs.testing.ChangaiProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code changai run} processes started at once on one warehouse, fresh and then with the
 * lock of a run killed with SIGKILL: exactly one proceeds (it waits at the pause point right after
 * taking the lock), the others exit 4 naming its pid; the kernel lock, not the pid in
 * {@code _lock}, is what excludes them.
 */
class LockProcessTest {

  private static final int RUNS = 3;
  /** Each process does little but start: the quick compiler alone halves its CPU time. */
  private static final List<String> LIGHT = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1");

  @TempDir Path tmp;

  /** Starts the runs at once and returns the one that took the lock, checking the others. */
  private ChangaiProcess race(Path inbox, Path warehouse) throws Exception {
    List<ChangaiProcess> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(ChangaiProcess.start(tmp, concat(LIGHT, "-Dchangai.pause.at=locked"), "run", "--inbox", inbox.toString(),
          "--warehouse", warehouse.toString()));
    }
    List<ChangaiProcess> refused = new ArrayList<>();
    List<Result> results = new ArrayList<>();
    ChangaiProcess winner = null;
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (refused.size() < RUNS - 1 && System.nanoTime() < deadline) {
      for (ChangaiProcess run : runs) {
        if (!run.isAlive() && !refused.contains(run)) {
          refused.add(run);
          results.add(run.await(1));
        } else if (run.isAlive() && run != winner && run.output().contains("PAUSED locked")) {
          assertThat(winner).as("two runs hold the lock").isNull();
          winner = run;
        }
      }
      Thread.sleep(50);
    }
    assertThat(refused).hasSize(RUNS - 1);
    for (ChangaiProcess run : runs) {
      if (!refused.contains(run)) {
        run.awaitOutput("PAUSED locked");
        assertThat(winner).isIn(null, run);
        winner = run;
      }
    }
    for (Result r : results) {
      assertThat(r.exit()).as(r.output()).isEqualTo(4);
      assertThat(r.output()).contains("changai run: warehouse is locked by another run: pid " + winner.pid() + " on ")
          // The holder's command and its run id, which the lock file names.
          .containsPattern("\\(run, run \\d{8}T\\d{6}Z-[0-9a-f]{6}\\); lock file ")
          .contains("; lock file " + warehouse.toRealPath().resolve("_lock"));
    }
    return winner;
  }

  @Test
  void ofRunsStartedAtOnceExactlyOneProceedsFreshAndAfterAKill() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Path warehouse = tmp.resolve("warehouse");

    ChangaiProcess first = race(inbox, warehouse);
    first.kill(); // SIGKILL: _lock stays, naming a dead process
    assertThat(Files.readString(warehouse.resolve("_lock"))).contains("\"pid\":" + first.pid() + ",");

    ChangaiProcess second = race(inbox, warehouse);
    assertThat(second.output()).contains("Taking over the lock of a run that is no longer alive: pid " + first.pid());
    assertThat(Files.readString(warehouse.resolve("_lock"))).contains("\"pid\":" + second.pid() + ",");
    second.kill();
  }

  private static List<String> concat(List<String> flags, String flag) {
    List<String> all = new ArrayList<>(flags);
    all.add(flag);
    return all;
  }
}
