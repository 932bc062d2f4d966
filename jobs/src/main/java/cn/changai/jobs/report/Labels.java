package cn.changai.jobs.report;

import cn.changai.domain.EnterpriseLevel;
import cn.changai.domain.Industry;
import cn.changai.indicators.Indicator;
import cn.changai.jobs.ingest.ReasonCode;
import java.util.EnumMap;
import java.util.Map;

/** The words of the pages: Chinese first, English beside, for codes the tables store. */
final class Labels {

  /** A tier's look: CSS class and its names. */
  record Tier(String cssClass, String chinese, String english) {}

  /** The unit an indicator's value is shown in. */
  record Unit(String symbol, String chinese, String english) {}

  static final Unit PERCENT = new Unit("%", "百分比", "percent");
  static final Unit PER_HUNDRED = new Unit("/百人", "每百人", "per 100");
  static final Unit PER_THOUSAND = new Unit("‰", "每千人", "per 1,000");
  static final Unit PLAIN = new Unit("", "", "");

  private static final Map<ReasonCode, String> REASONS = new EnumMap<>(ReasonCode.class);

  static {
    REASONS.put(ReasonCode.BAD_PERIOD_FOLDER, "期次目录名无效");
    REASONS.put(ReasonCode.BAD_ENTERPRISE_ID, "统一社会信用代码无效");
    REASONS.put(ReasonCode.NOT_REGULAR_FILE, "含符号链接或非常规文件");
    REASONS.put(ReasonCode.MISSING_FILE, "缺少必需文件");
    REASONS.put(ReasonCode.BAD_JSON, "enterprise.json 不是有效的 JSON");
    REASONS.put(ReasonCode.BAD_SCHEMA_VERSION, "schema_version 不符");
    REASONS.put(ReasonCode.MISSING_FIELD, "缺少必填字段");
    REASONS.put(ReasonCode.BAD_FIELD, "字段不符合规则");
    REASONS.put(ReasonCode.FOLDER_MISMATCH, "目录名与 enterprise.json 不一致");
    REASONS.put(ReasonCode.ENCODING, "文件编码无法识别");
    REASONS.put(ReasonCode.MISSING_COLUMN, "缺少必需列");
    REASONS.put(ReasonCode.DUPLICATE_COLUMN, "列名重复");
    REASONS.put(ReasonCode.PERSONAL_DATA_COLUMN, "含身份证号或手机号列");
    REASONS.put(ReasonCode.UNTERMINATED_QUOTE, "引号未闭合");
    REASONS.put(ReasonCode.RECORD_TOO_LONG, "单行记录过长");
    REASONS.put(ReasonCode.TOO_MANY_ROWS, "文件行数超出上限");
    REASONS.put(ReasonCode.TOO_MANY_REJECTED_ROWS, "拒收行过多");
    REASONS.put(ReasonCode.FILE_TOO_LARGE, "文件过大");
    REASONS.put(ReasonCode.NO_DATA_ROWS, "无数据行");
    REASONS.put(ReasonCode.READ_ERROR, "文件读取失败");
    REASONS.put(ReasonCode.INTERNAL_ERROR, "程序内部错误");
    REASONS.put(ReasonCode.OLDER_THAN_HELD, "早于已收报送");
    REASONS.put(ReasonCode.CONFLICTS_WITH_HELD, "与已收报送冲突");
    REASONS.put(ReasonCode.MISSING_VALUE, "必填值为空");
    REASONS.put(ReasonCode.BAD_ID, "编号格式无效");
    REASONS.put(ReasonCode.PERSONAL_DATA, "疑似身份证号或手机号");
    REASONS.put(ReasonCode.DUPLICATE_ID, "编号重复");
    REASONS.put(ReasonCode.BAD_BOOLEAN, "是否值无效");
    REASONS.put(ReasonCode.BAD_DATE, "日期无效");
    REASONS.put(ReasonCode.DATE_AFTER_PERIOD_END, "日期晚于期末");
    REASONS.put(ReasonCode.PARTY_JOINED_NOT_MEMBER, "非党员填写了入党日期");
    REASONS.put(ReasonCode.BAD_CODE, "代码无效");
    REASONS.put(ReasonCode.BAD_NUMBER, "数字无效");
    REASONS.put(ReasonCode.OUT_OF_RANGE, "数值超出范围");
    REASONS.put(ReasonCode.FIELD_COUNT, "字段数与表头不符");
    REASONS.put(ReasonCode.MALFORMED_ROW, "行格式错误");
    REASONS.put(ReasonCode.BLANK_ROW, "空行");
    REASONS.put(ReasonCode.UNKNOWN_FIELD, "未知字段");
    REASONS.put(ReasonCode.IGNORED_FILE, "已忽略的文件");
    REASONS.put(ReasonCode.IGNORED_COLUMN, "已忽略的列");
    REASONS.put(ReasonCode.MENTOR_NOT_FOUND, "师傅工号不存在");
    REASONS.put(ReasonCode.STUDIO_NOT_FOUND, "工作室编号不存在");
    REASONS.put(ReasonCode.LEADER_NOT_FOUND, "领衔人工号不存在");
    REASONS.put(ReasonCode.HEADCOUNT_JUMP, "产业工人人数较上期变化过大");
    REASONS.put(ReasonCode.RATIO_JUMP, "比例指标较上期变化过大");
    REASONS.put(ReasonCode.FIGURE_JUMP, "数值较上期增长倍数过大");
    REASONS.put(ReasonCode.FIGURE_TO_ZERO, "数值较上期降为零");
  }

  private Labels() {}

  /**
   * The look of a tier as the scores table names it; an unknown name is shown as it is, in grey.
   * Only a ranked unit has a tier: none is shown as the reports name such a unit, not ranked.
   */
  static Tier tier(String tier) {
    if (tier == null) {
      return new Tier("tier-none", "未排名", "not ranked");
    }
    return switch (tier) {
      case "优秀" -> new Tier("tier-excellent", "优秀", "excellent");
      case "良好" -> new Tier("tier-good", "良好", "good");
      case "合格" -> new Tier("tier-pass", "合格", "pass");
      case "待改进" -> new Tier("tier-improve", "待改进", "to improve");
      default -> new Tier("tier-other", tier, "");
    };
  }

  static String industry(String code) {
    if (code == null) {
      return "";
    }
    return Industry.ofCode(code).map(Industry::chinese).orElse(code);
  }

  static String enterpriseLevel(String code) {
    if (code == null) {
      return "";
    }
    for (EnterpriseLevel level : EnterpriseLevel.values()) {
      if (level.code().equals(code)) {
        return level.chinese();
      }
    }
    return code;
  }

  /** A reason code's Chinese name; the code itself when it is not one of ours. */
  static String reasonChinese(String code) {
    ReasonCode reason = reasonCode(code);
    return reason == null ? String.valueOf(code) : REASONS.getOrDefault(reason, reason.name());
  }

  /** A reason code's English meaning, or empty. */
  static String reasonEnglish(String code) {
    ReasonCode reason = reasonCode(code);
    return reason == null ? "" : reason.meaning();
  }

  static boolean hasChinese(ReasonCode code) {
    return REASONS.containsKey(code);
  }

  /**
   * The unit of an indicator, from its catalogue entry: a scale of 1,000 is per mille, a scale of
   * 100 is "per 100" when the definition says so and a percentage otherwise, a scale of 1 is plain.
   */
  static Unit unit(Indicator indicator) {
    if (indicator.scale() == 1000) {
      return PER_THOUSAND;
    }
    if (indicator.scale() == 100) {
      return indicator.definition().contains("per 100") ? PER_HUNDRED : PERCENT;
    }
    return PLAIN;
  }

  private static ReasonCode reasonCode(String code) {
    if (code == null) {
      return null;
    }
    try {
      return ReasonCode.valueOf(code);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
