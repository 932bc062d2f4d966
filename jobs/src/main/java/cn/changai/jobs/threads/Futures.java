package cn.changai.jobs.threads;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work a stage runs on threads of its own (Spark jobs side by side, pages rendered on every core):
 * daemon threads, and each task's failure thrown on the waiting thread as the task threw it.
 */
public final class Futures {

  private Futures() {}

  /** Daemon threads named {@code name-1}, {@code name-2}, ...: a failed stage never keeps the JVM alive. */
  public static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The task's result, once it has one. Its failure is thrown as the task threw it (an
   * {@code IOException}, an unchecked exception, an {@code Error} such as a full disk's); an
   * interruption of the waiting thread as an {@code InterruptedIOException} saying what it was
   * {@code doing}.
   */
  public static <T> T await(Future<T> task, String doing) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + doing);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /**
   * Waits for every task, even after one has failed (a write still under way must not outlive its
   * stage), then throws the first failure as {@link #await} does.
   */
  public static void awaitAll(List<? extends Future<?>> tasks, String doing) throws IOException {
    Throwable failure = null;
    boolean interrupted = false;
    for (Future<?> task : tasks) {
      while (true) {
        try {
          task.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + doing);
    }
    if (failure != null) {
      throw rethrow(failure);
    }
  }

  /**
   * Throws a task's failure as it was thrown when it is unchecked or an {@code Error}; returns it
   * when it is an {@code IOException}, for the caller to throw; wraps anything else.
   */
  public static IOException rethrow(Throwable failure) {
    if (failure instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof IOException io) {
      return io;
    }
    throw new IllegalStateException(failure);
  }
}
