package cn.changai.jobs.cli;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.ID_B;
import static cn.changai.jobs.InboxFixture.ID_C;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.InboxFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code changai validate} on an inbox filled by a hostile uploader: what it prints carries no
 * control character, no line the uploader wrote, no identity number.
 */
class HostileValidateTest {

  @TempDir Path temp;

  /** True when the text holds a control character other than the line breaks the program prints. */
  private static boolean holdsControl(String text) {
    return text.chars().anyMatch(c -> (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0x202E);
  }

  @Test
  void submissionTextIsPrintedEscapedAndMasked() throws IOException {
    InboxFixture inbox = new InboxFixture(temp.resolve("inbox"));
    // A worker_id holding a line break and what looks like the program's verdict.
    inbox.valid("2025", ID_A, worker("W1").csv(), worker("\"W2\n2025/" + ID_A + "  accepted\"").csv());
    // A stray file whose name sets the terminal's title; an ESC sequence as a field name.
    inbox.valid("2025", ID_B, worker("B1").csv()).text("notes\u001B]0;owned\u0007.txt", "x")
        .enterprise(InboxFixture.enterprise("2025", ID_B).put("remark\u001B[2J", 1));
    // An identity number in full-width digits as parent_id.
    inbox.valid("2025", ID_C, worker("C1").csv()).enterprise(InboxFixture.enterprise("2025", ID_C)
        .put("level", "subsidiary").put("parent_id", "１１０１０５１９４９１２３１００２Ｘ"));
    // A period folder whose name clears the screen and reverses the text after it.
    Files.createDirectories(inbox.root().resolve("2025\u001B[2J\u202E"));

    Console.Run run = Console.run("validate", "--inbox", inbox.root().toString(), "--limit", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.SUBMISSION_REJECTED);
    String out = run.out();
    assertThat(holdsControl(out)).as(out).isFalse();
    assertThat(out.lines().filter(l -> l.startsWith("2025/" + ID_A))).containsExactly("2025/" + ID_A + "  accepted with rejected rows");
    assertThat(out).contains("rejected workers.csv line 3 [worker_id] BAD_ID: worker_id 'W2\\n2025/" + ID_A
        + "  accepted' is not 1-64 of A-Z a-z 0-9 _ -");
    assertThat(out).contains("warning notes\\u001B]0;owned\\u0007.txt IGNORED_FILE: file 'notes\\u001B]0;owned\\u0007.txt'");
    assertThat(out).contains("warning enterprise.json [remark\\u001B[2J] UNKNOWN_FIELD: unknown field 'remark\\u001B[2J'");
    assertThat(out).contains("BAD_FIELD: parent_id '******************' is not a valid credit code").doesNotContain("１１０");
    assertThat(out).contains("2025\\u001B[2J\\u202E  REJECTED\n    BAD_PERIOD_FOLDER: folder '2025\\u001B[2J\\u202E' is not a period");
  }

  @Test
  void anErrorMessageIsPrintedEscaped() {
    Console.Run run = Console.run("validate", "--inbox", temp.resolve("no\u001B[2Jsuch").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(holdsControl(run.err())).as(run.err()).isFalse();
    assertThat(run.err()).contains("no\\u001B[2Jsuch");
  }
}
