package cn.changai.indicators;

/**
 * One entry of the indicator catalogue: what the policy measures, how (numerator over denominator
 * times scale) and which way is better.
 */
public record Indicator(
    String id,
    String clause,
    Part part,
    String nameZh,
    String nameEn,
    String definition,
    String numerator,
    String denominator,
    double scale,
    Direction direction,
    Kind kind) {}
