package cn.changai.jobs;

import cn.changai.jobs.spark.Sessions;
import cn.changai.jobs.warehouse.LocalFastFileSystem;
import cn.changai.jobs.spark.SparkOptions;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test suite: started on first use, shared by every test class (they
 * run in one JVM), stopped when the JVM exits. Spark start-up is the slow part of a test.
 */
public final class SharedSpark {

  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      // As Main does: Spark's writers set permissions without starting processes.
      LocalFastFileSystem.install();
      SparkOptions options = new SparkOptions();
      options.master = "local[2]";
      options.conf.put("spark.sql.shuffle.partitions", "2");
      options.conf.put("spark.default.parallelism", "2");
      session = Sessions.create("changai tests", options);
    }
    return session;
  }
}
