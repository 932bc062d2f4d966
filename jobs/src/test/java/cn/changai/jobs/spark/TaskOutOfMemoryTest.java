package cn.changai.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.changai.jobs.SharedSpark;
import cn.changai.jobs.run.Failures;
import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * In local mode the executor is the driver's JVM: by default Spark exits it (code 52) on a task's
 * OutOfMemoryError, before the run can report or record anything. Our sessions make it fail the
 * job instead. Were it not so, this test would end the test JVM.
 */
class TaskOutOfMemoryTest {

  @Test
  void aTasksOutOfMemoryErrorFailsTheJobAndTheDriverGoesOn() {
    SparkSession spark = SharedSpark.session();
    Throwable thrown = catchThrowable(() -> spark.range(0, 4, 1, 2).foreach((ForeachFunction<Long>) id -> {
      if (id == 3) {
        throw new OutOfMemoryError("Java heap space");
      }
    }));
    assertThat(thrown).isNotNull();
    assertThat(Failures.describe(thrown)).startsWith("out of memory (raise the heap, e.g. CHANGAI_JAVA_OPTS=-Xmx8g): ")
        .contains("Java heap space");
    // The session still works.
    assertThat(spark.range(0, 10).count()).isEqualTo(10);
  }
}
