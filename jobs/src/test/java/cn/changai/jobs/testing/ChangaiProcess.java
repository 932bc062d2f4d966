package cn.changai.jobs.testing;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

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
    return launch(dir, command(flags, args), Map.of());
  }

  /**
   * The command line of {@code changai args} in a JVM of its own with extra JVM flags, for a test
   * that wires the process's streams itself.
   */
  public static List<String> command(List<String> flags, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmFlags());
    command.add("-Xmx1g");
    // As the launcher starts a command on a small inbox (C1 alone): these processes run fixtures.
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(ClassCache.get().flags());
    command.addAll(flags);
    command.add("-cp");
    command.add(ClassCache.get().classPath());
    command.add("cn.changai.jobs.cli.Main");
    command.addAll(Arrays.asList(args));
    return command;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** This JVM's flags that Spark needs in every JVM it runs in. */
  private static List<String> jvmFlags() {
    List<String> flags = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+Ignore") || arg.startsWith("-Dio.netty")
          || arg.startsWith("-Dlog4j")) {
        flags.add(arg);
      }
    }
    return flags;
  }

  /**
   * The class path the processes start with, and the JDK's class-data archive they map: the same
   * start-up cache as {@code scripts/changai} makes for users (JEP 350), here because each of
   * the suite's processes loads Spark's 20,000 classes. A sample run took 13.6 s
   * without it and 7.5 s with it. The JDK archives no class path with a non-empty folder in it,
   * so the test JVM's class folders are copied into jars first. Made once per build under
   * {@code target/changai-process/} (folder named by what it was made from), under a file lock
   * so that the suite's two forks make it once between them; if the archive cannot be made, the
   * processes start without one.
   */
  private record ClassCache(String classPath, List<String> flags) {

    private static ClassCache made;

    static synchronized ClassCache get() throws IOException {
      if (made == null) {
        made = make();
      }
      return made;
    }

    private static ClassCache make() throws IOException {
      List<Path> entries = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        // The child runs in another folder: every class path entry must be absolute.
        entries.add(Path.of(entry).toAbsolutePath());
      }
      // In the jobs module's target folder, wherever the JVM runs (scripts/bench runs it from the
      // project's folder).
      Path target = entries.stream().filter(p -> p.endsWith("test-classes")).findFirst().map(Path::getParent)
          .orElse(Path.of("target").toAbsolutePath());
      Path root = target.resolve("changai-process");
      Files.createDirectories(root);
      Path folder = root.resolve(key(entries));
      List<String> classPath = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        Path entry = entries.get(i);
        classPath.add(Files.isDirectory(entry) ? folder.resolve(i + ".jar").toString() : entry.toString());
      }
      String joined = String.join(File.pathSeparator, classPath);
      Path archive = folder.resolve("changai.jsa");
      List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
      try (FileChannel lock = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock held = lock.lock()) {
        if (!Files.exists(folder.resolve("ready"))) {
          for (Path other : listed(root)) {
            if (Files.isDirectory(other)) {
              deleteTree(other);
            }
          }
          Files.createDirectories(folder);
          for (int i = 0; i < entries.size(); i++) {
            if (Files.isDirectory(entries.get(i))) {
              jar(entries.get(i), folder.resolve(i + ".jar"));
            }
          }
          dump(joined, archive, quiet, folder, target.resolve("../../sample-data/inbox").normalize());
          Files.writeString(folder.resolve("ready"), joined);
        }
      }
      List<String> flags = new ArrayList<>();
      if (Files.exists(archive)) {
        flags.add("-XX:SharedArchiveFile=" + archive);
        flags.addAll(quiet);
      }
      return new ClassCache(joined, flags);
    }

    /** Runs the sample inbox once with the archive written at its end, as the launcher does. */
    private static void dump(String classPath, Path archive, List<String> quiet, Path folder, Path sample)
        throws IOException {
      List<String> command = new ArrayList<>();
      command.add(java());
      command.addAll(jvmFlags());
      command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + archive + ".part"));
      command.addAll(quiet);
      command.addAll(List.of("-cp", classPath, "cn.changai.jobs.cli.Main", "run", "--inbox", sample.toString(),
          "--warehouse", folder.resolve("warehouse").toString()));
      try {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
            .redirectOutput(folder.resolve("dump.log").toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
          process.destroyForcibly().waitFor();
        }
        // The sample exits 3: two of its submissions are refused on purpose.
        int exit = process.isAlive() ? -1 : process.exitValue();
        Path part = Path.of(archive + ".part");
        if ((exit == 0 || exit == 3) && Files.size(part) > 0) {
          Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // No archive: the processes start without one, only slower.
      } finally {
        Files.deleteIfExists(Path.of(archive + ".part"));
        deleteTree(folder.resolve("warehouse"));
      }
    }

    /** A name for the class path as it is now: its entries, and each file's size and time. */
    private static String key(List<Path> entries) throws IOException {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Path entry : entries) {
          digest.update((entry + "\n").getBytes(StandardCharsets.UTF_8));
          List<Path> files = new ArrayList<>();
          if (Files.isDirectory(entry)) {
            try (Stream<Path> walk = Files.walk(entry)) {
              walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
          } else if (Files.exists(entry)) {
            files.add(entry);
          }
          for (Path file : files) {
            digest.update((file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() + "\n")
                .getBytes(StandardCharsets.UTF_8));
          }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void jar(Path folder, Path jar) throws IOException {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(folder)) {
        files = walk.filter(p -> !p.equals(folder)).sorted().toList();
      }
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        for (Path file : files) {
          String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
          if (Files.isDirectory(file)) {
            out.putNextEntry(new JarEntry(name + "/"));
          } else {
            out.putNextEntry(new JarEntry(name));
            Files.copy(file, out);
          }
          out.closeEntry();
        }
      }
    }

    private static List<Path> listed(Path folder) throws IOException {
      try (Stream<Path> list = Files.list(folder)) {
        return list.toList();
      }
    }

    private static void deleteTree(Path root) throws IOException {
      if (!Files.exists(root)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
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
