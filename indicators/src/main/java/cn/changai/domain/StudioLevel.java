package cn.changai.domain;

/** The level at which an innovation studio was named. */
public enum StudioLevel implements Coded {
  NATIONAL("national", "全国"),
  MUNICIPAL("municipal", "市级"),
  GROUP("group", "集团级"),
  ENTERPRISE("enterprise", "企业级");

  private final String code;
  private final String chinese;

  StudioLevel(String code, String chinese) {
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
