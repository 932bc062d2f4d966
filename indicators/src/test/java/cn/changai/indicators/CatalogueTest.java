package cn.changai.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogueTest {

  @Test
  void holdsItsIndicatorsInOrderNumberedWithinTheirPart() {
    // The ids come from the catalogue itself: part letter, then 01, 02, ... within the part, parts in order.
    Map<Part, Integer> next = new EnumMap<>(Part.class);
    Part previous = Part.A;
    for (Indicator i : Catalogue.all()) {
      assertThat(i.part()).as(i.id()).isGreaterThanOrEqualTo(previous);
      previous = i.part();
      int n = next.merge(i.part(), 1, Integer::sum);
      assertThat(i.id()).isEqualTo(String.format("%s%02d", i.part().name(), n));
    }
    assertThat(next.keySet()).containsExactly(Part.values());
    for (Indicator i : Catalogue.all()) {
      assertThat(i.id()).startsWith(i.part().name());
      assertThat(List.of(i.clause(), i.nameZh(), i.nameEn(), i.definition(), i.numerator(), i.denominator()))
          .as(i.id()).allMatch(s -> s != null && !s.isBlank());
      assertThat(i.definition()).as(i.id()).endsWith(".");
    }
  }

  @Test
  void idRangesNameTheFirstAndLastOfEachPart() {
    StringBuilder expected = new StringBuilder();
    for (Part part : Part.values()) {
      List<String> ids = Catalogue.all().stream().filter(i -> i.part() == part).map(Indicator::id).toList();
      expected.append(expected.length() == 0 ? "" : ", ").append(ids.get(0)).append("..").append(ids.get(ids.size() - 1));
    }
    assertThat(Catalogue.idRanges()).isEqualTo(expected.toString()).startsWith("A01..A");
  }

  @Test
  void notationIsDerivedFromTheDeclaration() {
    // The brief's notation, from the formulas: counts over named conditions, sums, means, figures, unit shares.
    assertThat(notation("A02")).isEqualTo("|W ∧ party_member| / |W|");
    assertThat(notation("A03")).isEqualTo("|W ∧ party_joined in the period| / |W|");
    assertThat(notation("A04")).isEqualTo("|F ∧ mass_org_post| / |F|");
    assertThat(notation("A05")).isEqualTo("fig.frontline_party_meeting_attendances / |F|");
    assertThat(notation("B01")).isEqualTo("units in scope with fig.school_partnerships ≥ 1 / units in scope");
    assertThat(notation("B03")).isEqualTo("Σ training_hours over W / |W|");
    assertThat(notation("B04")).isEqualTo("|W ∧ skill_level ≠ none| / |W|");
    assertThat(notation("B05")).isEqualTo("|W ∧ skill_level ≥ senior| / |W|");
    assertThat(notation("B06")).isEqualTo("mean annual_wage_yuan over W ∧ annual_wage_yuan set ∧ skill_level ≥ senior"
        + " / mean annual_wage_yuan over W ∧ annual_wage_yuan set");
    assertThat(notation("C02")).isEqualTo("units in scope with |S ∧ type = model_worker| ≥ 1 / units in scope");
    assertThat(notation("C06")).isEqualTo("|W ∧ honours set| / |W|");
    assertThat(notation("C07")).isEqualTo("|W ∧ hired within 3 years ∧ mentor_id set| / |W ∧ hired within 3 years|");
    assertThat(notation("D01")).isEqualTo("units in scope with fig.reform_in_party_assessment / units in scope");
    assertThat(notation("D03")).isEqualTo(
        "units in scope with fig.employee_directors ≥ 1 and fig.employee_supervisors ≥ 1 / units in scope");
  }

  private static String notation(String id) {
    Indicator i = Catalogue.byId(id).orElseThrow();
    return i.numerator() + " / " + i.denominator();
  }

  @Test
  void kindsMatchTheCatalogue() {
    assertThat(Catalogue.all()).filteredOn(i -> i.kind() == Kind.UNIT_SHARE).extracting(Indicator::id)
        .containsExactly("B01", "C02", "D01", "D03");
    assertThat(Catalogue.all()).filteredOn(i -> i.kind() == Kind.FIGURE_RATIO).extracting(Indicator::id)
        .containsExactly("C04", "C05", "D02");
    assertThat(Catalogue.byId("C06").orElseThrow().scale()).isEqualTo(1000);
    assertThat(Catalogue.byId("A01").orElseThrow().scale()).isEqualTo(1);
  }

  @Test
  void measuresHaveOneMeaningPerName() {
    List<Measure> measures = Catalogue.measures();
    assertThat(measures).extracting(Measure::name).doesNotHaveDuplicates()
        .contains("industrial_workers", "frontline_workers", "model_worker_studios", "ideology_participants",
            "skill_none", "skill_chief_technician");
    assertThat(Catalogue.NEW_HIRE.sql())
        .isEqualTo("industrial_worker AND hire_date > add_months(period_end, -36) AND hire_date <= period_end");
    assertThat(Catalogue.HIGH_SKILL.sql()).isEqualTo(
        "skill_level IN ('senior', 'technician', 'senior_technician', 'special_technician', 'chief_technician')");
  }

  @Test
  void anEntryWhoseFormulaDoesNotFitItsKindIsRefused() {
    Formula figures = new Formula.Ratio(Measure.figure("a"), Measure.figure("b"));
    assertThatThrownBy(() -> new Indicator("X01", "一", Part.A, "x", "x", "x.", 100,
        Direction.HIGHER_IS_BETTER, Kind.HEADCOUNT_RATIO, figures))
        .hasMessageContaining("X01: a HEADCOUNT_RATIO indicator cannot have the formula");
  }
}
