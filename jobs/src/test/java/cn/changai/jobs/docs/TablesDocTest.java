package cn.changai.jobs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.run.RunsTable;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** docs/tables.md is the schema data teams read: it must list every published table and column as the code writes them. */
class TablesDocTest {

  private static final Pattern HEADING = Pattern.compile("^## `([a-z_]+)`\\s*$");

  /** A documented column: name, type, nullability, and whether meaning, unit and example are filled. */
  record Documented(String name, String type, boolean nullable, boolean complete) {}

  static Path doc() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/tables.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("docs/tables.md above " + Path.of("").toAbsolutePath()).isNotNull();
    return dir.resolve("docs/tables.md");
  }

  /** Every `## `table`` section's first Markdown table, row by row. */
  static Map<String, List<Documented>> parse(List<String> lines) {
    Map<String, List<Documented>> tables = new LinkedHashMap<>();
    List<Documented> current = null;
    for (String line : lines) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        current = new ArrayList<>();
        tables.put(heading.group(1), current);
        continue;
      }
      if (line.startsWith("## ")) {
        current = null;
        continue;
      }
      if (current == null || !line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1);
      List<String> c = new ArrayList<>();
      for (String cell : cells) {
        c.add(cell.strip());
      }
      boolean complete = c.size() == 6 && c.subList(3, 6).stream().noneMatch(String::isEmpty);
      current.add(new Documented(c.get(0).replace("`", ""), c.get(1), c.get(2).equals("yes"), complete));
    }
    return tables;
  }

  @Test
  void everyPublishedTableAndColumnIsDocumentedAsTheCodeWritesIt() throws Exception {
    Map<String, List<Documented>> documented = parse(Files.readAllLines(doc(), StandardCharsets.UTF_8));
    Map<String, StructType> code = new LinkedHashMap<>();
    Tables.ALL.forEach(t -> code.put(t.name(), t.schema()));
    code.put(RunsTable.NAME, runsAsSparkReadsThem());

    assertThat(documented.keySet()).as("tables in docs/tables.md").containsExactlyInAnyOrderElementsOf(code.keySet());
    for (Map.Entry<String, StructType> table : code.entrySet()) {
      List<String> expected = new ArrayList<>();
      for (StructField f : table.getValue().fields()) {
        expected.add(f.name() + " " + f.dataType().catalogString() + (f.nullable() ? " null" : " not null"));
      }
      List<String> actual = new ArrayList<>();
      for (Documented d : documented.get(table.getKey())) {
        actual.add(d.name() + " " + d.type() + (d.nullable() ? " null" : " not null"));
        assertThat(d.complete()).as(table.getKey() + "." + d.name() + " has meaning, unit and example").isTrue();
      }
      assertThat(actual).as("columns of " + table.getKey() + " in docs/tables.md").containsExactlyElementsOf(expected);
    }
  }

  /** The runs table is written without Spark: its schema is what Spark reads from a real file. */
  private static StructType runsAsSparkReadsThem() throws Exception {
    Path warehouse = Files.createTempDirectory("runs-doc");
    Warehouse target = new Warehouse(warehouse.toString(), new org.apache.hadoop.conf.Configuration());
    java.time.Instant now = java.time.Instant.parse("2026-11-25T02:40:19Z");
    RunsTable.append(target, new RunsTable.Row("r1", "run", now, now, "succeeded", 0, "2025", 1, 1, 0,
        "0.1.0", "1", "equal-1", "4.2.0"));
    StructType read = SharedSpark.session().read().parquet(target.table(RunsTable.NAME).toString()).schema();
    // Spark reads every file column as nullable; in the file every column of runs is required.
    StructType required = new StructType();
    for (StructField f : read.fields()) {
      required = required.add(f.name(), f.dataType(), false);
    }
    return required;
  }

  @Test
  void theParserSeesAMismatch() {
    List<String> doc = List.of("## `t`", "", "| column | type | null | meaning | unit | example |",
        "| --- | --- | --- | --- | --- | --- |", "| `a` | bigint | no | A count | persons | `3` |",
        "| `b` | string | yes | |  | `x` |", "## Other", "| `c` | int | no | x | y | z |");
    Map<String, List<Documented>> parsed = parse(doc);
    assertThat(parsed).containsOnlyKeys("t");
    assertThat(parsed.get("t")).containsExactly(new Documented("a", "bigint", false, true),
        new Documented("b", "string", true, false));
  }
}
