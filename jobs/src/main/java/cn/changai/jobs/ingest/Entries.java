package cn.changai.jobs.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
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
   * A folder that could not be listed (permission denied, an I/O error, gone). Its text names the
   * folder by its name and the cause in a few words, and is all its {@code toString} prints, so a
   * reader that quotes the exception in a reason quotes that sentence. (Not the whole path: reasons
   * mask long digit runs, and a path may hold one that is not personal data.)
   */
  public static final class UnreadableFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String cause;

    UnreadableFolderException(Path folder, IOException cause) {
      super("cannot list folder '" + folder.getName() + "': " + cause(cause), cause);
      this.cause = cause(cause);
    }

    /** The cause in a few words: "permission denied", "no such folder", ... */
    public String cause() {
      return cause;
    }

    @Override
    public String toString() {
      return getMessage();
    }

    /** The cause of a failure to look at an entry, in a few words. */
    public static String causeOf(IOException e) {
      return cause(e);
    }

    private static String cause(IOException e) {
      if (e instanceof AccessDeniedException || e.getClass().getSimpleName().equals("AccessControlException")) {
        return "permission denied";
      }
      if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
        return "no such folder";
      }
      if (e instanceof NotDirectoryException) {
        return "not a folder";
      }
      if (e instanceof FileSystemException fse && fse.getReason() != null) {
        return fse.getReason();
      }
      String message = e.getMessage();
      if (message == null || message.isBlank()) {
        return e.getClass().getSimpleName();
      }
      int newline = message.indexOf('\n');
      return newline < 0 ? message : message.substring(0, newline);
    }
  }

  /**
   * The entries of a folder, sorted by name, links included even when they point nowhere. Hadoop's
   * local listing looks at each entry through its link and silently drops a link whose target is
   * missing, which would hide it from the checks.
   *
   * @throws UnreadableFolderException when the folder cannot be listed
   */
  public static List<Path> list(FileSystem fs, Path folder) throws IOException {
    List<Path> entries = new ArrayList<>();
    try {
      if ("file".equals(fs.getUri().getScheme())) {
        java.nio.file.Path local = local(folder);
        try (DirectoryStream<java.nio.file.Path> stream = Files.newDirectoryStream(local)) {
          for (java.nio.file.Path entry : stream) {
            String shown = entry.toString();
            if (shown.indexOf(UNDECODABLE) >= 0 && !Paths.get(shown).equals(entry)) {
              // Bytes that are no text in the file names' encoding (a name in GBK from a zip made on
              // Chinese Windows, or anything below one) read as U+FFFD, a name no call can open:
              // the entry keeps the bytes as its URI's percent escapes, which local() turns back
              // into them. (A folder's URI ends in a slash, which would leave it no name.)
              String uri = entry.toUri().toString();
              entries.add(new Path(java.net.URI.create(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri)));
            } else {
              entries.add(new Path(folder, new Path(null, null, entry.getFileName().toString())));
            }
          }
        }
      } else {
        for (FileStatus status : fs.listStatus(folder)) {
          entries.add(status.getPath());
        }
      }
    } catch (java.io.UncheckedIOException e) {
      // A directory stream reports an error met while iterating unchecked.
      throw new UnreadableFolderException(folder, e.getCause());
    } catch (IOException e) {
      throw new UnreadableFolderException(folder, e);
    }
    entries.sort(Comparator.comparing(Path::getName));
    return entries;
  }

  /**
   * The first symbolic link or special file (pipe, device, socket) found inside a folder, at any
   * depth, without following links; empty when there is none. Folders are walked with a stack of
   * their own, so a hostile nesting thousands deep cannot overflow the thread's stack.
   *
   * @throws UnreadableFolderException when a folder inside cannot be listed: what it holds is
   *     unknown, so the caller refuses rather than accepts
   */
  public static Optional<Path> firstLinkInside(FileSystem fs, Path folder) throws IOException {
    Deque<Path> folders = new ArrayDeque<>();
    folders.push(folder);
    while (!folders.isEmpty()) {
      Path parent = folders.pop();
      for (Path entry : list(fs, parent)) {
        Kind kind;
        try {
          kind = kindOf(fs, entry);
        } catch (IOException e) {
          // A name too long for the system to look at (a tree nested thousands deep), gone since.
          throw new UnreadableFolderException(parent, e);
        }
        if (kind == Kind.OTHER) {
          return Optional.of(entry);
        }
        if (kind == Kind.FOLDER) {
          folders.push(entry);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The refusal of a submission whose sub-folder {@code subFolder} holds a symbolic link or special
   * file at any depth (the contract refuses a submission holding a link anywhere); empty when the
   * sub-folder holds none. Nothing inside is read.
   */
  public static Optional<Rejection> linkInside(FileSystem fs, Path subFolder) throws IOException {
    return firstLinkInside(fs, subFolder).map(link -> new Rejection(link.toString(), ReasonCode.NOT_REGULAR_FILE,
        relative(subFolder.getParent(), link) + " is a symbolic link or special file inside folder '"
            + subFolder.getName() + "'; links are never followed, and the submission is refused whole"));
  }

  /** Whether an entry is at this path, a link counting whether or not its target is (never followed). */
  public static boolean exists(FileSystem fs, Path path) throws IOException {
    try {
      kindOf(fs, path);
      return true;
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  /** What a name's bytes that are no text in the file names' encoding read as. */
  private static final char UNDECODABLE = '\uFFFD';

  /**
   * The local file system's path of a local entry. An entry {@link #list} found under a name that
   * is no text holds the name's bytes as percent escapes in its URI, read back into bytes here.
   */
  private static java.nio.file.Path local(Path path) {
    java.net.URI uri = path.toUri();
    String decoded = uri.getPath();
    if (decoded.indexOf(UNDECODABLE) < 0 || !decoded.startsWith("/")) {
      return Paths.get(decoded);
    }
    String escaped = java.net.URI.create(uri.toASCIIString()).getRawPath();
    return Paths.get(java.net.URI.create("file://" + escaped));
  }

  /** The path below {@code root}, by names: sub/inner/link. */
  private static String relative(Path root, Path path) {
    Deque<String> names = new ArrayDeque<>();
    for (Path p = path; p != null && !p.equals(root) && !p.getName().isEmpty(); p = p.getParent()) {
      names.push(p.getName());
    }
    return String.join("/", names);
  }

  /**
   * When a file last changed, as far as its status tells: on the local file system its status
   * change time (ctime, in nanoseconds), which every write and every change of its times moves and
   * which no upload can set; elsewhere its modification time (in milliseconds). The modification
   * time alone is the uploader's to choose (an archive or a copy keeps the times its maker set), so
   * a corrected file of the same size under the same time would pass for the one already hashed.
   */
  public static long changeStamp(FileSystem fs, Path path, FileStatus status) {
    if ("file".equals(fs.getUri().getScheme())) {
      try {
        if (Files.getAttribute(local(path), "unix:ctime", LinkOption.NOFOLLOW_LINKS)
            instanceof java.nio.file.attribute.FileTime ctime) {
          return ctime.to(java.util.concurrent.TimeUnit.NANOSECONDS);
        }
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        // No ctime here (not a Unix file system): the modification time, as elsewhere.
      }
    }
    return status.getModificationTime();
  }

  public static Kind kindOf(FileSystem fs, Path path) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      // Hadoop's local file system follows links when it lists; ask the OS without following.
      BasicFileAttributes attributes =
          Files.readAttributes(local(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
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
