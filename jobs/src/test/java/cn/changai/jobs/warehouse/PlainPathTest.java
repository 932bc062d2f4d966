package cn.changai.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** Printed paths: local ones plain (spaces and CJK kept), others as their URI. */
class PlainPathTest {

  @Test
  void aLocalPathPrintsPlainAndARemoteOneAsItsUri() {
    assertThat(PlainPath.of(new Path("file:/data/my out/报告/index.html"))).isEqualTo("/data/my out/报告/index.html");
    assertThat(PlainPath.of("file:/tmp/w")).isEqualTo("/tmp/w");
    assertThat(PlainPath.of("/tmp/w/runs/r1.json")).isEqualTo("/tmp/w/runs/r1.json");
    assertThat(PlainPath.of("hdfs://nn:8020/warehouse/reports")).isEqualTo("hdfs://nn:8020/warehouse/reports");
  }
}
