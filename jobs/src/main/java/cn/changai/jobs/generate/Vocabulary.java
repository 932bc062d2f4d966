package cn.changai.jobs.generate;

import cn.changai.domain.Coded;
import cn.changai.domain.Gender;
import cn.changai.domain.Honour;
import cn.changai.domain.SkillLevel;
import cn.changai.domain.StudioLevel;
import cn.changai.domain.StudioType;
import java.nio.charset.StandardCharsets;

/**
 * The words a submission's CSV files are written in, encoded to UTF-8 once: English headers and
 * codes with Y/N booleans, or (one enterprise in 50) Chinese headers, names and 是/否.
 */
final class Vocabulary {

  static final Vocabulary ENGLISH = new Vocabulary(false);
  static final Vocabulary CHINESE = new Vocabulary(true);

  static final String WORKER_HEADER = "worker_id,industrial_worker,frontline,party_member,party_joined,"
      + "skill_level,birth_year,gender,hire_date,annual_wage_yuan,training_hours,mentor_id,honours,"
      + "mass_org_post,health_check,recuperation,studio_id";
  static final String WORKER_HEADER_ZH = "工号,是否产业工人,是否一线,是否党员,入党日期,技能等级,出生年份,性别,"
      + "入职日期,年收入,培训学时,师傅工号,荣誉,群团挂兼职,年度体检,疗休养,所属工作室";
  static final String STUDIO_HEADER =
      "studio_id,type,level,established,leader_id,achievements,achievements_converted,funding_wan_yuan";
  static final String STUDIO_HEADER_ZH = "工作室编号,类型,级别,成立日期,领衔人工号,成果数,转化成果数,经费万元";

  final boolean chinese;
  final byte[] workerHeader;
  final byte[] studioHeader;
  final byte[] yes;
  final byte[] no;
  final byte[][] skill;
  final byte[][] gender;
  final byte[][] honour;
  final byte[][] studioType;
  final byte[][] studioLevel;
  final byte[] honourSeparator;
  /** Booleans of no accepted form (BAD_BOOLEAN). */
  final byte[][] badBoolean;
  /** Skill levels of no accepted form (BAD_CODE). */
  final byte[][] badSkill;
  /** Dates of no accepted form or no real day (BAD_DATE). */
  static final byte[][] BAD_DATES = bytes("2019-02-30", "2021-13-01", "20180704", "31.12.2015", "2017-6-31", "N/A");

  private Vocabulary(boolean chinese) {
    this.chinese = chinese;
    this.workerHeader = bytes(chinese ? WORKER_HEADER_ZH : WORKER_HEADER);
    this.studioHeader = bytes(chinese ? STUDIO_HEADER_ZH : STUDIO_HEADER);
    this.yes = bytes(chinese ? "是" : "Y");
    this.no = bytes(chinese ? "否" : "N");
    this.skill = names(SkillLevel.values(), chinese);
    this.gender = names(Gender.values(), chinese);
    this.honour = names(Honour.values(), chinese);
    this.studioType = names(StudioType.values(), chinese);
    this.studioLevel = names(StudioLevel.values(), chinese);
    this.honourSeparator = bytes(chinese ? "；" : ";");
    this.badBoolean = chinese ? bytes("不详", "有", "yes", "X") : bytes("yes", "no", "X", "2", "?");
    this.badSkill = chinese ? bytes("五星工", "专家", "高工") : bytes("expert", "master", "grade_9", "senior-tech");
  }

  byte[] bool(boolean value) {
    return value ? yes : no;
  }

  private static byte[][] names(Coded[] codes, boolean chinese) {
    byte[][] names = new byte[codes.length][];
    for (int i = 0; i < codes.length; i++) {
      names[i] = bytes(chinese ? codes[i].chinese() : codes[i].code());
    }
    return names;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[][] bytes(String... texts) {
    byte[][] all = new byte[texts.length][];
    for (int i = 0; i < texts.length; i++) {
      all[i] = bytes(texts[i]);
    }
    return all;
  }
}
