package cn.changai.jobs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.ingest.ReasonCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/reason-codes.md lists exactly the reason codes of the program, each under its scope, and
 * the group tree's warnings under their own heading.
 */
class ReasonCodesDocTest {

  @Test
  void everyReasonCodeIsDocumentedUnderItsScope() throws IOException {
    String doc = Files.readString(Path.of("../docs/reason-codes.md"));
    Map<String, String> documented = new LinkedHashMap<>();
    String section = null;
    Matcher rows = Pattern.compile("(?m)^## (.*)$|^\\| `([A-Z_0-9]+)` \\|").matcher(doc);
    while (rows.find()) {
      if (rows.group(1) != null) {
        section = rows.group(1);
      } else {
        documented.put(rows.group(2), section);
      }
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (ReasonCode code : ReasonCode.values()) {
      expected.put(code.name(), switch (code.scope()) {
        case SUBMISSION -> "A whole submission is refused (`rejected_submissions`)";
        case ROW -> "One row is rejected (`rejected_rows`)";
        case WARNING -> "Warnings (`warnings`): the data is kept";
      });
    }
    for (cn.changai.indicators.TreeWarning.Problem problem : cn.changai.indicators.TreeWarning.Problem.values()) {
      expected.put(problem.name(), "Group tree warnings (compute)");
    }
    assertThat(documented).isEqualTo(expected);
  }
}
