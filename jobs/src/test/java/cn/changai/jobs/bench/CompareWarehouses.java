package cn.changai.jobs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the published tables of two warehouses row for row with DuckDB, both ways
 * ({@code EXCEPT ALL}), leaving out the columns that name a run. Prints one line per table and
 * exits 1 when any table differs. Used before an old code path goes ({@code scripts/compare A B}).
 */
public final class CompareWarehouses {

  private static final List<String> RUN_COLUMNS = List.of("run_id");

  private CompareWarehouses() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: compare WAREHOUSE_A WAREHOUSE_B");
      System.exit(2);
    }
    Path a = Path.of(args[0], "tables");
    Path b = Path.of(args[1], "tables");
    List<String> tables = new ArrayList<>();
    try (var s = Files.list(a)) {
      s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(tables::add);
    }
    try (var s = Files.list(b)) {
      s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(t -> !tables.contains(t)).forEach(t -> tables.add(t + " (only in B)"));
    }
    boolean same = true;
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      for (String table : tables) {
        if (table.endsWith("(only in B)") || !Files.isDirectory(b.resolve(table))) {
          System.out.printf("%-22s only in one warehouse%n", table);
          same = false;
          continue;
        }
        boolean filesA = hasParquet(a.resolve(table));
        boolean filesB = hasParquet(b.resolve(table));
        if (!filesA || !filesB) {
          // A table with no rows has no files, and no schema to read.
          same &= filesA == filesB;
          System.out.printf("%-22s %s%n", table, filesA == filesB ? "no rows in either" : "no rows in " + (filesA ? "B" : "A"));
          continue;
        }
        String left = view(st, "a_" + table, a.resolve(table));
        String right = view(st, "b_" + table, b.resolve(table));
        long rowsA = count(st, "SELECT count(*) FROM " + left);
        long rowsB = count(st, "SELECT count(*) FROM " + right);
        String columns = columns(st, left);
        long onlyA = count(st, "SELECT count(*) FROM (SELECT " + columns + " FROM " + left
            + " EXCEPT ALL SELECT " + columns + " FROM " + right + ")");
        long onlyB = count(st, "SELECT count(*) FROM (SELECT " + columns + " FROM " + right
            + " EXCEPT ALL SELECT " + columns + " FROM " + left + ")");
        same &= onlyA == 0 && onlyB == 0;
        System.out.printf("%-22s rows %,d / %,d   only in A %,d   only in B %,d%n", table, rowsA, rowsB, onlyA, onlyB);
        if (onlyA + onlyB > 0) {
          show(st, "  A: ", "SELECT " + columns + " FROM " + left + " EXCEPT ALL SELECT " + columns + " FROM " + right);
          show(st, "  B: ", "SELECT " + columns + " FROM " + right + " EXCEPT ALL SELECT " + columns + " FROM " + left);
        }
      }
    }
    System.exit(same ? 0 : 1);
  }

  private static boolean hasParquet(Path table) throws Exception {
    try (var files = Files.walk(table)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    }
  }

  private static String view(Statement st, String name, Path table) throws Exception {
    st.execute("CREATE VIEW " + name + " AS SELECT * FROM read_parquet('" + table + "/**/*.parquet', "
        + "hive_partitioning = true, hive_types_autocast = false, union_by_name = true)");
    return name;
  }

  private static String columns(Statement st, String view) throws Exception {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT column_name FROM (DESCRIBE " + view + ")")) {
      while (rs.next()) {
        if (!RUN_COLUMNS.contains(rs.getString(1))) {
          names.add('"' + rs.getString(1) + '"');
        }
      }
    }
    return String.join(", ", names);
  }

  /** Prints the first rows a query returns (the differences), one line each. */
  private static void show(Statement st, String prefix, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql + " LIMIT 5")) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder line = new StringBuilder(prefix);
        for (int i = 1; i <= n; i++) {
          line.append(i > 1 ? " | " : "").append(String.valueOf(rs.getObject(i)).replace("\n", "\\n").replace("\r", "\\r"));
        }
        System.out.println(line.length() > 400 ? line.substring(0, 400) + "…" : line);
      }
    }
  }

  private static long count(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
