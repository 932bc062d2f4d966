package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.testing.ChangaiProcess;
import cn.changai.jobs.testing.ChangaiProcess.Result;
import cn.changai.jobs.testing.TableSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox changing under a nightly run, between its plan and ingest's own listing: what the run
 * records in its state must be what ingest read, or a submission it never read is taken as held.
 */
class InboxChangesProcessTest {

  private static final List<String> ENTERPRISES =
      List.of("91310000PFA8X8CLF4", "91310000B2XRY7BQC8", "91310000QN3M39E0EM");
  private static final String CHANGED = "2025/91310000QN3M39E0EM";

  @TempDir Path tmp;

  @Test
  void aResubmissionWhoseFolderLeftTheInboxWhileTheRunWorkedIsReadByTheNextRunWhenItComesBack() throws Exception {
    Path inbox = tmp.resolve("inbox");
    for (String period : List.of("2024", "2025")) {
      for (String id : ENTERPRISES) {
        TableSnapshot.copy(Path.of("../sample-data/inbox", period, id), inbox.resolve(period).resolve(id));
      }
    }
    Path warehouse = tmp.resolve("warehouse");
    Result first = ChangaiProcess.run(tmp, List.of(), "run", "--inbox", inbox.toString(), "--warehouse",
        warehouse.toString());
    assertThat(first.exit()).as(first.output()).isZero();

    // A resubmission of the same sizes (a later submitted_at, one worker's training hours corrected digit for digit):
    // the plan hashes it and finds 2025 changed.
    Path folder = inbox.resolve(CHANGED);
    Path json = folder.resolve("enterprise.json");
    String text = Files.readString(json, StandardCharsets.UTF_8);
    String later = text.replaceFirst("(\"submitted_at\"\\s*:\\s*\")[0-9]{4}", "$12029");
    assertThat(later).isNotEqualTo(text).hasSameSizeAs(text);
    Files.writeString(json, later, StandardCharsets.UTF_8);
    Path workers = folder.resolve("workers.csv");
    String roster = Files.readString(workers, StandardCharsets.UTF_8);
    String corrected = roster.replaceFirst(",48\\.5,", ",49.5,");
    assertThat(corrected).isNotEqualTo(roster).hasSameSizeAs(roster);
    Files.writeString(workers, corrected, StandardCharsets.UTF_8);

    // The folder leaves the inbox once the run has planned (an uploader replacing it, an operator
    // moving it aside), and comes back as it was once the run is done.
    Path aside = tmp.resolve("aside");
    Path resume = Files.createDirectories(tmp.resolve("resume"));
    ChangaiProcess run = ChangaiProcess.start(tmp, List.of("-Dchangai.pause.at=planned",
        "-Dchangai.pause.resume=" + resume), "run", "--inbox", inbox.toString(), "--warehouse", warehouse.toString());
    run.awaitOutput("PAUSED planned");
    Files.move(folder, aside);
    Files.createFile(resume.resolve("planned"));
    Result without = run.await(5);
    assertThat(without.exit()).as(without.output()).isZero();
    Files.move(aside, folder);

    Result next = ChangaiProcess.run(tmp, List.of(), "run", "--inbox", inbox.toString(), "--warehouse",
        warehouse.toString());
    assertThat(next.exit()).as(next.output()).isZero();
    assertThat(next.output()).doesNotContain("Nothing to do").contains("Periods to process: 2025");
    Map<String, List<String>> tables = TableSnapshot.of(warehouse);
    assertThat(String.join("\n", tables.get("enterprises"))).contains("2029-");
  }
}
