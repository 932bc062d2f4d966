package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.spark.Sessions;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changai sql}: runs Spark SQL over every published table of a warehouse. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run one Spark SQL query with every table under <warehouse>/tables/ registered as a view",
      "of the same name (enterprises, workers, studios, rejected_rows, rejected_submissions,",
      "warnings, indicator_values, skill_distribution, ...). Prints a table, or CSV with --csv",
      "(UTF-8; text cells starting with = + - @ tab or CR get a leading ' so that a spreadsheet",
      "never runs them as formulas).",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 done; 1 internal failure; 2 bad arguments or an invalid query.",
      "",
      "Example:",
      "  changai sql --warehouse out \"SELECT unit_name, value FROM indicator_values",
      "      WHERE period = '2025' AND unit_level = 'group' AND indicator_id = 'B05'\""
    })
final class SqlCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(SqlCommand.class);
  private static final Pattern VIEW_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @Parameters(index = "0", paramLabel = "QUERY", description = "The Spark SQL query.")
  String query;

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse folder.")
  String warehouse;

  @Option(names = "--csv", description = "Print CSV with a header row (every row), for machines and spreadsheets.")
  boolean csv;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
      description = "Rows shown in the table (default ${DEFAULT-VALUE}; 0 for all); --csv prints all.")
  int maxRows;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    if (query == null || query.isBlank()) {
      throw new UsageError("Invalid query: it is empty");
    }
    if (maxRows < 0) {
      throw new UsageError("Invalid value for --max-rows: " + maxRows + " (must be 0 or more)");
    }
    Arguments.warehouse(warehouse);
    Map<String, String> tables = tables(warehouse);
    try (SparkSession spark = Sessions.create("changai sql", sparkOptions)) {
      register(spark, tables);
      Dataset<Row> result = query(spark, query);
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      if (csv) {
        printCsv(result, out);
      } else {
        printTable(result, out);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** The table folders of a warehouse by view name, listed without Spark. */
  static Map<String, String> tables(String location) {
    Map<String, String> tables = new LinkedHashMap<>();
    try {
      Warehouse w = new Warehouse(location, new Configuration());
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(w.root(), "tables");
      if (w.fs().exists(root)) {
        for (FileStatus status : w.fs().listStatus(root)) {
          String name = status.getPath().getName();
          if (status.isDirectory() && VIEW_NAME.matcher(name).matches()) {
            tables.put(name, status.getPath().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UsageError("Cannot use warehouse " + location + ": " + e.getMessage());
    }
    if (tables.isEmpty()) {
      throw new UsageError("Cannot query: no published tables in " + location + " (run changai ingest first)");
    }
    return tables;
  }

  /** Registers every table as a temporary view; the tables Changai writes are read with their documented schema. */
  static void register(SparkSession spark, Map<String, String> tables) {
    for (Map.Entry<String, String> table : tables.entrySet()) {
      StructType known = Tables.byName(table.getKey()).map(Tables.Table::schema).orElse(null);
      try {
        Dataset<Row> rows = known != null
            ? spark.read().schema(known).parquet(table.getValue())
            : spark.read().parquet(table.getValue());
        rows.createOrReplaceTempView(table.getKey());
      } catch (Exception e) {
        // An unknown folder without Parquet files has no schema to infer.
        if (!(e instanceof AnalysisException)) {
          throw e;
        }
        LOG.warn("Table {} is left out: {}", table.getKey(), firstLine(e.getMessage()));
      }
    }
  }

  /** The query's result; a query Spark cannot parse or resolve is a usage error (exit 2). */
  static Dataset<Row> query(SparkSession spark, String query) {
    try {
      return spark.sql(query);
    } catch (Exception e) {
      // Scala throws AnalysisException (parse and analysis errors) unchecked.
      if (e instanceof AnalysisException) {
        throw new UsageError("Invalid query: " + firstLine(e.getMessage()));
      }
      throw e;
    }
  }

  static void printCsv(Dataset<Row> result, PrintStream out) throws IOException {
    StructField[] fields = result.schema().fields();
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
    List<String> header = new ArrayList<>();
    for (StructField f : fields) {
      header.add(neutralise(f.name()));
    }
    printer.printRecord(header);
    Iterator<Row> rows = result.toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<String> cells = new ArrayList<>(fields.length);
      for (int i = 0; i < fields.length; i++) {
        Object value = row.get(i);
        // null prints as an empty field; an empty text as "" (Commons CSV tells them apart).
        cells.add(value == null ? null
            : fields[i].dataType() instanceof NumericType ? text(value, "") : neutralise(text(value, "")));
      }
      printer.printRecord(cells);
    }
    printer.flush();
  }

  private void printTable(Dataset<Row> result, PrintStream out) {
    StructField[] fields = result.schema().fields();
    List<String> header = new ArrayList<>();
    for (StructField f : fields) {
      header.add(SafeText.escape(f.name()));
    }
    TextTable table = new TextTable(header);
    List<Row> rows = maxRows == 0 ? result.collectAsList() : result.takeAsList(maxRows + 1);
    boolean more = maxRows > 0 && rows.size() > maxRows;
    if (more) {
      rows = rows.subList(0, maxRows);
    }
    for (Row row : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        // Raw lines and reasons come from uploads: no ESC or newline reaches the terminal.
        cells.add(SafeText.escape(text(row.get(i), "NULL")));
      }
      table.add(cells);
    }
    out.print(table.render());
    out.println(more
        ? "(first " + maxRows + " rows shown; --max-rows 0 shows all, --csv prints all)"
        : "(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  /** A cell as text: plain decimals (no exponent), ISO dates and times, lists joined by ';'. */
  static String text(Object value, String nullText) {
    if (value == null) {
      return nullText;
    }
    if (value instanceof Double d && Double.isFinite(d)) {
      return plain(BigDecimal.valueOf(d));
    }
    if (value instanceof Float f && Float.isFinite(f)) {
      return plain(new BigDecimal(Float.toString(f)));
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      List<String> items = new ArrayList<>();
      scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(item -> items.add(text(item, "NULL")));
      return String.join(";", items);
    }
    return value.toString();
  }

  private static String plain(BigDecimal d) {
    String text = d.toPlainString();
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }

  /** A text cell a spreadsheet could run as a formula gets a leading single quote. */
  static String neutralise(String cell) {
    if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
      return "'" + cell;
    }
    return cell;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
