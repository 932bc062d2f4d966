package cn.changai.jobs.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Waiting for work run on threads of its own. */
class FuturesTest {

  @Test
  void awaitAllWaitsForTheOthersThenThrowsTheFirstFailureAsThrown() {
    ExecutorService pool = Executors.newFixedThreadPool(2, Futures.daemons("test"));
    AtomicBoolean slowEnded = new AtomicBoolean();
    try {
      Throwable thrown = catchThrowable(() -> Futures.awaitAll(List.of(
          pool.submit(() -> {
            throw new IOException("disk full");
          }),
          pool.submit(() -> {
            Thread.sleep(300);
            slowEnded.set(true);
            return null;
          })), "writing"));
      assertThat(thrown).isInstanceOf(IOException.class).hasMessage("disk full");
      // The failure came first, but the other task had ended before it was thrown.
      assertThat(slowEnded).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anErrorStaysAnError() {
    ExecutorService pool = Executors.newSingleThreadExecutor(Futures.daemons("test"));
    try {
      Throwable thrown = catchThrowable(() -> Futures.awaitAll(List.of(pool.submit(() -> {
        throw new OutOfMemoryError("Java heap space");
      })), "writing"));
      assertThat(thrown).isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
    } finally {
      pool.shutdownNow();
    }
  }
}
