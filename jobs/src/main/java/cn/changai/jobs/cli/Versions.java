package cn.changai.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The program's version, from the build, and the versions of what it runs on. */
public final class Versions implements IVersionProvider {

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

  @Override
  public String[] getVersion() {
    return new String[] {
      "changai " + changai() + " (data contract 1)",
      "Spark " + spark() + ", Java " + java()
    };
  }
}
