package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's text table: alignment by display width, and column names cut to a readable width. */
class TextTableTest {

  @Test
  void columnsAlignByDisplayWidth() {
    String table = new TextTable(List.of("名称", "n")).add(List.of("a", "12")).add(List.of("上海", "3")).render();
    // 名称 takes four terminal columns, as 上海 does.
    assertThat(table).isEqualTo("名称  n\n----  --\na     12\n上海  3\n");
  }

  @Test
  void aLongColumnNameIsCutWithAnEllipsis() {
    String literal = "'" + "x".repeat(100_000) + "'";
    String table = new TextTable(List.of(literal, "id")).add(List.of("v", "1")).render();
    String header = table.lines().findFirst().orElseThrow();
    // 63 characters of the name and the mark: 64 columns, then two spaces and the next name.
    assertThat(header).isEqualTo("'" + "x".repeat(62) + "…  id");
    assertThat(table.length()).isLessThan(300);
  }

  @Test
  void aWideCharacterIsNotSplitAtTheCut() {
    // 32 wide characters take 64 columns: shown whole. 33 take 66: cut to 31 (62 columns) and the mark.
    assertThat(TextTable.cut("工".repeat(32))).isEqualTo("工".repeat(32));
    assertThat(TextTable.cut("工".repeat(33))).isEqualTo("工".repeat(31) + "…");
  }
}
