package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.changai.domain.Gender;
import cn.changai.domain.Honour;
import cn.changai.domain.SkillLevel;
import cn.changai.domain.StudioLevel;
import cn.changai.domain.StudioType;
import cn.changai.jobs.ingest.FieldValue.RowFault;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One cell at a time: booleans, dates, numbers, codes and ids under the contract's rules. */
class FieldValueTest {

  private static final LocalDate END_2025 = LocalDate.of(2025, 12, 31);

  private static RowFault fault(ThrowingCall call) {
    RowFault fault = catchThrowableOfType(RowFault.class, call::run);
    assertThat(fault).as("a RowFault").isNotNull();
    return fault;
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @ParameterizedTest
  @ValueSource(strings = {"Y", "y", "是", "true", "TRUE", "True", "1", " Y ", "\tTrue "})
  void trueForms(String value) throws RowFault {
    assertThat(FieldValue.bool("frontline", value, null)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"N", "n", "否", "false", "FALSE", "False", "0", " 否 "})
  void falseForms(String value) throws RowFault {
    assertThat(FieldValue.bool("frontline", value, null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "yes", "no", "T", "F", "2", "-1", "是的", "YN"})
  void otherBooleansAreBad(String value) {
    RowFault fault = fault(() -> FieldValue.bool("frontline", value, null));
    assertThat(fault.code).isEqualTo(ReasonCode.BAD_BOOLEAN);
    assertThat(fault.column).isEqualTo("frontline");
    assertThat(fault.getMessage()).contains(value.strip());
  }

  @Test
  void blankBooleanIsMissingWhenRequiredAndTheDefaultOtherwise() throws RowFault {
    assertThat(fault(() -> FieldValue.bool("party_member", " ", null)).code).isEqualTo(ReasonCode.MISSING_VALUE);
    assertThat(FieldValue.bool("health_check", "", false)).isFalse();
    assertThat(FieldValue.bool("health_check", null, false)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "2025-02-28, 2025-02-28",
    "2025/2/8,   2025-02-08",
    "2025/02/08, 2025-02-08",
    "2025/12/31, 2025-12-31",
    "2024/2/29,  2024-02-29",
    "2024-02-29, 2024-02-29",
  })
  void bothDateForms(String value, LocalDate expected) throws RowFault {
    assertThat(FieldValue.date("hire_date", value, true, END_2025)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-02-30", "2025-13-01", "2025-02-29", "2025/2/30", "2025-1-5", "2025.01.05",
      "20250105", "05/01/2025", "2025-01-05T00:00", "yesterday", "0000-01-01", "0000-02-29", "0/1/1"})
  void badDates(String value) {
    RowFault fault = fault(() -> FieldValue.date("hire_date", value, true, END_2025));
    assertThat(fault.code).isEqualTo(ReasonCode.BAD_DATE);
    assertThat(fault.column).isEqualTo("hire_date");
  }

  @Test
  void theLastDayIsInAndTheNextOneAfter() throws RowFault {
    assertThat(FieldValue.date("hire_date", "2025-12-31", true, END_2025)).isEqualTo(END_2025);
    RowFault fault = fault(() -> FieldValue.date("hire_date", "2026-01-01", true, END_2025));
    assertThat(fault.code).isEqualTo(ReasonCode.DATE_AFTER_PERIOD_END);
    assertThat(fault.getMessage()).contains("2026-01-01", "2025-12-31");
  }

  @Test
  void noBreakAndOtherUnicodeSpacesAroundAValueAreTrimmedToo() throws RowFault {
    // U+00A0 (no-break space, as Excel and web pages write it), U+202F, U+2007, U+3000 (ideographic).
    assertThat(FieldValue.bool("frontline", "Y\u00A0", null)).isTrue();
    assertThat(FieldValue.code("skill_level", "\u00A0senior\u3000", SkillLevel.class, true)).isEqualTo("senior");
    assertThat(FieldValue.date("hire_date", "\u202F2020-01-01\u2007", true, END_2025)).isEqualTo(LocalDate.of(2020, 1, 1));
    assertThat(FieldValue.date("party_joined", "\u00A0\u3000 ", false, END_2025)).isNull();
    assertThat(FieldValue.strip("\tW1 \u00A0")).isEqualTo("W1");
    // Inside a value a space stays, and characters that are no space (zero-width U+200B) stay too.
    assertThat(FieldValue.strip("\u00A0上海 工匠\u00A0")).isEqualTo("上海 工匠");
    assertThat(FieldValue.strip("\u200BW1")).isEqualTo("\u200BW1");
  }

  @Test
  void blankDate() throws RowFault {
    assertThat(FieldValue.date("party_joined", "  ", false, END_2025)).isNull();
    assertThat(fault(() -> FieldValue.date("hire_date", "", true, END_2025)).code).isEqualTo(ReasonCode.MISSING_VALUE);
  }

  @Test
  void decimals() throws RowFault {
    assertThat(FieldValue.nonNegativeDecimal("annual_wage_yuan", "80000", null)).isEqualTo(new BigDecimal("80000.0000"));
    assertThat(FieldValue.nonNegativeDecimal("annual_wage_yuan", " 12.5 ", null)).isEqualTo(new BigDecimal("12.5000"));
    assertThat(FieldValue.nonNegativeDecimal("annual_wage_yuan", "0", null)).isEqualTo(new BigDecimal("0.0000"));
    // Four places, half up: 0.00005 -> 0.0001.
    assertThat(FieldValue.nonNegativeDecimal("annual_wage_yuan", "0.00005", null)).isEqualTo(new BigDecimal("0.0001"));
    assertThat(FieldValue.nonNegativeDecimal("annual_wage_yuan", "", null)).isNull();
    assertThat(FieldValue.nonNegativeDecimal("training_hours", "", BigDecimal.ZERO)).isEqualTo(BigDecimal.ZERO);
    RowFault negative = fault(() -> FieldValue.nonNegativeDecimal("annual_wage_yuan", "-1", null));
    assertThat(negative.code).isEqualTo(ReasonCode.OUT_OF_RANGE);
    assertThat(negative.column).isEqualTo("annual_wage_yuan");
    assertThat(fault(() -> FieldValue.nonNegativeDecimal("annual_wage_yuan", "80,000", null)).code)
        .isEqualTo(ReasonCode.BAD_NUMBER);
    assertThat(fault(() -> FieldValue.nonNegativeDecimal("annual_wage_yuan", "1e5", null)).code)
        .isEqualTo(ReasonCode.BAD_NUMBER);
  }

  @Test
  void integersWithinBounds() throws RowFault {
    assertThat(FieldValue.integer("birth_year", "1940", 1940, 2010)).isEqualTo(1940);
    assertThat(FieldValue.integer("birth_year", " 2010 ", 1940, 2010)).isEqualTo(2010);
    assertThat(FieldValue.integer("birth_year", "", 1940, 2010)).isNull();
    assertThat(fault(() -> FieldValue.integer("birth_year", "1939", 1940, 2010)).code).isEqualTo(ReasonCode.OUT_OF_RANGE);
    assertThat(fault(() -> FieldValue.integer("birth_year", "2011", 1940, 2010)).code).isEqualTo(ReasonCode.OUT_OF_RANGE);
    assertThat(fault(() -> FieldValue.integer("birth_year", "1990.0", 1940, 2010)).code).isEqualTo(ReasonCode.BAD_NUMBER);
    assertThat(fault(() -> FieldValue.integer("birth_year", "一九九〇", 1940, 2010)).code).isEqualTo(ReasonCode.BAD_NUMBER);
  }

  /** An int column holds 2,147,483,647 at most: ten digits and more are numbers, too large or not. */
  @Test
  void longWholeNumbersAreNumbersOutOfRangeOrNot() throws RowFault {
    int max = Integer.MAX_VALUE;
    assertThat(FieldValue.integer("achievements", "1000000000", 0, max)).isEqualTo(1_000_000_000);
    assertThat(FieldValue.integer("achievements", "2147483647", 0, max)).isEqualTo(max);
    assertThat(FieldValue.integer("achievements", "+0000000000012", 0, max)).isEqualTo(12);
    assertThat(FieldValue.integer("achievements", "0000", 0, max)).isZero();
    assertThat(FieldValue.integer("achievements", "-0", 0, max)).isZero();
    RowFault over = fault(() -> FieldValue.integer("achievements", "2147483648", 0, max));
    assertThat(over.code).isEqualTo(ReasonCode.OUT_OF_RANGE);
    assertThat(over.getMessage()).isEqualTo("achievements 2147483648 is outside 0 to 2147483647");
    RowFault huge = fault(() -> FieldValue.integer("achievements", "123456789012345678901234567890", 0, max));
    assertThat(huge.code).isEqualTo(ReasonCode.OUT_OF_RANGE);
    assertThat(huge.getMessage()).contains("'123456789012345678901234567890'", "outside 0 to 2147483647");
    assertThat(fault(() -> FieldValue.integer("achievements", "-1", 0, max)).code).isEqualTo(ReasonCode.OUT_OF_RANGE);
    assertThat(fault(() -> FieldValue.integer("achievements", "-99999999999", 0, max)).code).isEqualTo(ReasonCode.OUT_OF_RANGE);
    assertThat(fault(() -> FieldValue.integer("achievements", "+", 0, max)).code).isEqualTo(ReasonCode.BAD_NUMBER);
    assertThat(fault(() -> FieldValue.integer("achievements", "12a", 0, max)).code).isEqualTo(ReasonCode.BAD_NUMBER);
  }

  @ParameterizedTest
  @CsvSource({
    "none, none", "无, none", "初级工, junior", "五级, junior", "初级工（五级）, junior", "初级工(五级), junior",
    "JUNIOR, junior", "中级工, intermediate", "四级, intermediate", "高级工, senior", "三级, senior",
    "技师, technician", "二级, technician", "高级技师, senior_technician", "一级, senior_technician",
    "特级技师, special_technician", "首席技师, chief_technician", "' Senior_Technician ', senior_technician",
  })
  void skillLevelsByCodeOrChineseName(String value, String code) throws RowFault {
    assertThat(FieldValue.code("skill_level", value, SkillLevel.class, true)).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({"M, M", "m, M", "男, M", "F, F", "f, F", "女, F"})
  void genders(String value, String code) throws RowFault {
    assertThat(FieldValue.code("gender", value, Gender.class, false)).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({
    "全国劳动模范, national_model_worker", "全国五一劳动奖章, may1_medal", "上海市劳动模范, municipal_model_worker",
    "大国工匠, national_craftsman", "上海工匠, shanghai_craftsman", "集团劳模, group_model_worker",
    "NATIONAL_MODEL_WORKER, national_model_worker", "May1_Medal, may1_medal",
  })
  void honours(String value, String code) throws RowFault {
    assertThat(FieldValue.code("honours", value, Honour.class, true)).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({"劳模创新工作室, model_worker", "工匠创新工作室, craftsman", "首席技师工作室, chief_technician",
      "Craftsman, craftsman"})
  void studioTypes(String value, String code) throws RowFault {
    assertThat(FieldValue.code("type", value, StudioType.class, true)).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({"全国, national", "市级, municipal", "集团级, group", "企业级, enterprise", "NATIONAL, national"})
  void studioLevels(String value, String code) throws RowFault {
    assertThat(FieldValue.code("level", value, StudioLevel.class, true)).isEqualTo(code);
  }

  @Test
  void unknownCodes() {
    RowFault skill = fault(() -> FieldValue.code("skill_level", "expert", SkillLevel.class, true));
    assertThat(skill.code).isEqualTo(ReasonCode.BAD_CODE);
    assertThat(skill.column).isEqualTo("skill_level");
    assertThat(skill.getMessage()).contains("expert");
    assertThat(fault(() -> FieldValue.code("gender", "X", Gender.class, false)).code).isEqualTo(ReasonCode.BAD_CODE);
    assertThat(fault(() -> FieldValue.code("gender", "男性", Gender.class, false)).code).isEqualTo(ReasonCode.BAD_CODE);
    assertThat(fault(() -> FieldValue.code("honours", "劳模", Honour.class, true)).code).isEqualTo(ReasonCode.BAD_CODE);
    assertThat(fault(() -> FieldValue.code("skill_level", "", SkillLevel.class, true)).code)
        .isEqualTo(ReasonCode.MISSING_VALUE);
  }

  @Test
  void ids() throws RowFault {
    assertThat(FieldValue.id("worker_id", " E0001 ", true)).isEqualTo("E0001");
    assertThat(FieldValue.id("worker_id", "a_B-9", true)).isEqualTo("a_B-9");
    String longest = "x".repeat(64);
    assertThat(FieldValue.id("worker_id", longest, true)).isEqualTo(longest);
    for (String bad : new String[] {"x".repeat(65), "W 01", "W.01", "工号1", "W01;"}) {
      RowFault fault = fault(() -> FieldValue.id("worker_id", bad, true));
      assertThat(fault.code).as(bad).isEqualTo(ReasonCode.BAD_ID);
      assertThat(fault.column).isEqualTo("worker_id");
    }
    assertThat(fault(() -> FieldValue.id("worker_id", " ", true)).code).isEqualTo(ReasonCode.MISSING_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"11010519491231002X", "11010519491231002x", "110105194912310021"})
  void identityNumberShapesArePersonalData(String value) {
    RowFault fault = fault(() -> FieldValue.id("worker_id", value, true));
    assertThat(fault.code).isEqualTo(ReasonCode.PERSONAL_DATA);
    assertThat(fault.getMessage()).doesNotContain(value);
  }

  @Test
  void seventeenOrNineteenDigitsAreOrdinaryIds() throws RowFault {
    assertThat(FieldValue.id("worker_id", "11010519491231002", true)).isEqualTo("11010519491231002");
    assertThat(FieldValue.id("worker_id", "1101051949123100211", true)).isEqualTo("1101051949123100211");
  }
}
