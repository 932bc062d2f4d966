package cn.changai.jobs.cli;

import cn.changai.jobs.spark.SparkOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changai sql}: runs Spark SQL over every published table of a warehouse. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Run one Spark SQL query over the published tables.",
    description = {
      "Run one Spark SQL query with every table under <warehouse>/tables/ registered",
      "as a view of the same name (enterprises, workers, studios, rejected_rows,",
      "rejected_submissions, warnings, indicator_values, skill_distribution, ...).",
      "Prints a table, or CSV with --csv (UTF-8; text cells starting with = + - @,",
      "also after blanks or control characters, or with tab or CR get a leading '",
      "so that a spreadsheet never runs them as formulas).",
      ""
    },
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  done",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "     (a query Spark cannot parse, with its message, line and position; or",
      "     cannot resolve: an unknown table or column; or that fails on its own",
      "     values: a cast of text to a number, a division by zero, raise_error)",
      "",
      "Example:",
      "  changai sql --warehouse out \"SELECT unit_name, value FROM indicator_values",
      "      WHERE period = '2025' AND unit_level = 'group' AND indicator_id = 'B05'\""
    })
final class SqlCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "QUERY", description = "The Spark SQL query.")
  String query;

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse folder.")
  String warehouse;

  @Option(names = "--csv", description = {"Print CSV with a header row (every row), for", "programs: UTF-8 without a byte-order mark,",
      "values as stored (only text a spreadsheet would", "run as a formula gets a leading '). For Excel,",
      "take the reports' ranking.csv or workbook."})
  boolean csv;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
      description = {"Rows shown in the table (default ${DEFAULT-VALUE};", "0 for all); --csv prints all."})
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
    Arguments.readWarehouse(warehouse);
    Arguments.openable(warehouse);
    sparkOptions.check(UsageError::new);
    return SqlQuery.run(warehouse, query, csv, maxRows, sparkOptions);
  }

}
