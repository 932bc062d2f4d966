package cn.changai.jobs.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code changai} process, started with this JVM's flags and class path, its output in a
 * file (so a chatty process never blocks on a full pipe). For tests that need what only a separate
 * process shows: SIGKILL, locks, start-up without Spark, a driver of a cluster.
 */
public final class ChangaiProcess {

  /** The end of a process: its exit code and everything it printed. */
  public record Result(int exit, String output) {}

  private final Process process;
  private final Path log;

  private ChangaiProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code changai args} with extra JVM flags; the log file goes into {@code dir}. */
  public static ChangaiProcess start(Path dir, List<String> flags, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+Ignore") || arg.startsWith("-Dio.netty")
          || arg.startsWith("-Dlog4j")) {
        command.add(arg);
      }
    }
    command.add("-Xmx1g");
    // As the launcher starts a command on a small inbox (C1 alone): these processes run fixtures.
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(flags);
    command.add("-cp");
    // The child runs in another folder: every class path entry must be absolute.
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      classPath.add(Path.of(entry).toAbsolutePath().toString());
    }
    command.add(String.join(java.io.File.pathSeparator, classPath));
    command.add("cn.changai.jobs.cli.Main");
    command.addAll(Arrays.asList(args));
    return launch(dir, command, Map.of());
  }

  /**
   * Starts {@code changai args} through the launcher {@code scripts/changai}, as users run it (its
   * JVM flags and class cache), with {@code CHANGAI_JAVA_OPTS} set to the given options; the log
   * file goes into {@code dir}. The launcher execs java, so the process is the JVM itself.
   */
  public static ChangaiProcess startLauncher(Path dir, Path launcher, String javaOpts, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toAbsolutePath().toString());
    command.addAll(Arrays.asList(args));
    return launch(dir, command, Map.of("CHANGAI_JAVA_OPTS", javaOpts));
  }

  /** Starts the command in {@code dir} with its output in a new log file there. */
  private static ChangaiProcess launch(Path dir, List<String> command, Map<String, String> env) throws IOException {
    Files.createDirectories(dir);
    Path log = Files.createTempFile(dir, "process", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(env);
    return new ChangaiProcess(builder.start(), log);
  }

  /** Runs {@code changai args} to its end (at most 5 minutes). */
  public static Result run(Path dir, List<String> flags, String... args) throws Exception {
    ChangaiProcess p = start(dir, flags, args);
    boolean done = p.process.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      p.process.destroyForcibly().waitFor();
    }
    return new Result(done ? p.process.exitValue() : -1, p.output());
  }

  /** Waits for the end (at most the given minutes) and returns the result. */
  public Result await(long minutes) throws Exception {
    boolean done = process.waitFor(minutes, TimeUnit.MINUTES);
    if (!done) {
      process.destroyForcibly().waitFor();
    }
    return new Result(done ? process.exitValue() : -1, output());
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Waits until the output shows the text. */
  public void awaitOutput(String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("never saw '" + text + "' in:\n" + output());
  }

  /** Sends a signal by name ({@code TERM}, {@code INT}), as {@code kill -TERM} or Ctrl-C would. */
  public void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Ends the process with SIGKILL, as {@code kill -9} would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
