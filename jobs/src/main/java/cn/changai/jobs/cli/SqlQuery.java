package cn.changai.jobs.cli;

import cn.changai.jobs.ingest.SafeText;
import cn.changai.jobs.score.RankingReports;
import cn.changai.jobs.spark.Sessions;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.ReadersGate;
import cn.changai.jobs.warehouse.Tables;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark side of {@code changai sql}: the warehouse's tables, the views a query needs, the
 * query, and its result as a text table or CSV. Kept apart from {@link SqlCommand} so that
 * printing the help loads no Spark class.
 */
final class SqlQuery {

  private static final Logger LOG = LoggerFactory.getLogger(SqlQuery.class);
  private static final Pattern VIEW_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SHOW = Pattern.compile("\\s*SHOW\\s+(TABLES|VIEWS)\\b", Pattern.CASE_INSENSITIVE);

  private SqlQuery() {}

  /** Checks the syntax, starts Spark, registers the tables the query names, prints the result. */
  static int run(String warehouse, String query, boolean csv, int maxRows, SparkOptions options) throws IOException {
    long t = System.nanoTime();
    Map<String, String> tables = tables(warehouse);
    checkSyntax(query);
    long parsed = System.nanoTime();
    Warehouse read = new Warehouse(warehouse, new Configuration());
    try (SparkSession session = Sessions.create("changai sql", options);
        // From the sizes of the tables to the last row printed, no commit swaps a folder under it.
        ReadersGate gate = ReadersGate.reading(read)) {
      long started = System.nanoTime();
      warnIfMixed(read, System.err);
      // Listed again behind the gate: the first listing, before Spark started, may be from before
      // a commit that has published since (a first run's tables, a table of findings appearing),
      // and the query would see the new tables beside an old absence (not found, or an empty view).
      tables = tables(warehouse);
      Map<String, String> named = named(tables, query);
      SparkSession spark = Sessions.forScan(session, bytes(named.values()));
      // SELECT * FROM text.`/etc/passwd` would read any file: only the registered tables are queried.
      spark.conf().set("spark.sql.runSQLOnFiles", "false");
      register(spark, named);
      long registered = System.nanoTime();
      Dataset<Row> result = query(spark, query, tables.keySet());
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      try {
        if (csv) {
          printCsv(result, out);
        } else {
          printTable(result, out, maxRows);
        }
      } catch (RuntimeException e) {
        IOException published = publishedMeanwhile(e);
        if (published != null) {
          throw published;
        }
        throw ownFault(e);
      }
      out.flush();
      // A PrintStream keeps its write errors to itself: a full disk would leave a cut result
      // behind an exit code of 0. A reader that closed the pipe early (| head) read what it wanted.
      if ((out.checkError() || System.out.checkError()) && !StandardOutput.isPipe()) {
        throw new IOException("the result could not be written whole to standard output"
            + " (a full disk, say)");
      }
      LOG.debug("sql: syntax checked in {} ms, Spark started in {} ms, views {} in {} ms, query answered in {} ms",
          (parsed - t) / 1_000_000, (started - parsed) / 1_000_000, named.keySet(), (registered - started) / 1_000_000,
          (System.nanoTime() - registered) / 1_000_000);
      return ExitCodes.OK;
    }
  }

  /**
   * Warns of each run that stopped while it swapped its tables ({@link Warehouse#stoppedWhileSwapping}):
   * called holding the readers' gate, which a commit in progress holds alone, so such a run's
   * process has ended and the tables are part old, part new.
   */
  static void warnIfMixed(Warehouse warehouse, PrintStream err) {
    for (String stopped : warehouse.stoppedWhileSwapping()) {
      err.println("changai sql: warning: run " + SafeText.escape(stopped) + " stopped while publishing: the tables"
          + " are part old, part new until the next changai run completes its publication (its first step)");
    }
  }

  /**
   * The table folders of a warehouse by view name, in name order, listed without Spark; a table
   * of findings that ingest never had rows for maps to null (an empty view).
   */
  static Map<String, String> tables(String location) {
    Map<String, String> tables = new java.util.TreeMap<>();
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
    if (tables.containsKey(Tables.ENTERPRISES.name())) {
      // Ingest writes a table of findings only when it has rows: absent, it is empty (no folder).
      Tables.FINDINGS.forEach(t -> tables.putIfAbsent(t.name(), null));
    }
    return tables;
  }

  /** The bytes of the given table folders, all their files. */
  private static long bytes(Collection<String> folders) throws IOException {
    long bytes = 0;
    for (String folder : folders) {
      if (folder == null) {
        continue;
      }
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(folder);
      bytes += path.getFileSystem(new Configuration()).getContentSummary(path).getLength();
    }
    return bytes;
  }

  /** Registers every table as a temporary view; the tables Changai writes are read with their documented schema. */
  static void register(SparkSession spark, Map<String, String> tables) {
    for (Map.Entry<String, String> table : tables.entrySet()) {
      StructType known = Tables.byName(table.getKey()).map(Tables.Table::schema).orElse(null);
      try {
        Dataset<Row> rows = table.getValue() == null ? spark.createDataFrame(List.of(), known)
            : known != null ? spark.read().schema(known).parquet(table.getValue())
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

  /**
   * Checks the query's syntax with Spark's parser, before any session starts: a syntax error is a
   * usage error (exit 2) naming the line and position, found in a second rather than after Spark's start.
   */
  static void checkSyntax(String query) {
    LogicalPlan plan;
    try {
      plan = new SparkSqlParser().parsePlan(query);
      checkReadOnly(plan);
    } catch (StackOverflowError e) {
      // Parentheses a thousand deep: the parser (or the walk of its plan) recurses that deep.
      throw new UsageError("Invalid query: it is nested too deeply to read; write it with fewer levels of parentheses");
    } catch (Exception e) {
      // Scala throws ParseException (an AnalysisException) unchecked.
      if (e instanceof AnalysisException) {
        throw new UsageError("Invalid query: " + firstLine(e.getMessage()));
      }
      throw e;
    }
  }

  /** Statements that only read or describe: the commands a query of the published tables may be. */
  private static final java.util.Set<String> READING_COMMANDS =
      java.util.Set.of("ShowTables", "ShowViews", "ShowColumns", "DescribeRelation", "DescribeColumn", "ExplainCommand");

  /** Functions that call Java methods by name: a query could reach the file system through them. */
  private static final Pattern REFLECTION =
      Pattern.compile("'(reflect|java_method|try_reflect)\\(", Pattern.CASE_INSENSITIVE);

  /**
   * Refuses a statement that would write (INSERT, CREATE ... AS SELECT, LOAD DATA), change the
   * session or the catalog (SET, ADD JAR, CACHE, DROP, CREATE VIEW), run a program ({@code SELECT
   * TRANSFORM ... USING}, in a subquery or a CTE too) or call Java methods by name:
   * {@code changai sql} reads the published tables and changes nothing. Files outside them are
   * out of reach too ({@code spark.sql.runSQLOnFiles} is off in its session).
   */
  static void checkReadOnly(LogicalPlan plan) {
    List<String> refused = new ArrayList<>();
    visit(plan, refused);
    if (REFLECTION.matcher(plan.toString()).find()) {
      refused.add("reflect");
    }
    if (!refused.isEmpty()) {
      throw new UsageError("Invalid query: changai sql only reads the published tables; this statement would "
          + "write or change something (" + String.join(", ", new java.util.TreeSet<>(refused)) + ")");
    }
  }

  private static void visit(TreeNode<?> node, List<String> refused) {
    String name = node.getClass().getSimpleName();
    // EXECUTE IMMEDIATE runs a statement given as text, which this check cannot see: refused
    // whatever the text (a red-team sweep overwrote a published table through it).
    // SELECT TRANSFORM ... USING 'command' runs a program of the operating system on the rows: a
    // shell, with the user's rights (a red-team sweep read /etc/passwd and wrote files through it).
    if (node instanceof InsertIntoStatement || node instanceof InsertIntoDir
        || node instanceof Command && !READING_COMMANDS.contains(name) || name.contains("ExecuteImmediate")
        || node instanceof ScriptTransformation) {
      refused.add(name);
    }
    for (Object child : scala.jdk.javaapi.CollectionConverters.asJava(node.children())) {
      visit((TreeNode<?>) child, refused);
    }
    for (Object inner : scala.jdk.javaapi.CollectionConverters.asJava(node.innerChildren())) {
      visit((TreeNode<?>) inner, refused);
    }
  }

  /**
   * The tables a query names: those whose name appears in it as a word (a column or text of the
   * same name only costs a view that goes unused); all of them for SHOW TABLES or SHOW VIEWS.
   * Registering a view lists its folder's files, so a query registers only what it may read.
   */
  static Map<String, String> named(Map<String, String> tables, String query) {
    if (SHOW.matcher(query).lookingAt()) {
      return tables;
    }
    Map<String, String> named = new LinkedHashMap<>();
    tables.forEach((name, folder) -> {
      if (Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE)
          .matcher(query).find()) {
        named.put(name, folder);
      }
    });
    return named;
  }

  /**
   * A query that met a table file gone: a commit swapped the tables while it read them, which
   * happens only when the query ran past the 30 s a commit waits for readers (the readers' gate),
   * or on a warehouse without one. Said so, instead of Spark's "Exception thrown in awaitResult"
   * around a FileNotFoundException; null for any other failure.
   */
  static IOException publishedMeanwhile(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.io.FileNotFoundException) {
        return new IOException("a run published new tables while this query read them (a run's commit waits at most "
            + ReadersGate.COMMIT_WAIT_MS / 1000 + " s for queries to finish); run the query again", e);
      }
    }
    return null;
  }

  /**
   * A query that fails on its own values as Spark runs it (a cast of text to a number, a division
   * by zero: SQL's data exceptions, SQLSTATE class 22; or its own {@code raise_error}) as a usage
   * error (exit 2) with Spark's message; anything else as it is (exit 1, a fault of the program or
   * of its environment).
   */
  static RuntimeException ownFault(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.apache.spark.SparkThrowable spark && (spark.getSqlState() != null && spark.getSqlState().startsWith("22")
          || "USER_RAISED_EXCEPTION".equals(spark.getCondition()))) {
        return new UsageError("Query failed on its values: " + firstLine(t.getMessage()));
      }
    }
    return e;
  }

  /** The query's result; a query Spark cannot parse or resolve is a usage error (exit 2). */
  static Dataset<Row> query(SparkSession spark, String query, Collection<String> tables) {
    try {
      return spark.sql(query);
    } catch (Exception e) {
      // Scala throws AnalysisException (parse and analysis errors) unchecked.
      if (e instanceof AnalysisException analysis) {
        String message = "Invalid query: " + firstLine(e.getMessage());
        if ("TABLE_OR_VIEW_NOT_FOUND".equals(analysis.getCondition())) {
          message += " Tables of this warehouse: " + String.join(", ", tables) + ".";
        }
        throw new UsageError(message);
      }
      throw e;
    }
  }

  static void printCsv(Dataset<Row> result, PrintStream out) throws IOException {
    StructField[] fields = result.schema().fields();
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
    List<String> header = new ArrayList<>();
    for (StructField f : fields) {
      header.add(RankingReports.text(f.name()));
    }
    printer.printRecord(header);
    Iterator<Row> rows = result.toLocalIterator();
    long printed = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      List<String> cells = new ArrayList<>(fields.length);
      for (int i = 0; i < fields.length; i++) {
        Object value = row.get(i);
        // null prints as an empty field; an empty text as "" (Commons CSV tells them apart).
        cells.add(value == null ? null
            : fields[i].dataType() instanceof NumericType ? text(value, "") : RankingReports.text(text(value, "")));
      }
      printer.printRecord(cells);
      // Once output fails (a reader gone, a full disk) no more rows are fetched: | head -1 would
      // otherwise wait for every row of a large result. Checked now and then: checking flushes.
      if (++printed % 1024 == 0 && out.checkError()) {
        break;
      }
    }
    printer.flush();
  }

  /** The result as an aligned text table of at most {@code maxRows} rows (0: all), then the row count. */
  static void printTable(Dataset<Row> result, PrintStream out, int maxRows) {
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

  /** The first line of a message that has text: Spark's parse errors start with an empty line. */
  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    for (String line : message.split("\n")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return "";
  }
}
