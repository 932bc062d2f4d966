package cn.changai.jobs.ingest;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.StudioRow.studio;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static cn.changai.jobs.ingest.Submissions.read;
import static cn.changai.jobs.ingest.Submissions.rowRejects;
import static cn.changai.jobs.ingest.Submissions.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.InboxFixture.StudioRow;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row rule of workers.csv: a bad row sits between two good ones (lines 2 and 4 of the file),
 * is rejected alone with its reason code, column, line and raw text, and the good rows go on.
 */
class WorkerRowRulesTest {

  @TempDir Path temp;
  private InboxFixture inbox;

  @BeforeEach
  void setUp() {
    inbox = new InboxFixture(temp.resolve("inbox"));
  }

  /** The submission 2025/ID_A with W1, the given row on line 3, and W3. */
  private SubmissionResult withBadRow(String row) {
    return read(inbox.valid("2025", ID_A, worker("W1").csv(), row, worker("W3").csv()));
  }

  private static Issue onlyReject(SubmissionResult result) {
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.rejectedRows()).hasSize(1);
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W3");
    assertThat(result.counts().workersRead()).isEqualTo(3);
    assertThat(result.counts().workersAccepted()).isEqualTo(2);
    assertThat(result.counts().workersRejected()).isEqualTo(1);
    return result.rejectedRows().get(0);
  }

  private static void assertRejected(SubmissionResult result, String column, ReasonCode code, String row) {
    Issue issue = onlyReject(result);
    assertThat(issue.file()).isEqualTo("workers.csv");
    assertThat(issue.line()).isEqualTo(3);
    assertThat(issue.column()).isEqualTo(column);
    assertThat(issue.code()).isEqualTo(code);
    assertThat(issue.raw()).isEqualTo(row);
  }

  @Test
  void aValidRowBecomesATypedRecord() {
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv()));
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.rejections()).isEmpty();
    assertThat(result.warnings()).isEmpty();
    assertThat(result.workers()).containsExactly(new WorkerRecord(2, "W1", true, true, false, null, "junior", 1990,
        "M", LocalDate.of(2015, 3, 1), new BigDecimal("80000.0000"), new BigDecimal("12.0000"), null, List.of(),
        false, true, false, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"worker_id", "industrial_worker", "frontline", "party_member", "skill_level", "hire_date"})
  void requiredValueBlank(String column) {
    String row = worker("W2").with(column, "").csv();
    assertRejected(withBadRow(row), column, ReasonCode.MISSING_VALUE, row);
  }

  @Test
  void spacesOnlyCountAsBlank() {
    String row = worker("W2").with("skill_level", "   ").csv();
    assertRejected(withBadRow(row), "skill_level", ReasonCode.MISSING_VALUE, row);
  }

  @ParameterizedTest
  @ValueSource(strings = {"W 2", "W.2", "工号2", "W2/3"})
  void workerIdOutsideTheCharset(String id) {
    String row = worker(id).csv();
    assertRejected(withBadRow(row), "worker_id", ReasonCode.BAD_ID, row);
  }

  @Test
  void workerIdOfSixtyFiveCharactersIsBadButSixtyFourIsFine() {
    String row = worker("w".repeat(65)).csv();
    assertRejected(withBadRow(row), "worker_id", ReasonCode.BAD_ID, row);

    SubmissionResult ok = read(inbox.valid("2024", ID_A, worker("w".repeat(64)).csv(), worker(" _-aZ09 ").csv()));
    assertThat(ok.workers()).extracting(WorkerRecord::workerId).containsExactly("w".repeat(64), "_-aZ09");
  }

  @Test
  void identityNumberAsWorkerIdIsRejectedAndMaskedInTheRawLine() {
    String identity = "11010519491231002X";
    String row = worker(identity).csv();
    Issue issue = onlyReject(withBadRow(row));
    assertThat(issue.code()).isEqualTo(ReasonCode.PERSONAL_DATA);
    assertThat(issue.column()).isEqualTo("worker_id");
    assertThat(issue.line()).isEqualTo(3);
    // The 18 characters are replaced by 18 asterisks; the rest of the line stays.
    assertThat(issue.raw()).isEqualTo("******************" + row.substring(18));
    assertThat(String.valueOf(issue)).doesNotContain(identity).doesNotContain("11010519491231002");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "A110105194912310021|A******************",
      "tel13912345678|tel***********",
      "139_1234_5678|*************",
      // 18 digits and then an X: the X is a letter after the number (it was read as a 19th
      // character, and the id was accepted and published with the number in it).
      "110105194912310021X|******************X",
      "A110105194912310021x|A******************x"})
  void aWorkerIdHoldingAnIdentityOrMobileNumberIsRejectedMasked(String id, String masked) {
    String row = worker(id).csv();
    Issue issue = onlyReject(withBadRow(row));
    assertThat(issue.code()).isEqualTo(ReasonCode.PERSONAL_DATA);
    assertThat(issue.column()).isEqualTo("worker_id");
    // The number is masked in the reason and in the raw line; the letters around it stay.
    assertThat(issue.raw()).startsWith(masked + ",");
    assertThat(issue.reason()).contains("'" + masked + "'").contains("ids must be pseudonyms");
    assertThat(String.valueOf(issue)).doesNotContain("13912345678").doesNotContain("110105194912310021");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mentor_id", "studio_id"})
  void identityNumberFollowedByAnXInALinkColumnIsMaskedInTheWarning(String column) {
    String row = worker("W2").with(column, "110105194912310021X").csv();
    SubmissionResult result = withBadRow(row);
    assertThat(result.rejectedRows()).isEmpty();
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W2", "W3");
    assertThat(result.warnings()).singleElement().satisfies(w -> {
      assertThat(w.line()).isEqualTo(3);
      assertThat(w.reason()).contains("'******************X'");
      assertThat(String.valueOf(w)).doesNotContain("110105194912310021");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"mentor_id", "studio_id"})
  void identityNumberInALinkColumnDropsTheLinkAndKeepsTheRow(String column) {
    // The contract (clarified 2026-12-05): such a link points nowhere, so it is dropped with a
    // warning that masks the value, and the row stays.
    String identity = "110105194912310021";
    String row = worker("W2").with(column, identity).csv();
    SubmissionResult result = withBadRow(row);
    assertThat(result.rejectedRows()).isEmpty();
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W2", "W3");
    assertThat(result.workers().get(1).mentorId()).isNull();
    assertThat(result.workers().get(1).studioId()).isNull();
    assertThat(result.warnings()).singleElement().satisfies(w -> {
      assertThat(w.code()).isEqualTo(column.equals("mentor_id") ? ReasonCode.MENTOR_NOT_FOUND : ReasonCode.STUDIO_NOT_FOUND);
      assertThat(w.line()).isEqualTo(3);
      assertThat(String.valueOf(w)).doesNotContain(identity).contains("******************");
    });
  }

  @Test
  void identityNumberInAnyOtherColumnNeverReachesTheRejectedRow() {
    // Typed into the honours column by mistake: the row breaks BAD_CODE, and no part of the
    // rejected row (reason included) may carry the number.
    String identity = "31010119800101123X";
    String row = worker("W2").with("honours", identity).csv();
    Issue issue = onlyReject(withBadRow(row));
    assertThat(issue.code()).isEqualTo(ReasonCode.BAD_CODE);
    assertThat(issue.column()).isEqualTo("honours");
    assertThat(issue.raw()).doesNotContain(identity);
    assertThat(issue.reason()).doesNotContain(identity);
  }

  @Test
  void mobileNumberInARejectedRowIsMasked() {
    String mobile = "13912345678";
    String row = worker("W2").with("gender", mobile).csv();
    Issue issue = onlyReject(withBadRow(row));
    assertThat(issue.code()).isEqualTo(ReasonCode.BAD_CODE);
    assertThat(issue.raw()).doesNotContain(mobile).contains("***********");
    assertThat(issue.reason()).doesNotContain(mobile);
  }

  @Test
  void aLinkToARowRejectedForItsIdOrAnotherFaultIsDropped() {
    // Line 2 is rejected for its id (a space), line 3 for a bad boolean: neither is an accepted
    // worker, so the mentors naming them (lines 4 and 5) and the studio leader are dropped.
    SubmissionResult result = read(inbox.valid("2025", ID_A,
            worker("W 1").csv(),
            worker("W2").with("frontline", "maybe").csv(),
            worker("W3").with("mentor_id", "W 1").csv(),
            worker("W4").with("mentor_id", "W2").csv())
        .studios(studio("S1").with("leader_id", "W2").csv()));
    assertThat(rowRejects(result)).containsExactly("2 worker_id BAD_ID", "3 frontline BAD_BOOLEAN");
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W3", "W4");
    assertThat(result.workers()).extracting(WorkerRecord::mentorId).containsExactly(null, null);
    assertThat(warnings(result)).containsExactly("studios.csv 2 leader_id LEADER_NOT_FOUND",
        "workers.csv 4 mentor_id MENTOR_NOT_FOUND", "workers.csv 5 mentor_id MENTOR_NOT_FOUND");
  }

  @Test
  void aLinkThatIsNoIdIsNotQuotedInItsWarning() {
    // A mentor's, a studio's or a leader's name written where the contract asks for an id (师傅工号,
    // 领衔人工号): the value can match no id, and its warning, published in the warnings table,
    // quoted the name (2026-12-07). An id that names nothing is still quoted.
    SubmissionResult result = read(inbox.valid("2025", ID_A,
            worker("W1").csv(),
            worker("W2").with("mentor_id", "张三丰").csv(),
            worker("W3").with("studio_id", "李四的工作室").csv(),
            worker("W4").with("mentor_id", "W9").csv())
        .studios(studio("S1").with("leader_id", "Zhang San").csv()));
    assertThat(result.warnings()).extracting(Issue::reason).containsExactly(
        "leader_id (9 characters, not an id of A-Z a-z 0-9 _ -) of studio S1 names no accepted worker; link dropped",
        "mentor_id (3 characters, not an id of A-Z a-z 0-9 _ -) of worker W2 names no accepted worker of the file;"
            + " link dropped",
        "studio_id (6 characters, not an id of A-Z a-z 0-9 _ -) of worker W3 names no accepted studio; link dropped",
        "mentor_id 'W9' of worker W4 names no accepted worker of the file; link dropped");
  }

  @Test
  void aRepeatedWorkerIdRejectsBothRows() {
    SubmissionResult result = read(inbox.valid("2025", ID_A,
        worker("W1").csv(),
        worker("W2").csv(),
        worker("W3").csv(),
        worker("W2").with("frontline", "N").csv(),
        worker("W5").with("mentor_id", "W2").csv()));
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(rowRejects(result)).containsExactly("3 worker_id DUPLICATE_ID", "5 worker_id DUPLICATE_ID");
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W3", "W5");
    // W5's mentor was one of the rejected rows: the link goes, with a warning.
    assertThat(warnings(result)).containsExactly("workers.csv 6 mentor_id MENTOR_NOT_FOUND");
    assertThat(result.workers().get(2).mentorId()).isNull();
    assertThat(result.counts().workersRead()).isEqualTo(5);
    assertThat(result.counts().workersRejected()).isEqualTo(2);
  }

  @Test
  void aRepeatedWorkerIdRejectsBothRowsEvenWhenOneBreaksAnotherRule() {
    // The second W2 also has an impossible hire date, but worker_id is the first column, so the
    // duplicate is its first fault; the first W2 goes too (docs/ingest.md).
    SubmissionResult result = read(inbox.valid("2025", ID_A,
        worker("W1").csv(),
        worker("W2").csv(),
        worker("W3").csv(),
        worker("W2").with("hire_date", "2025-02-30").csv()));
    assertThat(rowRejects(result)).containsExactlyInAnyOrder("3 worker_id DUPLICATE_ID", "5 worker_id DUPLICATE_ID");
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W3");
    assertThat(result.counts().workersRejected()).isEqualTo(2);
  }

  @Test
  void anIdentityNumberAtTheCutOfALongRawLineIsMaskedWhole() {
    // The raw line is kept to 1000 characters: the number must be masked before the cut, or its
    // first digits (region and birth date) would stay readable. A long bad honours value puts the
    // number (in studio_id, the last column) across the cut; fields of a row of another number of
    // fields than the header are no longer all kept, so the row has the header's number.
    String identity = "110105194912310021";
    int withoutFiller = worker("W2").with("honours", "").with("studio_id", identity).csv().length();
    String filler = "a".repeat(1000 - 16 + identity.length() - withoutFiller);
    String row = worker("W2").with("honours", filler).with("studio_id", identity).csv();
    InboxFixture.Submission s = inbox.submission("2025", ID_A).enterprise(InboxFixture.enterprise("2025", ID_A))
        .workersLines(InboxFixture.WORKERS_HEADER, worker("W1").csv(), row);
    assertThat(row.indexOf(identity)).isEqualTo(1000 - 16);
    Issue issue = onlyRejectOf(read(s));
    assertThat(issue.code()).isEqualTo(ReasonCode.BAD_CODE);
    assertThat(issue.raw()).hasSize(Issue.RAW_LIMIT).doesNotContain("11010519491231");
    assertThat(issue.raw()).endsWith("," + "*".repeat(16));
  }

  private static Issue onlyRejectOf(SubmissionResult result) {
    assertThat(result.rejectedRows()).hasSize(1);
    return result.rejectedRows().get(0);
  }

  @Test
  void everyBooleanFormIsAccepted() {
    SubmissionResult result = read(inbox.valid("2025", ID_A,
        worker("W1").with("industrial_worker", "Y").with("frontline", "N").with("party_member", "y")
            .with("party_joined", "2020-07-01").with("mass_org_post", "n").with("health_check", "Y")
            .with("recuperation", "N").csv(),
        worker("W2").with("industrial_worker", "是").with("frontline", "否").with("party_member", "否")
            .with("mass_org_post", "是").with("health_check", "否").with("recuperation", "是").csv(),
        worker("W3").with("industrial_worker", "TRUE").with("frontline", "false").with("party_member", "False")
            .with("mass_org_post", "true").with("health_check", "FALSE").with("recuperation", "True").csv(),
        worker("W4").with("industrial_worker", "1").with("frontline", "0").with("party_member", "0")
            .with("mass_org_post", " 1 ").with("health_check", "0").with("recuperation", "1").csv(),
        worker("W5").with("mass_org_post", "").with("health_check", "").with("recuperation", "").csv()));
    assertThat(result.rejectedRows()).isEmpty();
    List<WorkerRecord> w = result.workers();
    assertThat(w).extracting(WorkerRecord::industrialWorker).containsExactly(true, true, true, true, true);
    assertThat(w).extracting(WorkerRecord::frontline).containsExactly(false, false, false, false, true);
    assertThat(w).extracting(WorkerRecord::partyMember).containsExactly(true, false, false, false, false);
    assertThat(w).extracting(WorkerRecord::massOrgPost).containsExactly(false, true, true, true, false);
    assertThat(w).extracting(WorkerRecord::healthCheck).containsExactly(true, false, false, false, false);
    assertThat(w).extracting(WorkerRecord::recuperation).containsExactly(false, true, true, true, false);
  }

  @ParameterizedTest
  @CsvSource({"frontline, maybe", "industrial_worker, yes", "party_member, 2", "health_check, X", "recuperation, 不"})
  void otherBooleans(String column, String value) {
    String row = worker("W2").with(column, value).csv();
    assertRejected(withBadRow(row), column, ReasonCode.BAD_BOOLEAN, row);
  }

  @ParameterizedTest
  @CsvSource({"hire_date, 2025-02-30", "hire_date, 2025-13-01", "hire_date, 2025/2/29", "party_joined, 2020-00-10"})
  void impossibleDates(String column, String value) {
    String row = worker("W2").with("party_member", "Y").with(column, value).csv();
    assertRejected(withBadRow(row), column, ReasonCode.BAD_DATE, row);
  }

  @Test
  void bothDateForms() {
    SubmissionResult result = read(inbox.valid("2025", ID_A,
        worker("W1").with("hire_date", "2001/2/3").with("party_member", "Y").with("party_joined", "2010/11/12").csv(),
        worker("W2").with("hire_date", "2001-02-03").with("party_member", "Y").with("party_joined", "2010-11-12").csv()));
    assertThat(result.rejectedRows()).isEmpty();
    for (WorkerRecord w : result.workers()) {
      assertThat(w.hireDate()).isEqualTo(LocalDate.of(2001, 2, 3));
      assertThat(w.partyJoined()).isEqualTo(LocalDate.of(2010, 11, 12));
    }
  }

  @ParameterizedTest
  @CsvSource({"hire_date, 2026-01-01", "hire_date, 2026/1/1", "party_joined, 2026-03-01"})
  void datesAfterTheYearEnd(String column, String value) {
    String row = worker("W2").with("party_member", "Y").with(column, value).csv();
    assertRejected(withBadRow(row), column, ReasonCode.DATE_AFTER_PERIOD_END, row);
  }

  @Test
  void aQuartersEndIsItsLastDay() {
    // 2025Q1 ends 2025-03-31: hired that day is fine, the day after is not.
    SubmissionResult result = read(inbox.valid("2025Q1", ID_A,
        worker("W1").with("hire_date", "2025-03-31").csv(),
        worker("W2").with("hire_date", "2025-04-01").csv(),
        worker("W3").with("party_member", "Y").with("party_joined", "2025/4/1").csv()));
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1");
    assertThat(rowRejects(result))
        .containsExactly("3 hire_date DATE_AFTER_PERIOD_END", "4 party_joined DATE_AFTER_PERIOD_END");
  }

  @Test
  void partyJoinedNeedsAPartyMember() {
    String row = worker("W2").with("party_member", "N").with("party_joined", "2019-07-01").csv();
    assertRejected(withBadRow(row), "party_joined", ReasonCode.PARTY_JOINED_NOT_MEMBER, row);
  }

  @Test
  void aPartyMemberMayLeavePartyJoinedBlank() {
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").with("party_member", "Y").csv()));
    assertThat(result.workers()).singleElement().satisfies(w -> {
      assertThat(w.partyMember()).isTrue();
      assertThat(w.partyJoined()).isNull();
    });
  }

  @ParameterizedTest
  @CsvSource({"skill_level, expert", "skill_level, 五级工", "gender, X", "gender, 男性", "honours, 劳模",
      "honours, national_model_worker;bogus"})
  void unknownCodes(String column, String value) {
    String row = worker("W2").with(column, value).csv();
    assertRejected(withBadRow(row), column, ReasonCode.BAD_CODE, row);
  }

  @Test
  void chineseNamesAreNormalisedToTheCode() {
    SubmissionResult result = read(inbox.valid("2025", ID_A,
        worker("W1").with("skill_level", "初级工").with("gender", "男").with("honours", "全国劳动模范").csv(),
        worker("W2").with("skill_level", "高级技师（一级）").with("gender", "女").with("honours", "上海工匠").csv(),
        worker("W3").with("skill_level", "首席技师").with("gender", "f").with("honours", "NATIONAL_CRAFTSMAN").csv(),
        worker("W4").with("skill_level", "Senior").with("gender", "").csv()));
    assertThat(result.rejectedRows()).isEmpty();
    assertThat(result.workers()).extracting(WorkerRecord::skillLevel)
        .containsExactly("junior", "senior_technician", "chief_technician", "senior");
    assertThat(result.workers()).extracting(WorkerRecord::gender).containsExactly("M", "F", "F", null);
    assertThat(result.workers()).extracting(WorkerRecord::honours).containsExactly(
        List.of("national_model_worker"), List.of("shanghai_craftsman"), List.of("national_craftsman"), List.of());
  }

  @Test
  void honoursAreSeparatedByEitherSemicolon() {
    SubmissionResult result = read(inbox.valid("2025", ID_A,
        worker("W1").with("honours", "全国劳动模范;may1_medal").csv(),
        worker("W2").with("honours", "上海市劳动模范；大国工匠").csv(),
        worker("W3").with("honours", " group_model_worker ； 上海工匠 ;").csv()));
    assertThat(result.rejectedRows()).isEmpty();
    assertThat(result.workers()).extracting(WorkerRecord::honours).containsExactly(
        List.of("national_model_worker", "may1_medal"),
        List.of("municipal_model_worker", "national_craftsman"),
        List.of("group_model_worker", "shanghai_craftsman"));
  }

  @Test
  void birthYearRunsFrom1940ToFifteenYearsBeforeThePeriod() {
    // 2025: 1940 .. 2010.
    SubmissionResult result = read(inbox.valid("2025", ID_A,
        worker("W1").with("birth_year", "1940").csv(),
        worker("W2").with("birth_year", "2010").csv(),
        worker("W3").with("birth_year", "1939").csv(),
        worker("W4").with("birth_year", "2011").csv(),
        worker("W5").with("birth_year", "").csv()));
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W2", "W5");
    assertThat(result.workers()).extracting(WorkerRecord::birthYear).containsExactly(1940, 2010, null);
    assertThat(rowRejects(result)).containsExactly("4 birth_year OUT_OF_RANGE", "5 birth_year OUT_OF_RANGE");
  }

  @Test
  void birthYearBoundFollowsThePeriodsYear() {
    // 2024H1: 2009 is the youngest allowed.
    SubmissionResult result = read(inbox.valid("2024H1", ID_A,
        worker("W1").with("birth_year", "2009").csv(),
        worker("W2").with("birth_year", "2010").csv()));
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1");
    assertThat(rowRejects(result)).containsExactly("3 birth_year OUT_OF_RANGE");
  }

  @ParameterizedTest
  @CsvSource({"annual_wage_yuan, -1", "annual_wage_yuan, -0.01", "training_hours, -4"})
  void negativeAmounts(String column, String value) {
    String row = worker("W2").with(column, value).csv();
    assertRejected(withBadRow(row), column, ReasonCode.OUT_OF_RANGE, row);
  }

  @Test
  void blankTrainingIsZeroAndBlankWageIsUnknown() {
    SubmissionResult result = read(inbox.valid("2025", ID_A,
        worker("W1").with("annual_wage_yuan", "").with("training_hours", "").csv(),
        worker("W2").with("annual_wage_yuan", "0").with("training_hours", "0").csv(),
        worker("W3").with("annual_wage_yuan", "123456.789").with("training_hours", "7.5").csv()));
    assertThat(result.rejectedRows()).isEmpty();
    assertThat(result.workers()).extracting(WorkerRecord::annualWageYuan)
        .containsExactly(null, new BigDecimal("0.0000"), new BigDecimal("123456.7890"));
    assertThat(result.workers()).extracting(WorkerRecord::trainingHours)
        .containsExactly(new BigDecimal("0.0000"), new BigDecimal("0.0000"), new BigDecimal("7.5000"));
  }

  @Test
  void tooFewOrTooManyFields() {
    String short16 = worker("W2").csv().substring(0, worker("W2").csv().lastIndexOf(','));
    String long18 = worker("W4").csv() + ",extra";
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv(), short16, worker("W3").csv(),
        long18, worker("W5").csv()));
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W3", "W5");
    assertThat(rowRejects(result)).containsExactly("3 null FIELD_COUNT", "5 null FIELD_COUNT");
    assertThat(result.rejectedRows().get(0).raw()).isEqualTo(short16);
    assertThat(result.rejectedRows().get(0).reason()).contains("16", "17");
    // Which field is under which header cell is unknown: the field past the header's last cell
    // may hold anything (a name in a column the header does not name), so it is not kept.
    assertThat(result.rejectedRows().get(1).raw()).isEqualTo(worker("W4").csv() + ",…");
  }

  @Test
  void aStrayQuoteRejectsItsRowOnly() {
    String stray = worker("W2").with("skill_level", "\"abc\"x").csv();
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv(), stray, worker("W3").csv(),
        worker("W4").csv()));
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W3", "W4");
    assertThat(result.workers()).extracting(WorkerRecord::line).containsExactly(2, 4, 5);
    assertThat(rowRejects(result)).containsExactly("3 null MALFORMED_ROW");
    assertThat(result.rejectedRows().get(0).raw()).isEqualTo(stray);
    assertThat(result.counts().workersRead()).isEqualTo(4);
  }

  /**
   * A stray quote is found wherever it stands in its record, not only in the first 1,064
   * characters that the raw text keeps: the same row with a long honours list before the stray
   * quote was accepted, with the characters after the closing quote kept in the value
   * (studio_id {@code "LM01"x} became {@code LM01x}).
   */
  @Test
  void aStrayQuoteFarIntoALongRecordRejectsItsRow() {
    String honours = "上海工匠;".repeat(250); // 1,250 characters before the stray quote
    String strayLong = worker("W2").with("honours", honours).with("studio_id", "\"LM01\"x").csv();
    String strayShort = worker("W3").with("studio_id", "\"LM01\"x").csv();
    String fineLong = worker("W4").with("honours", honours).csv();
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv(), strayLong, strayShort, fineLong));
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W4");
    assertThat(result.workers().get(1).honours()).containsExactly("shanghai_craftsman");
    assertThat(rowRejects(result)).containsExactly("3 null MALFORMED_ROW", "4 null MALFORMED_ROW");
    assertThat(result.counts().workersRead()).isEqualTo(4);
  }

  @Test
  void twoStrayQuotesInARow() {
    String first = worker("W2").with("gender", "\"M\"F").csv();
    String second = worker("W3").with("honours", "\"上海工匠\"；大国工匠").csv();
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv(), first, second, worker("W4").csv()));
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W4");
    assertThat(rowRejects(result)).containsExactly("3 null MALFORMED_ROW", "4 null MALFORMED_ROW");
  }

  @Test
  void aRowOfEmptyFieldsIsBlank() {
    String blank = ",".repeat(16);
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").csv(), blank, worker("W3").csv()));
    assertThat(rowRejects(result)).containsExactly("3 null BLANK_ROW");
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W3");
  }

  @Test
  void emptyLinesAreSkippedButCountedInLineNumbers() {
    SubmissionResult result = read(inbox.submission("2025", ID_A)
        .enterprise(InboxFixture.enterprise("2025", ID_A))
        .workersLines(InboxFixture.WORKERS_HEADER, worker("W1").csv(), "", "", worker("W2").with("gender", "X").csv(),
            worker("W3").csv(), ""));
    assertThat(result.workers()).extracting(WorkerRecord::line).containsExactly(2, 6);
    assertThat(rowRejects(result)).containsExactly("5 gender BAD_CODE");
    assertThat(result.counts().workersRead()).isEqualTo(3);
  }

  @Test
  void aQuotedLineBreakKeepsLaterLineNumbersPhysical() {
    // An extra column "remark" holds a quoted value over two lines: W1 covers lines 2-3.
    InboxFixture.Submission s = inbox.submission("2025", ID_A).enterprise(InboxFixture.enterprise("2025", ID_A));
    s.file("workers.csv", InboxFixture.encode(InboxFixture.Encoding.UTF8, "\r\n",
        InboxFixture.WORKERS_HEADER + ",remark",
        worker("W1").csv() + ",\"first line",
        "second line, with a comma\"",
        worker("W2").with("frontline", "maybe").csv() + ",",
        worker("W3").csv() + ",\"\"\"quoted\"\"\""));
    SubmissionResult result = read(s);
    assertThat(result.workers()).extracting(WorkerRecord::workerId).containsExactly("W1", "W3");
    assertThat(result.workers()).extracting(WorkerRecord::line).containsExactly(2, 5);
    assertThat(rowRejects(result)).containsExactly("4 frontline BAD_BOOLEAN");
    assertThat(result.rejectedRows().get(0).raw()).isEqualTo(worker("W2").with("frontline", "maybe").csv() + ",");
    assertThat(warnings(result)).containsExactly("workers.csv 1 remark IGNORED_COLUMN");
  }

  @Test
  void linksThatPointNowhereAreDroppedWithAWarning() {
    InboxFixture.Submission s = inbox.valid("2025", ID_A,
        worker("W1").with("studio_id", "S1").csv(),
        worker("W2").with("mentor_id", "W1").with("studio_id", "S9").csv(),
        worker("W3").with("mentor_id", "W404").csv(),
        worker("W4").with("mentor_id", "W4").csv());
    s.studios(StudioRow.studio("S1").with("leader_id", "W1").csv());
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.rejectedRows()).isEmpty();
    assertThat(warnings(result)).containsExactly(
        "workers.csv 3 studio_id STUDIO_NOT_FOUND",
        "workers.csv 4 mentor_id MENTOR_NOT_FOUND",
        "workers.csv 5 mentor_id MENTOR_NOT_FOUND");
    assertThat(result.workers()).extracting(WorkerRecord::mentorId).containsExactly(null, "W1", null, null);
    assertThat(result.workers()).extracting(WorkerRecord::studioId).containsExactly("S1", null, null, null);
    assertThat(result.counts().warnings()).isEqualTo(3);
    assertThat(result.warnings().get(1).reason()).contains("W404");
  }

  @Test
  void aStudioLinkNeedsAStudiosFile() {
    SubmissionResult result = read(inbox.valid("2025", ID_A, worker("W1").with("studio_id", "S1").csv()));
    assertThat(warnings(result)).containsExactly("workers.csv 2 studio_id STUDIO_NOT_FOUND");
    assertThat(result.workers().get(0).studioId()).isNull();
  }

  @Test
  void extraColumnsAreIgnoredWithAWarning() {
    InboxFixture.Submission s = inbox.submission("2025", ID_A).enterprise(InboxFixture.enterprise("2025", ID_A))
        .workersLines("remark," + InboxFixture.WORKERS_HEADER + ",部门",
            "hello," + worker("W1").csv() + ",车间");
    SubmissionResult result = read(s);
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(warnings(result)).containsExactly("workers.csv 1 remark IGNORED_COLUMN", "workers.csv 1 部门 IGNORED_COLUMN");
    assertThat(result.workers()).singleElement().satisfies(w -> {
      assertThat(w.workerId()).isEqualTo("W1");
      assertThat(w.skillLevel()).isEqualTo("junior");
    });
  }
}
