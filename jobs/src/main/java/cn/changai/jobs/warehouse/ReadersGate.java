package cn.changai.jobs.warehouse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate between {@code changai sql} and a commit on a local warehouse. A reader holds a shared
 * kernel lock on {@code _readers.guard} while it lists and reads the tables; a commit holds it
 * exclusively while it swaps folders. So a query sees every table as it was before a commit or
 * as it is after, never a period folder missing half-way or one table new and another old.
 *
 * <p>A commit that waits keeps new readers out: it holds {@code _readers.turn} exclusively from
 * the moment it starts waiting, and a reader passes that file (a shared lock, let go as soon as
 * it holds {@code _readers.guard}) before it takes the gate. Without it, queries that overlap
 * one another (two analysts' loops, a dashboard) kept the shared lock taken without a gap, the
 * commit waited its 30 s and swapped under them anyway, and a query failed on a file gone.
 *
 * <p>A commit waits at most {@link #COMMIT_WAIT_MS} for the readers, then swaps anyway (with a
 * warning): a forgotten query never holds up the nightly run. A reader waits at most
 * {@link #READER_WAIT_MS} for a commit (which takes moments). Where there is no local file to lock
 * (HDFS, object stores, a read-only warehouse) the gate is open and nothing waits. Readers of the
 * files themselves (DuckDB, Spark) do not take it: docs/operations.md says what they may see.
 */
public final class ReadersGate implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReadersGate.class);
  static final String FILE = "_readers.guard";
  /** What a waiting commit holds so that no new reader comes in meanwhile (see above). */
  static final String TURNSTILE = "_readers.turn";
  public static final long COMMIT_WAIT_MS = 30_000;
  static final long READER_WAIT_MS = 60_000;
  private static final long POLL_MS = 50;

  private static final ReadersGate OPEN = new ReadersGate(null, null, null);

  /** Set when the run is asked to stop: a commit then stops waiting for readers. */
  private static volatile boolean hurry;

  private final FileChannel channel;
  private final FileLock lock;
  /** A commit's hold on the turnstile, kept until the swaps are done; null for a reader. */
  private final FileChannel turnstile;

  private ReadersGate(FileChannel channel, FileLock lock, FileChannel turnstile) {
    this.channel = channel;
    this.lock = lock;
    this.turnstile = turnstile;
  }

  /**
   * From now on (true) a commit waits for no reader: the run was asked to stop (SIGTERM, Ctrl-C)
   * while publishing, and finishes that without delay. False again for the next run.
   */
  public static void hurry(boolean on) {
    hurry = on;
  }

  /** A reader's shared hold on the warehouse, taken once no commit is swapping (or open, see above). */
  public static ReadersGate reading(Warehouse warehouse) {
    return take(warehouse, true, READER_WAIT_MS);
  }

  /** A commit's exclusive hold, taken once the readers are done or {@link #COMMIT_WAIT_MS} has passed. */
  static ReadersGate swapping(Warehouse warehouse) {
    return take(warehouse, false, COMMIT_WAIT_MS);
  }

  private static ReadersGate take(Warehouse warehouse, boolean shared, long waitMs) {
    if (!"file".equals(warehouse.fs().getUri().getScheme())) {
      return OPEN;
    }
    FileChannel channel = null;
    FileChannel turnstile = null;
    try {
      java.nio.file.Path file = LocalPath.of(warehouse.root().toUri()).resolve(FILE);
      long deadline = System.nanoTime() + waitMs * 1_000_000;
      // A commit shuts the turnstile before it waits for the readers; a reader passes it first.
      turnstile = turnstile(file.resolveSibling(TURNSTILE), shared, deadline);
      channel = open(file, shared);
      if (channel == null) {
        // No guard file, and none can be made: no commit has run here to wait for.
        closeQuietly(turnstile);
        return OPEN;
      }
      boolean said = false;
      while (true) {
        FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
        if (lock != null) {
          if (shared) {
            // In: a commit that comes now waits for this reader, and shuts the turnstile meanwhile.
            closeQuietly(turnstile);
            turnstile = null;
          }
          return new ReadersGate(channel, lock, turnstile);
        }
        if (!said && !shared && !hurry) {
          // Else the run looks stuck for up to half a minute, silent, at its very end.
          LOG.info("Readers (changai sql) hold {}: publishing once they finish, or in {} s at most", file, waitMs / 1000);
          said = true;
        }
        if (!shared && hurry) {
          LOG.warn("Readers (changai sql) hold {}: the run was asked to stop, so it publishes without waiting for them;"
              + " they may see a mix", file);
          channel.close();
          closeQuietly(turnstile);
          return OPEN;
        }
        if (System.nanoTime() > deadline) {
          LOG.warn(shared
              ? "A commit has held {} for {} s: reading without waiting longer"
              : "Readers (changai sql) have held {} for {} s: publishing without waiting longer; they may see a mix",
              file, waitMs / 1000);
          channel.close();
          if (shared) {
            closeQuietly(turnstile);
            return OPEN;
          }
          // The commit swaps without the readers' leave, but still keeps new readers out until it is done.
          return new ReadersGate(null, null, turnstile);
        }
        Thread.sleep(POLL_MS);
      }
    } catch (OverlappingFileLockException e) {
      // This JVM holds it already (a test running both sides): the other side is ourselves.
      closeQuietly(channel);
      closeQuietly(turnstile);
      return OPEN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(channel);
      closeQuietly(turnstile);
      return OPEN;
    } catch (IOException | RuntimeException e) {
      LOG.debug("No readers' gate on {}: {}", warehouse.root(), e.toString());
      closeQuietly(channel);
      closeQuietly(turnstile);
      return OPEN;
    }
  }

  /**
   * The turnstile, locked: exclusively for a commit (kept until its swaps are done), shared for a
   * reader (let go once it holds the gate). Readers hold it for instants, so a commit has it at
   * once; a reader waits while a commit waits for the readers before it and swaps. Null, with
   * nothing held, when the file cannot be opened (a reader who may not make it, before any commit
   * made it) or the deadline passes: the gate alone then decides, as before the turnstile.
   */
  private static FileChannel turnstile(java.nio.file.Path file, boolean shared, long deadline)
      throws IOException, InterruptedException {
    FileChannel channel = open(file, shared);
    if (channel == null) {
      return null;
    }
    try {
      while (channel.tryLock(0, Long.MAX_VALUE, shared) == null) {
        if (System.nanoTime() > deadline || (!shared && hurry)) {
          channel.close();
          return null;
        }
        Thread.sleep(POLL_MS);
      }
      return channel;
    } catch (IOException | RuntimeException | InterruptedException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * A lock file opened to be locked, made if need be; for a reader who may not write the warehouse
   * (an analyst's read-only access), opened for reading only, which a shared lock needs no more
   * than. Null when it cannot be opened (for a commit, or a reader before any commit made it).
   */
  private static FileChannel open(java.nio.file.Path file, boolean shared) {
    try {
      return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      if (!shared) {
        return null;
      }
      try {
        return FileChannel.open(file, StandardOpenOption.READ);
      } catch (IOException again) {
        return null;
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a lock file: nothing to keep
      }
    }
  }

  /** Releases the hold (closing the file releases the kernel lock). */
  @Override
  public void close() {
    if (lock != null) {
      closeQuietly(channel);
    }
    closeQuietly(turnstile);
  }
}
