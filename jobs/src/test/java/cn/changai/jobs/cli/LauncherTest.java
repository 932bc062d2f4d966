package cn.changai.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
    Path bin = builtCheckout(project, "#!/bin/sh\necho \"LC_ALL=${LC_ALL-unset} LC_CTYPE=${LC_CTYPE-unset} LC_NUMERIC=${LC_NUMERIC-unset}"
            + " LC_MESSAGES=${LC_MESSAGES-unset} LANG=${LANG-unset}\"\n");

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

  @Test
  void driverMemorySizesTheHeapAndANonsenseSizeIsLeftForTheCommandToRefuse(@TempDir Path project) throws Exception {
    // Spark reads spark.driver.memory only before its JVM starts (spark-submit): given to the
    // launcher's running JVM it did nothing, and the heap stayed 4 GiB. The launcher now gives a
    // sensible size to the JVM as -Xmx, after CHANGAI_JAVA_OPTS (the command line wins); a
    // nonsense one it leaves out, for the command to refuse by name (-Xmx0 would stop the JVM
    // before a word of ours). Here a built checkout and a java that prints its -Xmx flags.
    Path bin = builtCheckout(project, "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in -Xmx*) printf '%s ' \"$a\" ;; esac; done; echo\n");

    java.util.function.Function<List<String>, String> heap = args -> {
      try {
        List<String> command = new java.util.ArrayList<>(List.of("bash", project.resolve("scripts/changai").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("CHANGAI_CDS", "off");
        builder.environment().put("CHANGAI_JAVA_OPTS", "-Xmx6g");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (java.io.IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    };
    // 2g = 2,048 MiB; 1G = 1,024 MiB (Spark's units, any case); 600 without a unit = 600 MiB;
    // 2097152k = 2,048 MiB; the last of two settings wins, as in the command's own map.
    assertThat(heap.apply(List.of("run", "--conf", "spark.driver.memory=2g"))).isEqualTo("-Xmx4g -Xmx6g -Xmx2048m");
    assertThat(heap.apply(List.of("run", "--conf=spark.driver.memory=1G"))).isEqualTo("-Xmx4g -Xmx6g -Xmx1024m");
    assertThat(heap.apply(List.of("sql", "--conf", "spark.driver.memory=600", "SELECT 1"))).isEqualTo("-Xmx4g -Xmx6g -Xmx600m");
    assertThat(heap.apply(List.of("run", "--conf", "spark.driver.memory=1g", "--conf", "spark.driver.memory=2097152k")))
        .isEqualTo("-Xmx4g -Xmx6g -Xmx2048m");
    // Nonsense, too small, more than any machine here, and after "--" (a query, not an option).
    for (String size : List.of("-1g", "0", "abc", "10x", "1.5g", "1k", "511m", "1000000g", "99999999999999p")) {
      assertThat(heap.apply(List.of("run", "--conf", "spark.driver.memory=" + size))).as(size).isEqualTo("-Xmx4g -Xmx6g");
    }
    assertThat(heap.apply(List.of("sql", "--", "--conf", "spark.driver.memory=2g"))).isEqualTo("-Xmx4g -Xmx6g");
  }

  @Test
  void tmpdirBecomesJavasTemporaryFolderUnlessChangaiJavaOptsNamesOne(@TempDir Path project) throws Exception {
    // Java ignores TMPDIR and keeps /tmp: an operator who pointed TMPDIR at a roomier disk found
    // Spark's local files, Snappy's library and the workbook's sheets in /tmp all the same. Here a
    // java that prints its java.io.tmpdir flags.
    Path bin = builtCheckout(project,
        "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in -Djava.io.tmpdir=*) printf '%s ' \"$a\" ;; esac; done; echo\n");
    java.util.function.BiFunction<String, String, String> flags = (tmpdir, opts) -> {
      try {
        ProcessBuilder builder = new ProcessBuilder("bash", project.resolve("scripts/changai").toString(), "runs",
            "--warehouse", project.toString()).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("CHANGAI_CDS", "off");
        builder.environment().remove("TMPDIR");
        builder.environment().remove("CHANGAI_JAVA_OPTS");
        if (tmpdir != null) {
          builder.environment().put("TMPDIR", tmpdir);
        }
        if (opts != null) {
          builder.environment().put("CHANGAI_JAVA_OPTS", opts);
        }
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (java.io.IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    };
    assertThat(flags.apply(null, null)).isEmpty();
    assertThat(flags.apply("", null)).isEmpty();
    assertThat(flags.apply("/scratch/tmp", null)).isEqualTo("-Djava.io.tmpdir=/scratch/tmp");
    // A folder with a space stays one argument; CHANGAI_JAVA_OPTS comes after, and wins.
    assertThat(flags.apply("/scratch/my tmp", null)).isEqualTo("-Djava.io.tmpdir=/scratch/my tmp");
    assertThat(flags.apply("/scratch/tmp", "-Djava.io.tmpdir=/other")).isEqualTo("-Djava.io.tmpdir=/scratch/tmp -Djava.io.tmpdir=/other");
  }

  @Test
  void theOtherScriptsFollowALinkToTheirProjectToo(@TempDir Path dir) throws Exception {
    // scripts/changai follows a link to find its project; cluster, bench, compare and
    // sensitivity-bench took the folder above the link for the project, and built there. Here each
    // is linked from <dir>/bin, with an mvn that says where it was started and fails: each must
    // build in <dir>/project.
    Path project = Files.createDirectories(dir.resolve("project").resolve("scripts")).getParent();
    Files.copy(SCRIPTS.resolve("jvm-flags.sh"), project.resolve("scripts/jvm-flags.sh"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path tools = Files.createDirectories(dir.resolve("tools"));
    Path mvn = Files.writeString(tools.resolve("mvn"), "#!/bin/sh\necho \"mvn in $(pwd)\" >&2\nexit 1\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String script : List.of("cluster", "bench", "compare", "sensitivity-bench")) {
      Files.copy(SCRIPTS.resolve(script), project.resolve("scripts").resolve(script));
      Files.setPosixFilePermissions(project.resolve("scripts").resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createSymbolicLink(bin.resolve(script), project.resolve("scripts").resolve(script));
    }
    for (String command : List.of("cluster start", "bench", "compare . .", "sensitivity-bench")) {
      ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().put("PATH", bin + ":" + tools + ":" + System.getenv("PATH"));
      builder.environment().put("TMPDIR", dir.toString());
      Process process = builder.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command).isTrue();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(out).as(command).contains("mvn in " + project.toRealPath()).doesNotContain("mvn in " + dir.toRealPath() + "\n");
      assertThat(process.exitValue()).as(command).isEqualTo(1);
    }
  }

  @Test
  void aBuildThatLeavesTheJarAsItWasIsNotRunAgainByTheNextCommand(@TempDir Path project) throws Exception {
    // A change to a pom alone (here, the tests' settings) compiles nothing, and Maven then leaves
    // the jar with its old time: the launcher, seeing the pom newer than the jar, built again
    // before every command, 30 s a night. Here an mvn that succeeds and leaves the jar alone.
    Path bin = builtCheckout(project, "#!/bin/sh\necho java ran\n");
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(project.resolve("jobs/target/changai-jobs.jar"), old);
    Files.setLastModifiedTime(project.resolve("jobs/target/app/changai-jobs.jar"), old);
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Path builds = project.resolve("builds.txt");
    standInMaven(bin, "echo built >> '" + builds + "'");
    // Left in the copies' folder: an older version's jar, and the part of a copy a kill cut short.
    Path older = Files.writeString(project.resolve("jobs/target/app/changai-indicators-0.0.9.jar"), "");
    Path part = Files.writeString(project.resolve("jobs/target/app/.changai-jobs.jar.4242"), "");

    for (int i = 0; i < 2; i++) {
      String out = launch(project, bin, "--version");
      assertThat(out).as("command %d", i + 1).contains("java ran");
    }
    assertThat(Files.readAllLines(builds)).containsExactly("built");
    assertThat(older).doesNotExist();
    assertThat(part).doesNotExist();
  }

  @Test
  void aBuildNeverWritesOverTheJarARunningCommandReadsItsClassesFrom(@TempDir Path project) throws Exception {
    // Maven writes its jar in place. A nightly run started before an upgrade reads its classes from
    // the jar as it goes; the first command after the upgrade builds, and the run read the new
    // build's bytes at the old one's offsets. Here the running command is an open file, and the
    // build an mvn that writes Maven's jar in place.
    Path bin = builtCheckout(project, "#!/bin/sh\necho java ran\n");
    Path running = project.resolve("jobs/target/app/changai-jobs.jar");
    Files.writeString(running, "the old build");
    Files.setLastModifiedTime(running, FileTime.fromMillis(1_000_000_000_000L));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    standInMaven(bin, "printf 'the new build' > '" + project.resolve("jobs/target/changai-jobs.jar") + "'");

    try (java.nio.channels.FileChannel open = java.nio.channels.FileChannel.open(running)) {
      assertThat(launch(project, bin, "--version")).contains("java ran");
      java.nio.ByteBuffer read = java.nio.ByteBuffer.allocate(64);
      open.read(read, 0);
      assertThat(new String(read.array(), 0, read.position(), StandardCharsets.UTF_8)).isEqualTo("the old build");
    }
    assertThat(running).hasContent("the new build");
  }

  @Test
  void twoCommandsStartedAtOnceAfterAnUpgradeBuildOnce(@TempDir Path project) throws Exception {
    // Two cron entries, or a run and an analyst's query, after a pull: each launcher ran Maven in
    // the same folders at the same time. The second now waits for the first's build and uses it.
    Path bin = builtCheckout(project, "#!/bin/sh\necho java ran\n");
    Files.setLastModifiedTime(project.resolve("jobs/target/app/changai-jobs.jar"), FileTime.fromMillis(1_000_000_000_000L));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Path builds = project.resolve("builds.txt");
    standInMaven(bin, "echo start >> '" + builds + "'; sleep 2; echo end >> '" + builds + "'");

    List<Process> both = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      both.add(launcher(project, bin, "--version").start());
    }
    List<String> outs = new java.util.ArrayList<>();
    for (Process process : both) {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out).contains("java ran");
      assertThat(process.exitValue()).as(out).isZero();
      outs.add(out);
    }
    assertThat(Files.readAllLines(builds)).containsExactly("start", "end");
    // The one that waited said why.
    assertThat(outs).filteredOn(out -> out.contains("changai: building")).hasSize(1);
    assertThat(outs).filteredOn(out -> out.contains("another changai command is building the project")).hasSize(1);
  }

  /** An {@code mvn} in {@code bin} that runs the shell line and succeeds. */
  private static void standInMaven(Path bin, String line) throws java.io.IOException {
    Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n" + line + "\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The launcher of {@code project} with {@code bin} first on the PATH, its output merged. */
  private static ProcessBuilder launcher(Path project, Path bin, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("bash", project.resolve("scripts/changai").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("TMPDIR", project.toString());
    return builder;
  }

  /** Runs the launcher to its end (exit 0 expected) and returns its output. */
  private static String launch(Path project, Path bin, String... args) throws Exception {
    Process process = launcher(project, bin, args).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  /**
   * A built checkout in {@code project} (the launcher, a jar and its copy newer than any source) and a folder
   * holding a stand-in {@code java} that runs {@code script}; returns that folder, for the PATH.
   */
  private static Path builtCheckout(Path project, String script) throws java.io.IOException {
    Files.createDirectories(project.resolve("scripts"));
    Files.copy(SCRIPTS.resolve("changai"), project.resolve("scripts/changai"));
    Files.copy(SCRIPTS.resolve("jvm-flags.sh"), project.resolve("scripts/jvm-flags.sh"));
    Files.createDirectories(project.resolve("jobs/target/lib"));
    Files.writeString(project.resolve("jobs/target/changai-jobs.jar"), "");
    // The copy commands run from, made after the build (scripts/changai, copy_app).
    Files.createDirectories(project.resolve("jobs/target/app"));
    Files.writeString(project.resolve("jobs/target/app/changai-jobs.jar"), "");
    Path bin = Files.createDirectories(project.resolve("bin"));
    Path java = Files.writeString(bin.resolve("java"), script);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }
}
