package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments that used to hang a command or end it as a fault of the program: each is refused
 * with exit 2 and a line naming it, before any work.
 */
class HostileArgumentsTest {

  @TempDir Path tmp;

  @Test
  void aChinesePathUnderAnAsciiLocaleNamesTheLocaleNotTheFolder() {
    // java started without the launcher under cron's POSIX locale: the JVM's character set for
    // file names and arguments is ASCII, so /data/收件箱 arrives as /data/\uFFFD\uFFFD... The folder's
    // name is fine UTF-8; the advice to rename it sent the operator the wrong way.
    String before = System.getProperty("sun.jnu.encoding");
    try {
      System.setProperty("sun.jnu.encoding", "ANSI_X3.4-1968");
      assertThatThrownBy(() -> Arguments.notBlank("--inbox", "/data/\uFFFD\uFFFD\uFFFD"))
          .isInstanceOf(UsageError.class)
          .hasMessage("Invalid value for --inbox: '/data/\uFFFD\uFFFD\uFFFD' cannot be named in this process's character set"
              + " for file names, ANSI_X3.4-1968, the locale's (cron and env -i give the POSIX locale, whose set is ASCII);"
              + " run under a UTF-8 locale, e.g. LC_ALL=C.UTF-8, as scripts/changai does by itself");
      // Under a UTF-8 locale the bytes themselves are no text: the folder is what to mend.
      System.setProperty("sun.jnu.encoding", "UTF-8");
      assertThatThrownBy(() -> Arguments.notBlank("--inbox", "/data/bad\uFFFD"))
          .hasMessageContaining("holds bytes that are not UTF-8 text (shown as \uFFFD), so it cannot be named exactly;"
              + " rename the folder");
    } finally {
      System.setProperty("sun.jnu.encoding", before);
    }
  }

  @Test
  void aWeightsFileThatIsAPipeOrHugeIsRefused() throws Exception {
    Path pipe = tmp.resolve("weights.yaml");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    Console.Run fifo = Console.run("score", "--warehouse", tmp.resolve("w").toString(), "--weights", pipe.toString());
    assertThat(fifo.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(fifo.err()).contains("Cannot read weights file " + pipe + ": not a regular file; give a weights file");

    Path huge = tmp.resolve("huge.yaml");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(17L << 20); // sparse: 17 MiB of nothing
    }
    Console.Run big = Console.run("score", "--warehouse", tmp.resolve("w").toString(), "--weights", huge.toString());
    assertThat(big.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(big.err()).contains("Cannot read weights file " + huge + ": 17825792 bytes, over the 16 MiB a weights"
        + " file may hold");
  }

  @Test
  void aQueryNestedThousandsDeepIsRefusedAsAQuery() throws Exception {
    Files.createDirectories(tmp.resolve("w/tables/enterprises/period=2025"));
    Files.createFile(tmp.resolve("w/tables/enterprises/period=2025/part-0.parquet"));
    String query = "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000);
    Console.Run run = Console.run("sql", "--warehouse", tmp.resolve("w").toString(), query);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Invalid query: it is nested too deeply to read; write it with fewer levels of parentheses")
        .doesNotContain("StackOverflowError");
  }

  @Test
  void aFolderNamedLikeARunRecordIsNoRecord() throws Exception {
    Path runs = Files.createDirectories(tmp.resolve("w/runs"));
    Files.createDirectories(runs.resolve("29991231T000000Z-abcdef.json"));
    Files.writeString(runs.resolve("20250101T000000Z-000001.json"),
        "{\"run_id\": \"20250101T000000Z-000001\", \"command\": \"run\", \"status\": \"succeeded\", \"exit_code\": 0}");
    Console.Run run = Console.run("runs", "--warehouse", tmp.resolve("w").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("20250101T000000Z-000001").contains("succeeded").doesNotContain("29991231T000000Z");
  }
}
