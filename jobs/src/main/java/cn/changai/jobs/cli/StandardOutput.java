package cn.changai.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What became of standard output once a write to it failed: a reader that closed a pipe early
 * ({@code changai sql ... | head -1}) took what it wanted, while a full disk lost the output.
 */
final class StandardOutput {

  /** The file type bits of a Unix mode, and the type of a pipe (a named one too). */
  private static final int TYPE = 0170000;
  private static final int FIFO = 0010000;

  private StandardOutput() {}

  /**
   * Whether standard output is a pipe: written to, it fails only when its reader has gone (the
   * JVM ignores SIGPIPE, so Java sees EPIPE where a C program is ended by the signal without a word), unlike a file on a full
   * disk or /dev/full. A socket is left out: a log collector's (journald's) going away is a fault.
   */
  static boolean isPipe() {
    try {
      // /proc/self/fd/1 leads to the pipe itself; stat follows it there.
      Object mode = Files.getAttribute(Path.of("/proc/self/fd/1"), "unix:mode");
      return mode instanceof Integer bits && (bits & TYPE) == FIFO;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
