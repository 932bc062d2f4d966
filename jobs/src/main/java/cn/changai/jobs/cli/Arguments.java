package cn.changai.jobs.cli;

import cn.changai.domain.Period;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Checks of command-line values, made before Spark starts; each failure names the value. */
final class Arguments {

  private Arguments() {}

  static Set<String> periods(String option, List<String> values) {
    Set<String> periods = new TreeSet<>();
    for (String value : values) {
      for (String period : value.split(",")) {
        String p = period.strip();
        if (!Period.isValidPeriod(p)) {
          throw new UsageError("Invalid value for " + option + ": '" + p + "' is not a period (YYYY, YYYYHn or YYYYQn, e.g. 2025, 2025H1, 2025Q3)");
        }
        periods.add(p);
      }
    }
    return periods;
  }

  static String inbox(String value) {
    Path path = new Path(value);
    try {
      FileSystem fs = path.getFileSystem(new Configuration());
      FileStatus status = fs.getFileStatus(path);
      if (!status.isDirectory()) {
        throw new UsageError("Cannot read inbox: not a folder: " + value);
      }
    } catch (java.io.FileNotFoundException e) {
      throw new UsageError("Cannot read inbox: no such folder: " + value);
    } catch (IOException e) {
      throw new UsageError("Cannot read inbox " + value + ": " + e.getMessage());
    }
    return value;
  }

  static String warehouse(String value) {
    Path path = new Path(value);
    try {
      FileSystem fs = path.getFileSystem(new Configuration());
      if (fs.exists(path) && !fs.getFileStatus(path).isDirectory()) {
        throw new UsageError("Cannot use warehouse: not a folder: " + value);
      }
    } catch (IOException e) {
      throw new UsageError("Cannot use warehouse " + value + ": " + e.getMessage());
    }
    return value;
  }
}
