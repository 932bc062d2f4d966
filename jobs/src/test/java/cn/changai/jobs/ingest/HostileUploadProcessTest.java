package cn.changai.jobs.ingest;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.ID_B;
import static cn.changai.jobs.InboxFixture.ID_C;
import static cn.changai.jobs.InboxFixture.WORKERS_HEADER;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.testing.ChangaiProcess;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads far larger than the memory of the process that checks them: a roster of 100 MB, a quote
 * opened and never closed over 60 MB, and a wage of 20 MB of digits, checked by {@code validate}
 * in a JVM of 160 MB heap. Memory must not grow with a file: each is refused alone with its
 * reason, the good submission beside them is accepted, and nothing runs out of memory.
 */
class HostileUploadProcessTest {

  @TempDir Path temp;

  @Test
  void filesLargerThanTheHeapAreRefusedAloneWithoutRunningOutOfMemory() throws Exception {
    InboxFixture inbox = new InboxFixture(temp.resolve("inbox"));
    inbox.valid("2025", ID_A, worker("W1").csv(), worker("W2").csv());

    InboxFixture.Submission many = inbox.valid("2025", ID_B, worker("W1").csv());
    String row = worker("W").csv();
    try (BufferedWriter out = Files.newBufferedWriter(many.dir().resolve("workers.csv"), StandardCharsets.UTF_8)) {
      out.write(WORKERS_HEADER + "\n");
      for (int i = 0; i < 1_800_000; i++) {
        out.write("W" + i + row.substring(1) + "\n");
      }
    }
    assertThat(Files.size(many.dir().resolve("workers.csv"))).isGreaterThan(100L << 20);

    InboxFixture.Submission open = inbox.valid("2025", ID_C, worker("W1").csv());
    try (BufferedWriter out = Files.newBufferedWriter(open.dir().resolve("workers.csv"), StandardCharsets.UTF_8)) {
      out.write(WORKERS_HEADER + "\n" + worker("W1").csv() + "\n\"W2");
      char[] block = new char[1 << 20];
      java.util.Arrays.fill(block, 'x');
      for (int i = 0; i < 60; i++) {
        out.write(block);
      }
    }

    String wageId = InboxFixture.creditCode("91310000AB0000004");
    InboxFixture.Submission wage = inbox.valid("2025", wageId, worker("W1").csv());
    try (BufferedWriter out = Files.newBufferedWriter(wage.dir().resolve("workers.csv"), StandardCharsets.UTF_8)) {
      out.write(WORKERS_HEADER + "\n" + worker("W1").csv() + "\n");
      // Line 3: W2, whose wage cell is 20 MB of digits.
      String w2 = worker("W2").csv();
      int cell = w2.indexOf(",80000,");
      out.write(w2.substring(0, cell + 1));
      char[] digits = new char[1 << 20];
      java.util.Arrays.fill(digits, '7');
      for (int i = 0; i < 20; i++) {
        out.write(digits);
      }
      out.write(w2.substring(cell + 6) + "\n");
    }

    ChangaiProcess.Result result = ChangaiProcess.run(temp, List.of("-Xmx160m",
        "-Dchangai.ingest.maxWorkerRows=100000"), "validate", "--inbox", inbox.root().toString());

    assertThat(result.output()).doesNotContain("OutOfMemoryError");
    assertThat(result.exit()).as(result.output()).isEqualTo(3);
    assertThat(result.output())
        .contains("TOO_MANY_ROWS: workers.csv has more than 100000 data rows")
        .contains("RECORD_TOO_LONG: workers.csv: a record starting on line 3 is longer than 1048576 characters");
    assertThat(result.output().lines().filter(l -> l.contains("RECORD_TOO_LONG: workers.csv")).count())
        .as("the unclosed quote and the 20 MB wage").isEqualTo(2);
  }
}
