package cn.changai.jobs.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The program's version, from the build, and the versions of what it runs on (for run records and --version). */
public final class Versions {

  private Versions() {}

  /** This program's version, e.g. 0.1.0. */
  public static String changai() {
    Properties properties = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/changai.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  /** The Spark version on the class path, read without starting Spark. */
  public static String spark() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  public static String java() {
    return System.getProperty("java.version");
  }
}
