package dev.lamgraph.server.studio;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.AnswerException;
import dev.lamgraph.engine.exec.InputCheck;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.ApiException;
import dev.lamgraph.server.ServerContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The studio's own runs, executed in the background on the server's store with the same executor
 * as {@code lam run}: start a thread, answer a paused one (or continue a failed or stopped one),
 * fork from a checkpoint, and stop one at its next step boundary. Each run has its own stop flag;
 * a stopped run stays resumable (status running, no owner). A thread already running here is
 * refused with 409.
 */
final class StudioRuns implements AutoCloseable {
  private final ServerContext ctx;
  private final ExecutorService pool;
  private final Map<String, AtomicBoolean> active = new ConcurrentHashMap<>();

  StudioRuns(ServerContext ctx) {
    this.ctx = ctx;
    Shutdown.add(this);
    int n = Math.max(1, ctx.options().workers());
    this.pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "lam-studio-run");
      t.setDaemon(true);
      return t;
    });
  }

  /** Threads running here now. */
  Set<String> active() {
    return Set.copyOf(active.keySet());
  }

  /** Creates the thread at once (a bad input is refused with 422) and runs it in the background. */
  String start(CompiledGraph graph, Map<String, Object> input) {
    List<String> problems = InputCheck.problems(graph, input);
    if (!problems.isEmpty()) {
      throw new ApiException(422, "the input does not fit workflow '" + graph.name() + "': " + String.join("; ", problems),
          Map.of("problems", problems));
    }
    String id = Runs.newThreadId(graph.name());
    AtomicBoolean stop = claim(id);
    Runs runs = runs(stop);
    // the thread exists once submitted to the store; the run itself goes on in the background
    pool.submit(() -> finish(id, runs, () -> runs.start(graph, id, input)));
    awaitCreated(id);
    return id;
  }

  /**
   * Continues {@code threadId}: for a paused thread {@code answer} is the node's answer (or the
   * state update at an interrupt), checked before anything runs; a failed or stopped thread
   * continues from its last committed step.
   */
  void resume(CompiledGraph graph, ThreadInfo thread, Map<String, Object> answer) {
    if (thread.status() == RunStatus.DONE) throw ApiException.conflict("thread '" + thread.id() + "' is done");
    if (thread.status() == RunStatus.RUNNING && thread.owner() != null) {
      throw ApiException.conflict("thread '" + thread.id() + "' is running (owner " + thread.owner() + ")");
    }
    AtomicBoolean stop = claim(thread.id());
    Runs runs = runs(stop);
    java.util.concurrent.CompletableFuture<RuntimeException> checked = new java.util.concurrent.CompletableFuture<>();
    pool.submit(() -> finish(thread.id(), runs, () -> {
      try {
        RunResult r = runs.resume(graph, thread.id(), answer);
        checked.complete(null);
        return r;
      } catch (AnswerException e) {
        checked.complete(ApiException.invalid(e.getMessage()));
        throw e;
      } catch (RuntimeException e) {
        checked.complete(e instanceof ApiException a ? a : ApiException.conflict(oneLine(e)));
        throw e;
      }
    }));
    RuntimeException refused = waitBriefly(checked);
    if (refused != null) throw refused;
  }

  /** Forks {@code threadId} at {@code step} with {@code edits} into a new thread and runs the fork. */
  String fork(CompiledGraph graph, String threadId, long step, Map<String, Object> edits) {
    String id = Runs.newThreadId(graph.name());
    AtomicBoolean stop = claim(id);
    Runs runs = runs(stop);
    try {
      runs.fork(graph, threadId, step, edits, id);
    } catch (IllegalArgumentException e) {
      release(id, runs);
      throw ApiException.invalid(oneLine(e));
    } catch (RuntimeException e) {
      release(id, runs);
      throw ApiException.conflict(oneLine(e));
    }
    pool.submit(() -> finish(id, runs, () -> runs.resume(graph, id, Map.of())));
    return id;
  }

  /** Asks a run of this studio to stop at its next step boundary; false when none runs here. */
  boolean stop(String threadId) {
    AtomicBoolean flag = active.get(threadId);
    if (flag == null) return false;
    flag.set(true);
    return true;
  }

  private interface Body {
    RunResult run() throws InterruptedException;
  }

  private void finish(String id, Runs runs, Body body) {
    try {
      body.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // the engine stored the failure with the thread (or refused before changing it)
    } finally {
      release(id, runs);
    }
  }

  private AtomicBoolean claim(String id) {
    AtomicBoolean flag = new AtomicBoolean();
    if (active.putIfAbsent(id, flag) != null) throw ApiException.conflict("thread '" + id + "' is already running");
    return flag;
  }

  private void release(String id, Runs runs) {
    active.remove(id);
    runs.close();
  }

  private Runs runs(AtomicBoolean stop) {
    return new Runs(ctx.store(), ctx.runOptions().withStop(stop::get));
  }

  private void awaitCreated(String id) {
    long until = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < until && active.containsKey(id) && ctx.store().thread(id).isEmpty()) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (ctx.store().thread(id).isEmpty()) throw ApiException.invalid("the run could not start (see the server's log)");
  }

  /** Waits up to 2 s for the answer check of a resume: its refusal is the request's answer. */
  private static RuntimeException waitBriefly(java.util.concurrent.CompletableFuture<RuntimeException> f) {
    try {
      return f.get(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return null; // still running: the answer was accepted
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return null;
    }
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ");
  }

  /** Asks every run to stop at its next step boundary and waits up to {@code seconds} for them. */
  void stopAll(long seconds) {
    active.values().forEach(f -> f.set(true));
    pool.shutdown();
    try {
      pool.awaitTermination(seconds, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    Shutdown.remove(this);
    stopAll(10);
  }

  /** When the process stops (SIGTERM, Ctrl-C), the studio's runs stop at a step boundary, resumable. */
  private static final class Shutdown {
    private static final Set<StudioRuns> ALL = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    static void add(StudioRuns r) {
      ALL.add(r);
      if (HOOKED.compareAndSet(false, true)) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL.forEach(x -> x.stopAll(10)), "lam-studio-stop"));
      }
    }

    static void remove(StudioRuns r) {
      ALL.remove(r);
    }
  }
}
