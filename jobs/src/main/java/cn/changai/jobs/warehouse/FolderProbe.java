package cn.changai.jobs.warehouse;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Why a folder on a local disk cannot be written, learnt by making and removing a file there:
 * Hadoop's {@code rename} and {@code mkdirs} answer false and no more, and an operator must be told
 * "permission denied" or "read-only file system", not that a move failed.
 */
public final class FolderProbe {

  /** The answer for a folder the user may not write. */
  public static final String DENIED = "denied";

  private FolderProbe() {}

  /**
   * {@link #DENIED}, or the system's reason ("Read-only file system", "No space left on device"),
   * for the folder or, when it does not exist, its nearest existing parent; empty when a file can
   * be made there or the reason cannot be told.
   */
  public static String whyNotWritable(Path folder) {
    Path existing = folder.toAbsolutePath();
    while (existing != null && !Files.isDirectory(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return "";
    }
    try {
      Files.delete(Files.createTempFile(existing, ".changai-", ".probe"));
      return "";
    } catch (AccessDeniedException e) {
      return DENIED;
    } catch (FileSystemException e) {
      return e.getReason() == null ? "" : e.getReason();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
