package cn.changai.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.changai.jobs.run.Failures;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary folders checked before Spark starts, and what a person reads when one fails. */
class TemporaryFoldersTest {

  @TempDir
  Path dir;

  @Test
  void sparksLocalFoldersComeFromTheEnvironmentThenTheSettingThenJavasTemporaryFolder() {
    Map<String, String> conf = Map.of("spark.local.dir", " /data/a, /data/b ,");
    assertThat(TemporaryFolders.localFolders(conf, "/env/x,/env/y", "/tmp"))
        .containsExactly(Path.of("/env/x"), Path.of("/env/y"));
    assertThat(TemporaryFolders.localFolders(conf, " ", "/tmp")).containsExactly(Path.of("/data/a"), Path.of("/data/b"));
    assertThat(TemporaryFolders.localFolders(Map.of(), null, "/tmp")).containsExactly(Path.of("/tmp"));
    assertThat(TemporaryFolders.localFolders(Map.of("spark.local.dir", ","), null, "/tmp")).containsExactly(Path.of("/tmp"));
  }

  @Test
  void aWritableFolderPassesAndKeepsNoProbe() throws IOException {
    Path folder = dir.resolve("not/yet/there");
    TemporaryFolders.probe(folder, "Spark's local folder", "--conf spark.local.dir=DIR");
    assertThat(folder).isDirectory();
    try (var left = Files.list(folder)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aFolderThatCannotBeMadeIsNamedWithItsRemedy() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path folder = file.resolve("tmp");
    assertThatThrownBy(() -> TemporaryFolders.probe(folder, "Java's temporary folder", "CHANGAI_JAVA_OPTS=-Djava.io.tmpdir=DIR"))
        .isInstanceOf(FileSystemException.class)
        .satisfies(e -> assertThat(Failures.describe(e))
            .startsWith(folder + ": Java's temporary folder cannot take a file (")
            .endsWith("choose another with CHANGAI_JAVA_OPTS=-Djava.io.tmpdir=DIR"));
  }

  @Test
  void oneUsableLocalFolderIsEnoughAsForSparkAndNoneFailsNamingTheFirst() throws IOException {
    assumeTrue(System.getenv("SPARK_LOCAL_DIRS") == null, "SPARK_LOCAL_DIRS overrides spark.local.dir");
    Path bad = Files.writeString(dir.resolve("a-file"), "x").resolve("local");
    Path good = dir.resolve("local");
    TemporaryFolders.check(Map.of("spark.local.dir", bad + "," + good));
    assertThat(good).isDirectory();
    assertThatThrownBy(() -> TemporaryFolders.check(Map.of("spark.local.dir", bad.toString())))
        .hasMessageStartingWith(bad + ": Spark's local folder cannot take a file")
        .hasMessageEndingWith("--conf spark.local.dir=DIR");
    assertThat(good.toFile().list()).isEmpty();
  }
}
