package cn.changai.jobs.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * The user Hadoop and Spark act as when the system has no name for this process's uid: a container
 * started with an arbitrary uid (Kubernetes, OpenShift, {@code docker run --user 12345}) has no
 * entry in /etc/passwd, Hadoop's login asks the system for the name, gets none, and every file
 * access failed with "Invalid UID, could not determine effective user" (reported as a bad inbox).
 */
public final class HadoopUser {

  private HadoopUser() {}

  /** Logs Hadoop in as {@link #nameFor} when the system names no user; does nothing otherwise. Call before any file system is opened. */
  public static void adopt() {
    String name = nameFor(System.getProperty("user.name"), System.getenv("HADOOP_USER_NAME"), uid());
    if (name != null) {
      UserGroupInformation.setLoginUser(UserGroupInformation.createRemoteUser(name));
    }
  }

  /**
   * The name to act as, or null where Java found the process's own ({@code user.name}, which Java
   * sets to "?" when the system has none): then {@code HADOOP_USER_NAME}, as Hadoop itself would
   * take it, else the uid's number.
   */
  static String nameFor(String javaUserName, String hadoopUserName, String uid) {
    if (javaUserName != null && !javaUserName.isBlank() && !javaUserName.equals("?")) {
      return null;
    }
    if (hadoopUserName != null && !hadoopUserName.isBlank()) {
      return hadoopUserName.strip();
    }
    return uid;
  }

  /** This process's uid as text, from the owner of /proc/self; "changai" where that cannot be read. */
  private static String uid() {
    try {
      return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | RuntimeException e) {
      return "changai";
    }
  }
}
