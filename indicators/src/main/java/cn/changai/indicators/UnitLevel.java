package cn.changai.indicators;

/** The four levels indicators are published at, from one submission to the whole system. */
public enum UnitLevel {
  /** One submission's own rows and figures; unit_id is the credit code. */
  ENTERPRISE("enterprise"),
  /** A {@code level = group} enterprise with every descendant through parent_id; unit_id is the group's code. */
  GROUP("group"),
  /** Every enterprise with one industry code; unit_id is the code. */
  INDUSTRY("industry"),
  /** Every enterprise of the period; unit_id is {@code all}. */
  SYSTEM("system");

  /** The unit_id of the system unit. */
  public static final String SYSTEM_ID = "all";
  /** The unit_name of the system unit. */
  public static final String SYSTEM_NAME = "全系统";

  private final String code;

  UnitLevel(String code) {
    this.code = code;
  }

  /** The value of the unit_level column. */
  public String code() {
    return code;
  }
}
