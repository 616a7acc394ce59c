package dev.lamgraph.engine.exec;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node call (or tool call) on a pool thread that can be stopped and waited for: {@link #stop}
 * interrupts it and waits a grace period for it to end, so the clean-up it does on interruption
 * (a shell tool killing its process tree, trace events) happens before the caller reports the
 * failure and, in the CLI, before the JVM exits. {@code Future.cancel} alone does not wait.
 *
 * <pre>{@code
 * NodeTask<Outcome> task = NodeTask.submit(pool, () -> call(ctx));
 * try {
 *   return task.get(timeoutNanos);
 * } catch (TimeoutException e) {
 *   task.stop(NodeTask.GRACE);
 *   return timedOut();
 * }
 * }</pre>
 */
public final class NodeTask<T> {
  /** How long a stopped call gets to end (a killed process tree is reaped in well under it). */
  public static final Duration GRACE = Duration.ofSeconds(3);

  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int ABANDONED = 2;

  private final Future<T> future;
  /** NEW, then RUNNING (the call started: wait for it) or ABANDONED (stopped first: it never runs). */
  private final AtomicInteger phase = new AtomicInteger(NEW);
  private final CountDownLatch ended = new CountDownLatch(1);

  private NodeTask(ExecutorService pool, Callable<T> call) {
    this.future = pool.submit(() -> {
      if (!phase.compareAndSet(NEW, RUNNING)) return null;
      try {
        return call.call();
      } finally {
        ended.countDown();
      }
    });
  }

  public static <T> NodeTask<T> submit(ExecutorService pool, Callable<T> call) {
    return new NodeTask<>(pool, call);
  }

  public T get() throws InterruptedException, ExecutionException {
    return future.get();
  }

  public T get(long nanos) throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Interrupts the call and waits up to {@code grace} for it to end; true when it ended (or never
   * started). A call that ignores interrupts is left running. Keeps the caller's interrupt status.
   */
  public boolean stop(Duration grace) {
    return stopAll(List.of(this), grace);
  }

  /** {@link #stop} for several calls at once: all are interrupted first, then awaited within one {@code grace}. */
  public static boolean stopAll(Collection<? extends NodeTask<?>> tasks, Duration grace) {
    for (NodeTask<?> t : tasks) t.interrupt();
    long until = System.nanoTime() + grace.toNanos();
    boolean interrupted = Thread.interrupted();
    boolean all = true;
    try {
      for (NodeTask<?> t : tasks) {
        if (t.phase.get() == RUNNING && !t.ended.await(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          all = false;
        }
      }
      return all;
    } catch (InterruptedException e) {
      interrupted = true;
      return false;
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private void interrupt() {
    phase.compareAndSet(NEW, ABANDONED);
    future.cancel(true);
  }
}
