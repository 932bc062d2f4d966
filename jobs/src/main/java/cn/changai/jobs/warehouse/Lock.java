package cn.changai.jobs.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse's writer lock: a file {@code _lock} created exclusively, naming its holder. One
 * command writes to a warehouse at a time; a lock whose holder died on this host is taken over.
 */
public final class Lock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Lock.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who holds a lock. */
  public record Holder(long pid, String host, String startedAt, String command) {
    @Override
    public String toString() {
      return "pid " + pid + " on " + host + ", started " + startedAt + " (" + command + ")";
    }
  }

  /** Thrown when another live process holds the lock; its message names the holder. */
  public static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Holder holder;

    HeldException(Path lock, Holder holder) {
      super("warehouse is locked by another run: " + holder + "; lock file " + lock);
      this.holder = holder;
    }

    public Holder holder() {
      return holder;
    }
  }

  private final FileSystem fs;
  private final Path path;

  private Lock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  /** Takes the lock of a warehouse for one command, or throws naming the live holder. */
  public static Lock acquire(Warehouse warehouse, String command) throws IOException, HeldException {
    FileSystem fs = warehouse.fs();
    Path path = new Path(warehouse.root(), "_lock");
    fs.mkdirs(warehouse.root());
    Holder me = new Holder(ProcessHandle.current().pid(), host(), Instant.now().toString(), command);
    for (int attempt = 0; attempt < 3; attempt++) {
      if (create(fs, path, me)) {
        return new Lock(fs, path);
      }
      Optional<Holder> holder = read(fs, path);
      if (holder.isEmpty()) {
        continue; // released between our two looks, or half-written by a holder that died
      }
      if (isAlive(holder.get())) {
        throw new HeldException(path, holder.get());
      }
      LOG.warn("Taking over the lock of a run that is no longer alive: {}", holder.get());
      fs.delete(path, false);
    }
    throw new IOException("could not take the lock " + path + " after 3 attempts");
  }

  private static boolean create(FileSystem fs, Path path, Holder me) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pid", me.pid());
    body.put("host", me.host());
    body.put("started_at", me.startedAt());
    body.put("command", me.command());
    try (OutputStream out = fs.create(path, false)) {
      JSON.writeValue(out, body);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  /** The holder named in a lock file, if it can be read. */
  public static Optional<Holder> read(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      Map<?, ?> body = JSON.readValue(in, Map.class);
      return Optional.of(new Holder(((Number) body.get("pid")).longValue(), (String) body.get("host"),
          (String) body.get("started_at"), String.valueOf(body.get("command"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * A holder on this host is alive while its process is; one on another host is taken as alive
   * (we cannot see its processes): remove its lock by hand once you know it is gone.
   */
  private static boolean isAlive(Holder holder) {
    if (!holder.host().equals(host())) {
      return true;
    }
    return ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  @Override
  public void close() throws IOException {
    fs.delete(path, false);
  }
}
