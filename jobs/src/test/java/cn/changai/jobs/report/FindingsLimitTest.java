package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.report.PeriodData.IssueRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The report reads only the first lines of each group of findings, yet counts them all. */
class FindingsLimitTest {

  @Test
  void twentyFiveBadDatesReachTheDriverAsTwentyRowsCountedAsTwentyFive() {
    StructType schema = new StructType().add("enterprise_id", DataTypes.StringType).add("file", DataTypes.StringType)
        .add("line", DataTypes.IntegerType).add("column", DataTypes.StringType)
        .add("reason_code", DataTypes.StringType).add("reason", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int line = 26; line >= 2; line--) { // lines 2..26, given out of order
      rows.add(RowFactory.create("E1", "workers.csv", line, "hire_date", "BAD_DATE", "hire_date 'x" + line + "' is not a date"));
    }
    rows.add(RowFactory.create("E1", "workers.csv", 9, "gender", "BAD_CODE", "gender '?' is not a known code"));
    rows.add(RowFactory.create("E2", "workers.csv", 5, "hire_date", "BAD_DATE", "hire_date 'y' is not a date"));

    List<IssueRow> read = new ArrayList<>();
    for (Row r : ReportJob.firstOfEachGroup(SharedSpark.session().createDataFrame(rows, schema)).collectAsList()) {
      read.add(new IssueRow(r.getString(0), r.getString(1), r.getInt(2), r.getString(3), r.getString(4), r.getString(5),
          r.getLong(6)));
    }

    // 20 of E1's 25 bad dates (lines 2..21), its one bad gender, E2's one bad date.
    assertThat(read).hasSize(22);
    List<QualityModel.FindingGroup> e1 = QualityModel.group(read.stream().filter(r -> r.enterpriseId().equals("E1")).toList());
    assertThat(e1).extracting(QualityModel.FindingGroup::reasonCode).containsExactly("BAD_CODE", "BAD_DATE");
    assertThat(e1.get(0).count()).isEqualTo(1);
    assertThat(e1.get(1).count()).isEqualTo(25);
    assertThat(e1.get(1).lines()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
  }
}
