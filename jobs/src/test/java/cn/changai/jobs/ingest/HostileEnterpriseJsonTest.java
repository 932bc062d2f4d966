package cn.changai.jobs.ingest;

import static cn.changai.jobs.InboxFixture.ID_A;
import static cn.changai.jobs.InboxFixture.WorkerRow.worker;
import static cn.changai.jobs.ingest.Submissions.read;
import static cn.changai.jobs.ingest.Submissions.rejectionCodes;
import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.InboxFixture;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * enterprise.json written by a hostile or careless sender: numbers read exactly and refused in one
 * pass when out of range, personal data in free text refused, every reason short and masked.
 */
class HostileEnterpriseJsonTest {

  /** Stands in the template for the number under test; no figure of the template has this value. */
  private static final String MARK = "777777";

  @TempDir Path temp;
  private InboxFixture inbox;

  @BeforeEach
  void setUp() {
    inbox = new InboxFixture(temp.resolve("inbox"));
  }

  private SubmissionResult withJson(Consumer<ObjectNode> change) {
    ObjectNode json = InboxFixture.enterprise("2025", ID_A);
    change.accept(json);
    return read(inbox.submission("2025", ID_A).enterprise(json).workers(worker("W1").csv()));
  }

  /** The template with {@code figure} written as the literal {@code number}. */
  private SubmissionResult withFigure(String figure, String number) {
    ObjectNode json = InboxFixture.enterprise("2025", ID_A);
    ((ObjectNode) json.get("figures")).put(figure, Integer.parseInt(MARK));
    String text = json.toPrettyString();
    assertThat(text).containsOnlyOnce(MARK);
    return read(inbox.submission("2025", ID_A).enterpriseText(text.replace(MARK, number)).workers(worker("W1").csv()));
  }

  private static String onlyReason(SubmissionResult result, ReasonCode code) {
    assertThat(result.status()).isEqualTo(Status.REJECTED);
    assertThat(rejectionCodes(result)).containsExactly(code);
    return result.rejections().get(0).reason();
  }

  @Test
  void fundingIsReadAsAnExactDecimal() {
    // A binary double holds 12345678901234.5678 as 12345678901234.568 (17 significant digits).
    SubmissionResult result = withFigure("innovation_funding_wan_yuan", "12345678901234.5678");
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.enterprise().innovationFundingWanYuan()).isEqualTo(new BigDecimal("12345678901234.5678"));
    assertThat(withFigure("innovation_funding_wan_yuan", "0.00005").enterprise().innovationFundingWanYuan())
        .isEqualTo(new BigDecimal("0.0001"));
    assertThat(withFigure("innovation_funding_wan_yuan", "1.5e2").enterprise().innovationFundingWanYuan())
        .isEqualTo(new BigDecimal("150.0000"));
  }

  @Test
  void fundingThatRoundsPastFourteenDigitsIsRefused() {
    assertThat(withFigure("innovation_funding_wan_yuan", "99999999999999.99994").enterprise().innovationFundingWanYuan())
        .isEqualTo(new BigDecimal("99999999999999.9999"));
    // Half up, .99995 carries into a fifteenth digit before the point.
    assertThat(onlyReason(withFigure("innovation_funding_wan_yuan", "99999999999999.99995"), ReasonCode.BAD_FIELD))
        .isEqualTo("figures.innovation_funding_wan_yuan is 99999999999999.99995; it must be a decimal ≥ 0"
            + " (at most 14 digits before the point) or null");
  }

  @Test
  void theLargestCountIsKeptAndOneMoreIsRefused() {
    assertThat(withFigure("school_partnerships", "9223372036854775807").enterprise().counts())
        .containsEntry("school_partnerships", Long.MAX_VALUE);
    assertThat(withFigure("school_partnerships", "2e1").enterprise().counts()).containsEntry("school_partnerships", 20L);
    assertThat(onlyReason(withFigure("school_partnerships", "9223372036854775808"), ReasonCode.BAD_FIELD))
        .isEqualTo("figures.school_partnerships is 9223372036854775808; it must be a whole number from 0 to"
            + " 9223372036854775807, or null");
  }

  @Test
  void oneEFourHundredIsABadFieldWithAShortReason() {
    assertThat(onlyReason(withFigure("ideology_participants", "1e400"), ReasonCode.BAD_FIELD))
        .isEqualTo("figures.ideology_participants is 1e400; it must be a whole number from 0 to"
            + " 9223372036854775807, or null");
    assertThat(onlyReason(withFigure("innovation_funding_wan_yuan", "1e400"), ReasonCode.BAD_FIELD))
        .startsWith("figures.innovation_funding_wan_yuan is 1e400; it must be a decimal ≥ 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "1E-2147483648", "1e+99999999999999999999", "-1e-99999", "0.1e100000"})
  @Timeout(10)
  void hugeExponentsAreOutOfRangeWithoutBeingComputed(String number) {
    for (String figure : new String[] {"rationalization_proposals", "innovation_funding_wan_yuan"}) {
      assertThat(onlyReason(withFigure(figure, number), ReasonCode.BAD_FIELD))
          .startsWith("figures." + figure + " is " + number + " (out of range); it must be");
    }
  }

  @Test
  @Timeout(30)
  void aFiftyMegabyteNumberIsRefusedInOnePass() {
    // Converting 52,428,800 digits to a BigDecimal would take hours; only its length is looked at.
    String digits = "9".repeat(50 << 20);
    String reason = onlyReason(withFigure("innovation_funding_wan_yuan", digits), ReasonCode.BAD_FIELD);
    assertThat(reason).isEqualTo("figures.innovation_funding_wan_yuan is " + "9".repeat(40)
        + "… (52428800 characters) (out of range); it must be a decimal ≥ 0 (at most 14 digits before the point)"
        + " or null");
    String fraction = onlyReason(withFigure("proposals_adopted", "0." + "1".repeat(10 << 20)), ReasonCode.BAD_FIELD);
    assertThat(fraction).startsWith("figures.proposals_adopted is 0." + "1".repeat(38) + "… (10485762 characters)");
  }

  @Test
  @Timeout(30)
  void aFortyEightMegabyteDistrictIsABadField() {
    // 16 M characters, 48 MB of UTF-8: below the 64 MiB an enterprise.json may have, far above 200.
    String reason = onlyReason(withJson(json -> json.put("district", "区".repeat(16 << 20))), ReasonCode.BAD_FIELD);
    assertThat(reason).isEqualTo("district is 16777216 characters long; at most 200 are allowed ('" + "区".repeat(40)
        + "… (16777216 characters)')");
  }

  @Test
  void anEnterpriseJsonOverSixtyFourMebibytesIsRefusedWithoutReadingItWhole() {
    String text = InboxFixture.enterprise("2025", ID_A).put("remark", MARK).toPrettyString()
        .replace("\"" + MARK + "\"", "\"" + "x".repeat((64 << 20) + 1) + "\"");
    SubmissionResult result = read(inbox.submission("2025", ID_A).enterpriseText(text).workers(worker("W1").csv()));
    assertThat(onlyReason(result, ReasonCode.BAD_JSON)).isEqualTo("enterprise.json is larger than 67108864 bytes");
  }

  @Test
  void aDeepNestOfArraysIsNotJsonWeRead() {
    String text = InboxFixture.enterprise("2025", ID_A).put("remark", MARK).toPrettyString()
        .replace("\"" + MARK + "\"", "[".repeat(100_000) + "]".repeat(100_000));
    SubmissionResult result = read(inbox.submission("2025", ID_A).enterpriseText(text).workers(worker("W1").csv()));
    assertThat(onlyReason(result, ReasonCode.BAD_JSON)).startsWith("enterprise.json is not valid JSON: ")
        .hasSizeLessThan(SafeText.REASON_LIMIT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"110105194912310021", "１１０１０５１９４９１２３１００２Ｘ", "110105 19491231 0021", "13912345678",
      "110105.19491231.0021", "(139)1234-5678", "139.1234.5678", "139/1234/5678", "139_1234_5678"})
  void anIdentityOrMobileNumberInTheNameRefusesTheSubmission(String number) {
    String reason = onlyReason(withJson(json -> json.put("name", "上海示例" + number + "公司")), ReasonCode.BAD_FIELD);
    // The number is masked from its first digit: a bracket before it stays.
    String stars = number.startsWith("(") ? "(" + "*".repeat(number.length() - 1) : "*".repeat(number.length());
    assertThat(reason).isEqualTo("name '上海示例" + stars + "公司' holds what looks like an identity or mobile number"
        + " (masked here); the warehouse never holds such data");
  }

  @Test
  void aMobileNumberBetweenLettersInTheNameRefusesTheSubmission() {
    // "tel", the 11 digits, then "x": the X after them is a letter, not an identity number's end.
    assertThat(onlyReason(withJson(json -> json.put("name", "上海tel13912345678x公司")), ReasonCode.BAD_FIELD))
        .startsWith("name '上海tel***********x公司' holds what looks like");
  }

  @Test
  void anIdentityNumberInTheDistrictRefusesTheSubmission() {
    assertThat(onlyReason(withJson(json -> json.put("district", "110105-19491231-0021")), ReasonCode.BAD_FIELD))
        .startsWith("district '" + "*".repeat(20) + "' holds what looks like");
  }

  @Test
  void anIdentityNumberAsParentIdIsMaskedInTheReason() {
    SubmissionResult result = withJson(json -> json.put("level", "subsidiary").put("parent_id", "11010519491231002X"));
    assertThat(onlyReason(result, ReasonCode.BAD_FIELD))
        .isEqualTo("parent_id '" + "*".repeat(18) + "' is not a valid credit code");
  }
  @Test
  void anIdentityNumberThatPassesTheCreditCodesCheckIsNoParent() {
    // 110105194901010005: Beijing Chaoyang, born 1949-01-01, its check right by both standards.
    SubmissionResult result = withJson(json -> json.put("level", "subsidiary").put("parent_id", "110105194901010005"));
    assertThat(onlyReason(result, ReasonCode.BAD_FIELD)).isEqualTo("parent_id '" + "*".repeat(18)
        + "' is a resident identity number (which also passes the credit code's check); no enterprise's code is one");
  }


  @Test
  void controlCharactersAndOverlongTextInTheNameAreRefused() {
    assertThat(onlyReason(withJson(json -> json.put("name", "示例\u001B[2J公司")), ReasonCode.BAD_FIELD))
        .isEqualTo("name '示例\\u001B[2J公司' holds a control or bidirectional character; it must be plain text");
    assertThat(onlyReason(withJson(json -> json.put("district", "浦东\u202E新区")), ReasonCode.BAD_FIELD))
        .startsWith("district '浦东\\u202E新区' holds a control");
    assertThat(onlyReason(withJson(json -> json.put("name", "公".repeat(201))), ReasonCode.BAD_FIELD))
        .isEqualTo("name is 201 characters long; at most 200 are allowed ('" + "公".repeat(40) + "… (201 characters)')");
    assertThat(withJson(json -> json.put("name", "公".repeat(200))).status()).isEqualTo(Status.ACCEPTED);
  }

  @Test
  void aMegabyteCodeIsQuotedByItsPrefix() {
    String reason = onlyReason(withJson(json -> json.put("industry", "x".repeat(1 << 20))), ReasonCode.BAD_FIELD);
    assertThat(reason).isEqualTo("industry '" + "x".repeat(40) + "… (1048576 characters)' is not an industry code of the contract");
  }

  @Test
  void aHostileUnknownFieldNameIsCutAndEscapedInItsWarning() {
    String field = "\u001B]0;pwned\u0007" + "f".repeat(100);
    SubmissionResult result = withJson(json -> json.put(field, 1));
    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    Issue warning = result.warnings().get(0);
    assertThat(warning.code()).isEqualTo(ReasonCode.UNKNOWN_FIELD);
    assertThat(warning.column()).isEqualTo("\\u001B]0;pwned\\u0007" + "f".repeat(54) + "… (110 characters)");
    assertThat(warning.reason()).isEqualTo("unknown field '\\u001B]0;pwned\\u0007" + "f".repeat(30)
        + "… (110 characters)' is kept out of the tables");
  }

  @Test
  void aStringWhereANumberBelongsIsNamedByAShortQuote() {
    assertThat(onlyReason(withJson(json -> ((ObjectNode) json.get("figures")).put("employee_directors", "1".repeat(100))),
        ReasonCode.BAD_FIELD)).isEqualTo("figures.employee_directors is the string \"" + "1".repeat(40)
            + "… (100 characters)\"; it must be a whole number from 0 to 9223372036854775807, or null");
    assertThat(onlyReason(withJson(json -> json.putArray("figures").add(1)), ReasonCode.BAD_FIELD))
        .isEqualTo("figures is an array; it must be an object");
  }
}
