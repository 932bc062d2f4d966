package cn.changai.jobs.spark;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * This process's own folder in the temporary folder, {@code changai-<pid>}, for Spark's local
 * files and Snappy's native library in local mode and for POI's streaming sheets: they delete
 * theirs only at a normal exit, so a run killed with -9 used to leave a block manager's folders,
 * a copy of the library and a POI folder in the temporary folder, night after night. The folder holds a lock on its {@code .held} file for
 * the life of the process (the kernel releases it however the process ends); each command first
 * deletes the folders whose lock it can take, whichever user or PID namespace left them.
 */
public final class Scratch {

  private static final Pattern NAME = Pattern.compile("changai-\\d+");
  private static final String HELD = ".held";

  /** This process's lock, kept for its life. */
  private static FileChannel held;

  private Scratch() {}

  /** Deletes the folders of ended processes in {@code temporary}, then makes and holds this process's. */
  public static synchronized Path open(Path temporary) throws IOException {
    Path own = temporary.resolve("changai-" + ProcessHandle.current().pid());
    if (held != null) {
      return own;
    }
    sweep(temporary, own);
    Files.createDirectories(own);
    FileChannel channel = FileChannel.open(own.resolve(HELD), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.lock();
    held = channel;
    return own;
  }

  /** Deletes each {@code changai-<pid>} folder in {@code temporary} whose lock is free: its process has ended. */
  public static void sweep(Path temporary) {
    sweep(temporary, temporary.resolve("changai-" + ProcessHandle.current().pid()));
  }

  /** Deletes each {@code changai-<pid>} folder but {@code own} whose lock is free: its process has ended. */
  static void sweep(Path temporary, Path own) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(temporary, "changai-*")) {
      for (Path folder : entries) {
        if (!folder.equals(own) && NAME.matcher(folder.getFileName().toString()).matches()
            && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(folder.resolve(HELD),
            LinkOption.NOFOLLOW_LINKS)) {
          deleteIfEnded(folder);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Housekeeping only: a folder that cannot be listed or deleted is left for another day.
    }
    // What a killed process leaves outside its own folder, made where nothing lets us choose and
    // removed by the JVM only at a normal exit, goes once a day old: the empty folders of builds
    // before this folder (POI's changai-poi-<n>) and of Spark's artifact manager (artifacts-<uuid>),
    // and lz4-java's copy of its native library with its .lck (loaded into memory at start: a
    // process still running keeps its mapping when the file goes).
    deleteOlderThanADay(temporary, "changai-poi-*", POI, true);
    deleteOlderThanADay(temporary, "artifacts-*", ARTIFACTS, true);
    deleteOlderThanADay(temporary, "liblz4-java-*", LZ4, false);
  }

  private static final Pattern POI = Pattern.compile("changai-poi-\\d+");
  private static final Pattern ARTIFACTS = Pattern.compile("artifacts-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
  private static final Pattern LZ4 = Pattern.compile("liblz4-java-\\d+\\.so(\\.lck)?");

  /**
   * Deletes the entries of {@code temporary} whose whole name {@code name} matches, that this user
   * owns and that were last changed over a day ago: empty folders when {@code folders}, else
   * plain files. Anything else of such a name (another user's, a file named like a folder of
   * ours, a folder with files) stays.
   */
  private static void deleteOlderThanADay(Path temporary, String glob, Pattern name, boolean folders) {
    long dayAgo = System.currentTimeMillis() - java.util.concurrent.TimeUnit.DAYS.toMillis(1);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(temporary, glob)) {
      java.nio.file.attribute.UserPrincipal me = null;
      for (Path entry : entries) {
        try {
          if (me == null) {
            me = temporary.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
          }
          BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (name.matcher(entry.getFileName().toString()).matches()
              && (folders ? attributes.isDirectory() : attributes.isRegularFile())
              && attributes.lastModifiedTime().toMillis() < dayAgo
              && me.equals(Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS))) {
            Files.delete(entry); // a folder only when empty: one with files stays
          }
        } catch (IOException | RuntimeException e) {
          // Not empty, not to be looked at, or gone meanwhile: left alone.
        }
      }
    } catch (IOException | RuntimeException e) {
      // Housekeeping only: left for another day.
    }
  }

  private static void deleteIfEnded(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder.resolve(HELD), StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        return; // held in this JVM
      }
      if (lock == null) {
        return; // its process still runs
      }
      Files.walkFileTree(folder, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          // Links are removed, never followed (walkFileTree does not follow them).
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException | RuntimeException e) {
      // As above: left for another day.
    }
  }
}
