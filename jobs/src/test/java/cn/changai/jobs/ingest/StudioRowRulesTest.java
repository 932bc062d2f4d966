package cn.changai.jobs.ingest;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.StudioRow.studio;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static cn.changai.jobs.ingest.Submissions.read;
import static cn.changai.jobs.ingest.Submissions.rowRejects;
import static cn.changai.jobs.ingest.Submissions.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The row rules of studios.csv, and the links between studios and workers. */
class StudioRowRulesTest {

  @TempDir Path temp;
  private InboxFixture inbox;

  @BeforeEach
  void setUp() {
    inbox = new InboxFixture(temp.resolve("inbox"));
  }

  /** 2025/ID_A with workers W1 and W2, and studios S1, the given row (line 3), and S3. */
  private SubmissionResult withBadStudio(String row) {
    return read(inbox.valid("2025", ID_A, worker("W1").csv(), worker("W2").csv())
        .studios(studio("S1").csv(), row, studio("S3").csv()));
  }

  private static void assertRejected(SubmissionResult result, String column, ReasonCode code, String row) {
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.studios()).extracting(StudioRecord::studioId).containsExactly("S1", "S3");
    assertThat(result.rejectedRows()).singleElement().satisfies(issue -> {
      assertThat(issue.file()).isEqualTo("studios.csv");
      assertThat(issue.line()).isEqualTo(3);
      assertThat(issue.column()).isEqualTo(column);
      assertThat(issue.code()).isEqualTo(code);
      assertThat(issue.raw()).isEqualTo(row);
    });
    assertThat(result.counts().studiosRead()).isEqualTo(3);
    assertThat(result.counts().studiosAccepted()).isEqualTo(2);
    assertThat(result.counts().studiosRejected()).isEqualTo(1);
    // Studio rejects are not worker rejects.
    assertThat(result.counts().workersRejected()).isZero();
  }

  @Test
  void aValidStudioBecomesATypedRecord() {
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv())
        .studios(studio("S1").with("leader_id", "W1").csv()));
    assertThat(result.studios()).containsExactly(new StudioRecord(2, "S1", "model_worker", "municipal",
        LocalDate.of(2020, 5, 1), "W1", 5, 2, new BigDecimal("10.5000")));
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void chineseTypeAndLevelNames() {
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv()).studios(
        studio("S1").with("type", "劳模创新工作室").with("level", "全国").csv(),
        studio("S2").with("type", "工匠创新工作室").with("level", "市级").csv(),
        studio("S3").with("type", "首席技师工作室").with("level", "集团级").csv(),
        studio("S4").with("type", " CRAFTSMAN ").with("level", "企业级").csv()));
    assertThat(result.rejectedRows()).isEmpty();
    assertThat(result.studios()).extracting(StudioRecord::type)
        .containsExactly("model_worker", "craftsman", "chief_technician", "craftsman");
    assertThat(result.studios()).extracting(StudioRecord::level)
        .containsExactly("national", "municipal", "group", "enterprise");
  }

  @Test
  void optionalStudioValuesMayBeBlank() {
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv()).studios(
        studio("S1").with("established", "").with("achievements", "").with("achievements_converted", "")
            .with("funding_wan_yuan", "").csv()));
    assertThat(result.studios()).containsExactly(new StudioRecord(2, "S1", "model_worker", "municipal", null, null,
        null, null, null));
  }

  @Test
  void moreConvertedThanAchievedIsOutOfRange() {
    String row = studio("S2").with("achievements", "3").with("achievements_converted", "4").csv();
    assertRejected(withBadStudio(row), "achievements_converted", ReasonCode.OUT_OF_RANGE, row);
  }

  @Test
  void allAchievementsConvertedIsFine() {
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv()).studios(
        studio("S1").with("achievements", "3").with("achievements_converted", "3").csv(),
        studio("S2").with("achievements", "0").with("achievements_converted", "0").csv()));
    assertThat(result.rejectedRows()).isEmpty();
    assertThat(result.studios()).hasSize(2);
  }

  @ParameterizedTest
  @CsvSource({"achievements, -1", "achievements_converted, -1", "funding_wan_yuan, -0.5"})
  void negativeNumbers(String column, String value) {
    String row = studio("S2").with(column, value).csv();
    assertRejected(withBadStudio(row), column, ReasonCode.OUT_OF_RANGE, row);
  }

  @ParameterizedTest
  @CsvSource({"type, workshop", "type, 劳模工作室", "level, provincial", "level, 省级"})
  void unknownCodes(String column, String value) {
    String row = studio("S2").with(column, value).csv();
    assertRejected(withBadStudio(row), column, ReasonCode.BAD_CODE, row);
  }

  @ParameterizedTest
  @CsvSource({"studio_id", "type", "level"})
  void requiredValues(String column) {
    String row = studio("S2").with(column, "").csv();
    assertRejected(withBadStudio(row), column, ReasonCode.MISSING_VALUE, row);
  }

  @Test
  void studioIdOutsideTheCharset() {
    String row = studio("S 2").csv();
    assertRejected(withBadStudio(row), "studio_id", ReasonCode.BAD_ID, row);
  }

  @Test
  void establishedAfterThePeriodEnd() {
    String row = studio("S2").with("established", "2026-01-01").csv();
    assertRejected(withBadStudio(row), "established", ReasonCode.DATE_AFTER_PERIOD_END, row);
  }

  @Test
  void establishedNoDate() {
    String row = studio("S2").with("established", "2025-02-30").csv();
    assertRejected(withBadStudio(row), "established", ReasonCode.BAD_DATE, row);
  }

  @Test
  void achievementsNotWhole() {
    String row = studio("S2").with("achievements", "2.5").csv();
    assertRejected(withBadStudio(row), "achievements", ReasonCode.BAD_NUMBER, row);
  }

  @Test
  void aRepeatedStudioIdRejectsBothAndTheirMembersLoseTheLink() {
    SubmissionResult result = read(inbox.valid("2025", ID_A,
            worker("W1").with("studio_id", "S2").csv(),
            worker("W2").with("studio_id", "S1").csv())
        .studios(studio("S1").csv(), studio("S2").csv(), studio("S2").with("level", "group").csv()));
    assertThat(rowRejects(result)).containsExactly("3 studio_id DUPLICATE_ID", "4 studio_id DUPLICATE_ID");
    assertThat(result.rejectedRows()).allSatisfy(i -> assertThat(i.file()).isEqualTo("studios.csv"));
    assertThat(result.studios()).extracting(StudioRecord::studioId).containsExactly("S1");
    assertThat(warnings(result)).containsExactly("workers.csv 2 studio_id STUDIO_NOT_FOUND");
    assertThat(result.workers()).extracting(WorkerRecord::studioId).containsExactly(null, "S1");
  }

  @Test
  void aRepeatedStudioIdRejectsBothEvenWhenOneBreaksAnotherRule() {
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv())
        .studios(studio("S1").csv(), studio("S2").csv(), studio("S1").with("type", "workshop").csv()));
    assertThat(rowRejects(result)).containsExactlyInAnyOrder("2 studio_id DUPLICATE_ID", "4 studio_id DUPLICATE_ID");
    assertThat(result.studios()).extracting(StudioRecord::studioId).containsExactly("S2");
  }

  @Test
  void aLeaderWhoIsNotAnAcceptedWorkerIsDroppedWithAWarning() {
    SubmissionResult result = read(inbox.valid("2025", ID_A,
            worker("W1").csv(),
            worker("W2").with("gender", "?").csv())
        .studios(
            studio("S1").with("leader_id", "W1").csv(),
            studio("S2").with("leader_id", "W9").csv(),
            studio("S3").with("leader_id", "W2").csv()));
    assertThat(rowRejects(result)).containsExactly("3 gender BAD_CODE");
    assertThat(warnings(result)).containsExactly(
        "studios.csv 3 leader_id LEADER_NOT_FOUND", "studios.csv 4 leader_id LEADER_NOT_FOUND");
    assertThat(result.studios()).extracting(StudioRecord::leaderId).containsExactly("W1", null, null);
  }

  @Test
  void aStudiosFileWithOnlyItsHeaderMeansNoStudios() {
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv()).studios());
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.studios()).isEmpty();
    assertThat(result.counts().studiosRead()).isZero();
  }
}
