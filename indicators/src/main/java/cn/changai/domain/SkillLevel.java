package cn.changai.domain;

import java.util.List;

/** A vocational skill level (职业技能等级), in ascending order; {@code senior} and above are high-skill. */
public enum SkillLevel implements Coded {
  NONE("none", "无"),
  JUNIOR("junior", "初级工", "五级", "初级工(五级)", "初级工（五级）"),
  INTERMEDIATE("intermediate", "中级工", "四级", "中级工(四级)", "中级工（四级）"),
  SENIOR("senior", "高级工", "三级", "高级工(三级)", "高级工（三级）"),
  TECHNICIAN("technician", "技师", "二级", "技师(二级)", "技师（二级）"),
  SENIOR_TECHNICIAN("senior_technician", "高级技师", "一级", "高级技师(一级)", "高级技师（一级）"),
  SPECIAL_TECHNICIAN("special_technician", "特级技师"),
  CHIEF_TECHNICIAN("chief_technician", "首席技师");

  private final String code;
  private final List<String> aliases;

  SkillLevel(String code, String... aliases) {
    this.code = code;
    this.aliases = List.of(aliases);
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String chinese() {
    return aliases.get(0);
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }

  /** High-skill talent (高技能人才): senior worker (高级工) and above. */
  public boolean isHighSkill() {
    return compareTo(SENIOR) >= 0;
  }

  /** Codes of the high-skill levels, for column expressions. */
  public static List<String> highSkillCodes() {
    return java.util.Arrays.stream(values()).filter(SkillLevel::isHighSkill).map(SkillLevel::code).toList();
  }
}
