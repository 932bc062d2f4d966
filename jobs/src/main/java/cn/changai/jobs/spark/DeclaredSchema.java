package cn.changai.jobs.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Rows given back the registry's schema before Spark writes them. Spark reads every Parquet column
 * as nullable, and writes a nullable column as {@code optional}: rows read back from a published
 * table and written again would otherwise land in files whose never-null columns are optional,
 * unlike the other files of the table and unlike docs/tables.md.
 */
public final class DeclaredSchema {

  private DeclaredSchema() {}

  /**
   * {@code rows} (already in {@code schema}'s column order) with {@code schema}'s nullability; a
   * null in a never-null column fails the write instead of being published.
   */
  public static Dataset<Row> apply(Dataset<Row> rows, StructType schema) {
    // Through the rows rather than a cast: Spark's encoder checks each never-null value.
    return rows.sparkSession().createDataFrame(rows.javaRDD(), schema);
  }
}
