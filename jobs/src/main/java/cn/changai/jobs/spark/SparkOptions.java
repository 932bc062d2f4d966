package cn.changai.jobs.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by every command that starts Spark: the master and extra Spark settings. */
public final class SparkOptions {

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = {"Spark master: local[*] (default), local[N],", "spark://host:port, yarn, k8s://..."})
  public String master = "local[*]";

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = {"A Spark setting, e.g. --conf", "spark.driver.memory=4g (repeatable)."})
  public Map<String, String> conf = new LinkedHashMap<>();
}
