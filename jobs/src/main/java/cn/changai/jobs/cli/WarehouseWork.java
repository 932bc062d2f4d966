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

  /** The work itself, given the session and the warehouse. */
  interface Work {
    int run(SparkSession spark, Warehouse warehouse) throws Exception;
  }

  private WarehouseWork() {}

  static int locked(String location, String command, SparkOptions options, Work work) throws Exception {
    try (Lock lock = Lock.acquire(new Warehouse(location, new Configuration()), command);
        SparkSession spark = Sessions.create("changai " + command, options)) {
      Warehouse warehouse = new Warehouse(location, spark.sparkContext().hadoopConfiguration());
      warehouse.recover();
      return work.run(spark, warehouse);
    } catch (Throwable e) {
      // A full disk's FSError names no file: say which warehouse. The lock is released by now.
      if (e instanceof Error || Failures.isEnvironment(e)) {
        throw new Failures.Described(Failures.describe(e) + " (warehouse " + location + ")", e);
      }
      throw e;
    }
  }
}
