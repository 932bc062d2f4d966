package cn.changai.jobs.ingest;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.ID_B;
import static cn.changai.jobs.InboxFixture.ID_GROUP;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static cn.changai.jobs.ingest.Submissions.read;
import static cn.changai.jobs.ingest.Submissions.rejectionCodes;
import static cn.changai.jobs.ingest.Submissions.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of enterprise.json: any break rejects the submission whole, with its reason. */
class EnterpriseJsonTest {

  @TempDir Path temp;
  private InboxFixture inbox;

  @BeforeEach
  void setUp() {
    inbox = new InboxFixture(temp.resolve("inbox"));
  }

  /** A 2025 submission of ID_A with two valid workers and the template changed by {@code change}. */
  private SubmissionResult withJson(Consumer<ObjectNode> change) {
    ObjectNode json = InboxFixture.enterprise("2025", ID_A);
    change.accept(json);
    return read(inbox.submission("2025", ID_A).enterprise(json).workers(worker("W1").csv(), worker("W2").csv()));
  }

  private SubmissionResult withText(String text) {
    return read(inbox.submission("2025", ID_A).enterpriseText(text).workers(worker("W1").csv()));
  }

  private SubmissionResult withBytes(byte[] bytes) {
    return read(inbox.submission("2025", ID_A).file("enterprise.json", bytes).workers(worker("W1").csv()));
  }

  private static ObjectNode figures(ObjectNode json) {
    return (ObjectNode) json.get("figures");
  }

  private static void assertRejected(SubmissionResult result, ReasonCode code) {
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(code);
    assertThat(result.workers()).isEmpty();
    assertThat(result.rejections()).allSatisfy(r -> assertThat(r.path()).endsWith("/enterprise.json"));
  }

  @Test
  void theTemplateIsAccepted() {
    SubmissionResult result = withJson(json -> {});
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    EnterpriseRecord e = result.enterprise();
    assertThat(e.schemaVersion()).isEqualTo(1);
    assertThat(e.period()).isEqualTo("2025");
    assertThat(e.enterpriseId()).isEqualTo(ID_A);
    assertThat(e.name()).isEqualTo("上海示例电子集团有限公司");
    assertThat(e.parentId()).isNull();
    assertThat(e.level()).isEqualTo("group");
    assertThat(e.industry()).isEqualTo("integrated_circuits");
    assertThat(e.district()).isEqualTo("浦东新区");
    // 09:30 at +08:00 is 01:30 UTC.
    assertThat(e.submittedAt()).isEqualTo(Instant.parse("2026-01-10T01:30:00Z"));
    Map<String, Long> expected = new HashMap<>();
    expected.put("ideology_participants", 3400L);
    expected.put("school_partnerships", 3L);
    expected.put("order_class_trainees", 120L);
    expected.put("competition_participants", 800L);
    expected.put("innovation_achievements", 40L);
    expected.put("achievements_converted", 12L);
    expected.put("rationalization_proposals", 300L);
    expected.put("proposals_adopted", 120L);
    expected.put("frontline_party_meeting_attendances", 6L);
    expected.put("congress_levels_required", 3L);
    expected.put("congress_levels_established", 3L);
    expected.put("employee_directors", 1L);
    expected.put("employee_supervisors", 1L);
    expected.put("dedicated_reform_staff", 2L);
    assertThat(e.counts()).isEqualTo(expected);
    assertThat(e.reformInPartyAssessment()).isTrue();
    assertThat(e.innovationFundingWanYuan()).isEqualTo(new BigDecimal("150.0000"));
  }

  @Test
  void aSubsidiaryWithItsParent() {
    SubmissionResult result = withJson(json -> json.setAll(InboxFixture.subsidiary("2025", ID_A)));
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.enterprise().level()).isEqualTo("subsidiary");
    assertThat(result.enterprise().parentId()).isEqualTo(ID_GROUP);
  }

  @Test
  void aBranchWithItsParent() {
    SubmissionResult result = withJson(json -> json.put("level", "branch").put("parent_id", ID_B));
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.enterprise().level()).isEqualTo("branch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{not json", "", "[]", "\"text\"", "42", "{\"schema_version\": 1,}", "{} {}",
      "{\"schema_version\": 1, \"schema_version\": 1}", "// comment\n{}"})
  void textThatIsNotAJsonObject(String text) {
    SubmissionResult result = withText(text);
    assertRejected(result, ReasonCode.BAD_JSON);
    assertThat(result.rejections().get(0).reason()).startsWith("enterprise.json is not");
  }

  @Test
  void bytesThatAreNotUtf8AreNotJson() {
    // The template with its Chinese name written in GB18030: it must not be read as mojibake.
    byte[] gb = InboxFixture.enterprise("2025", ID_A).toPrettyString().getBytes(Charset.forName("GB18030"));
    SubmissionResult result = withBytes(gb);
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(ReasonCode.BAD_JSON);
  }

  @Test
  void aByteOrderMarkIsAllowed() {
    byte[] text = InboxFixture.enterprise("2025", ID_A).toPrettyString().getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[text.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, bom, 3, text.length);
    SubmissionResult result = withBytes(bom);
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.enterprise().name()).isEqualTo("上海示例电子集团有限公司");
  }

  @Test
  void anotherSchemaVersion() {
    assertRejected(withJson(json -> json.put("schema_version", 2)), ReasonCode.BAD_SCHEMA_VERSION);
    assertRejected(withJson(json -> json.put("schema_version", "1")), ReasonCode.BAD_SCHEMA_VERSION);
    assertRejected(withJson(json -> json.put("schema_version", new BigDecimal("1.5"))), ReasonCode.BAD_SCHEMA_VERSION);
  }

  @Test
  void aSchemaVersionWrittenAsTheNumberOneInAnyFormIsVersionOne() {
    // 1.0 from a writer that keeps numbers as doubles, 1e0 and 1.00 too: the number is 1.
    for (String one : new String[] {"1.0", "1e0", "1.00", "10E-1"}) {
      String text = InboxFixture.enterprise("2025", ID_A).toString().replace("\"schema_version\":1", "\"schema_version\":" + one);
      assertThat(text).contains("\"schema_version\":" + one);
      SubmissionResult result = withText(text);
      assertThat(result.status()).as(one).isEqualTo(Status.ACCEPTED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"schema_version", "period", "enterprise_id", "name", "level", "industry", "district",
      "submitted_at", "figures"})
  void aMissingField(String field) {
    SubmissionResult result = withJson(json -> json.remove(field));
    assertRejected(result, ReasonCode.MISSING_FIELD);
    assertThat(result.rejections().get(0).reason()).contains(field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"period", "name", "level", "industry", "submitted_at"})
  void aNullRequiredField(String field) {
    assertRejected(withJson(json -> json.putNull(field)), ReasonCode.MISSING_FIELD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "level", "industry", "district", "submitted_at", "enterprise_id"})
  void aStringFieldOfAnotherType(String field) {
    assertRejected(withJson(json -> json.put(field, 7)), ReasonCode.BAD_FIELD);
  }

  @Test
  void aNegativeFigure() {
    SubmissionResult result = withJson(json -> figures(json).put("school_partnerships", -1));
    assertRejected(result, ReasonCode.BAD_FIELD);
    assertThat(result.rejections().get(0).reason()).contains("school_partnerships", "-1");
  }

  @Test
  void aFigureThatIsNoWholeNumber() {
    assertRejected(withJson(json -> figures(json).put("proposals_adopted", 1.5)), ReasonCode.BAD_FIELD);
    assertRejected(withJson(json -> figures(json).put("proposals_adopted", "120")), ReasonCode.BAD_FIELD);
    assertRejected(withJson(json -> figures(json).put("proposals_adopted", true)), ReasonCode.BAD_FIELD);
  }

  @Test
  void theBooleanAndDecimalFigures() {
    assertRejected(withJson(json -> figures(json).put("reform_in_party_assessment", "yes")), ReasonCode.BAD_FIELD);
    assertRejected(withJson(json -> figures(json).put("reform_in_party_assessment", 1)), ReasonCode.BAD_FIELD);
    assertRejected(withJson(json -> figures(json).put("innovation_funding_wan_yuan", -0.5)), ReasonCode.BAD_FIELD);
    assertRejected(withJson(json -> figures(json).put("innovation_funding_wan_yuan", "150")), ReasonCode.BAD_FIELD);
    SubmissionResult whole = withJson(json -> figures(json).put("innovation_funding_wan_yuan", 7)
        .put("reform_in_party_assessment", false));
    assertThat(whole.enterprise().innovationFundingWanYuan()).isEqualTo(new BigDecimal("7.0000"));
    assertThat(whole.enterprise().reformInPartyAssessment()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"holding", "Group", "GROUP", "集团", ""})
  void anUnknownLevel(String level) {
    assertRejected(withJson(json -> json.put("level", level)), ReasonCode.BAD_FIELD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"shipbuilding", "Integrated_Circuits", "集成电路", ""})
  void anUnknownIndustry(String industry) {
    SubmissionResult result = withJson(json -> json.put("industry", industry));
    assertRejected(result, ReasonCode.BAD_FIELD);
    assertThat(result.rejections().get(0).reason()).contains("industry '" + industry + "'");
  }

  @Test
  void everyIndustryCodeOfTheContract() {
    String[] codes = {"integrated_circuits", "biomedicine", "artificial_intelligence", "electronic_information",
        "life_health", "automotive", "high_end_equipment", "advanced_materials", "fashion_consumer",
        "digital_economy", "green_low_carbon", "metaverse", "smart_terminals", "future_industries",
        "urban_services", "other"};
    for (String code : codes) {
      assertThat(withJson(json -> json.put("industry", code)).status()).as(code).isEqualTo(Status.ACCEPTED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"subsidiary", "branch"})
  void aSubsidiaryOrBranchNeedsAParent(String level) {
    assertRejected(withJson(json -> json.put("level", level)), ReasonCode.MISSING_FIELD);
    assertRejected(withJson(json -> json.put("level", level).remove("parent_id")), ReasonCode.MISSING_FIELD);
    assertRejected(withJson(json -> json.put("level", level).put("parent_id", " ")), ReasonCode.MISSING_FIELD);
  }

  @Test
  void aGroupHasNoParent() {
    SubmissionResult result = withJson(json -> json.put("parent_id", ID_GROUP));
    assertRejected(result, ReasonCode.BAD_FIELD);
    assertThat(result.rejections().get(0).reason()).contains("group", ID_GROUP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"subsidiary", "branch"})
  void aParentIdOfAnotherTypeIsABadFieldAlone(String level) {
    // The parent_id is there, written as a number: one reason, its type, and no "needs a parent_id".
    SubmissionResult result = withJson(json -> json.put("level", level).put("parent_id", 12));
    assertRejected(result, ReasonCode.BAD_FIELD);
    assertThat(result.rejections().get(0).reason()).isEqualTo("parent_id is 12; it must be a string");
  }

  @Test
  void aParentIdThatIsNoCreditCode() {
    assertRejected(withJson(json -> json.put("level", "subsidiary").put("parent_id", "91310000MA1FL0XX2E")),
        ReasonCode.BAD_FIELD);
  }

  @Test
  void moreCongressLevelsEstablishedThanRequired() {
    SubmissionResult result = withJson(json -> figures(json).put("congress_levels_required", 2)
        .put("congress_levels_established", 3));
    assertRejected(result, ReasonCode.BAD_FIELD);
    assertThat(result.rejections().get(0).reason()).contains("congress_levels_established 3", "2");
    assertThat(withJson(json -> figures(json).put("congress_levels_required", 2).put("congress_levels_established", 2))
        .status()).isEqualTo(Status.ACCEPTED);
    assertThat(withJson(json -> figures(json).putNull("congress_levels_required").put("congress_levels_established", 9))
        .status()).isEqualTo(Status.ACCEPTED);
  }

  @Test
  void folderAndFileMustAgreeOnThePeriod() {
    SubmissionResult result = withJson(json -> json.put("period", "2025H2"));
    assertRejected(result, ReasonCode.FOLDER_MISMATCH);
    assertThat(result.rejections().get(0).reason()).contains("2025H2", "'2025'");
  }

  @Test
  void folderAndFileMustAgreeOnTheEnterprise() {
    SubmissionResult result = withJson(json -> json.put("enterprise_id", ID_B));
    assertRejected(result, ReasonCode.FOLDER_MISMATCH);
    assertThat(result.rejections().get(0).reason()).contains(ID_B, ID_A);
  }

  @Test
  void submittedAtNeedsAnOffset() {
    assertRejected(withJson(json -> json.put("submitted_at", "2026-01-10T09:30:00")), ReasonCode.BAD_FIELD);
    assertRejected(withJson(json -> json.put("submitted_at", "2026-01-10 09:30:00+08:00")), ReasonCode.BAD_FIELD);
    assertThat(withJson(json -> json.put("submitted_at", "2026-01-10T01:30:00Z")).enterprise().submittedAt())
        .isEqualTo(Instant.parse("2026-01-10T01:30:00Z"));
  }

  @Test
  void submittedAtKeepsMicrosecondsAsTheTableDoes() {
    // .NET writes seven digits; the table keeps six. Two instants a few hundred nanoseconds apart
    // are one instant here, as they will be once held (a red-team sweep saw them flip each other).
    Instant late = withJson(json -> json.put("submitted_at", "2026-01-10T09:30:00.0000009+08:00")).enterprise().submittedAt();
    Instant early = withJson(json -> json.put("submitted_at", "2026-01-10T09:30:00.0000001+08:00")).enterprise().submittedAt();
    assertThat(late).isEqualTo(early).isEqualTo(Instant.parse("2026-01-10T01:30:00Z"));
    assertThat(withJson(json -> json.put("submitted_at", "2026-01-10T09:30:00.1234567+08:00")).enterprise().submittedAt())
        .isEqualTo(Instant.parse("2026-01-10T01:30:00.123456Z"));
  }

  @Test
  void submittedAtFromYear1To9999Only() {
    // Beyond these years a timestamp cannot be written for Parquet's readers (it overflowed the run).
    SubmissionResult future = withJson(json -> json.put("submitted_at", "+300000-01-01T00:00:00+08:00"));
    assertRejected(future, ReasonCode.BAD_FIELD);
    assertThat(future.rejections().get(0).reason()).contains("outside the years 0001 to 9999");
    assertRejected(withJson(json -> json.put("submitted_at", "-0001-01-01T00:00:00Z")), ReasonCode.BAD_FIELD);
    // 0001-01-01T07:00+08:00 is 0000-12-31T23:00Z.
    assertRejected(withJson(json -> json.put("submitted_at", "0001-01-01T07:00:00+08:00")), ReasonCode.BAD_FIELD);
    assertThat(withJson(json -> json.put("submitted_at", "9999-12-31T23:59:59Z")).enterprise().submittedAt())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    assertThat(withJson(json -> json.put("submitted_at", "0001-01-01T09:00:00+08:00")).enterprise().submittedAt())
        .isEqualTo(Instant.parse("0001-01-01T01:00:00Z"));
  }

  @Test
  void aBlankName() {
    assertRejected(withJson(json -> json.put("name", "  ")), ReasonCode.BAD_FIELD);
  }

  @Test
  void aNullOrMissingFigureIsUnknownNotZero() {
    SubmissionResult result = withJson(json -> {
      figures(json).putNull("school_partnerships");
      figures(json).remove("employee_directors");
      figures(json).putNull("innovation_funding_wan_yuan");
      figures(json).remove("reform_in_party_assessment");
    });
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    EnterpriseRecord e = result.enterprise();
    assertThat(e.counts()).containsEntry("school_partnerships", null).containsEntry("employee_directors", null)
        .containsEntry("ideology_participants", 3400L).hasSize(14);
    assertThat(e.innovationFundingWanYuan()).isNull();
    assertThat(e.reformInPartyAssessment()).isNull();
  }

  @Test
  void emptyFiguresAreAllUnknown() {
    SubmissionResult result = withJson(json -> json.putObject("figures"));
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.enterprise().counts()).hasSize(14).allSatisfy((k, v) -> assertThat(v).as(k).isNull());
  }

  @Test
  void unknownFieldsAreWarningsAndKeptOut() {
    SubmissionResult result = withJson(json -> {
      json.put("remark", "请查收");
      figures(json).put("robots_installed", 12);
    });
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(warnings(result)).containsExactly("enterprise.json null remark UNKNOWN_FIELD",
        "enterprise.json null figures.robots_installed UNKNOWN_FIELD");
    assertThat(result.enterprise().counts()).doesNotContainKey("robots_installed");
    assertThat(result.counts().warnings()).isEqualTo(2);
  }

  @Test
  void pastAHundredUnknownFieldsTheRestAreCountedInOneWarning() {
    // 60 unknown fields at the top and 90 among the figures: 150 in all, the first 100 listed
    // (the 60, then figures u0..u39), and one warning for the other 50.
    SubmissionResult result = withJson(json -> {
      for (int i = 0; i < 60; i++) {
        json.put("x" + i, i);
      }
      for (int i = 0; i < 90; i++) {
        figures(json).put("u" + i, i);
      }
    });
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    List<String> warnings = warnings(result);
    assertThat(warnings).hasSize(101);
    assertThat(warnings.get(59)).isEqualTo("enterprise.json null x59 UNKNOWN_FIELD");
    assertThat(warnings.get(99)).isEqualTo("enterprise.json null figures.u39 UNKNOWN_FIELD");
    assertThat(result.warnings().get(100).reason())
        .isEqualTo("50 more unknown fields (150 in all) are ignored as well, not listed one by one");
    assertThat(result.counts().warnings()).isEqualTo(101);
  }

  @Test
  void everyFaultIsReported() {
    SubmissionResult result = withJson(json -> {
      json.put("industry", "shipbuilding");
      json.put("period", "2024");
      figures(json).put("ideology_participants", -3);
    });
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result))
        .containsExactlyInAnyOrder(ReasonCode.BAD_FIELD, ReasonCode.FOLDER_MISMATCH, ReasonCode.BAD_FIELD);
  }

  @Test
  void aRejectedSubmissionCountsAllItsRowsAsRejected() {
    SubmissionResult result = withJson(json -> json.put("industry", "shipbuilding"));
    assertThat(result.counts().workersRead()).isEqualTo(2);
    assertThat(result.counts().workersAccepted()).isZero();
    assertThat(result.counts().workersRejected()).isEqualTo(2);
    assertThat(result.rejectedRows()).isEmpty();
  }
}
