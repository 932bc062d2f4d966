package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The what-if panel's data on the hand-worked period of {@link HandFixture}, from a
 * {@code scoring-inputs.json} written here by hand: each unit's values once, every scope naming its
 * members by index with their rank in it.
 */
class WhatIfTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Two indicators; GRP1 and GRP2 as groups and as enterprises (their headquarters), ENT1 (the
   * hostile name) in all enterprises and in automotive with the same values, ENT2 unranked.
   */
  private static String inputs(String automotiveGrp1Values) {
    return """
        {"period":"2025","method":"minmax, equal weights","run_id":"run-1",
         "weights":{"version":"equal-1","parts":{"A":1.0,"B":1.0,"C":1.0,"D":1.0},"indicators":{"A02":1.0,"B05":1.0}},
         "tiers":{"excellent":85.0,"good":70.0,"pass":55.0},
         "scopes":[
          {"scope":"groups","indicators":["A02","B05"],"units":[
            {"unit_level":"group","unit_id":"GRP1","values":[10.0,20.0]},
            {"unit_level":"group","unit_id":"GRP2","values":[30.0,40.0]}]},
          {"scope":"enterprises","indicators":["A02","B05"],"units":[
            {"unit_level":"enterprise","unit_id":"ENT1","values":[100.0,25.0]},
            {"unit_level":"enterprise","unit_id":"GRP1","values":[50.0,0.0]},
            {"unit_level":"enterprise","unit_id":"GRP2","values":[0.0,100.0]},
            {"unit_level":"enterprise","unit_id":"ENT2","values":[null,null]}]},
          {"scope":"industry:automotive","indicators":["A02","B05"],"units":[
            {"unit_level":"enterprise","unit_id":"ENT1","values":[100.0,25.0]},
            {"unit_level":"enterprise","unit_id":"GRP1","values":%s}]}]}
        """.formatted(automotiveGrp1Values);
  }

  private static JsonNode data(String inputs) throws Exception {
    WhatIf w = WhatIf.of(new ReportContext(HandFixture.period(), 10), inputs);
    assertThat(w.unavailable()).isNull();
    // Script-safe: the hostile name's markup is escaped inside the JSON string.
    assertThat(w.json()).doesNotContain("<").doesNotContain(">").doesNotContain("&");
    return MAPPER.readTree(w.json());
  }

  @Test
  void eachUnitIsWrittenOnceAndScopesReferToItByIndexWithTheirOwnRanks() throws Exception {
    JsonNode data = data(inputs("[50.0,0.0]"));
    // Eight memberships, six units: ENT1 and GRP1 (the enterprise) are in two scopes each. GRP1 the
    // group and GRP1 the enterprise are two units (other page, composite and values).
    JsonNode units = data.path("units");
    assertThat(ids(units)).containsExactly("GRP1", "GRP2", "ENT1", "GRP1", "GRP2", "ENT2");
    assertThat(units.get(0).path("href").asText()).isEqualTo("units/GRP1-group.html");
    assertThat(units.get(0).path("composite").asDouble()).isEqualTo(90.0);
    assertThat(units.get(3).path("href").asText()).isEqualTo("units/GRP1.html");
    assertThat(units.get(3).path("composite").asDouble()).isEqualTo(60.0);
    assertThat(units.get(2).path("name").asText()).isEqualTo(HandFixture.HOSTILE);
    assertThat(units.get(2).path("values").toString()).isEqualTo("[100.0,25.0]");
    // ENT2 is not ranked: no composite, and its values as published (none).
    assertThat(units.get(5).has("composite")).isFalse();
    assertThat(units.get(5).path("values").toString()).isEqualTo("[null,null]");

    JsonNode scopes = data.path("scopes");
    assertThat(scopes.get(0).path("scope").asText()).isEqualTo("groups");
    assertThat(scopes.get(0).path("units").toString()).isEqualTo("[0,1]");
    assertThat(scopes.get(0).path("ranks").toString()).isEqualTo("[1,2]");
    assertThat(scopes.get(1).path("units").toString()).isEqualTo("[2,3,4,5]");
    assertThat(scopes.get(1).path("ranks").toString()).isEqualTo("[1,2,3,null]");
    assertThat(scopes.get(2).path("scope").asText()).isEqualTo("industry:automotive");
    assertThat(scopes.get(2).path("indicators").toString()).isEqualTo("[\"A02\",\"B05\"]");
    assertThat(scopes.get(2).path("units").toString()).isEqualTo("[2,3]");
    assertThat(scopes.get(2).path("ranks").toString()).isEqualTo("[1,2]");
    // Nothing of a unit is written per scope any more.
    assertThat(scopes.get(1).has("values")).isFalse();
    assertThat(data.toString().split("\"values\"", -1)).hasSize(7);
  }

  @Test
  void aUnitWhoseValuesDifferBetweenScopesKeepsEachSet() throws Exception {
    // An inputs file whose scopes normalised a unit differently: never the score job's (one
    // normalisation per level), but the page must then rank each scope on its own values.
    JsonNode data = data(inputs("[50.0,1.0]"));
    assertThat(ids(data.path("units"))).containsExactly("GRP1", "GRP2", "ENT1", "GRP1", "GRP2", "ENT2", "GRP1");
    assertThat(data.path("units").get(6).path("values").toString()).isEqualTo("[50.0,1.0]");
    assertThat(data.path("scopes").get(2).path("units").toString()).isEqualTo("[2,6]");
  }

  private static List<String> ids(JsonNode units) {
    List<String> ids = new ArrayList<>();
    units.forEach(u -> ids.add(u.path("id").asText()));
    return ids;
  }
}
