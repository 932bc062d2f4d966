package cn.changai.indicators;

/**
 * One indicator of one unit in one period: numerator, denominator, value (numerator / denominator
 * × scale; null when the denominator is 0 or unknown) and how it was based.
 */
public record IndicatorValue(
    String period,
    UnitLevel unitLevel,
    String unitId,
    String unitName,
    String indicatorId,
    Double numerator,
    Double denominator,
    Double value,
    boolean lowBase,
    int membersReporting,
    int membersTotal) {}
