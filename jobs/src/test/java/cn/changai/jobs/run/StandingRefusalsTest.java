package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.testing.SampleRun;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A quiet night's refusals: those of rejected_submissions whose submission is still in the inbox. */
class StandingRefusalsTest {

  @Test
  void theSamplesTwoRefusalsStandWhileTheirFoldersAreInTheInbox() throws Exception {
    Warehouse warehouse = new Warehouse(SampleRun.warehouse().toString(),
        SharedSpark.session().sparkContext().hadoopConfiguration());
    // sample-data/README.md: 2024/913100004LT4AKJ37K names an industry not in the contract, and
    // 2025/913100005NUUXG9NC9 is no valid credit code; one reason each.
    List<StandingRefusals.Refusal> all = StandingRefusals.of(warehouse, path -> true);
    assertThat(all).extracting(r -> r.period() + "/" + r.enterpriseId() + " " + r.reasonCode())
        .containsExactly("2024/913100004LT4AKJ37K BAD_FIELD", "2025/913100005NUUXG9NC9 BAD_ENTERPRISE_ID");
    // The path names the folder, or the file within it that was refused.
    assertThat(all).extracting(StandingRefusals.Refusal::path).allSatisfy(path -> assertThat(path).startsWith("file:/"))
        .satisfiesExactly(path -> assertThat(path).endsWith("/2024/913100004LT4AKJ37K/enterprise.json"),
            path -> assertThat(path).endsWith("/2025/913100005NUUXG9NC9"));

    // The sample run's inbox still holds both: the quiet night exits 3 and names them.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = StandingRefusals.report(warehouse, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(3);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
        "Still refused (the inbox holds them unchanged; exit 3):",
        "  2024/913100004LT4AKJ37K  BAD_FIELD: industry 'shipbuilding' is not an industry code of the contract",
        "  2025/913100005NUUXG9NC9  BAD_ENTERPRISE_ID: folder '913100005NUUXG9NC9' is not a valid unified social credit code",
        ""));

    // A refused folder taken out of the inbox is history: it no longer counts.
    assertThat(StandingRefusals.of(warehouse, path -> !path.contains("/913100004LT4AKJ37K")))
        .extracting(StandingRefusals.Refusal::enterpriseId).containsExactly("913100005NUUXG9NC9");
    assertThat(StandingRefusals.of(warehouse, path -> false)).isEmpty();
  }
}
