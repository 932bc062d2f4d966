package cn.changai.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

  @Test
  void holdsTheTwentyFourIndicatorsInOrder() {
    assertThat(Catalogue.all()).extracting(Indicator::id).containsExactly(
        "A01", "A02", "A03", "A04", "A05", "B01", "B02", "B03", "B04", "B05", "B06",
        "C01", "C02", "C03", "C04", "C05", "C06", "C07", "D01", "D02", "D03", "D04", "D05", "D06");
    for (Indicator i : Catalogue.all()) {
      assertThat(i.id()).startsWith(i.part().name());
      assertThat(List.of(i.clause(), i.nameZh(), i.nameEn(), i.definition(), i.numerator(), i.denominator()))
          .as(i.id()).allMatch(s -> s != null && !s.isBlank());
      assertThat(i.definition()).as(i.id()).endsWith(".");
    }
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
