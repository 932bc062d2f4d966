package cn.changai.indicators;

/** The industrial workers of one unit at one skill level: their count and share of W in percent. */
public record SkillCount(
    String period, UnitLevel unitLevel, String unitId, String skillLevel, long count, Double share) {}
