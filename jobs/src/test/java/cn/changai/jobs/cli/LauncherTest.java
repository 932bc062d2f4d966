package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher {@code scripts/changai} in a scheduler's bare environment; no Spark, no real build. */
class LauncherTest {

  private static final Path SCRIPTS = Path.of("..", "scripts");

  @Test
  void withoutHomeAFirstBuildStillReachesMaven(@TempDir Path project) throws Exception {
    // A systemd service without User= (or env -i) has no HOME. After an upgrade the launcher must
    // build; it looked for Maven's repository under $HOME, and under set -u stopped at once with
    // "HOME: unbound variable". Here a checkout with no jar yet, and an mvn that only fails: the
    // launcher gets as far as running it and reports the failed build.
    Files.createDirectories(project.resolve("scripts"));
    Files.copy(SCRIPTS.resolve("changai"), project.resolve("scripts/changai"));
    Files.copy(SCRIPTS.resolve("jvm-flags.sh"), project.resolve("scripts/jvm-flags.sh"));
    Path bin = Files.createDirectories(project.resolve("bin"));
    Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho '[ERROR] a stand-in for Maven'\nexit 1\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder builder = new ProcessBuilder("bash", project.resolve("scripts/changai").toString(), "--version")
        .directory(project.toFile()).redirectErrorStream(true);
    builder.environment().remove("HOME");
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    // The launcher keeps the failed build's log in a temporary file: here, not in /tmp.
    builder.environment().put("TMPDIR", project.toString());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(out).doesNotContain("unbound variable");
    assertThat(out).contains("[ERROR] a stand-in for Maven", "changai: build failed (full log: ");
    assertThat(process.exitValue()).isEqualTo(1);
  }

  @Test
  void aLinkOnThePathRunsTheProjectItPointsInto(@TempDir Path dir) throws Exception {
    // The crontab example runs "changai run ..." with changai on cron's PATH, typically a link
    // /usr/local/bin/changai -> /opt/changai/scripts/changai. The launcher took the folder above
    // the link (/usr/local) for the project: no jar there, so it tried to build it, and Maven
    // failed for want of a pom. Here: <dir>/project/scripts/changai, linked from <dir>/bin, and
    // an mvn that only fails; the launcher must build in <dir>/project.
    Path project = Files.createDirectories(dir.resolve("project").resolve("scripts")).getParent();
    Files.copy(SCRIPTS.resolve("changai"), project.resolve("scripts/changai"));
    Files.copy(SCRIPTS.resolve("jvm-flags.sh"), project.resolve("scripts/jvm-flags.sh"));
    Files.setPosixFilePermissions(project.resolve("scripts/changai"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("changai"), project.resolve("scripts/changai"));
    Path tools = Files.createDirectories(dir.resolve("tools"));
    Path mvn = Files.writeString(tools.resolve("mvn"), "#!/bin/sh\necho '[ERROR] a stand-in for Maven'\nexit 1\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "changai --version").directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + tools + ":" + System.getenv("PATH"));
    builder.environment().put("TMPDIR", dir.toString());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(out).contains("run 'mvn -DskipTests install' in " + project.toRealPath() + " to see why");
    assertThat(process.exitValue()).isEqualTo(1);
  }

  @Test
  void theJvmGetsTheCLibrarysMessagesInEnglishWhateverTheLocale(@TempDir Path project) throws Exception {
    // Under zh_CN.UTF-8 with the C library's translations installed (libc-l10n), Java's file errors
    // read "(权限不够)" and "设备上没有空间": the failure line then named no "permission denied" or
    // "disk full", and picocli sorted --inbox last in the help (toUpperCase of the Turkish i under
    // tr_TR). The launcher keeps the locale's character set and formats, and asks for the C
    // library's messages in English. Here a built checkout (a jar newer than any source) and a
    // java that prints the locale it was given.
    Files.createDirectories(project.resolve("scripts"));
    Files.copy(SCRIPTS.resolve("changai"), project.resolve("scripts/changai"));
    Files.copy(SCRIPTS.resolve("jvm-flags.sh"), project.resolve("scripts/jvm-flags.sh"));
    Files.createDirectories(project.resolve("jobs/target/lib"));
    Files.writeString(project.resolve("jobs/target/changai-jobs.jar"), "");
    Path bin = Files.createDirectories(project.resolve("bin"));
    Path java = Files.writeString(bin.resolve("java"),
        "#!/bin/sh\necho \"LC_ALL=${LC_ALL-unset} LC_CTYPE=${LC_CTYPE-unset} LC_NUMERIC=${LC_NUMERIC-unset}"
            + " LC_MESSAGES=${LC_MESSAGES-unset} LANG=${LANG-unset}\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder builder = new ProcessBuilder("bash", project.resolve("scripts/changai").toString(), "--version")
        .directory(project.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE"));
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("LC_ALL", "zh_CN.UTF-8");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(out.strip()).isEqualTo("LC_ALL=unset LC_CTYPE=zh_CN.UTF-8 LC_NUMERIC=zh_CN.UTF-8 LC_MESSAGES=C LANG=zh_CN.UTF-8");
  }
}
