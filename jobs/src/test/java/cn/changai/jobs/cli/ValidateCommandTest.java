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
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code changai validate} on a fixture inbox: per submission the rows read, accepted and
 * rejected with their reasons; exit 0 when every submission is acceptable, 3 when one is not.
 *
 * <p>2025/A: W1 fine, W2 with gender X (rejected, line 3), W3 with mentor W404 (warning, line 4).
 * 2025/B: B1 and B2, fine.
 */
class ValidateCommandTest {

  @TempDir Path temp;
  private InboxFixture inbox;

  @BeforeEach
  void setUp() {
    inbox = new InboxFixture(temp.resolve("inbox"));
    inbox.valid("2025", ID_A, worker("W1").csv(), worker("W2").with("gender", "X").csv(),
        worker("W3").with("mentor_id", "W404").csv());
    inbox.valid("2025", ID_B, worker("B1").csv(), worker("B2").csv());
  }

  private Console.Run validate(String... more) {
    String[] args = Stream.concat(Stream.of("validate", "--inbox", inbox.root().toString()), Stream.of(more))
        .toArray(String[]::new);
    return Console.run(args);
  }

  /** The whitespace-separated fields of the summary table's line that starts with the label. */
  private static List<String> tableLine(String out, String label) {
    return out.lines().filter(l -> l.startsWith(label + " ")).findFirst()
        .map(l -> List.of(l.trim().split("\\s+"))).orElseThrow(() -> new AssertionError("no line " + label));
  }

  @Test
  void everySubmissionWithItsRowsAndReasons() {
    Console.Run run = validate();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    String out = run.out();
    assertThat(out).contains("2025/" + ID_A + "  accepted with rejected rows");
    assertThat(out).contains("workers.csv: 3 rows read, 2 accepted, 1 rejected; studios.csv: 0 read, 0 accepted, 0 rejected; 1 warning(s)");
    assertThat(out).contains("rejected workers.csv line 3 [gender] BAD_CODE: gender 'X' is not a known code");
    assertThat(out).contains("warning workers.csv line 4 [mentor_id] MENTOR_NOT_FOUND");
    assertThat(out).contains("2025/" + ID_B + "  accepted\n");
    assertThat(out).contains("workers.csv: 2 rows read, 2 accepted, 0 rejected");
    // period, submissions, accepted, unchanged, rejected, rows read, accepted, rejected, warnings
    assertThat(tableLine(out, "2025")).containsExactly("2025", "2", "2", "0", "0", "5", "4", "1", "1");
    assertThat(tableLine(out, "total")).containsExactly("total", "2", "2", "0", "0", "5", "4", "1", "1");
    assertThat(out).contains("Top reasons: BAD_CODE 1, MENTOR_NOT_FOUND 1");
    assertThat(out).contains("Every submission would be accepted.");
  }

  @Test
  void theSummaryWritesNumbersTheSameWhateverTheMachinesLocale() {
    // Under LANG=tr_TR.UTF-8 (or de_DE) the table read "1.003" rows: a thousand here, three
    // point something to a reader elsewhere. A: W1..W3 of the fixture; C: 1,000 workers C0..C999.
    String[] rows = new String[1000];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = worker("C" + i).csv();
    }
    inbox.valid("2025", ID_C, rows);
    java.util.Locale before = java.util.Locale.getDefault();
    Console.Run run;
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
      run = validate();
    } finally {
      java.util.Locale.setDefault(before);
    }
    // period, submissions, accepted, unchanged, rejected, rows read, accepted, rejected, warnings:
    // A 3 read, 2 accepted, 1 rejected, 1 warning; B 2 and 2; C 1,000 and 1,000.
    assertThat(tableLine(run.out(), "2025")).containsExactly("2025", "3", "3", "0", "0", "1,005", "1,004", "1", "1");
    assertThat(run.out()).contains("workers.csv: 1000 rows read, 1000 accepted, 0 rejected");
  }

  @Test
  void aSubmissionRejectedWholeExitsThree() {
    inbox.valid("2025", ID_C, worker("C1").csv())
        .enterprise(InboxFixture.enterprise("2025", ID_C).put("industry", "shipbuilding"));
    Console.Run run = validate();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.SUBMISSION_REJECTED);
    assertThat(run.out()).contains("2025/" + ID_C + "  REJECTED");
    assertThat(run.out()).contains("BAD_FIELD: industry 'shipbuilding' is not an industry code of the contract");
    // C1 is counted as rejected with its submission.
    assertThat(tableLine(run.out(), "total")).containsExactly("total", "3", "2", "0", "1", "6", "4", "2", "1");
    assertThat(run.out()).contains("1 submission(s) would be rejected whole.");
  }

  @Test
  void aSubmissionRejectedWholeListsItsRowsFindingsToo() {
    // All an uploader must mend, in one look: the refusal and what its rows would meet after it.
    inbox.valid("2025", ID_C, worker("C1").csv(), worker("C2").with("gender", "X").csv(),
            worker("C3").with("mentor_id", "C404").csv())
        .enterprise(InboxFixture.enterprise("2025", ID_C).put("industry", "shipbuilding"));
    Console.Run run = validate();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.SUBMISSION_REJECTED);
    String out = run.out();
    String block = out.substring(out.indexOf("2025/" + ID_C + "  REJECTED"), out.indexOf("\nperiod "));
    assertThat(block).contains("BAD_FIELD: industry 'shipbuilding'",
        "refused with all its rows (workers.csv 3, studios.csv 0); its rows' own findings: 1 rejected, 0 warning(s)"
            + " (links between rows are checked once nothing else refuses it)",
        "rejected workers.csv line 3 [gender] BAD_CODE: gender 'X' is not a known code");
    // C3's mentor is looked up only in a roster that stands: none here.
    assertThat(block).doesNotContain("MENTOR_NOT_FOUND");
    // Its three rows are rejected with it.
    assertThat(tableLine(run.out(), "total")).containsExactly("total", "3", "2", "0", "1", "8", "4", "4", "1");
  }

  @Test
  void aBadPeriodFolderExitsThree() throws IOException {
    Files.createDirectories(inbox.root().resolve("2025H3").resolve(ID_A));
    Console.Run run = validate();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.SUBMISSION_REJECTED);
    assertThat(run.out()).contains("2025H3  REJECTED", "BAD_PERIOD_FOLDER");
  }

  @Test
  void onlyTheAskedPeriod() {
    inbox.valid("2024", ID_A, worker("A1").csv());
    Console.Run run = validate("--period", "2024");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("2024/" + ID_A + "  accepted").doesNotContain("2025/");
  }

  @Test
  void theListIsCutAtTheLimit() {
    Console.Run run = validate("--limit", "1");
    assertThat(run.out()).contains("BAD_CODE").contains("... and 1 more (--limit 0 lists all)");
    assertThat(run.out()).doesNotContain("warning workers.csv line 4");
  }

  @Test
  void validateWritesNothing() throws IOException {
    List<String> before = files(inbox.root());
    assertThat(validate().exitCode()).isZero();
    assertThat(files(inbox.root())).isEqualTo(before);
    try (Stream<Path> top = Files.list(temp)) {
      assertThat(top.map(p -> p.getFileName().toString())).containsExactly("inbox");
    }
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.map(Path::toString).sorted().collect(Collectors.toList());
    }
  }
}
