package cn.changai.jobs.warehouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The file system to write many small files through (the generator's inboxes, the report's
 * pages): the one of the path, except that on the local disk it skips the {@code .crc} side files
 * and sets permissions without starting a process. {@link #install()} makes every {@code file:}
 * path of this process, Spark's writers included, set permissions the same way.
 */
public final class LocalFastFileSystem {

  /** The Hadoop resource, on the class path, that names {@link Local} for {@code file:} paths. */
  static final String RESOURCE = "changai-hadoop.xml";

  private LocalFastFileSystem() {}

  /**
   * Makes {@link Local} the file system of {@code file:} paths for every Hadoop configuration this
   * process makes from now on (a default resource, so a setting of the user's still wins), and
   * this process's umask Hadoop's ({@link #UMASK_PROPERTY}). Called before any file system is
   * opened: Hadoop caches the first one of each scheme.
   */
  public static void install() {
    if (System.getProperty(UMASK_PROPERTY) == null) {
      String umask = processUmask();
      if (umask != null) {
        System.setProperty(UMASK_PROPERTY, umask);
      }
    }
    Configuration.addDefaultResource(RESOURCE);
  }

  /**
   * The system property that {@link #RESOURCE} reads Hadoop's umask from. Hadoop masks every folder
   * and file it makes with its own setting (022 unless configured), never the process's: under
   * {@code umask 077} the tables and reports came out world-readable, under {@code umask 002} a
   * colleague of the same group could not run the next night.
   */
  static final String UMASK_PROPERTY = "changai.umask";

  /** This process's umask as three octal digits ({@code 077}), or null where Linux's /proc does not say. */
  static String processUmask() {
    try {
      return umaskOf(Files.readString(java.nio.file.Path.of("/proc/self/status"), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The {@code Umask:} line of a /proc status file ({@code Umask:\t0027}) as {@code 027}; null without one. */
  static String umaskOf(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("Umask:")) {
        String octal = line.substring("Umask:".length()).strip();
        return octal.matches("[0-7]{1,4}") ? String.format(Locale.ROOT, "%03o", Integer.parseInt(octal, 8) & 0777) : null;
      }
    }
    return null;
  }

  /**
   * Hadoop's local file system (checksummed, as {@code file:} is by default) over {@link
   * NioPermissions}: Spark's writers make a folder or a file a dozen times per table written, and
   * each one started a {@code chmod} process (about 150 in a run of the sample, 5-12 ms each).
   */
  public static final class Local extends org.apache.hadoop.fs.LocalFileSystem {
    public Local() {
      super(new NioPermissions());
    }
  }

  public static FileSystem of(Path out, Configuration conf) throws IOException {
    FileSystem fs = out.getFileSystem(conf);
    if (!"file".equals(fs.getUri().getScheme())) {
      return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }
    FileSystem local = new NioPermissions();
    local.initialize(fs.getUri(), conf);
    return local;
  }

  /**
   * Without Hadoop's native library, the raw local file system runs {@code chmod} in a new
   * process for every file it creates and every folder it makes: thousands of processes for an
   * inbox, which made writing one five times slower. java.nio sets the same permission bits.
   */
  static final class NioPermissions extends RawLocalFileSystem {

    /**
     * {@code create} makes the parent folder every time; the raw local file system tries
     * {@code mkdir} even when the folder exists, and on a busy disk each failed try costs.
     */
    @Override
    public boolean mkdirs(Path f) throws IOException {
      return Files.isDirectory(pathToFile(f).toPath()) || super.mkdirs(f);
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      String bits = permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
          + permission.getOtherAction().SYMBOL;
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(bits));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }
  }
}
