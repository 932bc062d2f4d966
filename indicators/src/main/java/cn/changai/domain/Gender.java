package cn.changai.domain;

/** A worker's gender as the roster records it. */
public enum Gender implements Coded {
  M("M", "男"),
  F("F", "女");

  private final String code;
  private final String chinese;

  Gender(String code, String chinese) {
    this.code = code;
    this.chinese = chinese;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String chinese() {
    return chinese;
  }
}
