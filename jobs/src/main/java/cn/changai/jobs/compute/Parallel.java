package cn.changai.jobs.compute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Work items done by a few driver threads at once, results in the items' order. */
final class Parallel {

  /** One item's work. */
  interface Work<T, R> {
    R apply(T item) throws IOException;
  }

  private Parallel() {}

  /**
   * Each item's result, in the items' order, worked out by at most {@code threads} threads; the
   * first failure is thrown once every item has stopped.
   */
  static <T, R> List<R> map(List<T> items, int threads, Work<T, R> work) throws IOException {
    int n = Math.max(1, Math.min(threads, items.size()));
    if (n == 1) {
      List<R> out = new ArrayList<>();
      for (T item : items) {
        out.add(work.apply(item));
      }
      return out;
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "compute-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>();
      Throwable failure = null;
      for (Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      if (failure instanceof Error err) {
        throw err;
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
