package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.warehouse.Tables;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which held files a resubmission touches, told from their Parquet row-group filters. */
class WorkersFileTest {

  @Test
  void aFileMayHoldAnEnterpriseOnlyWhenItsRowGroupsDoNotRuleItOut(@TempDir java.nio.file.Path dir) throws Exception {
    Configuration conf = new Configuration();
    Path table = new Path(dir.toUri().toString(), "t");
    // Any file with an enterprise_id column will do: 200 rows of E1 and E3 in one file of 2025
    // (with two rows Parquet's writer finds a dictionary not worth it and writes the values plain).
    List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(RowFactory.create(i % 2 == 0 ? "E1" : "E3", "workers.csv", i + 2, "c", "K1", "r", null, "2025"));
    }
    TableFiles.write(table, Tables.ISSUES_SCHEMA, rows, conf);
    Path file = new Path(new Path(table, "period=2025"), "part-00000.snappy.parquet");

    assertThat(WorkersFile.mayHold(file, Set.of("E1"), conf)).isTrue();
    assertThat(WorkersFile.mayHold(file, Set.of("E9", "E3"), conf)).isTrue();
    // E2 lies between E1 and E3, so only the dictionary rules it out; E9 is past the maximum.
    assertThat(WorkersFile.mayHold(file, Set.of("E2"), conf)).isFalse();
    assertThat(WorkersFile.mayHold(file, Set.of("E9"), conf)).isFalse();
  }
}
