package cn.changai.jobs.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Tells what an inbox entry is without following it. Uploads are untrusted: a symbolic link must be
 * seen as a link, never as what it points to.
 */
public final class Entries {

  /** The kinds of inbox entries. */
  public enum Kind {
    FILE,
    FOLDER,
    /** A symbolic link, a device, a pipe, a socket: anything that is neither a file nor a folder. */
    OTHER
  }

  private Entries() {}

  public static Kind kindOf(FileSystem fs, Path path) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      // Hadoop's local file system follows links when it lists; ask the OS without following.
      BasicFileAttributes attributes =
          Files.readAttributes(Paths.get(path.toUri().getPath()), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isRegularFile()) {
        return Kind.FILE;
      }
      return attributes.isDirectory() ? Kind.FOLDER : Kind.OTHER;
    }
    FileStatus status = fs.supportsSymlinks() ? fs.getFileLinkStatus(path) : fs.getFileStatus(path);
    if (status.isSymlink()) {
      return Kind.OTHER;
    }
    if (status.isDirectory()) {
      return Kind.FOLDER;
    }
    return status.isFile() ? Kind.FILE : Kind.OTHER;
  }
}
