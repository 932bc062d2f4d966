package cn.changai.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.changai.jobs.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small tables written from the driver read back in Spark as Spark would have written them. */
class SmallTableWriterTest {

  private static final StructType SCHEMA = new StructType()
      .add("unit_id", DataTypes.StringType, false)
      .add("name", DataTypes.StringType, true)
      .add("value", DataTypes.DoubleType, true)
      .add("low_base", DataTypes.BooleanType, false)
      .add("members", DataTypes.IntegerType, false)
      .add("count", DataTypes.LongType, false)
      .add("period", DataTypes.StringType, false);

  @TempDir Path dir;

  @Test
  void eachPeriodIsAFolderAndSparkReadsTheRowsAndTypesBack() throws Exception {
    List<Row> rows = List.of(
        RowFactory.create("A", "上海=\"x\"", 12.5, true, 3, 10_000_000_000L, "2025"),
        RowFactory.create("B", null, null, false, 0, 0L, "2025"),
        RowFactory.create("A", "甲", -0.25, false, 1, 7L, "2024H1"));
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.resolve("t").toString());
    SmallTableWriter.write(LocalFastFileSystem.of(folder, new Configuration()), folder, SCHEMA, rows, "run-1");

    try (Stream<Path> files = Files.walk(dir.resolve("t"))) {
      assertThat(files.filter(Files::isRegularFile).map(p -> dir.resolve("t").relativize(p).toString()).sorted())
          .containsExactly("period=2024H1/part-00000-run-1.c000.snappy.parquet", "period=2025/part-00000-run-1.c000.snappy.parquet");
    }
    SparkSession spark = SharedSpark.session();
    var read = spark.read().parquet(folder.toString());
    assertThat(read.schema().fields()).extracting(f -> f.name() + " " + f.dataType().simpleString()).containsExactly(
        "unit_id string", "name string", "value double", "low_base boolean", "members int", "count bigint", "period string");
    assertThat(read.orderBy("period", "unit_id").collectAsList()).extracting(Row::toString).containsExactly(
        "[A,甲,-0.25,false,1,7,2024H1]", "[A,上海=\"x\",12.5,true,3,10000000000,2025]", "[B,null,null,false,0,0,2025]");
  }

  @Test
  void aTableOfSeveralPagesWithNullsReadsBackRowForRowAndItsStatisticsHold() throws Exception {
    // 41,001 rows: pages of 20,000, 20,000 and 1,001; nulls in every nullable column, runs of equal strings.
    int n = 2 * SmallTableWriter.PAGE_ROWS + 1001;
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create("U" + i / 24, i % 7 == 0 ? null : "单位" + i / 24, i % 5 == 0 ? null : i * 0.5,
          i % 3 == 0, i % 11, i * 1_000_000_007L, "2025"));
    }
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.resolve("pages").toString());
    SmallTableWriter.write(LocalFastFileSystem.of(folder, new Configuration()), folder, SCHEMA, rows, "run-3");

    var read = SharedSpark.session().read().parquet(folder.toString());
    List<Row> back = read.orderBy("count").collectAsList();
    assertThat(back).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(back.get(i)).as("row " + i).isEqualTo(rows.get(i));
    }
    // Statistics: Spark skips the pages and row groups they rule out, and still finds the rows they keep.
    assertThat(read.filter("value > 20499").count()).isEqualTo(1); // i = 40,999 only (41,000 is null)
    assertThat(read.filter("unit_id = 'U0'").count()).isEqualTo(24);
    try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(folder, "period=2025/part-00000-run-3.c000.snappy.parquet"), new Configuration()))) {
      var value = reader.getFooter().getBlocks().get(0).getColumns().get(2).getStatistics();
      assertThat(value.genericGetMin()).isEqualTo(0.5); // i = 1
      assertThat(value.genericGetMax()).isEqualTo(20_499.5);
      assertThat(value.getNumNulls()).isEqualTo(8201); // i = 0, 5, ..., 41,000
    }
  }

  @Test
  void partsOfOneTableAreFilesSideBySideThatReadAsOneTable() throws Exception {
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.resolve("p").toString());
    var fs = LocalFastFileSystem.of(folder, new Configuration());
    // The same unit id twice: each part encodes its strings once, and the parts do not share that.
    SmallTableWriter.write(fs, folder, SCHEMA, List.of(RowFactory.create("A", "甲", 1.0, false, 1, 1L, "2025"),
        RowFactory.create("A", "甲", 2.0, false, 1, 2L, "2025")), "run-2", 0);
    SmallTableWriter.write(fs, folder, SCHEMA, List.of(RowFactory.create("A", "乙", 3.0, true, 2, 3L, "2025")), "run-2", 1);

    try (Stream<Path> files = Files.walk(dir.resolve("p"))) {
      assertThat(files.filter(Files::isRegularFile).map(p -> dir.resolve("p").relativize(p).toString()).sorted())
          .containsExactly("period=2025/part-00000-run-2.c000.snappy.parquet", "period=2025/part-00001-run-2.c000.snappy.parquet");
    }
    assertThat(SharedSpark.session().read().parquet(folder.toString()).orderBy("count").collectAsList())
        .extracting(Row::toString)
        .containsExactly("[A,甲,1.0,false,1,1,2025]", "[A,甲,2.0,false,1,2,2025]", "[A,乙,3.0,true,2,3,2025]");
    assertThatThrownBy(() -> SmallTableWriter.write(fs, folder, SCHEMA, List.of(), "run-2", -1))
        .hasMessageContaining("a part number is 0 to 99999, not -1");
  }

  @Test
  void aNullInARequiredColumnOrATableNotPartitionedByPeriodIsRefused() {
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.resolve("u").toString());
    assertThatThrownBy(() -> SmallTableWriter.write(LocalFastFileSystem.of(folder, new Configuration()), folder, SCHEMA,
        List.of(RowFactory.create(null, "x", 1.0, true, 1, 1L, "2025")), "r"))
        .hasMessageContaining("column unit_id is null");
    StructType noPeriod = new StructType().add("unit_id", DataTypes.StringType, false);
    assertThatThrownBy(() -> SmallTableWriter.write(LocalFastFileSystem.of(folder, new Configuration()), folder, noPeriod,
        List.of(), "r"))
        .hasMessageContaining("the last column must be period, not unit_id");
  }
}
