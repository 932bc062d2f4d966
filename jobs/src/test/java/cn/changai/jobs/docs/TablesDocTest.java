package cn.changai.jobs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.indicators.Catalogue;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.testing.SampleRun;
import cn.changai.jobs.run.RunsTable;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/tables.md is the schema data teams read: every published table and column as the code
 * declares them and, read from the Parquet footers, as a real run of the sample inbox writes them
 * (a first ingest, compute and score, then a resubmission that rewrites held rows); its DuckDB
 * examples run against that warehouse.
 */
class TablesDocTest {

  private static final String RESUBMITTED = SampleRun.RESUBMITTED;
  private static Path warehouse;

  private static final Pattern HEADING = Pattern.compile("^## `([a-z_]+)`\\s*$");
  /** How docs/tables.md documents indicator_wide's column per indicator of the catalogue. */
  private static final String INDICATOR_COLUMN = "<id> double null";

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

  @BeforeAll
  static void runTheSample() throws Exception {
    warehouse = SampleRun.warehouse();
  }

  @Test
  void everyPublishedFileHasTheDocumentedColumnsTypesAndNullability() throws Exception {
    Map<String, List<Documented>> documented = parse(Files.readAllLines(doc(), StandardCharsets.UTF_8));
    Path tables = warehouse.resolve("tables");
    Set<String> published = new TreeSet<>();
    try (Stream<Path> folders = Files.list(tables)) {
      folders.forEach(f -> published.add(f.getFileName().toString()));
    }
    assertThat(published).as("tables a run publishes").containsExactlyInAnyOrderElementsOf(documented.keySet());
    int files = 0;
    for (String table : published) {
      List<String> expected = new ArrayList<>();
      documented.get(table).forEach(d -> expected.add(d.name() + " " + d.type() + (d.nullable() ? " null" : " not null")));
      try (Stream<Path> paths = Files.walk(tables.resolve(table))) {
        for (Path file : (Iterable<Path>) paths.filter(p -> p.toString().endsWith(".parquet")).sorted()::iterator) {
          List<String> actual = new ArrayList<>();
          for (Type column : footer(file).getFields()) {
            actual.add(column.getName() + " " + docType(column) + (column.isRepetition(Type.Repetition.REQUIRED) ? " not null" : " null"));
          }
          if (file.getParent().getFileName().toString().startsWith("period=")) {
            actual.add("period string not null");
          }
          actual = indicatorsAsOne(actual);
          assertThat(actual).as("columns of " + tables.relativize(file) + " against docs/tables.md").containsExactlyElementsOf(expected);
          files++;
        }
      }
    }
    // enterprises, workers, studios, rejected_submissions and compute's and score's tables in both
    // periods, rejected_rows and warnings in 2025 only (sample-data/README.md), one runs file,
    // and the second ingest's rewritten workers file of 2025 beside the one its task wrote.
    assertThat(files).isGreaterThanOrEqualTo(2 * 7 + 2 + 1 + 1);
  }

  /** A Parquet column as docs/tables.md names its type; INT96 and zone-less timestamps have no name there. */
  static String docType(Type column) {
    if (!column.isPrimitive()) {
      LogicalTypeAnnotation list = column.getLogicalTypeAnnotation();
      GroupType repeated = column.asGroupType().getType(0).asGroupType();
      return (list instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation ? "array<" : "group<")
          + docType(repeated.getType(0)) + ">";
    }
    PrimitiveType p = column.asPrimitiveType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    return switch (p.getPrimitiveTypeName()) {
      case BINARY -> logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation ? "string" : "binary";
      case BOOLEAN -> "boolean";
      case DOUBLE -> "double";
      case FLOAT -> "float";
      case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? "date"
          : logical == null ? "int" : "int32 " + logical;
      case INT64 -> {
        if (logical == null) {
          yield "bigint";
        } else if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          yield "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        } else if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t && t.isAdjustedToUTC()) {
          yield "timestamp";
        }
        yield "int64 " + logical;
      }
      default -> p.getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT) + " " + logical;
    };
  }

  private static MessageType footer(Path file) throws Exception {
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }

  /** The ```sql blocks of the section "Reading the tables", {@code out/} replaced by the sample run's warehouse. */
  private static List<String> duckdbExamples() throws Exception {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    boolean inSection = false;
    for (String line : Files.readAllLines(doc(), StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Reading the tables");
      } else if (inSection && line.equals("```sql")) {
        block = new StringBuilder();
      } else if (block != null && line.equals("```")) {
        blocks.add(block.toString().replace("'out/", "'" + warehouse + "/"));
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  /** Runs an example's statements in order and returns the last one's rows, each column as text (instants in UTC). */
  private static List<List<String>> duckdb(Connection db, String example) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Statement st = db.createStatement()) {
      String[] statements = example.strip().split(";\\s*\n");
      for (int i = 0; i < statements.length - 1; i++) {
        st.execute(statements[i]);
      }
      try (ResultSet rs = st.executeQuery(statements[statements.length - 1].replaceAll(";\\s*$", ""))) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int c = 1; c <= n; c++) {
            Object value = rs.getMetaData().getColumnTypeName(c).startsWith("TIMESTAMP WITH TIME ZONE")
                ? rs.getObject(c, OffsetDateTime.class).toInstant() : rs.getObject(c);
            row.add(value == null ? null : value.toString());
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  @Test
  void theDuckDbExamplesKeepPeriodTextAndTimestampsInstants() throws Exception {
    List<String> examples = duckdbExamples();
    assertThat(examples).hasSize(4);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      // A02 of 2025: one row per unit. The 15 accepted enterprises of sample-data/inbox/2025, its
      // 3 groups, the 9 industries among them, the system.
      Map<String, Integer> levels = new TreeMap<>();
      duckdb(db, examples.get(0)).forEach(r -> levels.merge(r.get(0), 1, Integer::sum));
      assertThat(levels).containsExactlyEntriesOf(new TreeMap<>(Map.of("enterprise", 15, "group", 3, "industry", 9, "system", 1)));

      // period compared as text: 13 accepted submissions in 2024, 15 in 2025.
      assertThat(duckdb(db, examples.get(1))).containsExactly(List.of("2024", "13"), List.of("2025", "15"));

      // submitted_at is the instant the file wrote (10:32:10+10:00 is 00:32:10 UTC); the file's offset is kept.
      List<List<String>> enterprises = duckdb(db, examples.get(2));
      assertThat(enterprises).hasSize(15);
      assertThat(enterprises.get(0)).containsExactly(RESUBMITTED, "上海浦江新材料有限公司", "2026-02-18T00:32:10Z", "+10:00");
      assertThat(enterprises).anySatisfy(r -> assertThat(r).containsExactly("913100004EGYLCJ3YE", "上海华谊电子集团有限公司",
          "2026-01-09T01:51:51Z", "+08:00"));

      // The look before and after a query: no commit under way, and one runs file per run so far.
      long runs;
      try (java.util.stream.Stream<Path> files = Files.list(warehouse.resolve("tables").resolve("runs"))) {
        runs = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
      }
      assertThat(runs).isPositive();
      assertThat(duckdb(db, examples.get(3))).containsExactly(List.of("0", Long.toString(runs)));
    }
  }

  @Test
  void theFooterTypeNamesTellLegacyTimestampsApart() {
    MessageType legacy = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
        "message m { required int96 a; optional int64 b (TIMESTAMP(MICROS,false)); required int64 c (TIMESTAMP(MICROS,true));"
            + " optional int32 d (DATE); required group e (LIST) { repeated group list { required binary element (STRING); } } }");
    List<String> names = new ArrayList<>();
    legacy.getFields().forEach(f -> names.add(docType(f)));
    assertThat(names.get(0)).isNotEqualTo("timestamp");
    assertThat(names.get(1)).isNotEqualTo("timestamp");
    assertThat(names.subList(2, 5)).containsExactly("timestamp", "date", "array<string>");
  }

  @Test
  void everyPublishedTableAndColumnIsDocumentedAsTheCodeWritesIt(@TempDir Path dir) throws Exception {
    Map<String, List<Documented>> documented = parse(Files.readAllLines(doc(), StandardCharsets.UTF_8));
    Map<String, StructType> code = new LinkedHashMap<>();
    Tables.ALL.forEach(t -> code.put(t.name(), t.schema()));
    code.put(RunsTable.NAME, runsAsSparkReadsThem(dir));

    assertThat(documented.keySet()).as("tables in docs/tables.md").containsExactlyInAnyOrderElementsOf(code.keySet());
    for (Map.Entry<String, StructType> table : code.entrySet()) {
      List<String> expected = new ArrayList<>();
      for (StructField f : table.getValue().fields()) {
        expected.add(f.name() + " " + f.dataType().catalogString() + (f.nullable() ? " null" : " not null"));
      }
      expected = indicatorsAsOne(expected);
      List<String> actual = new ArrayList<>();
      for (Documented d : documented.get(table.getKey())) {
        actual.add(d.name() + " " + d.type() + (d.nullable() ? " null" : " not null"));
        assertThat(d.complete()).as(table.getKey() + "." + d.name() + " has meaning, unit and example").isTrue();
      }
      assertThat(actual).as("columns of " + table.getKey() + " in docs/tables.md").containsExactlyElementsOf(expected);
    }
  }

  /**
   * The columns with the wide table's column per indicator of the catalogue as the one row
   * docs/tables.md gives them ({@code <id> double null}); an indicator's column of another type or
   * nullability stays as it is, to show as a mismatch.
   */
  static List<String> indicatorsAsOne(List<String> columns) {
    List<String> out = new ArrayList<>();
    for (String column : columns) {
      String name = column.substring(0, column.indexOf(' '));
      if (Catalogue.byId(name).isEmpty() || !column.equals(name + " double null")) {
        out.add(column);
      } else if (!out.contains(INDICATOR_COLUMN)) {
        out.add(INDICATOR_COLUMN);
      }
    }
    return out;
  }

  /** The runs table is written without Spark: its schema is what Spark reads from a real file. */
  private static StructType runsAsSparkReadsThem(Path warehouse) throws Exception {
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
