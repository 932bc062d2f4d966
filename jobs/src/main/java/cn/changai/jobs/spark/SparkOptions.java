package cn.changai.jobs.spark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.internal.SQLConf;
import picocli.CommandLine.Option;

/** Options shared by every command that starts Spark: the master and extra Spark settings. */
public final class SparkOptions {

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = {"Spark master: local[*] (default), local[N],", "spark://host:port; yarn and k8s:// through",
          "spark-submit (docs/cluster.md)."})
  public String master = "local[*]";

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = {"A Spark setting, e.g. --conf", "spark.driver.memory=4g (repeatable)."})
  public Map<String, String> conf = new LinkedHashMap<>();

  /** A standalone master's host (a name, an IPv4 or a bracketed IPv6 address) and port. */
  private static final String HOST_PORT = "(\\[[0-9A-Fa-f:.]+]|[^\\s,:/\\[\\]]+):[0-9]{1,5}";

  /**
   * The masters Spark takes: local ones, a standalone cluster (each master as host:port, several
   * for high availability separated by commas, as Spark requires), YARN, Kubernetes, Mesos.
   */
  private static final Pattern MASTER = Pattern.compile(
      "local(\\[(\\*|[1-9]\\d*)(,\\s*(\\*|[1-9]\\d*))?])?|local-cluster\\[\\d+,\\s*\\d+,\\s*\\d+]"
          + "|spark://" + HOST_PORT + "(," + HOST_PORT + ")*|yarn|k8s://\\S+|mesos://\\S+");

  /**
   * The cluster manager a master needs that is not on the class path (YARN, Kubernetes, Mesos
   * come with spark-submit's Spark, not with the launcher's jar), or null.
   */
  private static String clusterManagerMissing(String master) {
    String[][] managers = {
      {"yarn", "YARN", "org.apache.spark.deploy.yarn.YarnClusterManager"},
      {"k8s://", "Kubernetes", "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager"},
      {"mesos://", "Mesos", "org.apache.spark.scheduler.cluster.mesos.MesosClusterManager"},
    };
    for (String[] m : managers) {
      if (master.startsWith(m[0])) {
        return loads(m[2]) ? null : m[1];
      }
    }
    return null;
  }

  /**
   * Settings whose value is a list of class names: Spark loads them only once it has started, and
   * a mistyped one then fails the run after it is recorded.
   */
  private static final java.util.Set<String> CLASS_NAMES = java.util.Set.of("spark.serializer",
      "spark.kryo.registrator", "spark.extraListeners", "spark.plugins", "spark.sql.extensions",
      "spark.sql.queryExecutionListeners", "spark.sql.streaming.streamingQueryListeners");

  private static boolean loads(String className) {
    try {
      Class.forName(className, false, SparkOptions.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Spark's declared core setting of that name, or null (its declarations are registered as they load). */
  private static org.apache.spark.internal.config.ConfigEntry<?> coreEntry(String key) {
    Object declared = org.apache.spark.internal.config.package$.MODULE$;
    return declared == null ? null : org.apache.spark.internal.config.ConfigEntry$.MODULE$.findEntry(key);
  }

  /** Spark's settings that are memory sizes and take no unit letter (a number of MiB) as well as one. */
  private static final java.util.Set<String> MEMORY_SIZES = java.util.Set.of("spark.driver.memory",
      "spark.executor.memory", "spark.driver.memoryOverhead", "spark.executor.memoryOverhead",
      "spark.executor.pyspark.memory", "spark.driver.maxResultSize", "spark.memory.offHeap.size");

  /**
   * The least heap the driver may be given: Spark refuses to start in less than 450 MiB
   * (UnifiedMemoryManager: 1.5 times the 300 MiB it reserves), and the JVM hands it somewhat less
   * than its maximum heap (the parallel collector keeps a survivor space out of it).
   */
  static final long MIN_DRIVER_MIB = 512;

  /** The least memory Spark gives an executor: below it Spark fails once started (INVALID_EXECUTOR_MEMORY). */
  static final long MIN_EXECUTOR_MIB = 450;

  /**
   * Why a memory size Spark's converter took is nonsense, or null. Spark's converter reads a
   * leading minus as a negative size ({@code spark.driver.memory=-1g} passed, a size of -1,024 MiB);
   * {@code 0} or {@code 1k} of heap is no heap. The driver's heap is fixed when its JVM starts: the
   * launcher sizes it from {@code spark.driver.memory} ({@code -Xmx}), so a value this JVM does not
   * have would have done nothing (Spark reads it only in spark-submit, before the JVM starts).
   */
  private static String memoryProblem(String key, String value, Object converted) {
    String size = value.strip();
    if (MEMORY_SIZES.contains(key) && size.startsWith("-")) {
      return "a memory size cannot be negative";
    }
    if (key.equals("spark.executor.memory") && converted instanceof Long mib && mib < MIN_EXECUTOR_MIB) {
      return String.format(Locale.ROOT, "Spark needs at least %d MiB for an executor (e.g. spark.executor.memory=4g)",
          MIN_EXECUTOR_MIB);
    }
    if (!key.equals("spark.driver.memory") || !(converted instanceof Long mib)) {
      return null;
    }
    if (mib < MIN_DRIVER_MIB) {
      return String.format(Locale.ROOT, "the driver's heap must be at least %d MiB, Spark's least (e.g."
          + " spark.driver.memory=4g; a number without a unit is MiB)", MIN_DRIVER_MIB);
    }
    long machineMib = machineMemoryMib();
    if (machineMib > 0 && mib > machineMib) {
      return String.format(Locale.ROOT, "more than this machine's memory (%,d MiB)", machineMib);
    }
    long heapMib = heapMib();
    // The JVM rounds its heap to its region size (at most 32 MiB).
    if (heapMib > 0 && Math.abs(heapMib - mib) > 64) {
      return String.format(Locale.ROOT, "this JVM's heap was fixed at %,d MiB when it started, and the setting"
          + " would do nothing: scripts/changai sizes the heap from it; under spark-submit, give"
          + " --driver-memory %s before the jar", heapMib, size);
    }
    return null;
  }

  /** This machine's (or container's) memory in MiB, or 0 where the JVM cannot tell. */
  private static long machineMemoryMib() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getTotalMemorySize() >> 20 : 0;
  }

  /** This JVM's maximum heap as its flag (-Xmx) set it, in MiB, or 0 where the JVM cannot tell. */
  private static long heapMib() {
    try {
      com.sun.management.HotSpotDiagnosticMXBean hotspot =
          java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return hotspot == null ? 0 : Long.parseLong(hotspot.getVMOption("MaxHeapSize").getValue()) >> 20;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** The task threads a local master may ask for: far more than any machine's cores, far fewer than a JVM may start. */
  static final int MAX_LOCAL_THREADS = 1024;

  private static final java.util.regex.Pattern LOCAL_THREADS = java.util.regex.Pattern.compile("local\\[(\\d+)(?:,.*)?]");

  private static final String TOO_MANY_THREADS = " asks for more than " + MAX_LOCAL_THREADS
      + " task threads; local[*] takes one per core (" + Runtime.getRuntime().availableProcessors() + " here)";

  /** Whether a local master asks for more task threads than {@link #MAX_LOCAL_THREADS}: local[99999] ran 48 s, made the JVM refuse threads, then was told to raise the heap. */
  private static boolean tooManyThreads(String master) {
    java.util.regex.Matcher threads = LOCAL_THREADS.matcher(master);
    return threads.matches() && (threads.group(1).length() > 4 || Integer.parseInt(threads.group(1)) > MAX_LOCAL_THREADS);
  }

  /**
   * Checks the master and the settings before Spark starts, so that a mistyped one is a usage
   * error (exit 2) naming the value, not a failed run after Spark's start: the master's form, and
   * the value of every Spark SQL setting against the type Spark declares for it.
   */
  public void check(java.util.function.Function<String, RuntimeException> usageError) {
    if (!MASTER.matcher(master).matches()) {
      throw usageError.apply("Invalid value for --master: '" + master + "' is not a Spark master (local, local[N],"
          + " local[*], local[N,F], spark://host:port, yarn, k8s://..., mesos://...)");
    }
    if (tooManyThreads(master)) {
      throw usageError.apply("Invalid value for --master: '" + master + "'" + TOO_MANY_THREADS);
    }
    String manager = clusterManagerMissing(master);
    if (manager != null) {
      throw usageError.apply("Invalid value for --master: '" + master + "' needs Spark's " + manager
          + " support, which this build's launcher does not carry: submit the thin jar with spark-submit"
          + " (docs/cluster.md)");
    }
    SQLConf sql = new SQLConf();
    for (Map.Entry<String, String> setting : conf.entrySet()) {
      String key = setting.getKey() == null ? "" : setting.getKey().strip();
      String value = setting.getValue() == null ? "" : setting.getValue();
      if (key.isEmpty()) {
        throw usageError.apply("Invalid value for --conf: '=" + value + "' names no setting (KEY=VALUE)");
      }
      if (key.equals("spark.master") && !MASTER.matcher(value).matches()) {
        throw usageError.apply("Invalid value for --conf: spark.master '" + value + "' is not a Spark master");
      }
      if (key.equals("spark.master") && tooManyThreads(value)) {
        throw usageError.apply("Invalid value for --conf: spark.master '" + value + "'" + TOO_MANY_THREADS);
      }
      if (CLASS_NAMES.contains(key)) {
        for (String name : value.split(",")) {
          if (!name.isBlank() && !loads(name.strip())) {
            throw usageError.apply("Invalid value for --conf: " + key + "=" + value + ": no class " + name.strip()
                + " on the class path");
          }
        }
      }
      if (key.startsWith("spark.sql.")) {
        try {
          sql.setConfString(key, value);
        } catch (RuntimeException e) {
          throw usageError.apply("Invalid value for --conf: " + key + "=" + value + ": " + e.getMessage());
        }
      } else {
        // Spark's own settings (memory sizes, cores, timeouts) are read by its declared converters,
        // which otherwise fail inside Spark's start, after the run is recorded.
        org.apache.spark.internal.config.ConfigEntry<?> entry = coreEntry(key);
        if (entry != null) {
          Object converted;
          try {
            converted = entry.valueConverter().apply(value);
          } catch (RuntimeException e) {
            throw usageError.apply("Invalid value for --conf: " + key + "=" + value + ": " + e.getMessage());
          }
          String wrong = memoryProblem(key, value, converted);
          if (wrong != null) {
            throw usageError.apply("Invalid value for --conf: " + key + "=" + value + ": " + wrong);
          }
        }
      }
    }
  }
}
