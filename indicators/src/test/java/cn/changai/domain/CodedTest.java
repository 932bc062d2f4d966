package cn.changai.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Codes and Chinese names as submissions write them. */
class CodedTest {

  @Test
  void aSkillLevelAsTheContractPrintsItOrAsExcelUsersTypeItIsFound() {
    // The contract's own spelling, with a blank before the bracket (found refused by a red-team sweep).
    assertThat(Coded.parse(SkillLevel.class, "初级工 (五级)")).contains(SkillLevel.JUNIOR);
    assertThat(Coded.parse(SkillLevel.class, "高级技师 (一级)")).contains(SkillLevel.SENIOR_TECHNICIAN);
    assertThat(Coded.parse(SkillLevel.class, "高级工 （三级）")).contains(SkillLevel.SENIOR);
    assertThat(Coded.parse(SkillLevel.class, "初级工（ 五级）")).contains(SkillLevel.JUNIOR);
    assertThat(Coded.parse(SkillLevel.class, "技师\u3000(二级)")).contains(SkillLevel.TECHNICIAN);
    assertThat(Coded.parse(SkillLevel.class, " Senior ")).contains(SkillLevel.SENIOR);
    // Other words are other words: a level with another grade, a name half written.
    assertThat(Coded.parse(SkillLevel.class, "初级工 (四级)")).isEmpty();
    assertThat(Coded.parse(SkillLevel.class, "初级")).isEmpty();
    assertThat(Coded.parse(SkillLevel.class, "")).isEmpty();
  }
}
