package cn.changai.jobs.warehouse;

import org.apache.hadoop.fs.Path;

/**
 * A path as the user should see it printed: a local file as a plain path ({@code /data/out/x},
 * spaces and all, ready to paste or open), anything else (hdfs://, s3a://) as its URI. A Hadoop
 * {@code file:} path prints as {@code file:/data/my out/x}, a URL that is not percent-encoded and
 * breaks where a terminal or browser meets the space.
 */
public final class PlainPath {

  private PlainPath() {}

  public static String of(Path path) {
    java.net.URI uri = path.toUri();
    return "file".equals(uri.getScheme()) || uri.getScheme() == null ? uri.getPath() : path.toString();
  }

  public static String of(String path) {
    return of(new Path(path));
  }
}
