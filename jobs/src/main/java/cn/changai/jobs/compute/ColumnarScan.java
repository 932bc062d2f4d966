package cn.changai.jobs.compute;

import static org.apache.spark.sql.functions.col;

import cn.changai.domain.Period;
import cn.changai.indicators.MeasureKernel;
import cn.changai.jobs.warehouse.Warehouse.TableFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.LocalTableScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs a {@link MeasureKernel} over a Parquet table on the columnar batches of Spark's vectorized
 * Parquet reader, and adds up the totals: either in Spark tasks, on the batches of Spark's own
 * scan (file splitting, partition pruning and, on a cluster, data locality), or in the driver's own
 * threads, one file at a time ({@link ParquetBatches}), which in local mode does the same work
 * without a query plan and a job. Why not {@code groupBy().agg()}: with some thirty conditional
 * sums Spark's row-at-a-time aggregation ran at about 2.5 million rows a second on two cores,
 * where the kernel's column-at-a-time tests run several times faster (docs/performance.md).
 */
final class ColumnarScan {

  private static final Logger LOG = LoggerFactory.getLogger(ColumnarScan.class);

  private ColumnarScan() {}

  /**
   * The kernel's totals over the given files of a table of the given schema, read in the driver
   * by at most {@code threads} threads at once, each file into totals of its own: decoded from its
   * pages ({@link PageBlocks}) where {@code pages} is true and the file allows, else with Spark's
   * vectorized reader.
   */
  static MeasureKernel.Totals inDriver(SparkSession spark, List<TableFile> files, StructType schema, MeasureKernel kernel,
      int threads, boolean pages) throws IOException {
    ParquetBatches reader = ParquetBatches.of(spark, schema, kernel.columns());
    PageBlocks decoder = new PageBlocks(reader.conf(), kernel.columns());
    List<String> names = List.of(reader.batchSchema().fieldNames());
    int[] at = kernel.columns().stream().mapToInt(names::indexOf).toArray();
    MeasureKernel.Totals totals = kernel.newTotals();
    // What a thread keeps from file to file (a row group's arrays), handed to the next file it reads.
    Deque<Workspace> idle = new ConcurrentLinkedDeque<>();
    for (MeasureKernel.Totals part : Parallel.map(files, threads, file -> {
      Workspace space = idle.poll();
      if (space == null) {
        space = new Workspace(new PageBlocks.Arena(kernel.columns().size()));
      }
      try {
        if (pages) {
          MeasureKernel.Totals mine = kernel.newTotals(space.last);
          try {
            if (decoder.read(file, space.arena, block -> kernel.add(block, mine))) {
              space.last = mine;
              return mine;
            }
            LOG.debug("{}: read with Spark's reader, as its footer shows what the page decoder does not decode",
                file.status().getPath());
          } catch (PageBlocks.Undecodable e) {
            LOG.debug("{}: read again with Spark's reader: {}", file.status().getPath(), e.getMessage());
          }
        }
        MeasureKernel.Totals mine = kernel.newTotals(space.last);
        reader.read(file, batch -> kernel.add(batch, at, mine));
        space.last = mine;
        return mine;
      } finally {
        idle.push(space);
      }
    })) {
      totals.merge(part);
    }
    return totals;
  }

  /**
   * The kernel's totals over the rows of {@code table} (a Parquet table partitioned by period)
   * in the given periods, worked out in Spark tasks.
   */
  static MeasureKernel.Totals inTasks(Dataset<Row> table, Collection<Period> periods, MeasureKernel kernel) {
    List<Column> columns = kernel.columns().stream().map(c -> col(c)).toList();
    Dataset<Row> rows = table.filter(col(MeasureKernel.PERIOD).isin(periods.stream().map(Period::id).toArray()))
        .select(columns.toArray(new Column[0]));
    SparkPlan plan = rows.queryExecution().executedPlan();
    SparkPlan leaf = plan.collectLeaves().head();
    if (leaf instanceof LocalTableScanExec) {
      // A table with no files yet (an inbox without studios): nothing to add.
      return kernel.newTotals();
    }
    if (!(leaf instanceof FileSourceScanExec scan) || !scan.supportsColumnar() || plan.collectLeaves().size() != 1) {
      throw new IllegalStateException("compute reads workers and studios as columnar batches, which Spark gives only"
          + " with spark.sql.parquet.enableVectorizedReader and spark.sql.codegen.wholeStage on (their defaults);"
          + " the plan was:\n" + plan.treeString());
    }
    List<String> names = new ArrayList<>();
    for (Attribute a : CollectionConverters.asJava(scan.output())) {
      names.add(a.name());
    }
    int[] at = new int[kernel.columns().size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = names.indexOf(kernel.columns().get(i));
      if (at[i] < 0) {
        throw new IllegalStateException("the scan has no column " + kernel.columns().get(i) + ": " + names);
      }
    }
    List<MeasureKernel.Totals> parts = scan.executeColumnar().toJavaRDD().mapPartitions(new Accumulate(kernel, at)).collect();
    MeasureKernel.Totals totals = kernel.newTotals();
    parts.forEach(totals::merge);
    return totals;
  }

  /** A reading thread's arrays: the page decoder's, and the kernel's in the totals of its last file. */
  private static final class Workspace {
    final PageBlocks.Arena arena;
    MeasureKernel.Totals last;

    Workspace(PageBlocks.Arena arena) {
      this.arena = arena;
    }
  }

  /** One task: every batch of its splits into one set of totals. */
  private record Accumulate(MeasureKernel kernel, int[] at) implements FlatMapFunction<Iterator<ColumnarBatch>, MeasureKernel.Totals> {
    @Override
    public Iterator<MeasureKernel.Totals> call(Iterator<ColumnarBatch> batches) {
      MeasureKernel.Totals totals = kernel.newTotals();
      // The scan reuses its batch: each is used up before asking for the next.
      while (batches.hasNext()) {
        kernel.add(batches.next(), at, totals);
      }
      return List.of(totals).iterator();
    }
  }
}
