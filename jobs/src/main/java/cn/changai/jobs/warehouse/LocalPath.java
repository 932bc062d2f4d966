package cn.changai.jobs.warehouse;

import java.net.URI;
import java.nio.file.Path;

/** The local file system's own path of a Hadoop {@code file:} path, for what Hadoop cannot do (renames over files, locks). */
public final class LocalPath {

  private LocalPath() {}

  /**
   * The path of a {@code file:} URI as Hadoop makes it. Hadoop leaves characters beyond ASCII
   * unescaped in its URIs (a warehouse in {@code /data/产改/}), which the JDK's conversion refuses
   * ("Bad escape"): they are escaped first.
   */
  public static Path of(URI uri) {
    return Path.of(URI.create(uri.toASCIIString()));
  }
}
