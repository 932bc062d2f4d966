package cn.changai.domain;

import java.util.List;

/** An industry code of the contract: Shanghai's leading, key, new-track and other industries. */
public enum Industry implements Coded {
  INTEGRATED_CIRCUITS("integrated_circuits", "集成电路"),
  BIOMEDICINE("biomedicine", "生物医药"),
  ARTIFICIAL_INTELLIGENCE("artificial_intelligence", "人工智能"),
  ELECTRONIC_INFORMATION("electronic_information", "电子信息"),
  LIFE_HEALTH("life_health", "生命健康"),
  AUTOMOTIVE("automotive", "汽车"),
  HIGH_END_EQUIPMENT("high_end_equipment", "高端装备"),
  ADVANCED_MATERIALS("advanced_materials", "先进材料"),
  FASHION_CONSUMER("fashion_consumer", "时尚消费品"),
  DIGITAL_ECONOMY("digital_economy", "数字经济"),
  GREEN_LOW_CARBON("green_low_carbon", "绿色低碳"),
  METAVERSE("metaverse", "元宇宙"),
  SMART_TERMINALS("smart_terminals", "智能终端"),
  FUTURE_INDUSTRIES("future_industries", "未来产业"),
  URBAN_SERVICES("urban_services", "城市服务"),
  OTHER("other", "其他");

  private final String code;
  private final String chinese;

  Industry(String code, String chinese) {
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

  /** The constant for an exact English code, if any. */
  public static java.util.Optional<Industry> ofCode(String code) {
    for (Industry industry : values()) {
      if (industry.code.equals(code)) {
        return java.util.Optional.of(industry);
      }
    }
    return java.util.Optional.empty();
  }
}
