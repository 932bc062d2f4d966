package cn.changai.indicators;

/** One of the policy's four parts, each a quarter of the composite score by default. */
public enum Part {
  A("思想政治引领", "political guidance"),
  B("技能形成", "skill formation"),
  C("创新创效", "innovation"),
  D("保障机制", "safeguards");

  private final String chinese;
  private final String english;

  Part(String chinese, String english) {
    this.chinese = chinese;
    this.english = english;
  }

  public String chinese() {
    return chinese;
  }

  public String english() {
    return english;
  }
}
