package cn.changai.jobs.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse's writer lock: one command writes to a warehouse at a time, and the file
 * {@code _lock} names the holder.
 *
 * <p>On the local file system the operating system decides: the holder keeps an exclusive
 * {@link FileChannel#tryLock() file lock} on {@code _lock.guard}, a file that is never deleted.
 * The kernel releases that lock when the holder's process ends, however it ends, so a {@code _lock}
 * left by a killed run is taken over by the next one without any race: only the process that got
 * the kernel lock may rewrite {@code _lock}, and it writes it whole (a temporary file renamed over
 * it). Within one JVM a table of held locks decides, since the JVM allows one file lock per file.
 *
 * <p>On other file systems (HDFS, object stores) there is no such lock: {@code _lock} is created
 * with Hadoop's create-if-absent, which HDFS does atomically, and a lock whose holder died is never
 * taken over automatically (see docs/operations.md).
 */
public final class Lock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Lock.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The lock file in the warehouse's root: who holds it, for which run. */
  private static final String FILE = "_lock";
  /** The lock file's list of the holders that died before the one it names, not yet recorded. */
  private static final String DIED_BEFORE = "died_before";
  /** How long a run waits for a holder that has the kernel lock to finish writing {@code _lock}. */
  private static final long RECORD_WAIT_MS = 3_000;
  /** The locks this JVM holds or is taking, by the real path of their {@code _lock}. */
  private static final Map<java.nio.file.Path, Claim> HELD_HERE = new ConcurrentHashMap<>();

  /** Who holds a lock. */
  public record Holder(long pid, String host, String startedAt, String command, String runId) {
    @Override
    public String toString() {
      return "pid " + pid + " on " + host + ", started " + startedAt + " (" + command
          + (runId == null ? "" : ", run " + runId) + ")";
    }
  }

  /** Thrown when another live process holds the lock; its message names the holder. */
  public static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Holder holder;

    HeldException(Object lock, Holder holder) {
      super("warehouse is locked by another run: " + holder + "; lock file " + lock);
      this.holder = holder;
    }

    HeldException(Object lock, String why) {
      super("warehouse is locked by another run: " + why + "; lock file " + lock);
      this.holder = null;
    }

    /** The holder, or null when its record could not be read. */
    public Holder holder() {
      return holder;
    }
  }

  /** One taking of a lock in this JVM: compared by identity, so two equal holders stay apart. */
  private static final class Claim {
    final Holder holder;

    Claim(Holder holder) {
      this.holder = holder;
    }
  }

  private final FileSystem fs;
  private final Path path;
  private final String token;
  /** The local lock's kernel lock and key in {@link #HELD_HERE}; null on other file systems. */
  private final FileChannel guard;
  private final java.nio.file.Path key;
  private final Claim claim;
  /** The holders that died holding the lock before this one took it over, oldest first. */
  private final List<Holder> diedHolding;
  private boolean released;

  private Lock(FileSystem fs, Path path, String token, FileChannel guard, java.nio.file.Path key, Claim claim,
      List<Holder> diedHolding) {
    this.fs = fs;
    this.path = path;
    this.token = token;
    this.guard = guard;
    this.key = key;
    this.claim = claim;
    this.diedHolding = diedHolding;
  }

  /** Takes the lock of a warehouse for one command, or throws naming the live holder. */
  public static Lock acquire(Warehouse warehouse, String command) throws IOException, HeldException {
    return acquire(warehouse, command, null);
  }

  /**
   * Takes the lock of a warehouse for one command of the run {@code runId} (named in the lock
   * file, so that a run taking over the lock of one that died can name it), or throws naming the
   * live holder.
   */
  public static Lock acquire(Warehouse warehouse, String command, String runId) throws IOException, HeldException {
    FileSystem fs = warehouse.fs();
    Path path = new Path(warehouse.root(), FILE);
    Holder me = new Holder(ProcessHandle.current().pid(), host(), Instant.now().toString(), command, runId);
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    if ("file".equals(fs.getUri().getScheme())) {
      return acquireLocal(fs, path, me, token);
    }
    return acquireByCreate(fs, path, me, token);
  }

  private static Lock acquireLocal(FileSystem fs, Path path, Holder me, String token)
      throws IOException, HeldException {
    java.nio.file.Path root = LocalPath.of(path.getParent().toUri());
    Files.createDirectories(root);
    java.nio.file.Path record = root.toRealPath().resolve(FILE);
    Claim claim = new Claim(me);
    Claim other = HELD_HERE.putIfAbsent(record, claim);
    if (other != null) {
      throw new HeldException(record, other.holder);
    }
    FileChannel guard = null;
    boolean taken = false;
    try {
      guard = FileChannel.open(record.resolveSibling("_lock.guard"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + RECORD_WAIT_MS * 1_000_000;
      while (!tryLock(guard)) {
        // Another process holds the kernel lock. Name it from _lock, which it writes right after
        // taking the kernel lock: until then _lock is missing or still names a dead holder.
        Optional<Holder> holder = readLocal(record);
        if (holder.isPresent() && isAlive(holder.get())) {
          throw new HeldException(record, holder.get());
        }
        if (System.nanoTime() > deadline) {
          throw new HeldException(record, "a process that holds the kernel lock on " + record.resolveSibling("_lock.guard")
              + " but has not named itself in " + record + " (" + describe(record) + ")");
        }
        sleep(20);
      }
      List<Holder> died = takeOver(record);
      writeLocal(record, me, token, died);
      taken = true;
      return new Lock(fs, path, token, guard, record, claim, died);
    } finally {
      if (!taken) {
        if (guard != null) {
          guard.close(); // releases the kernel lock too, if we had it
        }
        HELD_HERE.remove(record, claim);
      }
    }
  }

  /**
   * Throws {@link HeldException} naming the holder when a live process holds the warehouse's lock
   * now; otherwise returns, leaving the lock and its file as they are. Unlike {@link #acquire}, it
   * never takes the lock over: a lock left by a run that died stays for the next command that
   * works on the warehouse, which records that run as died (a check that took it over deleted the
   * lock file on release, and with it the only trace of the dead run). On a local file system the
   * kernel lock decides (a shared lock tried for an instant on {@code _lock.guard}); a holder that
   * has the kernel lock but has not named itself yet is waited for as {@link #acquire} waits.
   */
  public static void refuseIfHeld(Warehouse warehouse) throws IOException, HeldException {
    if (!"file".equals(warehouse.fs().getUri().getScheme())) {
      Optional<Holder> holder = holderOf(warehouse);
      if (holder.isPresent() && isAlive(holder.get())) {
        throw new HeldException(new Path(warehouse.root(), FILE), holder.get());
      }
      return;
    }
    java.nio.file.Path root = LocalPath.of(warehouse.root().toUri());
    java.nio.file.Path guardFile = root.resolve("_lock.guard");
    if (!Files.exists(guardFile)) {
      return; // no command ever took this warehouse's lock
    }
    java.nio.file.Path record = root.toRealPath().resolve(FILE);
    Claim here = HELD_HERE.get(record);
    if (here != null) {
      throw new HeldException(record, here.holder); // this JVM holds it (the kernel lock is per process)
    }
    try (FileChannel guard = FileChannel.open(guardFile, StandardOpenOption.READ)) {
      long deadline = System.nanoTime() + RECORD_WAIT_MS * 1_000_000;
      while (true) {
        FileLock probe;
        try {
          probe = guard.tryLock(0, Long.MAX_VALUE, true);
        } catch (OverlappingFileLockException e) {
          return; // this JVM holds it: no other process does
        }
        if (probe != null) {
          probe.release();
          return; // nobody holds it: whatever _lock says is left by a run that ended
        }
        Optional<Holder> holder = readLocal(record);
        if (holder.isPresent() && isAlive(holder.get())) {
          throw new HeldException(record, holder.get());
        }
        if (System.nanoTime() > deadline) {
          throw new HeldException(record, "a process that holds the kernel lock on " + guardFile
              + " but has not named itself in " + record + " (" + describe(record) + ")");
        }
        sleep(20);
      }
    }
  }

  private static boolean tryLock(FileChannel guard) throws IOException {
    try {
      return guard.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      return false; // this JVM holds it through another channel (not through this class)
    }
  }

  /**
   * With the kernel lock held, whatever {@code _lock} says is left by a run that ended: returns
   * that run's holder, after those it had itself taken the lock over from (oldest first), or none
   * when there is none to name. A run that ends in any way but dying deletes its lock file as it
   * releases the lock.
   */
  private static List<Holder> takeOver(java.nio.file.Path record) throws IOException {
    if (!Files.exists(record)) {
      return List.of();
    }
    Optional<Map<?, ?>> body = bodyLocal(record);
    Optional<Holder> holder = body.flatMap(Lock::holder);
    if (holder.isEmpty()) {
      LOG.warn("Taking over the lock file {}: it is {} (a run stopped while taking the lock)", record, describe(record));
      return List.of();
    }
    LOG.warn("Taking over the lock of a run that is no longer alive: {}; lock file {}", holder.get(), record);
    List<Holder> died = new ArrayList<>(diedBefore(body.get()));
    died.add(holder.get());
    return List.copyOf(died);
  }

  /**
   * The holders that died holding the lock before this one took it over, oldest first (empty when
   * the lock was free): the one named in {@code _lock}, and those it had taken over itself and not
   * yet recorded when it died in turn (a run killed as it took the lock over).
   */
  public List<Holder> diedHolding() {
    return diedHolding;
  }

  /**
   * Writes {@code _lock} whole: a temporary file, flushed to disk, renamed over it. It names the
   * holders that died before this one ({@code died_before}) until this one releases the lock: the
   * taker records them once it has recovered the warehouse, and should it die before, the one after
   * it still finds them here (they were named in the lock file this rename replaces).
   */
  private static void writeLocal(java.nio.file.Path record, Holder me, String token, List<Holder> died)
      throws IOException {
    java.nio.file.Path fresh = record.resolveSibling("_lock." + token + ".tmp");
    try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(body(me, token, died)));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
      out.close();
      Files.move(fresh, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(fresh);
    }
  }

  private static Lock acquireByCreate(FileSystem fs, Path path, Holder me, String token)
      throws IOException, HeldException {
    fs.mkdirs(path.getParent());
    try (OutputStream out = fs.create(path, false)) {
      JSON.writeValue(out, body(me, token, List.of()));
      return new Lock(fs, path, token, null, null, null, List.of());
    } catch (FileAlreadyExistsException e) {
      // falls through: name the holder
    } catch (IOException e) {
      if (!fs.exists(path)) {
        throw e;
      }
    }
    Optional<Holder> holder = read(fs, path);
    if (holder.isEmpty()) {
      throw new HeldException(path, "a run whose lock file is empty or half-written (it may be writing it now;"
          + " if no run is going, remove the file by hand)");
    }
    if (isAlive(holder.get())) {
      throw new HeldException(path, holder.get());
    }
    // Without a lock tied to the holder's life, a delete-then-create takeover would race with
    // another run doing the same and delete its fresh lock.
    throw new HeldException(path, holder.get() + ", which is no longer alive: this file system has no"
        + " file lock to take it over safely, remove the file by hand");
  }

  private static Map<String, Object> body(Holder me, String token, List<Holder> died) {
    Map<String, Object> body = holderBody(me);
    body.put("token", token);
    if (!died.isEmpty()) {
      body.put(DIED_BEFORE, died.stream().map(Lock::holderBody).toList());
    }
    return body;
  }

  private static Map<String, Object> holderBody(Holder holder) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pid", holder.pid());
    body.put("host", holder.host());
    body.put("started_at", holder.startedAt());
    body.put("command", holder.command());
    if (holder.runId() != null) {
      body.put("run_id", holder.runId());
    }
    return body;
  }

  /** The holder named in a warehouse's lock file, if the file is there and can be read. */
  public static Optional<Holder> holderOf(Warehouse warehouse) throws IOException {
    Path path = new Path(warehouse.root(), FILE);
    return warehouse.fs().exists(path) ? read(warehouse.fs(), path) : Optional.empty();
  }

  /**
   * The holders a warehouse's lock file names as having died before its own holder took the lock
   * over ({@code died_before}), oldest first: recorded by whoever takes the lock next, and until
   * then known from here alone. Empty when there are none or the file cannot be read.
   */
  public static List<Holder> diedBeforeOf(Warehouse warehouse) {
    Path path = new Path(warehouse.root(), FILE);
    try (InputStream in = warehouse.fs().open(path)) {
      return diedBefore(JSON.readValue(in, Map.class));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** The holders a lock file's body names under {@code died_before}, oldest first. */
  private static List<Holder> diedBefore(Map<?, ?> body) {
    List<Holder> died = new ArrayList<>();
    if (body.get(DIED_BEFORE) instanceof List<?> before) {
      for (Object earlier : before) {
        if (earlier instanceof Map<?, ?> map) {
          holder(map).ifPresent(died::add);
        }
      }
    }
    return List.copyOf(died);
  }

  /** The holder named in a lock file, if it can be read. */
  public static Optional<Holder> read(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      return holder(JSON.readValue(in, Map.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Holder> readLocal(java.nio.file.Path record) {
    return bodyLocal(record).flatMap(Lock::holder);
  }

  private static Optional<Map<?, ?>> bodyLocal(java.nio.file.Path record) {
    try {
      return Optional.of(JSON.readValue(Files.readAllBytes(record), Map.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Holder> holder(Map<?, ?> body) {
    if (!(body.get("pid") instanceof Number pid) || !(body.get("host") instanceof String host)) {
      return Optional.empty();
    }
    return Optional.of(new Holder(pid.longValue(), host, String.valueOf(body.get("started_at")),
        String.valueOf(body.get("command")), body.get("run_id") instanceof String runId ? runId : null));
  }

  private static String token(java.nio.file.Path record) {
    try {
      Object token = JSON.readValue(Files.readAllBytes(record), Map.class).get("token");
      return token instanceof String s ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** What an unreadable lock file holds, for messages. */
  private static String describe(java.nio.file.Path record) {
    try {
      long size = Files.size(record);
      return size == 0 ? "empty" : "half-written or unreadable (" + size + " bytes)";
    } catch (NoSuchFileException e) {
      return "missing";
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  /**
   * A holder on this host is alive while its process is; one on another host is taken as alive
   * (we cannot see its processes).
   */
  public static boolean isAlive(Holder holder) {
    if (!holder.host().equals(host())) {
      return true;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(holder.pid()).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return false;
    }
    // A process started after the holder took the lock only reuses the dead holder's pid.
    Optional<Instant> started = process.get().info().startInstant();
    try {
      return started.isEmpty() || !started.get().isAfter(Instant.parse(holder.startedAt()).plusSeconds(1));
    } catch (java.time.format.DateTimeParseException e) {
      return true;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for the warehouse lock");
    }
  }

  /**
   * Releases the lock: removes {@code _lock} if it still names this holder (a run never deletes a
   * lock it does not hold), then lets go of the kernel lock. A {@code _lock} that cannot be removed
   * (the warehouse became read-only) is only logged: the next run takes it over. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      if (guard != null) {
        if (token.equals(token(key))) {
          Files.delete(key);
        } else if (Files.exists(key)) {
          LOG.warn("Lock file {} no longer names this run; leaving it as it is", key);
        }
      } else if (token.equals(tokenOf(fs, path))) {
        fs.delete(path, false);
      } else {
        LOG.warn("Lock file {} no longer names this run; leaving it as it is", path);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not remove the lock file {} ({}); the next run takes it over", guard != null ? key : path,
          why(e));
    } finally {
      if (guard != null) {
        try {
          guard.close();
        } catch (IOException e) {
          LOG.warn("Could not close {}: {}", key.resolveSibling("_lock.guard"), why(e));
        }
        HELD_HERE.remove(key, claim);
      }
    }
  }

  private static String tokenOf(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      Object token = JSON.readValue(in, Map.class).get("token");
      return token instanceof String s ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Why a lock file could not be removed, in the file system's words ("Read-only file system"), not
   * a Java exception's class name and path: the log line names the file already.
   */
  private static String why(Exception e) {
    if (e instanceof java.nio.file.FileSystemException fse) {
      return fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
