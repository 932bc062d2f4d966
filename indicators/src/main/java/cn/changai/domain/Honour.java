package cn.changai.domain;

/** An honour a worker holds (劳模工匠荣誉). */
public enum Honour implements Coded {
  NATIONAL_MODEL_WORKER("national_model_worker", "全国劳动模范"),
  MAY1_MEDAL("may1_medal", "全国五一劳动奖章"),
  MUNICIPAL_MODEL_WORKER("municipal_model_worker", "上海市劳动模范"),
  NATIONAL_CRAFTSMAN("national_craftsman", "大国工匠"),
  SHANGHAI_CRAFTSMAN("shanghai_craftsman", "上海工匠"),
  GROUP_MODEL_WORKER("group_model_worker", "集团劳模");

  private final String code;
  private final String chinese;

  Honour(String code, String chinese) {
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
