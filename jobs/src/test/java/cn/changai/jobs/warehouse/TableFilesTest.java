package cn.changai.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.changai.jobs.SharedSpark;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
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

/** The small tables' files written by the driver, and held rows copied from file to file. */
class TableFilesTest {

  private static Row warning(String enterprise, String code, String period) {
    return RowFactory.create(enterprise, "workers.csv", 7, "mentor_id", code, "reason " + code, null, period);
  }

  @Test
  void keptRowsAreCopiedAndStagedWithTheFreshOnesInTheDeclaredNullability(@TempDir java.nio.file.Path dir)
      throws Exception {
    Configuration conf = new Configuration();
    // Held: two warnings of 2025 (E1, E2) and one of 2024 (E3), as a published table has them.
    Path heldTable = new Path(dir.toUri().toString(), "held");
    TableFiles.write(heldTable, Tables.ISSUES_SCHEMA, List.of(warning("E1", "K1", "2025"), warning("E2", "K2", "2025"),
        warning("E3", "K3", "2024")), conf);
    List<Warehouse.TableFile> held = files(heldTable, conf, "2024", "2025");
    List<Row> fresh = List.of(warning("E4", "F1", "2025"), warning(null, "F2", "2026"));
    Path staged = new Path(dir.toUri().toString(), "warnings");

    // E2 resubmitted in 2025: its held row goes; an E2 of another period would stay. The 2024 file
    // loses nothing and is copied whole.
    TableFiles.stage(staged, Tables.ISSUES_SCHEMA, held, file -> file.period().equals("2024"),
        (period, row) -> !(period.equals("2025") && row.getString("enterprise_id", 0).equals("E2")), fresh, conf);
    assertThat(Files.readAllBytes(only(dir.resolve("warnings/period=2024"), "kept-00001-")))
        .isEqualTo(Files.readAllBytes(only(dir.resolve("held/period=2024"), "part-00000-")));

    // By hand: 2024 has K3; 2025 has K1 and F1; 2026 has F2 (an enterprise-less warning).
    SparkSession spark = SharedSpark.session();
    Dataset<Row> back = spark.read().parquet(staged.toString());
    assertThat(codes(back, "2024")).containsExactly("K3");
    assertThat(codes(back, "2025")).containsExactly("F1", "K1");
    assertThat(codes(back, "2026")).containsExactly("F2");
    assertThat(back.filter("reason_code = 'K1'").first().getAs("line").equals(7)).isTrue();
    // Never-null columns are required in every file written, as docs/tables.md says; the others optional.
    try (Stream<java.nio.file.Path> files = Files.walk(dir.resolve("warnings"))) {
      List<java.nio.file.Path> parquet = files.filter(f -> f.toString().endsWith(".parquet")).toList();
      assertThat(parquet).hasSize(4);
      for (java.nio.file.Path f : parquet) {
        try (ParquetFileReader reader = ParquetFileReader.open(
            HadoopInputFile.fromPath(new Path(f.toUri().toString()), conf))) {
          var schema = reader.getFooter().getFileMetaData().getSchema();
          assertThat(schema.getType("file").getRepetition()).as(f.toString()).isEqualTo(Type.Repetition.REQUIRED);
          assertThat(schema.getType("reason_code").getRepetition()).isEqualTo(Type.Repetition.REQUIRED);
          assertThat(schema.getType("enterprise_id").getRepetition()).isEqualTo(Type.Repetition.OPTIONAL);
        }
      }
    }
  }

  @Test
  void aHeldFileWithNoRowKeptLeavesNoFileAndTheCountsAreChecked(@TempDir java.nio.file.Path dir) throws Exception {
    Configuration conf = new Configuration();
    Path heldTable = new Path(dir.toUri().toString(), "held");
    TableFiles.write(heldTable, Tables.ISSUES_SCHEMA, List.of(warning("E1", "K1", "2025"), warning("E1", "K2", "2025"),
        warning("E2", "K3", "2025")), conf);
    Path file = files(heldTable, conf, "2025").get(0).status().getPath();
    Path none = new Path(dir.toUri().toString(), "none.parquet");
    Path some = new Path(dir.toUri().toString(), "some.parquet");

    assertThat(TableFiles.copyKept(List.of(file), none, row -> false, conf)).isZero();
    assertThat(TableFiles.copyKept(List.of(file), some, row -> row.getString("enterprise_id", 0).equals("E1"), conf)).isEqualTo(2);

    assertThat(dir.resolve("none.parquet")).doesNotExist();
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(some, conf))) {
      assertThat(reader.getRecordCount()).isEqualTo(2);
    }
  }

  @Test
  void aFileMayHoldAnEnterpriseOnlyWhenItsRowGroupsDoNotRuleItOut(@TempDir java.nio.file.Path dir) throws Exception {
    Configuration conf = new Configuration();
    Path table = new Path(dir.toUri().toString(), "t");
    // 200 rows of E1 and E3 in one file of 2025 (with two rows Parquet's writer finds a dictionary
    // not worth it and writes the values plain).
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(warning(i % 2 == 0 ? "E1" : "E3", "K1", "2025"));
    }
    TableFiles.write(table, Tables.ISSUES_SCHEMA, rows, conf);
    Path file = files(table, conf, "2025").get(0).status().getPath();

    assertThat(TableFiles.mayHold(file, java.util.Set.of("E1"), conf)).isTrue();
    assertThat(TableFiles.mayHold(file, java.util.Set.of("E9", "E3"), conf)).isTrue();
    // E2 lies between E1 and E3, so only the dictionary rules it out; E9 is past the maximum.
    assertThat(TableFiles.mayHold(file, java.util.Set.of("E2"), conf)).isFalse();
    assertThat(TableFiles.mayHold(file, java.util.Set.of("E9"), conf)).isFalse();
    assertThat(TableFiles.mayHold(file, java.util.Set.of(), conf)).isFalse();
  }

  @Test
  void withNothingHeldTheDriverWritesTheFreshRowsOneFilePerPeriod(@TempDir java.nio.file.Path dir) throws Exception {
    Path staged = new Path(dir.toUri().toString(), "warnings");
    TableFiles.stage(staged, Tables.ISSUES_SCHEMA, List.of(), file -> true, (period, row) -> true,
        List.of(warning("E4", "F1", "2025")), new Configuration());
    assertThat(parquetNames(dir.resolve("warnings/period=2025"))).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .matches("part-00000-[0-9a-f]{8}\\.snappy\\.parquet");
    assertThat(dir.resolve("warnings/period=2024")).doesNotExist();
  }

  @Test
  void aNullInANeverNullColumnFailsTheWriteInsteadOfBeingPublished(@TempDir java.nio.file.Path dir) {
    // reason_code is never null in the registry: Parquet's writer alone would write the row without it.
    Path staged = new Path(dir.toUri().toString(), "warnings");
    assertThatThrownBy(() -> TableFiles.write(staged, Tables.ISSUES_SCHEMA, List.of(warning("E1", null, "2025")),
        new Configuration()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason_code");
  }

  @Test
  void everyTypeTheDriverWritesReadsBackTheSameBySparkAndByTheDriver(@TempDir java.nio.file.Path dir) throws Exception {
    Configuration conf = new Configuration();
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("name", org.apache.spark.sql.types.DataTypes.StringType, false)
        .add("count", org.apache.spark.sql.types.DataTypes.LongType, true)
        .add("flag", org.apache.spark.sql.types.DataTypes.BooleanType, true)
        .add("money", org.apache.spark.sql.types.DataTypes.createDecimalType(18, 4), true)
        .add("share", org.apache.spark.sql.types.DataTypes.DoubleType, true)
        .add("n", org.apache.spark.sql.types.DataTypes.IntegerType, false)
        .add("period", org.apache.spark.sql.types.DataTypes.StringType, false);
    Path table = new Path(dir.toUri().toString(), "t");
    TableFiles.write(table, schema, List.of(
        RowFactory.create("甲", 12L, true, new java.math.BigDecimal("1234.5600"), 0.1, 3, "2025"),
        RowFactory.create("b", null, null, null, null, -1, "2025"),
        RowFactory.create("c", -5L, false, new java.math.BigDecimal("-0.0001"), -2.5, 0, "2024")), conf);

    List<String> columns = List.of("period", "name", "count", "flag", "money", "share", "n");
    List<java.util.Map<String, Object>> read = new ArrayList<>(
        TableFiles.read(files(table, conf, "2024", "2025"), schema, columns, conf));
    read.sort(java.util.Comparator.comparing(m -> (String) m.get("name")));
    assertThat(read).hasSize(3);
    assertThat(read.get(0)).containsEntry("period", "2025").containsEntry("count", null).containsEntry("flag", null)
        .containsEntry("money", null).containsEntry("share", null).containsEntry("n", -1);
    assertThat(read.get(1)).containsEntry("period", "2024").containsEntry("count", -5L).containsEntry("flag", false)
        .containsEntry("money", new java.math.BigDecimal("-0.0001")).containsEntry("share", -2.5).containsEntry("n", 0);
    assertThat(read.get(2)).containsEntry("period", "2025").containsEntry("name", "甲").containsEntry("count", 12L)
        .containsEntry("flag", true).containsEntry("money", new java.math.BigDecimal("1234.5600"))
        .containsEntry("share", 0.1).containsEntry("n", 3);

    // Spark reads the same values from the same files.
    List<Row> spark = SharedSpark.session().read().schema(schema).parquet(table.toString()).orderBy("name").collectAsList();
    assertThat(spark.get(2).getString(0)).isEqualTo("甲");
    assertThat(spark.get(2).getLong(1)).isEqualTo(12L);
    assertThat(spark.get(2).getDecimal(3)).isEqualByComparingTo("1234.56");
    assertThat(spark.get(2).getDouble(4)).isEqualTo(0.1);
    assertThat(spark.get(0).isNullAt(1) && spark.get(0).isNullAt(2) && spark.get(0).isNullAt(3) && spark.get(0).isNullAt(4))
        .isTrue();
    assertThat(spark.get(1).getString(6)).isEqualTo("2024");
  }

  @Test
  void eightSmallHeldFilesOfAPeriodAreMergedIntoOneAndTheLargeOnesAndFewerSmallOnesStayAsTheyAre(
      @TempDir java.nio.file.Path dir) throws Exception {
    Configuration conf = new Configuration();
    java.nio.file.Path held = dir.resolve("held");
    // 2025: eight small files of one warning each (E1..E8, as eight resubmission nights leave
    // them) and one large file; 2024: seven small files (E1..E7).
    for (int i = 1; i <= 8; i++) {
      heldFile(dir, held, "2025", "part-0000" + i, List.of(warning("E" + i, "K" + i, "2025")), conf);
      if (i < 8) {
        heldFile(dir, held, "2024", "part-0000" + i, List.of(warning("E" + i, "K" + i, "2024")), conf);
      }
    }
    java.util.Random random = new java.util.Random(1);
    List<Row> large = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      large.add(RowFactory.create("L", "workers.csv", i, "mentor_id", "L1", random.ints(1000, 'a', 'z' + 1)
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString(), null, "2025"));
    }
    heldFile(dir, held, "2025", "part-00009", large, conf);
    assertThat(Files.size(held.resolve("period=2025/part-00009.parquet"))).isGreaterThanOrEqualTo(TableFiles.SMALL_FILE_BYTES);
    Path heldTable = new Path(held.toUri().toString());
    Path staged = new Path(dir.toUri().toString(), "warnings");

    // E2 resubmitted in 2025: its row goes; one fresh row of 2025.
    TableFiles.stage(staged, Tables.ISSUES_SCHEMA, files(heldTable, conf, "2024", "2025"), file -> true,
        (period, row) -> !(period.equals("2025") && row.getString("enterprise_id", 0).equals("E2")),
        List.of(warning("E2", "F1", "2025")), conf);

    // 2025: the large file copied whole, the seven kept small rows in one file, the fresh file.
    assertThat(parquetNames(dir.resolve("warnings/period=2025")).stream().map(name -> name.substring(0, 11)))
        .containsExactly("kept-00001-", "kept-00002-", "part-00000-");
    assertThat(Files.readAllBytes(only(dir.resolve("warnings/period=2025"), "kept-00001-")))
        .isEqualTo(Files.readAllBytes(held.resolve("period=2025/part-00009.parquet")));
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new Path(only(dir.resolve("warnings/period=2025"), "kept-00002-").toUri().toString()), conf))) {
      assertThat(reader.getRecordCount()).isEqualTo(7);
    }
    // 2024: seven small files are fewer than the eight that are merged: seven copies.
    assertThat(parquetNames(dir.resolve("warnings/period=2024"))).hasSize(7);
    Dataset<Row> back = SharedSpark.session().read().parquet(staged.toString());
    assertThat(codes(back, "2025").stream().filter(code -> !code.equals("L1")))
        .containsExactly("F1", "K1", "K3", "K4", "K5", "K6", "K7", "K8");
    assertThat(back.filter("reason_code = 'L1'").count()).isEqualTo(600);
    assertThat(codes(back, "2024")).containsExactly("K1", "K2", "K3", "K4", "K5", "K6", "K7");
  }

  /** Writes rows of one period as a held file with the given name, as a published table has them. */
  private static void heldFile(java.nio.file.Path dir, java.nio.file.Path held, String period, String name, List<Row> rows,
      Configuration conf) throws Exception {
    java.nio.file.Path scratch = Files.createTempDirectory(dir, "w");
    TableFiles.write(new Path(scratch.toUri().toString()), Tables.ISSUES_SCHEMA, rows, conf);
    java.nio.file.Path folder = Files.createDirectories(held.resolve("period=" + period));
    Files.move(only(scratch.resolve("period=" + period), "part-00000-"), folder.resolve(name + ".parquet"));
  }

  /** The one Parquet file of a folder whose name starts so (the rest is the write's token). */
  private static java.nio.file.Path only(java.nio.file.Path folder, String prefix) throws Exception {
    List<String> names = parquetNames(folder).stream().filter(name -> name.startsWith(prefix)).toList();
    assertThat(names).hasSize(1);
    return folder.resolve(names.get(0));
  }

  private static List<String> parquetNames(java.nio.file.Path folder) throws Exception {
    try (Stream<java.nio.file.Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".parquet")).sorted().toList();
    }
  }

  /** The data files of the given period folders of a table, as the warehouse lists them. */
  private static List<Warehouse.TableFile> files(Path table, Configuration conf, String... periods) throws Exception {
    FileSystem fs = table.getFileSystem(conf);
    List<Warehouse.TableFile> files = new ArrayList<>();
    for (String period : periods) {
      for (FileStatus status : fs.listStatus(new Path(table, Warehouse.partitionFolder(period)))) {
        if (status.getPath().getName().endsWith(".parquet")) {
          files.add(new Warehouse.TableFile(period, status));
        }
      }
    }
    return files;
  }

  private static List<String> codes(Dataset<Row> rows, String period) {
    return rows.filter(org.apache.spark.sql.functions.col("period").equalTo(period)).select("reason_code")
        .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }
}
