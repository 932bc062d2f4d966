package cn.changai.jobs.cli;

import cn.changai.jobs.run.Failures;
import cn.changai.jobs.spark.Sessions;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.Lock;
import cn.changai.jobs.warehouse.Warehouse;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * How every command that writes to a warehouse runs its Spark work: under the warehouse's lock
 * (taken before Spark starts), after finishing or undoing what a killed run left.
 */
final class WarehouseWork {

  /**
   * The work itself, given the session and the warehouse in one {@link Session}: a command's lambda
   * then declares no Spark type, so reading the command's options (to print its help) loads no Spark class.
   */
  interface Work {
    int run(Session session) throws Exception;
  }

  /** The session the work runs in and the warehouse it works on. */
  record Session(SparkSession spark, Warehouse warehouse) {}

  private WarehouseWork() {}

  static int locked(String location, String command, SparkOptions options, Work work) throws Exception {
    try (Lock lock = Lock.acquire(new Warehouse(location, new Configuration()), command);
        SparkSession spark = Sessions.create("changai " + command, options)) {
      Warehouse warehouse = new Warehouse(location, spark.sparkContext().hadoopConfiguration());
      warehouse.recover();
      return work.run(new Session(spark, warehouse));
    } catch (Throwable e) {
      // A full disk's FSError names no file: say which warehouse. The lock is released by now.
      if (e instanceof Error || Failures.isEnvironment(e)) {
        throw new Failures.Described(Failures.describe(e) + " (warehouse " + location + ")", e);
      }
      throw e;
    }
  }
}
