package cn.changai.jobs.report;

import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The warehouse of {@link SampleFixture}, written once per test JVM (scores with
 * {@code indicators_used} stored as text) and reported by {@link ReportJob}: its pages are under
 * {@code reports/2024/} and {@code reports/2025/}.
 */
final class SampleWarehouse {

  private static Path root;
  private static ReportResult result;

  private SampleWarehouse() {}

  static synchronized Path root() throws Exception {
    if (root == null) {
      SparkSession spark = SharedSpark.session();
      Path dir = Files.createTempDirectory("changai-report-sample-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      WarehouseFixture.write(spark, dir, SampleFixture.periods());
      Warehouse warehouse = new Warehouse(dir.toString(), spark.sparkContext().hadoopConfiguration());
      result = new ReportJob(spark, warehouse, List.of("2024", "2025"), ReportJob.DEFAULT_MIN_BASE, "test-sample").run();
      root = dir;
    }
    return root;
  }

  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // A temporary folder left behind is harmless.
    }
  }

  static synchronized ReportResult result() throws Exception {
    root();
    return result;
  }
}
