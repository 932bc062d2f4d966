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
import java.util.Deque;
import java.util.List;
import java.util.Map;
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
            entries.add(listed(folder, entry));
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
    return byName(entries);
  }

  /**
   * An entry of a folder as {@link #entries} lists it: its name and, made only when asked for, its
   * Hadoop path. Each Hadoop path parses and normalises two URIs as it is made and decodes one each
   * time it is named; a quiet night's plan over 50,000 submissions made 190,000 of them, to read
   * their names and look at them, which a local entry does by the local file system's own path.
   */
  public static final class Entry {
    private final String name;
    /** The folder it is in, by its Hadoop path or as listed; one of them is null. */
    private final Path parentPath;
    private final Entry parent;
    /** The local file system's path, when the entry is local and its path is text; else null. */
    private final java.nio.file.Path local;
    private Path path;

    private Entry(String name, Path parentPath, Entry parent, java.nio.file.Path local, Path path) {
      this.name = name;
      this.parentPath = parentPath;
      this.parent = parent;
      this.local = local;
      this.path = path;
    }

    /** The entry's name, as {@link Path#getName} of {@link #path} gives it. */
    public String name() {
      return name;
    }

    /** The entry as {@link #list} gives it. */
    public Path path() {
      if (path == null) {
        path = listed(parentPath != null ? parentPath : parent.path(), local);
      }
      return path;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * The entries of a folder as {@link #list} finds them, in its order and under its names, their
   * Hadoop paths made only when asked for.
   *
   * @throws UnreadableFolderException when the folder cannot be listed
   */
  public static List<Entry> entries(FileSystem fs, Path folder) throws IOException {
    return entries(fs, folder, null);
  }

  /** The entries of a listed folder, as {@link #entries(FileSystem, Path)}. */
  public static List<Entry> entries(FileSystem fs, Entry folder) throws IOException {
    return folder.local != null ? entries(fs, null, folder) : entries(fs, folder.path(), null);
  }

  private static List<Entry> entries(FileSystem fs, Path folder, Entry localFolder) throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (!"file".equals(fs.getUri().getScheme())) {
      for (Path path : list(fs, folder)) {
        entries.add(new Entry(path.getName(), null, null, null, path));
      }
      return entries;
    }
    java.nio.file.Path local = localFolder != null ? localFolder.local : local(folder);
    try (DirectoryStream<java.nio.file.Path> stream = Files.newDirectoryStream(local)) {
      for (java.nio.file.Path entry : stream) {
        if (entry.toString().indexOf(UNDECODABLE) >= 0) {
          // A name that is no text, or below one: named and found as list() names and finds it.
          Path path = listed(localFolder != null ? localFolder.path() : folder, entry);
          entries.add(new Entry(path.getName(), null, null, null, path));
        } else {
          entries.add(new Entry(entry.getFileName().toString(), folder, localFolder, entry, null));
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw new UnreadableFolderException(localFolder != null ? localFolder.path() : folder, e.getCause());
    } catch (IOException e) {
      throw new UnreadableFolderException(localFolder != null ? localFolder.path() : folder, e);
    }
    // By name, as list() sorts.
    entries.sort(java.util.Comparator.comparing(Entry::name));
    return entries;
  }

  /** The Hadoop path of a local folder's entry. */
  private static Path listed(Path folder, java.nio.file.Path entry) {
    String shown = entry.toString();
    if (shown.indexOf(UNDECODABLE) >= 0 && !Paths.get(shown).equals(entry)) {
      // Bytes that are no text in the file names' encoding (a name in GBK from a zip made on
      // Chinese Windows, or anything below one) read as U+FFFD, a name no call can open:
      // the entry keeps the bytes as its URI's percent escapes, which local() turns back
      // into them. (A folder's URI ends in a slash, which would leave it no name.)
      String uri = entry.toUri().toString();
      return new Path(java.net.URI.create(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri));
    }
    return new Path(folder, new Path(null, null, entry.getFileName().toString()));
  }

  /**
   * The entries sorted by name, each name worked out once: {@code Path.getName} decodes the path's
   * URI every time it is called, and a comparison sort of a period's 5,000 submissions calls it
   * about 120,000 times.
   */
  private static List<Path> byName(List<Path> entries) {
    List<Map.Entry<String, Path>> named = new ArrayList<>(entries.size());
    for (Path entry : entries) {
      named.add(Map.entry(entry.getName(), entry));
    }
    named.sort(Map.Entry.comparingByKey());
    List<Path> sorted = new ArrayList<>(named.size());
    for (Map.Entry<String, Path> entry : named) {
      sorted.add(entry.getValue());
    }
    return sorted;
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

  /**
   * An entry as one look finds it, without following it: its kind and, for a file when asked, its
   * size and change stamp ({@link #changeStamp}); {@link #UNKNOWN} for both when the kind is known
   * but the file's status could not be read (below a folder whose name is no text, or gone since).
   */
  public record Look(Kind kind, long size, long stamp) {
    /** The size and stamp of a file whose status could not be read, or that was not asked for. */
    public static final long UNKNOWN = -1;

    /** Whether the size and stamp are known. */
    public boolean sized() {
      return size != UNKNOWN;
    }
  }

  /** The attributes one {@code lstat} gives that {@link #look} needs, by the unix view's names. */
  private static final String LOOK_ATTRIBUTES = "unix:isRegularFile,isDirectory,size,ctime";

  /**
   * Looks at an entry without following it: what {@link #kindOf} says and, for a file when {@code
   * sized}, the length of its status and its {@link #changeStamp}. On the local file system one
   * {@code lstat} tells them all; {@link #kindOf}, then Hadoop's status (four {@code stat} calls
   * and a qualified path), then the change stamp took seven calls a file, which over an inbox of
   * 140,000 files was most of a quiet night's plan. Elsewhere, and for a local name that is no
   * text, the same calls as before.
   *
   * @throws IOException when the entry cannot be looked at (as {@link #kindOf})
   */
  public static Look look(FileSystem fs, Path path, boolean sized) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path local = local(path);
      // A name that is no text reaches Hadoop under other bytes than the file's: Hadoop's status
      // of it fails, as it did before, and so the calls below.
      Look look = local.toString().indexOf(UNDECODABLE) < 0 ? lookLocal(local, sized) : null;
      if (look != null) {
        return look;
      }
      Kind kind = kindOf(fs, path);
      if (kind != Kind.FILE || !sized) {
        return new Look(kind, Look.UNKNOWN, Look.UNKNOWN);
      }
      try {
        FileStatus status = fs.getFileStatus(path);
        return new Look(kind, status.getLen(), changeStamp(fs, path, status));
      } catch (IOException e) {
        return new Look(kind, Look.UNKNOWN, Look.UNKNOWN);
      }
    }
    // Elsewhere the status that tells the kind is the file's status: a file that is no link has
    // the same one whether or not links are followed.
    FileStatus status = fs.supportsSymlinks() ? fs.getFileLinkStatus(path) : fs.getFileStatus(path);
    Kind kind = kindOf(status);
    if (kind != Kind.FILE || !sized) {
      return new Look(kind, Look.UNKNOWN, Look.UNKNOWN);
    }
    return new Look(kind, status.getLen(), changeStamp(fs, path, status));
  }

  /** As {@link #look(FileSystem, Path, boolean)}, for a listed entry. */
  public static Look look(FileSystem fs, Entry entry, boolean sized) throws IOException {
    Look look = entry.local != null ? lookLocal(entry.local, sized) : null;
    return look != null ? look : look(fs, entry.path(), sized);
  }

  /** One {@code lstat} of a local path whose name is text; null where the system has no unix view. */
  private static Look lookLocal(java.nio.file.Path local, boolean sized) throws IOException {
    java.util.Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(local, LOOK_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return null; // not a Unix system: Hadoop's status and the modification time, as before
    }
    Kind kind = Boolean.TRUE.equals(attributes.get("isRegularFile")) ? Kind.FILE
        : Boolean.TRUE.equals(attributes.get("isDirectory")) ? Kind.FOLDER : Kind.OTHER;
    if (kind != Kind.FILE || !sized) {
      return new Look(kind, Look.UNKNOWN, Look.UNKNOWN);
    }
    return new Look(kind, (Long) attributes.get("size"),
        ((java.nio.file.attribute.FileTime) attributes.get("ctime")).to(java.util.concurrent.TimeUnit.NANOSECONDS));
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
    return kindOf(fs.supportsSymlinks() ? fs.getFileLinkStatus(path) : fs.getFileStatus(path));
  }

  /** The kind a status not following links tells. */
  private static Kind kindOf(FileStatus status) {
    if (status.isSymlink()) {
      return Kind.OTHER;
    }
    if (status.isDirectory()) {
      return Kind.FOLDER;
    }
    return status.isFile() ? Kind.FILE : Kind.OTHER;
  }
}
