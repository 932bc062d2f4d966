package cn.changai.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's settings, and code generation chosen by the size of a scan or a run. */
class SessionsTest {

  @TempDir
  Path dir;

  @Test
  void smallTablesAreReadWithoutWholeStageCodeGeneration() {
    SparkSession spark = SharedSpark.session();
    assertThat(spark.conf().get(Sessions.WHOLE_STAGE)).isEqualTo("false");
    assertThat(Sessions.forScan(spark, Sessions.WHOLE_STAGE_BYTES - 1)).isSameAs(spark);
  }

  @Test
  void aLargeScanGetsASessionBesideWithWholeStageAndOtherwiseTheSameSettings() {
    SparkSession spark = SharedSpark.session();
    SparkSession large = Sessions.forScan(spark, Sessions.WHOLE_STAGE_BYTES);
    assertThat(large).isNotSameAs(spark);
    assertThat(large.sparkContext()).isSameAs(spark.sparkContext());
    assertThat(large.conf().get(Sessions.WHOLE_STAGE)).isEqualTo("true");
    // The session the run goes on with keeps its own setting.
    assertThat(spark.conf().get(Sessions.WHOLE_STAGE)).isEqualTo("false");
    for (String setting : List.of("spark.sql.session.timeZone", "spark.sql.sources.partitionColumnTypeInference.enabled",
        "spark.sql.datetime.java8API.enabled", "spark.sql.parquet.outputTimestampType", "spark.sql.shuffle.partitions")) {
      assertThat(large.conf().get(setting)).as(setting).isEqualTo(spark.conf().get(setting));
    }
  }

  @Test
  void aUsersOwnSettingIsNeverOverridden() {
    SparkSession user = SharedSpark.session().newSession();
    // What create leaves when the user gave --conf spark.sql.codegen.wholeStage=... or factoryMode.
    user.conf().set(Sessions.WHOLE_STAGE_BY_SIZE, "false");
    assertThat(Sessions.forScan(user, Long.MAX_VALUE)).isSameAs(user);
    Sessions.fitTo(user, 0);
    assertThat(user.conf().get(Sessions.FACTORY_MODE)).isEqualTo("FALLBACK");
  }

  @Test
  void aRunOverFewWorkersIsInterpretedAndALargerOneIsNot() {
    SparkSession small = SharedSpark.session().newSession();
    Sessions.fitTo(small, Sessions.INTERPRETED_BYTES - 1);
    assertThat(small.conf().get(Sessions.FACTORY_MODE)).isEqualTo("NO_CODEGEN");
    SparkSession larger = SharedSpark.session().newSession();
    Sessions.fitTo(larger, Sessions.INTERPRETED_BYTES);
    assertThat(larger.conf().get(Sessions.FACTORY_MODE)).isEqualTo("FALLBACK");
  }

  @Test
  void everySessionSumsTheSameDecimalsExactly() throws Exception {
    SparkSession spark = SharedSpark.session();
    StructType schema = new StructType().add("k", DataTypes.StringType).add("v", DataTypes.createDecimalType(18, 4));
    // 0.0001 + 99999999999999.9999 + -0.5 and 1.2345 + 2.0000, worked by hand.
    List<Row> rows = List.of(RowFactory.create("a", new BigDecimal("0.0001")),
        RowFactory.create("a", new BigDecimal("99999999999999.9999")), RowFactory.create("a", new BigDecimal("-0.5000")),
        RowFactory.create("b", new BigDecimal("1.2345")), RowFactory.create("b", new BigDecimal("2.0000")));
    String folder = dir.resolve("t").toString();
    spark.createDataFrame(rows, schema).write().parquet(folder);
    SparkSession interpreted = spark.newSession();
    Sessions.fitTo(interpreted, 0);
    for (SparkSession s : List.of(spark, Sessions.forScan(spark, Long.MAX_VALUE), interpreted)) {
      List<Row> sums = s.read().schema(schema).parquet(folder).groupBy("k").agg(functions.sum("v").as("s"))
          .orderBy("k").collectAsList();
      assertThat(sums).extracting(r -> r.getString(0) + "=" + r.getDecimal(1).toPlainString())
          .containsExactly("a=99999999999999.5000", "b=3.2345");
    }
  }
}
