package cn.changai.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Eight takers of the same warehouse lock started at once, twenty times, on a fresh warehouse and
 * on one whose {@code _lock} was left by a dead run, an empty one or a half-written one: exactly
 * one takes it, the others are refused naming that one, and nobody deletes a lock it does not
 * hold. (Threads of one JVM; the kernel lock between processes is in {@code LockProcessTest}.)
 */
class LockRaceTest {

  private static final int TAKERS = 8;
  private static final int ROUNDS = 20;
  private static ExecutorService pool;
  private static long deadPid;

  @TempDir Path tmp;
  private ListAppender<ILoggingEvent> log;

  @BeforeAll
  static void start() throws Exception {
    pool = Executors.newFixedThreadPool(TAKERS);
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    deadPid = dead.pid();
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  @BeforeEach
  void listen() {
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(Lock.class)).addAppender(log);
  }

  @AfterEach
  void unlisten() {
    ((Logger) LoggerFactory.getLogger(Lock.class)).detachAppender(log);
  }

  /** What one round saw: the command of the one taker that got the lock, the refusals' messages. */
  private record Round(String winner, List<String> refusals) {}

  private Round race(Path root) throws Exception {
    CountDownLatch ready = new CountDownLatch(TAKERS);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch refused = new CountDownLatch(TAKERS - 1);
    List<Future<String>> takers = new ArrayList<>();
    for (int i = 0; i < TAKERS; i++) {
      String command = "taker-" + i;
      takers.add(pool.submit(() -> {
        Warehouse w = new Warehouse(root.toString(), new Configuration());
        ready.countDown();
        go.await();
        Lock lock;
        try {
          lock = Lock.acquire(w, command);
        } catch (Lock.HeldException e) {
          refused.countDown();
          return "refused: " + e.getMessage();
        }
        try (lock) {
          // Hold until every other taker has been refused, then check _lock still names us.
          if (!refused.await(30, TimeUnit.SECONDS)) {
            return "won, but the others were not all refused";
          }
          return "won: " + Files.readString(root.resolve("_lock"), StandardCharsets.UTF_8);
        }
      }));
    }
    ready.await();
    go.countDown();
    String winner = null;
    List<String> refusals = new ArrayList<>();
    for (int i = 0; i < TAKERS; i++) {
      String outcome = takers.get(i).get(60, TimeUnit.SECONDS);
      if (outcome.startsWith("won: ")) {
        assertThat(winner).as("a second taker got the lock: " + outcome).isNull();
        assertThat(outcome).contains("\"command\":\"taker-" + i + "\"");
        winner = "taker-" + i;
      } else {
        refusals.add(outcome);
      }
    }
    assertThat(winner).as("nobody got the lock: " + refusals).isNotNull();
    assertThat(refusals).hasSize(TAKERS - 1);
    for (String refusal : refusals) {
      assertThat(refusal).startsWith("refused: warehouse is locked by another run: pid " + ProcessHandle.current().pid())
          .contains("(" + winner + ")").contains(root.toRealPath().resolve("_lock").toString());
    }
    // Released: _lock is gone, the guard stays, and the next taker gets it at once.
    assertThat(root.resolve("_lock")).doesNotExist();
    try (Lock next = Lock.acquire(new Warehouse(root.toString(), new Configuration()), "next")) {
      assertThat(root.resolve("_lock")).content(StandardCharsets.UTF_8).contains("\"command\":\"next\"");
    }
    return new Round(winner, refusals);
  }

  @Test
  void onAFreshWarehouseExactlyOneOfEightTakesTheLock() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      race(tmp.resolve("fresh-" + round));
    }
    assertThat(log.list).isEmpty();
  }

  @Test
  void aLockLeftByADeadRunIsTakenOverByExactlyOneOfEight() throws Exception {
    String host = InetAddress.getLocalHost().getHostName();
    for (int round = 0; round < ROUNDS; round++) {
      Path root = tmp.resolve("stale-" + round);
      Files.createDirectories(root);
      new ObjectMapper().writeValue(root.resolve("_lock").toFile(),
          Map.of("pid", deadPid, "host", host, "started_at", "2026-01-01T00:00:00Z", "command", "run"));
      race(root);
    }
    // One takeover a round, each naming the dead holder and the file.
    assertThat(log.list).hasSize(ROUNDS).allSatisfy(e -> assertThat(e.getFormattedMessage())
        .startsWith("Taking over the lock of a run that is no longer alive: pid " + deadPid + " on " + host)
        .contains("_lock"));
  }

  @Test
  void anEmptyOrHalfWrittenLockIsTakenOverWithAMessageNamingTheFile() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Path root = tmp.resolve("broken-" + round);
      Files.createDirectories(root);
      // What a crash between creating and writing the file leaves: nothing, or a cut JSON.
      Files.writeString(root.resolve("_lock"), round % 2 == 0 ? "" : "{\"pid\":12", StandardCharsets.UTF_8);
      race(root);
    }
    assertThat(log.list).hasSize(ROUNDS);
    for (int round = 0; round < ROUNDS; round++) {
      Path file = tmp.resolve("broken-" + round).toRealPath().resolve("_lock");
      assertThat(log.list.get(round).getFormattedMessage()).isEqualTo("Taking over the lock file " + file + ": it is "
          + (round % 2 == 0 ? "empty" : "half-written or unreadable (9 bytes)") + " (a run stopped while taking the lock)");
    }
  }

  @Test
  void aRunNeverDeletesALockItDoesNotHold() throws Exception {
    Path root = tmp.resolve("replaced");
    Warehouse w = new Warehouse(root.toString(), new Configuration());
    Lock lock = Lock.acquire(w, "run");
    // Someone rewrote _lock meanwhile (by hand, or an older Changai that took it over).
    String other = "{\"pid\":1,\"host\":\"elsewhere\",\"started_at\":\"2026-01-01T00:00:00Z\",\"command\":\"run\"}";
    Files.writeString(root.resolve("_lock"), other, StandardCharsets.UTF_8);
    lock.close();
    assertThat(root.resolve("_lock")).hasContent(other);
    assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
        .isEqualTo("Lock file " + root.toRealPath().resolve("_lock") + " no longer names this run; leaving it as it is");
    // A refused taker leaves the holder's lock alone too.
    Files.delete(root.resolve("_lock"));
    try (Lock held = Lock.acquire(w, "holder")) {
      String before = Files.readString(root.resolve("_lock"), StandardCharsets.UTF_8);
      for (int i = 0; i < 3; i++) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Lock.acquire(w, "late"))
            .isInstanceOf(Lock.HeldException.class).hasMessageContaining("(holder)");
      }
      assertThat(root.resolve("_lock")).hasContent(before);
    }
  }
}
