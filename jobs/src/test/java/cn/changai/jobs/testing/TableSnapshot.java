package cn.changai.jobs.testing;

import cn.changai.jobs.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every published table of a warehouse (but the runs log) as sorted text rows without run ids, to
 * compare two warehouses row for row. Reading it proves the tables are readable.
 */
public final class TableSnapshot {

  private TableSnapshot() {}

  public static Map<String, List<String>> of(Path warehouse) throws IOException {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Stream<Path> folders = Files.list(warehouse.resolve("tables"))) {
      for (Path folder : folders.sorted().toList()) {
        String name = folder.getFileName().toString();
        if (name.equals("runs")) {
          continue;
        }
        Dataset<Row> table = SharedSpark.session().read().parquet(folder.toString());
        if (Arrays.asList(table.columns()).contains("run_id")) {
          table = table.drop("run_id");
        }
        List<String> rows = new ArrayList<>();
        String[] columns = table.columns();
        for (Row row : table.collectAsList()) {
          StringBuilder line = new StringBuilder("period=" + row.getAs("period"));
          for (int i = 0; i < columns.length; i++) {
            line.append('|').append(columns[i]).append('=').append(String.valueOf(row.get(i)));
          }
          rows.add(line.toString());
        }
        rows.sort(null);
        tables.put(name, rows);
      }
    }
    return tables;
  }

  /**
   * Every published file of a warehouse (tables, reports, run records and state; not the
   * {@code _}-named work folders and lock), by path relative to the warehouse, with a digest of
   * its bytes: equal maps mean a reader finds exactly the same warehouse.
   */
  public static Map<String, String> files(Path warehouse) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(warehouse)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        String relative = warehouse.relativize(path).toString();
        if (!relative.startsWith("_")) {
          files.put(relative, digest(Files.readAllBytes(path)));
        }
      }
    }
    return files;
  }

  private static String digest(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rows of one period. */
  public static List<String> only(List<String> rows, String period) {
    return rows.stream().filter(r -> r.startsWith("period=" + period + "|")).toList();
  }

  /** Copies a folder tree. */
  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
