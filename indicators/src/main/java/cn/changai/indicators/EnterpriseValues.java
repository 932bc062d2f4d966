package cn.changai.indicators;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One enterprise in one period as the roll-up sees it: its place in the unit tree and the value of
 * every measure (Long for counts and whole-number figures, BigDecimal for sums, Boolean for boolean
 * figures; null for an unknown figure).
 */
public record EnterpriseValues(
    String period,
    String enterpriseId,
    String name,
    String parentId,
    String level,
    String industry,
    Map<String, Object> values) {

  /** The {@code level} of a municipal group, the root of a group unit. */
  public static final String GROUP_LEVEL = "group";

  public EnterpriseValues {
    Objects.requireNonNull(period);
    Objects.requireNonNull(enterpriseId);
    // Map.copyOf refuses null values, and a null figure is meaningful here.
    values = Collections.unmodifiableMap(new HashMap<>(values));
  }

  /** True when the enterprise is a municipal group ({@code level = group}). */
  public boolean isGroup() {
    return GROUP_LEVEL.equals(level);
  }

  /** True when the measure's value is known (not null). */
  public boolean has(Measure measure) {
    return value(measure.name()) != null;
  }

  /** The raw value of a measure; fails on a name the enterprise has no value for. */
  public Object value(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException("enterprise " + enterpriseId + " has no measure " + name);
    }
    return values.get(name);
  }

  /** A numeric measure as an exact decimal, or null when unknown. */
  public BigDecimal number(String name) {
    Object value = value(name);
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Long || value instanceof Integer) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    throw new IllegalArgumentException("measure " + name + " is not a number: " + value);
  }

  /** A numeric measure; a condition calls it only on known values. */
  public long count(String name) {
    if (values.get(name) instanceof Long l) {
      return l;
    }
    BigDecimal number = number(name);
    if (number == null) {
      throw new IllegalStateException("measure " + name + " of " + enterpriseId + " is unknown");
    }
    return number.longValueExact();
  }

  /** A boolean figure; a condition calls it only on known values. */
  public boolean flag(String name) {
    Object value = value(name);
    if (!(value instanceof Boolean b)) {
      throw new IllegalStateException("measure " + name + " of " + enterpriseId + " is not a known boolean: " + value);
    }
    return b;
  }
}
