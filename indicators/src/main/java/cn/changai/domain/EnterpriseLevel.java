package cn.changai.domain;

import java.util.List;

/** Where an enterprise sits in its group: a municipal group, a subsidiary or a branch. */
public enum EnterpriseLevel implements Coded {
  GROUP("group", "集团"),
  SUBSIDIARY("subsidiary", "子公司"),
  BRANCH("branch", "分公司");

  private final String code;
  private final String chinese;

  EnterpriseLevel(String code, String chinese) {
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

  /** enterprise.json takes the English code only. */
  @Override
  public List<String> aliases() {
    return List.of();
  }

  /** Subsidiaries and branches must name a parent; groups must not. */
  public boolean needsParent() {
    return this != GROUP;
  }
}
