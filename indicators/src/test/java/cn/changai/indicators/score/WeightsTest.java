package cn.changai.indicators.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Part;
import org.junit.jupiter.api.Test;

class WeightsTest {

  @Test
  void defaultsAreEqualWeightsWithTheBriefsTiers() {
    Weights w = Weights.defaults();
    assertThat(w.version()).isEqualTo("equal-1");
    assertThat(w.parts().values()).containsOnly(1.0).hasSize(4);
    assertThat(w.indicators()).hasSize(Catalogue.all().size());
    assertThat(w.indicators().values()).containsOnly(1.0);
    assertThat(w.tiers()).isEqualTo(Tiers.DEFAULT);
    assertThat(w.sha256()).hasSize(64);
  }

  @Test
  void readsJson() {
    Weights w = Weights.parse("mine.JSON",
        "{\"version\": \"v2\", \"parts\": {\"A\": 2, \"D\": 0.5}, \"indicators\": {\"B06\": 0}, \"tiers\": {\"pass\": 50}}");
    assertThat(w.version()).isEqualTo("v2");
    assertThat(w.part(Part.A)).isEqualTo(2.0);
    assertThat(w.part(Part.B)).isEqualTo(1.0);
    assertThat(w.part(Part.D)).isEqualTo(0.5);
    assertThat(w.indicator("B06")).isEqualTo(0.0);
    assertThat(w.indicator("A01")).isEqualTo(1.0);
    assertThat(w.tiers()).isEqualTo(new Tiers(85, 70, 50));
  }

  @Test
  void refusesAnUnknownIndicatorNamingIt() {
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nindicators:\n  A01: 1\n  X99: 2\n"))
        .isInstanceOf(Weights.WeightsException.class)
        .hasMessage("unknown indicator 'X99' under indicators (catalogue " + Catalogue.VERSION + " has " + Catalogue.idRanges() + ")");
  }

  @Test
  void refusesANegativeWeightNamingIt() {
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nindicators: {A03: -1}\n"))
        .hasMessage("negative weight -1 for indicator A03 (weights are 0 or more)");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nparts: {C: -0.25}\n"))
        .hasMessage("negative weight -0.25 for part C (weights are 0 or more)");
  }

  @Test
  void refusesMalformedFiles() {
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nparts: [A: 1\n"))
        .hasMessageStartingWith("malformed YAML at line ");
    assertThatThrownBy(() -> Weights.parse("w.json", "{\"version\": \"v\", \"parts\": {\"A\": 1,}}"))
        .hasMessageStartingWith("malformed JSON at line 1, column ");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "")).hasMessage("the file is empty");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "- 1\n- 2\n"))
        .hasMessage("expected a mapping with the keys version, parts, indicators and tiers");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nindicators: {A01: 1, A01: 2}\n"))
        .hasMessageContaining("malformed YAML").hasMessageContaining("A01");
  }

  @Test
  void outlierTreatmentAndScreeningFromTheFile() {
    Weights w = Weights.parse("w.yaml", "version: v\ntreat_outliers: winsorise\nscreening: 0.5\n");
    assertThat(w.treatOutliers()).contains(OutlierTreatment.WINSORISE);
    assertThat(w.screening()).contains(new Screening(0.5));
    assertThat(Weights.defaults().treatOutliers()).isEmpty();
    assertThat(Weights.defaults().screening()).isEmpty();
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\npart: {A: 1}\n"))
        .hasMessage("unknown key 'part' (expected version, parts, indicators, tiers, treat_outliers, screening)");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\ntreat_outliers: clip\n"))
        .hasMessage("treat_outliers is 'clip' (expected none or winsorise)");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nscreening: 1.5\n"))
        .hasMessage("screening is 1.5: the share of indicators a unit needs lies in 0..1");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nparts: {E: 1}\n"))
        .hasMessage("unknown part 'E' under parts (expected A, B, C or D)");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "parts: {A: 1}\n"))
        .hasMessage("'version' is missing: give the weights a version, e.g. version: my-weights-1");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: [1, 2]\n"))
        .hasMessage("'version' is a list: give one name or number, e.g. version: my-weights-1");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: {a: 1}\n"))
        .hasMessage("'version' is a mapping: give one name or number, e.g. version: my-weights-1");
    // The second document's weights would have been ignored without a word.
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\n---\nversion: w\nparts: {A: 0}\n"))
        .hasMessageStartingWith("more than one YAML document in the file (the second begins at line 3")
        .hasMessageEndingWith("): give the weights as one");
    assertThatThrownBy(() -> Weights.parse("w.json", "{\"version\": \"v\"} {\"parts\": {\"A\": 0}}"))
        .hasMessageStartingWith("more than one JSON value in the file (the second begins at line 1");
    // A document marker before the only document is YAML's own, not a second document.
    assertThat(Weights.parse("w.yaml", "---\nversion: v\n").version()).isEqualTo("v");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nindicators: {A01: heavy}\n"))
        .hasMessage("indicator A01 is not a number: 'heavy'");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nindicators: {A01: .nan}\n"))
        .hasMessage("malformed YAML at line 2, column 23: '.nan' is not a finite number (weights and thresholds are"
            + " finite numbers)");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\nparts: {A: 0, B: 0, C: 0, D: 0}\n"))
        .hasMessageStartingWith("every weight is zero");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\ntiers: {good: 90}\n"))
        .hasMessage("tiers must satisfy pass ≤ good ≤ excellent, got excellent 85, good 90, pass 55");
    assertThatThrownBy(() -> Weights.parse("w.yaml", "version: v\ntiers: {pass: 120}\n"))
        .hasMessage("tier pass is 120: thresholds lie in 0..100");
  }
}
