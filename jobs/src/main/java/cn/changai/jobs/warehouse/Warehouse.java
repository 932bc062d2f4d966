package cn.changai.jobs.warehouse;

import java.io.IOException;
import java.util.Collection;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * The warehouse folder: published tables under {@code tables/}, run records under {@code runs/},
 * work in progress under {@code _staging/<run_id>/}. Periods are published by renaming folders.
 */
public final class Warehouse {

  private final Path root;
  private final FileSystem fs;

  public Warehouse(String location, Configuration conf) throws IOException {
    Path path = new Path(location);
    this.fs = path.getFileSystem(conf);
    this.root = fs.makeQualified(path);
  }

  public FileSystem fs() {
    return fs;
  }

  public Path root() {
    return root;
  }

  /** The published folder of a table. */
  public Path table(String name) {
    return new Path(new Path(root, "tables"), name);
  }

  public boolean hasTable(String name) throws IOException {
    return fs.exists(table(name));
  }

  /**
   * The periods a published table holds: its {@code period=...} folders, listed without Spark.
   * Empty when the table does not exist.
   */
  public java.util.SortedSet<String> periods(String name) throws IOException {
    java.util.SortedSet<String> periods = new java.util.TreeSet<>();
    Path folder = table(name);
    if (!fs.exists(folder)) {
      return periods;
    }
    for (org.apache.hadoop.fs.FileStatus status : fs.listStatus(folder)) {
      String folderName = status.getPath().getName();
      if (status.isDirectory() && folderName.startsWith("period=")) {
        periods.add(ExternalCatalogUtils.unescapePathName(folderName.substring("period=".length())));
      }
    }
    return periods;
  }

  public Path runs() {
    return new Path(root, "runs");
  }

  /** The staging folder of one run; nothing there is visible to readers of the tables. */
  public Path staging(String runId) {
    return new Path(new Path(root, "_staging"), runId);
  }

  /** The folder name of a period partition, escaped the way Spark writes it. */
  public static String partitionFolder(String period) {
    return "period=" + ExternalCatalogUtils.escapePathName(period);
  }

  /**
   * Replaces the given periods of a published table by the staged ones. A period absent from the
   * staging folder is removed from the table (it became empty). Each period moves by renames.
   */
  public void publish(String table, Path staged, Collection<String> periods, String runId) throws IOException {
    Path target = table(table);
    Path trash = new Path(new Path(new Path(root, "_trash"), runId), table);
    fs.mkdirs(target);
    for (String period : periods) {
      String folder = partitionFolder(period);
      Path published = new Path(target, folder);
      Path fresh = new Path(staged, folder);
      Path old = new Path(trash, folder);
      boolean hadOld = fs.exists(published);
      if (hadOld) {
        fs.mkdirs(trash);
        rename(published, old);
      }
      if (fs.exists(fresh)) {
        rename(fresh, published);
      }
      if (hadOld) {
        fs.delete(old, true);
      }
    }
  }

  /** Removes what a run left under {@code _staging} and {@code _trash}. */
  public void cleanUp(String runId) throws IOException {
    fs.delete(staging(runId), true);
    fs.delete(new Path(new Path(root, "_trash"), runId), true);
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
  }
}
