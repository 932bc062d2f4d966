package cn.changai.jobs.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.changai.domain.Period;
import cn.changai.domain.SkillLevel;
import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Components;
import cn.changai.indicators.Measure;
import cn.changai.indicators.MeasureKernel;
import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.ingest.IngestTables;
import cn.changai.jobs.warehouse.Warehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page decoder against Spark's own aggregation, on workers written the ways Parquet can write
 * them: one page a column or pages of 100 rows (so pages end mid-word of the bitmaps), dictionary
 * on, off, or overflowing into plain pages, data pages of version 1 and 2; with nulls in every
 * nullable column, empty lists, and runs of enterprises that cross pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageBlocksTest {

  private static final int ROWS = 3000;
  private static final List<Period> PERIODS = List.of(Period.parse("2025").orElseThrow());

  private SparkSession spark;
  private Dataset<Row> workers;
  @TempDir
  Path dir;

  @BeforeAll
  void fixture() {
    spark = SharedSpark.session();
    List<Row> rows = new ArrayList<>();
    SkillLevel[] levels = SkillLevel.values();
    for (int i = 0; i < ROWS; i++) {
      rows.add(RowFactory.create(
          enterprise(i / 1000 + 1), "W" + i,
          i % 3 != 0, i % 2 == 0, i % 5 == 0,
          i % 4 != 0 ? null : java.sql.Date.valueOf(i % 8 == 0 ? LocalDate.of(2025, 3, 1) : LocalDate.of(2019, 5, 5)),
          levels[i % levels.length].code(),
          i % 9 == 0 ? null : 1970 + i % 30,
          i % 3 == 0 ? null : i % 2 == 0 ? "M" : "F",
          java.sql.Date.valueOf(i % 6 == 0 ? LocalDate.of(2023, 6, 1) : LocalDate.of(2010, 1, 1)),
          i % 13 == 0 ? null : new BigDecimal(100_000 + (i < 1500 ? i % 20 : i)).setScale(4),
          new BigDecimal(i % 40).setScale(4),
          i % 10 == 0 ? "M" + i : null,
          scala.jdk.javaapi.CollectionConverters.asScala(
              i % 4 == 0 ? List.of("model_worker") : i % 4 == 1 ? List.of("model_worker", "shanghai_craftsman") : List.<String>of())
              .toSeq(),
          i % 7 == 0, i % 2 == 1, i % 17 == 0,
          i % 19 == 0 ? "S" + i % 3 : null,
          i + 2, "2025"));
    }
    workers = spark.createDataFrame(rows, IngestTables.WORKERS_SCHEMA);
  }

  /**
   * Enterprise ids long enough that three overflow a dictionary page of 256 bytes: the third
   * enterprise's rows then come first in dictionary pages, then in plain ones.
   */
  private static String enterprise(int k) {
    return "E" + k + "-" + "x".repeat(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "small-pages-plain", "dictionary-overflow", "v2", "v2-small-pages", "v2-no-dictionary"})
  void theDecoderGivesSparksTotals(String layout) throws Exception {
    Warehouse warehouse = new Warehouse(dir.resolve(layout).toString(), new Configuration());
    var writer = workers.coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("period");
    switch (layout) {
      case "small-pages-plain" -> writer = writer.option("parquet.page.row.count.limit", "100")
          .option("parquet.enable.dictionary", "false");
      case "dictionary-overflow" -> writer = writer.option("parquet.page.row.count.limit", "100")
          .option("parquet.dictionary.page.size", "256");
      case "v2" -> writer = writer.option("parquet.writer.version", "v2");
      case "v2-small-pages" -> writer = writer.option("parquet.writer.version", "v2")
          .option("parquet.page.row.count.limit", "100").option("parquet.page.size.row.check.min", "1");
      case "v2-no-dictionary" -> writer = writer.option("parquet.writer.version", "v2").option("parquet.enable.dictionary", "false");
      default -> { }
    }
    writer.parquet(warehouse.table("workers").toString());
    List<Warehouse.TableFile> files = warehouse.files("workers", List.of("2025"));
    List<Measure.RowTotal> measures = Components.workerMeasures(Catalogue.measures());
    MeasureKernel kernel = new MeasureKernel(measures, IngestTables.WORKERS_SCHEMA, PERIODS);

    // The decoder, not Spark's reader, gives the totals: it reads every layout, but for version-2
    // pages without a dictionary, whose delta encodings it leaves to Spark's reader.
    PageBlocks decoder = new PageBlocks(new Configuration(), kernel.columns());
    MeasureKernel.Totals direct = kernel.newTotals();
    if (layout.equals("v2-no-dictionary")) {
      assertThatThrownBy(() -> decoder.read(files.get(0), new PageBlocks.Arena(kernel.columns().size()), b -> kernel.add(b, direct)))
          .isInstanceOf(PageBlocks.Undecodable.class).hasMessageContaining("DELTA");
    } else {
      assertThat(decoder.read(files.get(0), new PageBlocks.Arena(kernel.columns().size()), b -> kernel.add(b, direct))).isTrue();
      assertThat(direct.rows()).isEqualTo(ROWS);
    }
    MeasureKernel.Totals decoded = ColumnarScan.inDriver(spark, files, IngestTables.WORKERS_SCHEMA, kernel, 1, true);
    MeasureKernel.Totals sparks = ColumnarScan.inDriver(spark, files, IngestTables.WORKERS_SCHEMA, kernel, 1, false);
    assertThat(decoded.rows()).isEqualTo(ROWS);
    assertThat(sparks.rows()).isEqualTo(ROWS);

    // Spark SQL over the same files, each measure's condition as the catalogue states it, is the reference.
    spark.read().schema(IngestTables.WORKERS_SCHEMA).parquet(warehouse.table("workers").toString())
        .createOrReplaceTempView("workers_pages_" + layout.replace('-', '_'));
    StringBuilder sql = new StringBuilder("SELECT enterprise_id");
    for (Measure.RowTotal m : measures) {
      sql.append(m.value() == null
          ? ", sum(CASE WHEN " + m.condition().sql() + " THEN 1 ELSE 0 END)"
          : ", coalesce(sum(CASE WHEN " + m.condition().sql() + " THEN " + m.value() + " END), 0)");
    }
    Period p = PERIODS.get(0);
    sql.append(" FROM (SELECT *, DATE '" + p.start() + "' AS period_start, DATE '" + p.end() + "' AS period_end FROM workers_pages_"
        + layout.replace('-', '_') + ") GROUP BY enterprise_id");
    List<Row> reference = spark.sql(sql.toString()).collectAsList();
    assertThat(reference).hasSize(3);
    for (Row r : reference) {
      Map<String, Object> ours = kernel.values(decoded.get("2025", r.getString(0)));
      assertThat(kernel.values(sparks.get("2025", r.getString(0)))).isEqualTo(ours);
      for (int m = 0; m < measures.size(); m++) {
        assertThat(new BigDecimal(ours.get(measures.get(m).name()).toString()))
            .as(layout + " " + r.getString(0) + " " + measures.get(m).name())
            .isEqualByComparingTo(new BigDecimal(r.get(m + 1).toString()));
      }
    }
    // By hand, E1 (rows 0 to 999): industrial where i % 3 != 0, 666 rows; of those, honoured where
    // i % 4 is 0 or 1: residues 1, 4, 5 and 8 of 12, 83 × 4 in 0..995, and 997: 333.
    Map<String, Object> e1 = kernel.values(decoded.get("2025", enterprise(1)));
    assertThat(e1).containsEntry("industrial_workers", 666L).containsEntry("honoured_workers", 333L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "dictionary-overflow"})
  void filesSparkWritesByDefaultAreDecodedNotHandedBack(String layout) throws Exception {
    Warehouse warehouse = new Warehouse(dir.resolve("read-" + layout).toString(), new Configuration());
    var writer = workers.coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("period");
    if (layout.equals("dictionary-overflow")) {
      writer = writer.option("parquet.page.row.count.limit", "100").option("parquet.dictionary.page.size", "256");
    }
    writer.parquet(warehouse.table("workers").toString());
    MeasureKernel kernel = new MeasureKernel(Components.workerMeasures(Catalogue.measures()), IngestTables.WORKERS_SCHEMA, PERIODS);
    PageBlocks decoder = new PageBlocks(new Configuration(), kernel.columns());
    Warehouse.TableFile file = warehouse.files("workers", List.of("2025")).get(0);
    assertThat(decoder.unreadable(file)).isNull();
    if (layout.equals("dictionary-overflow")) {
      // The fixture does what it is for: dictionary pages, then plain ones, in a string and a decimal column.
      try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(
          org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(file.status(), new Configuration()))) {
        for (var chunk : reader.getFooter().getBlocks().get(0).getColumns()) {
          String column = chunk.getPath().toDotString();
          if (column.equals("enterprise_id") || column.equals("annual_wage_yuan")) {
            assertThat(chunk.getEncodings()).as(column)
                .contains(org.apache.parquet.column.Encoding.PLAIN, org.apache.parquet.column.Encoding.PLAIN_DICTIONARY);
          }
        }
      }
    }
    List<Integer> sizes = new ArrayList<>();
    assertThat(decoder.read(file, new PageBlocks.Arena(kernel.columns().size()), block -> sizes.add(block.size()))).isTrue();
    assertThat(sizes).containsExactly(ROWS);
  }
}
