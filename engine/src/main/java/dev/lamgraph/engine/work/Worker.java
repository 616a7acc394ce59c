package dev.lamgraph.engine.work;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.EngineFailure;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Takes submitted runs from a shared store's {@link RunQueue} and runs them, {@code concurrency}
 * at a time, renewing its leases every lease/3. Runs whose worker died (its lease expired) are
 * taken over and resumed from their last checkpoint; the store's owner check on every commit makes
 * each step apply exactly once whichever worker dies when.
 *
 * <pre>{@code
 * try (CheckpointStore store = Stores.open("postgresql://lam@127.0.0.1:5432/lam");
 *     Worker w = Worker.start(store, WorkerOptions.defaults().withConcurrency(4))) {
 *   Runtime.getRuntime().addShutdownHook(new Thread(() -> w.shutdown(Duration.ofSeconds(30))));
 *   w.awaitStopped();
 * }
 * }</pre>
 *
 * <p>Shutting down ({@link #shutdown}) stops taking runs; each current run stops after its
 * current step and is released, so another worker continues it at once. A run still mid-step
 * when the grace period ends is left to its lease.
 */
public final class Worker implements AutoCloseable {
  private final CheckpointStore store;
  private final RunQueue queue;
  private final WorkerOptions options;
  private final Runs runs;
  private final GraphCache graphs;
  private final ExecutorService slots;
  private final ScheduledExecutorService heart;
  private final Set<String> current = ConcurrentHashMap.newKeySet();
  private final Object wake = new Object();
  private volatile boolean stopping;

  private Worker(CheckpointStore store, RunQueue queue, WorkerOptions options) {
    this.store = store;
    this.queue = queue;
    this.options = options;
    this.graphs = new GraphCache(options.compiler());
    this.runs = new Runs(new OwnedStore(store, queue, options.name(), current),
        options.run().withOwner(options.name()).withStop(() -> stopping));
    this.slots = Executors.newFixedThreadPool(options.concurrency(), daemon("lam-worker-slot"));
    this.heart = Executors.newSingleThreadScheduledExecutor(daemon("lam-worker-heartbeat"));
  }

  /** Starts the worker's slots and heartbeat; the store must be a {@link RunQueue} (PostgreSQL). */
  public static Worker start(CheckpointStore store, WorkerOptions options) {
    if (!(store instanceof RunQueue queue)) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "the store " + store.location() + " has no run queue;"
          + " workers need a PostgreSQL store (--store postgresql://USER@HOST:PORT/DB)");
    }
    Worker w = new Worker(store, queue, options);
    long beat = Math.max(100, options.lease().toMillis() / 3);
    w.heart.scheduleWithFixedDelay(w::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    for (int i = 0; i < options.concurrency(); i++) w.slots.execute(w::slot);
    w.slots.shutdown(); // no more tasks: the slots end when stopping
    return w;
  }

  public String name() {
    return options.name();
  }

  /** The runs it is executing now. */
  public Set<String> running() {
    return Set.copyOf(current);
  }

  /** Blocks until every slot has ended (after {@link #shutdown} from another thread). */
  public void awaitStopped() throws InterruptedException {
    while (!slots.awaitTermination(1, TimeUnit.HOURS)) {
      // keep waiting
    }
  }

  /**
   * Stops taking runs and lets each current run finish its step, then releases it; waits up to
   * {@code grace}. Returns true when every slot ended in time.
   */
  public boolean shutdown(Duration grace) {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    boolean ended;
    try {
      ended = slots.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ended = false;
    }
    heart.shutdownNow(); // a run still mid-step is left to its lease
    if (ended) { // else its nodes keep their threads: interrupting them (or closing their graphs) would fail the run
      runs.close();
      graphs.close(); // ends what the runs' graphs started (MCP servers...)
    }
    return ended;
  }

  @Override
  public void close() {
    shutdown(options.lease());
  }

  private void slot() {
    long backoff = 0;
    while (!stopping) {
      Optional<RunQueue.Taken> taken;
      try {
        taken = queue.take(options.name(), options.lease());
        backoff = 0;
      } catch (StoreException e) {
        options.listener().storeError(e.getMessage());
        backoff = Math.min(Math.max(backoff * 2, options.poll().toMillis()), options.lease().toMillis());
        pause(backoff);
        continue;
      } catch (RuntimeException e) {
        options.listener().storeError(e.toString());
        pause(options.lease().toMillis());
        continue;
      }
      if (taken.isEmpty()) {
        pause(jitter(options.poll().toMillis()));
        continue;
      }
      try {
        work(taken.get());
      } catch (RuntimeException e) {
        options.listener().storeError(e.getMessage()); // the slot lives on; the run's lease expires
      }
    }
  }

  private void work(RunQueue.Taken taken) {
    String id = taken.threadId();
    current.add(id);
    options.listener().taken(id, taken.previousOwner());
    try {
      ThreadInfo info = store.thread(id).orElse(null);
      if (info == null) return; // deleted meanwhile
      CompiledGraph graph;
      try {
        graph = graphs.acquire(info);
      } catch (WorkflowException e) {
        fail(id, info.step(), "workflow_error", "the stored workflow no longer compiles: " + e.getMessage());
        return;
      }
      try {
        RunResult r = runs.resume(graph, id, Map.of());
        options.listener().ended(id, r);
      } finally {
        graphs.release(graph);
      }
    } catch (StoreException e) {
      if (e.reason() == StoreException.Reason.CONFLICT || e.reason() == StoreException.Reason.LOCKED) {
        options.listener().lost(id, e.getMessage());
      } else {
        options.listener().storeError(e.getMessage());
        pause(jitter(options.poll().toMillis()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // an engine bug must not bounce the run from worker to worker forever; the run failed itself
      // (EngineFailure) while the worker held it, unless the bug was outside it or its store failed too
      ThreadInfo t = store.thread(id).orElse(null);
      if (e instanceof EngineFailure && t != null && t.status() == RunStatus.FAILED) options.listener().failed(id, e.getMessage());
      else fail(id, t == null ? 0 : t.step(), "worker_error", "the worker failed running it: " + e);
    } finally {
      current.remove(id);
      try {
        // the run's own release left it held (OwnedStore), so a run that threw was failed above while held;
        // a run still running (stopped by a shutdown) is queued again; a no-op when it was taken over
        store.release(id, options.name());
      } catch (StoreException e) {
        options.listener().storeError(e.getMessage()); // the lease will expire instead
      }
    }
  }

  private void fail(String id, long step, String kind, String message) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", kind);
    d.put("message", message);
    d.put("step", step + 1);
    TraceEvent ev = TraceEvent.of(id, step + 1, TraceEvent.Kind.RUN_FAILED, null, Instant.now(), d);
    try {
      queue.setStatusAs(id, options.name(), RunStatus.FAILED, Json.write(d), List.of(ev));
      options.listener().failed(id, message);
    } catch (StoreException e) {
      options.listener().storeError(e.getMessage());
    }
  }

  private void heartbeat() {
    try {
      queue.renew(options.name(), Set.copyOf(current), options.lease());
    } catch (RuntimeException e) {
      options.listener().storeError(e.getMessage());
    }
  }

  private void pause(long millis) {
    synchronized (wake) {
      if (stopping) return;
      try {
        wake.wait(Math.max(1, millis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }

  private static long jitter(long millis) {
    return millis / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, millis));
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
