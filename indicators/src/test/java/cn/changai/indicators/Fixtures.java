package cn.changai.indicators;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Enterprises for roll-up tests: every measure 0 (counts, sums) or null (figures) unless set. */
final class Fixtures {

  private Fixtures() {}

  static Builder enterprise(String id) {
    return new Builder(id);
  }

  static final class Builder {
    private final String id;
    private String period = "2025";
    private String name;
    private String parent;
    private String level = "subsidiary";
    private String industry = "automotive";
    private final Map<String, Object> values = new HashMap<>();

    Builder(String id) {
      this.id = id;
      this.name = "企业" + id;
      for (Measure m : Catalogue.measures()) {
        values.put(m.name(), m instanceof Measure.Figure ? null
            : m instanceof Measure.WorkerSum ? BigDecimal.ZERO : (Object) 0L);
      }
    }

    Builder period(String value) {
      period = value;
      return this;
    }

    Builder name(String value) {
      name = value;
      return this;
    }

    Builder group() {
      level = "group";
      return this;
    }

    Builder branch() {
      level = "branch";
      return this;
    }

    Builder parent(String value) {
      parent = value;
      return this;
    }

    Builder industry(String value) {
      industry = value;
      return this;
    }

    /** Sets a count or whole-number figure. */
    Builder set(String measure, long value) {
      return put(measure, value);
    }

    /** Sets a sum (decimal). */
    Builder set(String measure, String decimal) {
      return put(measure, new BigDecimal(decimal));
    }

    Builder set(String measure, boolean value) {
      return put(measure, value);
    }

    /** Sets the headcount of industrial workers, and the skill counts to match (all at 'none'). */
    Builder workers(long count) {
      put("industrial_workers", count);
      return put("skill_none", count);
    }

    private Builder put(String measure, Object value) {
      if (!values.containsKey(measure)) {
        throw new IllegalArgumentException("no measure " + measure);
      }
      values.put(measure, value);
      return this;
    }

    EnterpriseValues build() {
      return new EnterpriseValues(period, id, name, parent, level, industry, values);
    }
  }
}
