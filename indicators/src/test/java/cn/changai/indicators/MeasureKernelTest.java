package cn.changai.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.changai.domain.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The kernel's totals over hand-made columnar batches, worked out by hand row by row. */
class MeasureKernelTest {

  private static final StructType SCHEMA = new StructType()
      .add("enterprise_id", DataTypes.StringType)
      .add("industrial_worker", DataTypes.BooleanType)
      .add("skill_level", DataTypes.StringType)
      .add("party_joined", DataTypes.DateType)
      .add("hire_date", DataTypes.DateType)
      .add("annual_wage_yuan", DataTypes.createDecimalType(18, 4))
      .add("honours", DataTypes.createArrayType(DataTypes.StringType))
      .add("period", DataTypes.StringType);

  private static final Condition W = Condition.isTrue("industrial_worker");
  private static final List<Measure.RowTotal> MEASURES = List.of(
      Measure.workers("w", W),
      Measure.workers("certified", Condition.all(W, Condition.noneOf("skill_level", List.of("none")))),
      Measure.workers("high", Condition.all(W, Condition.oneOf("skill_level", List.of("senior", "technician")))),
      Measure.workers("joined", Condition.all(W, Condition.inPeriod("party_joined"))),
      Measure.workers("new_hires", Condition.all(W, Condition.withinMonthsOfEnd("hire_date", 36))),
      Measure.workerSum("wages", "annual_wage_yuan", Condition.all(W, Condition.isSet("annual_wage_yuan"))),
      Measure.workers("honoured", Condition.all(W, Condition.notEmpty("honours"))),
      Measure.workers("office_seniors", Condition.oneOf("skill_level", List.of("senior"))));

  private static final List<Period> PERIODS = List.of(Period.parse("2025").orElseThrow(), Period.parse("2025H1").orElseThrow());

  /** One worker row: enterprise, industrial, skill, party_joined, hire_date, wage, honours, period. */
  private record R(String e, boolean w, String skill, String joined, String hired, String wage, List<String> honours, String period) {}

  @Test
  void countsAndSumsEachEnterpriseOfEachPeriod() {
    MeasureKernel kernel = new MeasureKernel(MEASURES, SCHEMA, PERIODS);
    List<R> first = List.of(
        // A, 2025 (window 2025-01-01 .. 2025-12-31; hired within 36 months: after 2022-12-31)
        new R("A", true, "senior", "2025-01-01", "2022-12-31", "100000.5000", List.of("national_model_worker"), "2025"),
        new R("A", true, "none", "2024-12-31", "2023-01-01", null, List.of(), "2025"),
        new R("A", true, null, "2025-12-31", "2025-12-31", "0.2500", null, "2025"),
        new R("A", false, "senior", "2025-06-01", "2025-01-01", "50000", List.of("x"), "2025"),
        new R("B", true, "technician", null, "2026-01-01", "70000", List.of(), "2025"));
    List<R> second = List.of(
        // A again in the next batch, then A in 2025H1 (window 2025-01-01 .. 2025-06-30; after 2022-06-30)
        new R("A", true, "junior", null, "2010-05-05", "1.0001", List.of(), "2025"),
        new R("A", true, "technician", "2025-07-01", "2022-07-01", null, List.of("a", "b"), "2025H1"),
        new R("A", true, "technician", "2025-06-30", "2022-06-30", "10", List.of(), "2025H1"));
    MeasureKernel.Totals totals = kernel.newTotals();
    kernel.add(batch(first), identity(kernel), totals);
    kernel.add(batch(second), identity(kernel), totals);

    // w, certified, high, joined, new_hires, wages, honoured, office_seniors
    assertThat(kernel.values(totals.get("2025", "A"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "w", 4L, "certified", 2L, "high", 1L, "joined", 2L, "new_hires", 2L,
        "wages", new BigDecimal("100001.7501"), "honoured", 1L, "office_seniors", 2L));
    assertThat(kernel.values(totals.get("2025", "B"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "w", 1L, "certified", 1L, "high", 1L, "joined", 0L, "new_hires", 0L,
        "wages", new BigDecimal("70000.0000"), "honoured", 0L, "office_seniors", 0L));
    assertThat(kernel.values(totals.get("2025H1", "A"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "w", 2L, "certified", 2L, "high", 2L, "joined", 1L, "new_hires", 1L,
        "wages", new BigDecimal("10.0000"), "honoured", 1L, "office_seniors", 0L));
    assertThat(totals.get("2025H1", "B")).isNull();
    assertThat(kernel.values(null)).containsEntry("w", 0L).containsEntry("wages", new BigDecimal("0.0000"));
    assertThat(totals.rows()).isEqualTo(8);
  }

  @Test
  void aBatchOfOnePeriodAsSparksReaderGivesIt() {
    // What the scan gives: period as a constant column, 130 rows, so runs cross 64-row words.
    // Rows 0..69 are A, 70..129 B; even rows are industrial, except row 4, whose value is null but
    // whose slot still holds true (the reader reuses its vectors). Every row was hired 2024-01-01
    // (within 36 months of 2025-12-31) and earns 1.0000, except rows 71 and 72 (no wage known).
    // Skill: senior on rows 10, 64, 65, 127 and 128, none elsewhere.
    int n = 130;
    OnHeapColumnVector[] v = OnHeapColumnVector.allocateColumns(n, SCHEMA);
    java.util.Set<Integer> seniors = java.util.Set.of(10, 64, 65, 127, 128);
    for (int i = 0; i < n; i++) {
      v[0].putByteArray(i, (i < 70 ? "A" : "B").getBytes());
      v[1].putBoolean(i, i % 2 == 0);
      v[2].putByteArray(i, (seniors.contains(i) ? "senior" : "none").getBytes());
      v[3].putNull(i);
      putDate(v[4], i, "2024-01-01");
      if (i == 71 || i == 72) {
        v[5].putNull(i);
      } else {
        v[5].putDecimal(i, Decimal.apply(new BigDecimal("1.0000")), 18);
      }
      v[6].putArray(i, 0, 0);
    }
    v[1].putNull(4);
    MeasureKernel kernel = new MeasureKernel(MEASURES, SCHEMA, PERIODS);
    MeasureKernel.Totals totals = totalsOf2025(kernel, v, n);

    // A: even rows 0..68 are 35, less row 4: 34 industrial, all new hires with a wage of 1; seniors
    // 10, 64 (industrial) and 65 (office). B: even rows 70..128 are 30, row 72 without a wage;
    // seniors 128 (industrial) and 127 (office).
    assertThat(kernel.values(totals.get("2025", "A"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "w", 34L, "certified", 2L, "high", 2L, "joined", 0L, "new_hires", 34L,
        "wages", new BigDecimal("34.0000"), "honoured", 0L, "office_seniors", 3L));
    assertThat(kernel.values(totals.get("2025", "B"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "w", 30L, "certified", 1L, "high", 1L, "joined", 0L, "new_hires", 30L,
        "wages", new BigDecimal("29.0000"), "honoured", 0L, "office_seniors", 2L));
    assertThat(totals.rows()).isEqualTo(130);
  }

  @Test
  void dictionaryEncodedDatesAndWagesCountByTheirValuesAndNullsByNone() {
    // Six industrial workers of A in 2025, hire dates and wages dictionary-encoded as Spark's
    // reader gives them. Hire date numbers: 0 = 2024-01-01 (a new hire), 1 = 2010-01-01; rows
    // 0..5 have 0, 1, 0, 0, 1, 0: four new hires. Wage numbers: 0 = 1.0000, 1 = 2.5000,
    // 2 = 999.0000; rows 0..5 have 0, 1, 1, null, 0, null, the nulls' slots still holding 2:
    // wages 1 + 2.5 + 2.5 + 1 = 7.0000.
    int n = 6;
    OnHeapColumnVector[] v = OnHeapColumnVector.allocateColumns(n, SCHEMA);
    int[] hired = {0, 1, 0, 0, 1, 0};
    int[] wage = {0, 1, 1, 2, 0, 2};
    NumberDictionary days = new NumberDictionary(new long[] {
        java.time.LocalDate.parse("2024-01-01").toEpochDay(), java.time.LocalDate.parse("2010-01-01").toEpochDay()});
    NumberDictionary wages = new NumberDictionary(new long[] {10_000, 25_000, 9_990_000});
    OnHeapColumnVector dayIds = (OnHeapColumnVector) v[4].reserveDictionaryIds(n);
    OnHeapColumnVector wageIds = (OnHeapColumnVector) v[5].reserveDictionaryIds(n);
    for (int i = 0; i < n; i++) {
      v[0].putByteArray(i, "A".getBytes());
      v[1].putBoolean(i, true);
      v[2].putByteArray(i, "none".getBytes());
      v[3].putNull(i);
      dayIds.putInt(i, hired[i]);
      wageIds.putInt(i, wage[i]);
      v[6].putArray(i, 0, 0);
    }
    v[5].putNull(3);
    v[5].putNull(5);
    v[4].setDictionary(days);
    v[5].setDictionary(wages);
    MeasureKernel kernel = new MeasureKernel(MEASURES, SCHEMA, PERIODS);
    MeasureKernel.Totals totals = totalsOf2025(kernel, v, n);

    assertThat(kernel.values(totals.get("2025", "A"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "w", 6L, "certified", 0L, "high", 0L, "joined", 0L, "new_hires", 4L,
        "wages", new BigDecimal("7.0000"), "honoured", 0L, "office_seniors", 0L));
  }

  /** A dictionary of whole numbers, as Spark's reader sets on a dictionary-encoded vector. */
  private static final class NumberDictionary implements org.apache.spark.sql.execution.vectorized.Dictionary {
    private final long[] values;

    NumberDictionary(long[] values) {
      this.values = values;
    }

    @Override
    public int decodeToInt(int id) {
      return (int) values[id];
    }

    @Override
    public long decodeToLong(int id) {
      return values[id];
    }

    @Override
    public float decodeToFloat(int id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double decodeToDouble(int id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] decodeToBinary(int id) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void totalsOfTwoTasksAddUp() {
    MeasureKernel kernel = new MeasureKernel(MEASURES, SCHEMA, PERIODS);
    R row = new R("A", true, "senior", null, "2020-01-01", "2.5", List.of(), "2025");
    MeasureKernel.Totals one = kernel.newTotals();
    kernel.add(batch(List.of(row, row)), identity(kernel), one);
    MeasureKernel.Totals two = kernel.newTotals();
    kernel.add(batch(List.of(row)), identity(kernel), two);
    one.merge(two);
    assertThat(kernel.values(one.get("2025", "A"))).containsEntry("w", 3L).containsEntry("high", 3L)
        .containsEntry("wages", new BigDecimal("7.5000"));
    assertThat(one.rows()).isEqualTo(3);
  }

  @Test
  void aTestOnAColumnOfTheWrongTypeOrAMissingColumnIsRefused() {
    assertThatThrownBy(() -> new MeasureKernel(List.of(Measure.workers("x", Condition.isTrue("skill_level"))), SCHEMA, PERIODS))
        .hasMessageContaining("cannot test skill_level on a column of type string");
    assertThatThrownBy(() -> new MeasureKernel(List.of(Measure.workers("x", Condition.isTrue("frontline"))), SCHEMA, PERIODS))
        .hasMessageContaining("the table has no column frontline");
    assertThatThrownBy(() -> new MeasureKernel(List.of(Measure.workerSum("x", "skill_level", W)), SCHEMA, PERIODS))
        .hasMessageContaining("cannot sum skill_level of x: type string");
  }

  @Test
  void aRowOfAnotherPeriodFailsInsteadOfCountingInTheWrongWindow() {
    MeasureKernel kernel = new MeasureKernel(MEASURES, SCHEMA, List.of(Period.parse("2025").orElseThrow()));
    R row = new R("A", true, "senior", null, "2020-01-01", null, List.of(), "2024");
    assertThatThrownBy(() -> kernel.add(batch(List.of(row)), identity(kernel), kernel.newTotals()))
        .hasMessageContaining("a row of period 2024");
  }

  @Test
  void conditionsReadAsSparkSql() {
    assertThat(Condition.all(W, Condition.noneOf("skill_level", List.of("none"))).sql())
        .isEqualTo("industrial_worker AND skill_level <> 'none'");
    assertThat(Condition.all(W, Condition.all(W, Condition.isSet("mentor_id"))).sql())
        .isEqualTo("industrial_worker AND mentor_id IS NOT NULL");
    assertThat(Condition.oneOf("type", List.of("o'k", "b")).sql()).isEqualTo("type IN ('o''k', 'b')");
    assertThat(Condition.inPeriod("party_joined").sql()).isEqualTo("party_joined BETWEEN period_start AND period_end");
  }

  /** The batch holds the schema's columns in schema order, so the kernel's columns map by name. */
  /** The kernel's totals of one batch of the given columns, period 2025 as the reader gives it: a constant column. */
  private static MeasureKernel.Totals totalsOf2025(MeasureKernel kernel, OnHeapColumnVector[] v, int n) {
    ConstantColumnVector period = new ConstantColumnVector(n, DataTypes.StringType);
    period.setUtf8String(UTF8String.fromString("2025"));
    ColumnVector[] columns = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], period};
    MeasureKernel.Totals totals = kernel.newTotals();
    kernel.add(new ColumnarBatch(columns, n), identity(kernel), totals);
    return totals;
  }

  private static int[] identity(MeasureKernel kernel) {
    List<String> names = List.of(SCHEMA.fieldNames());
    return kernel.columns().stream().mapToInt(names::indexOf).toArray();
  }

  private static ColumnarBatch batch(List<R> rows) {
    int n = rows.size();
    OnHeapColumnVector[] v = OnHeapColumnVector.allocateColumns(n, SCHEMA);
    for (int i = 0; i < n; i++) {
      R r = rows.get(i);
      v[0].putByteArray(i, r.e().getBytes());
      v[1].putBoolean(i, r.w());
      if (r.skill() == null) {
        v[2].putNull(i);
      } else {
        v[2].putByteArray(i, r.skill().getBytes());
      }
      putDate(v[3], i, r.joined());
      putDate(v[4], i, r.hired());
      if (r.wage() == null) {
        v[5].putNull(i);
      } else {
        v[5].putDecimal(i, Decimal.apply(new BigDecimal(r.wage()).setScale(4)), 18);
      }
      if (r.honours() == null) {
        v[6].putNull(i);
      } else {
        int offset = v[6].arrayData().getElementsAppended();
        for (String h : r.honours()) {
          v[6].arrayData().appendByteArray(h.getBytes(), 0, h.length());
        }
        v[6].putArray(i, offset, r.honours().size());
      }
      v[7].putByteArray(i, r.period().getBytes());
    }
    ColumnarBatch batch = new ColumnarBatch((ColumnVector[]) v, n);
    assertThat(batch.column(0).getUTF8String(0)).isEqualTo(UTF8String.fromString(rows.get(0).e()));
    return batch;
  }

  private static void putDate(OnHeapColumnVector v, int i, String date) {
    if (date == null) {
      v.putNull(i);
    } else {
      v.putInt(i, (int) LocalDate.parse(date).toEpochDay());
    }
  }
}
