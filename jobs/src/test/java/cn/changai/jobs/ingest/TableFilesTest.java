package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.warehouse.Tables;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFilesTest {

  private static Row warning(String enterprise, String code, String period) {
    return RowFactory.create(enterprise, "workers.csv", 7, "mentor_id", code, "reason " + code, null, period);
  }

  @Test
  void keptRowsStayInSparkAndAreStagedWithTheFreshOnesInTheDeclaredNullability(@TempDir java.nio.file.Path dir)
      throws Exception {
    SparkSession spark = SharedSpark.session();
    // Kept: two warnings of 2025 and one of 2024, given in another column order than the table's.
    Dataset<Row> kept = spark.createDataFrame(List.of(warning("E1", "K1", "2025"), warning("E2", "K2", "2025"),
        warning("E3", "K3", "2024")), Tables.ISSUES_SCHEMA.asNullable()).select("period", "reason", "reason_code",
        "raw", "column", "line", "file", "enterprise_id");
    List<Row> fresh = List.of(warning("E4", "F1", "2025"), warning(null, "F2", "2026"));
    Path staged = new Path(dir.toUri().toString(), "warnings");

    TableFiles.stage(staged, Tables.ISSUES_SCHEMA, kept, fresh, new Configuration());

    // By hand: 2024 has K3; 2025 has K1, K2 and F1; 2026 has F2 (an enterprise-less warning).
    Dataset<Row> back = spark.read().parquet(staged.toString());
    assertThat(codes(back, "2024")).containsExactly("K3");
    assertThat(codes(back, "2025")).containsExactly("F1", "K1", "K2");
    assertThat(codes(back, "2026")).containsExactly("F2");
    // Never-null columns are required in every file written, as docs/tables.md says; the others optional.
    try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
      List<java.nio.file.Path> parquet = files.filter(f -> f.toString().endsWith(".parquet")).toList();
      assertThat(parquet).isNotEmpty();
      for (java.nio.file.Path f : parquet) {
        try (ParquetFileReader reader = ParquetFileReader.open(
            HadoopInputFile.fromPath(new Path(f.toUri().toString()), new Configuration()))) {
          var schema = reader.getFooter().getFileMetaData().getSchema();
          assertThat(schema.getType("file").getRepetition()).as(f.toString()).isEqualTo(Type.Repetition.REQUIRED);
          assertThat(schema.getType("reason_code").getRepetition()).isEqualTo(Type.Repetition.REQUIRED);
          assertThat(schema.getType("reason").getRepetition()).isEqualTo(Type.Repetition.REQUIRED);
          assertThat(schema.getType("enterprise_id").getRepetition()).isEqualTo(Type.Repetition.OPTIONAL);
        }
      }
    }
  }

  @Test
  void withNothingKeptTheDriverWritesTheFreshRowsOneFilePerPeriod(@TempDir java.nio.file.Path dir) throws Exception {
    Path staged = new Path(dir.toUri().toString(), "warnings");
    TableFiles.stage(staged, Tables.ISSUES_SCHEMA, null, List.of(warning("E4", "F1", "2025")), new Configuration());
    assertThat(dir.resolve("warnings/period=2025/part-00000.snappy.parquet")).exists();
    assertThat(dir.resolve("warnings/period=2024")).doesNotExist();
  }

  private static List<String> codes(Dataset<Row> rows, String period) {
    return rows.filter(org.apache.spark.sql.functions.col("period").equalTo(period)).select("reason_code")
        .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }
}
