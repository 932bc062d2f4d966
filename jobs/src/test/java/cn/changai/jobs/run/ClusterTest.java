package cn.changai.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.jobs.testing.ChangaiProcess;
import cn.changai.jobs.testing.TableSnapshot;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample pipeline on a real Spark standalone cluster (a master and two workers started by
 * {@code scripts/cluster}) gives, table for table and row for row, what it gives in local mode.
 */
class ClusterTest {

  @TempDir Path tmp;

  @Test
  void theSamplePipelineOnATwoWorkerClusterEqualsLocalMode() throws Exception {
    Path inbox = Path.of("../sample-data/inbox").toAbsolutePath().normalize();
    Path clusterDir = tmp.resolve("cluster");
    int port = freePort();
    String master = cluster("start", "--workers", "2", "--port", Integer.toString(port), "--dir", clusterDir.toString()).strip();
    try {
      assertThat(master).isEqualTo("spark://127.0.0.1:" + port);
      Path onCluster = tmp.resolve("on-cluster");
      ChangaiProcess.Result cluster = ChangaiProcess.run(tmp, List.of(), "run", "--master", master,
          "--conf", "spark.cores.max=2", "--conf", "spark.executor.memory=1g",
          "--inbox", inbox.toString(), "--warehouse", onCluster.toString());
      assertThat(cluster.exit()).as(cluster.output()).isEqualTo(3); // the sample has two refused submissions

      Path local = tmp.resolve("local");
      ChangaiProcess.Result here = ChangaiProcess.run(tmp, List.of(), "run",
          "--inbox", inbox.toString(), "--warehouse", local.toString());
      assertThat(here.exit()).as(here.output()).isEqualTo(3);

      Map<String, List<String>> expected = TableSnapshot.of(local);
      assertThat(expected.keySet()).contains("workers", "indicator_values", "scores");
      assertThat(TableSnapshot.of(onCluster)).isEqualTo(expected);
      // The executors of the workers did the work: each worker ran an executor of the application.
      assertThat(clusterDir.resolve("work/worker-1")).isNotEmptyDirectory();
      assertThat(clusterDir.resolve("work/worker-2")).isNotEmptyDirectory();
    } finally {
      cluster("stop", "--dir", clusterDir.toString());
    }
    assertThat(cluster("stop", "--dir", clusterDir.toString())).contains("stopped 0 process(es)");
  }

  private static String cluster(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", "../scripts/cluster"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().filter(l -> l.startsWith("spark://") || l.startsWith("cluster:")).reduce("", (a, b) -> b);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
