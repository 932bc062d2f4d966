package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.ingest.SafeText;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state's rule for the prints it keeps: a path whose every name SafeText shows as it is. */
class RunStateTest {

  @Test
  void aPathIsKeptExactlyWhenEachOfItsNamesIsShownAsItIs() {
    Map<String, Boolean> seen = new HashMap<>();
    // By hand: a credit code, a period and a contract file name are shown as they are; an identity
    // number, a mobile number (also in mathematical digits, one char for two units) are masked.
    String[] kept = {"2025/91310000MA1FL8XQ2B/workers.csv", "2025/91310000MA1FL8XQ2B/", "2025H1/x/y/z", "/", ""};
    String[] masked = {"2025/110105194912310021/workers.csv", "2025/91310000MA1FL8XQ2B/tel 139 1234 5678.txt",
        "13912345678/91310000MA1FL8XQ2B/workers.csv", "2025/\uD835\uDFCF\uD835\uDFD1\uD835\uDFD7" + "12345678/"};
    for (String path : kept) {
      assertThat(RunState.shownAsIs(path, seen)).as(path).isTrue();
      assertThat(SafeText.path(path)).isEqualTo(path);
    }
    for (String path : masked) {
      assertThat(RunState.shownAsIs(path, seen)).as(path).isFalse();
      assertThat(SafeText.path(path)).isNotEqualTo(path);
    }
    // Each name looked at once: 2025, the code, workers.csv, ...
    assertThat(seen).containsEntry("2025", true).containsEntry("110105194912310021", false)
        .containsEntry("91310000MA1FL8XQ2B", true);
  }
}
