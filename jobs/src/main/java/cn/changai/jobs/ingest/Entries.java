package cn.changai.jobs.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  /**
   * The entries of a folder, sorted by name, links included even when they point nowhere. Hadoop's
   * local listing looks at each entry through its link and silently drops a link whose target is
   * missing, which would hide it from the checks.
   */
  public static List<Path> list(FileSystem fs, Path folder) throws IOException {
    List<Path> entries = new ArrayList<>();
    if ("file".equals(fs.getUri().getScheme())) {
      try (DirectoryStream<java.nio.file.Path> stream = Files.newDirectoryStream(Paths.get(folder.toUri().getPath()))) {
        for (java.nio.file.Path entry : stream) {
          entries.add(new Path(folder, new Path(null, null, entry.getFileName().toString())));
        }
      }
    } else {
      for (FileStatus status : fs.listStatus(folder)) {
        entries.add(status.getPath());
      }
    }
    entries.sort(Comparator.comparing(Path::getName));
    return entries;
  }

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
