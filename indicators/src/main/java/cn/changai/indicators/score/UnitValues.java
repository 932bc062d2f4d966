package cn.changai.indicators.score;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One unit's indicator values in one period, as published in {@code indicator_values}: the value
 * (null when its denominator was 0 or unknown) and its {@code low_base} flag, by indicator id.
 */
public record UnitValues(String unitLevel, String unitId, String unitName, Map<String, Value> values) {

  public UnitValues {
    values = Map.copyOf(values);
  }

  /** One published value and its flag. */
  public record Value(Double value, boolean lowBase) {

    /** True when scoring may use the value: present, finite and not on too small a base. */
    public boolean usable() {
      return value != null && !lowBase && Double.isFinite(value);
    }
  }

  /** The usable value of an indicator, or null. */
  public Double usable(String indicatorId) {
    Value v = values.get(indicatorId);
    return v != null && v.usable() ? v.value() : null;
  }

  /** Starts a unit with no values; add them with {@link Builder#value} and {@link Builder#lowBase}. */
  public static Builder builder(String unitLevel, String unitId, String unitName) {
    return new Builder(unitLevel, unitId, unitName);
  }

  /** Collects one unit's values. */
  public static final class Builder {

    private final String unitLevel;
    private final String unitId;
    private final String unitName;
    private final Map<String, Value> values = new LinkedHashMap<>();

    private Builder(String unitLevel, String unitId, String unitName) {
      this.unitLevel = unitLevel;
      this.unitId = unitId;
      this.unitName = unitName;
    }

    /** A value (null for a zero or unknown denominator) with its low_base flag. */
    public Builder value(String indicatorId, Double value, boolean lowBase) {
      values.put(indicatorId, new Value(value, lowBase));
      return this;
    }

    /** A value on a sufficient base. */
    public Builder value(String indicatorId, Double value) {
      return value(indicatorId, value, false);
    }

    /** A value flagged low_base. */
    public Builder lowBase(String indicatorId, Double value) {
      return value(indicatorId, value, true);
    }

    public UnitValues build() {
      return new UnitValues(unitLevel, unitId, unitName, values);
    }
  }
}
