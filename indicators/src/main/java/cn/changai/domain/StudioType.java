package cn.changai.domain;

/** The kind of an innovation studio (创新工作室). */
public enum StudioType implements Coded {
  MODEL_WORKER("model_worker", "劳模创新工作室"),
  CRAFTSMAN("craftsman", "工匠创新工作室"),
  CHIEF_TECHNICIAN("chief_technician", "首席技师工作室");

  private final String code;
  private final String chinese;

  StudioType(String code, String chinese) {
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
