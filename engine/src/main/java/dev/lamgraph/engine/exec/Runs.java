package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts and resumes runs of compiled workflows on a checkpoint store. A thread is claimed by
 * this process while it runs; a run killed mid-step resumes from its last committed step, so no
 * step is lost or applied twice.
 *
 * <pre>{@code
 * try (Runs runs = new Runs(Stores.open("sqlite:.lam/lam.db"), RunOptions.defaults())) {
 *   RunResult r = runs.start(graph, null, Map.of());       // a new thread id is generated
 *   RunResult again = runs.resume(graph, r.threadId(), Map.of());
 * }
 * }</pre>
 */
public final class Runs implements AutoCloseable {
  private final CheckpointStore store;
  private final RunOptions options;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lam-node");
    t.setDaemon(true);
    return t;
  });

  public Runs(CheckpointStore store, RunOptions options) {
    this.store = store;
    this.options = options;
  }

  public CheckpointStore store() {
    return store;
  }

  /** A new thread id such as {@code agent-loop-3f2a9c1e}. */
  public static String newThreadId(String workflow) {
    return workflow + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Starts a new thread ({@code threadId} null = generated) and runs it until it ends or pauses. */
  public RunResult start(CompiledGraph graph, String threadId, Map<String, Object> input) throws InterruptedException {
    First f = first(graph, threadId, input);
    store.create(f.info, f.initial, f.ex.events().drain());
    store.claim(f.info.id(), options.owner(), Owner::alive);
    try {
      if (f.error != null) return failAtStart(f);
      Executor.Position pos = new Executor.Position();
      pos.step = 0;
      pos.next = f.initial.next();
      pos.snapshotBytes = f.initial.snapshotJson().length();
      return f.ex.loop(f.state, f.input, pos);
    } finally {
      store.release(f.info.id(), options.owner());
    }
  }

  /**
   * Queues a new thread for workers ({@code lam submit}): its step-0 checkpoint is made here, the
   * steps by whichever worker takes it. The store must be a {@link RunQueue} (PostgreSQL); a bad
   * input fails the thread at once, as {@link #start} would. Returns the thread id.
   */
  public String submit(CompiledGraph graph, String threadId, Map<String, Object> input) {
    if (!(store instanceof RunQueue queue)) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "the store " + store.location() + " has no run queue;"
          + " submitting runs to workers needs a PostgreSQL store (--store postgresql://USER@HOST:PORT/DB)");
    }
    First f = first(graph, threadId, input);
    queue.submit(f.info, f.initial, f.ex.events().drain());
    if (f.error != null) failAtStart(f);
    return f.info.id();
  }

  /** A new thread's step 0: its info, initial checkpoint and first events, or the error that fails it. */
  private record First(ThreadInfo info, Checkpoint initial, Executor ex, Map<String, Object> state,
      Map<String, Object> input, Map<String, Object> error) {}

  private First first(CompiledGraph graph, String threadId, Map<String, Object> input) {
    String id = threadId == null ? newThreadId(graph.name()) : threadId;
    Map<String, Object> state = graph.initialState();
    Map<String, Object> in = new LinkedHashMap<>(input);
    Executor ex = new Executor(graph, store, options, id, pool);
    String inputError = seed(graph, state, in);
    List<String> next;
    String evalError = null;
    try {
      next = ex.ordered(graph.next(dev.lamgraph.engine.spec.WorkflowSpec.START, state, in));
    } catch (EvalException e) {
      next = List.of();
      evalError = "condition `" + e.expression() + "` failed: " + e.getMessage();
    }
    Instant now = options.clock().instant();
    String snapshot = options.redactor().redact(Json.write(state));
    String file = graph.spec().file() == null ? null : java.nio.file.Path.of(graph.spec().file()).toAbsolutePath().normalize().toString();
    ThreadInfo info = new ThreadInfo(id, graph.name(), file, graph.spec().source(),
        options.redactor().redact(Json.write(in)), RunStatus.RUNNING, 0, null, null, now, now);
    Checkpoint initial = new Checkpoint(0, List.of(dev.lamgraph.engine.spec.WorkflowSpec.START), "[]", next, now, snapshot);
    ex.events().add(0, TraceEvent.Kind.RUN_STARTED, null, Map.of("workflow", graph.name(), "input", in));
    Map<String, Object> error = null;
    if (inputError != null || evalError != null) {
      String msg = inputError != null ? inputError : evalError;
      error = Map.of("kind", inputError != null ? "input_error" : "expression_error", "message", msg, "step", 1);
    }
    return new First(info, initial, ex, state, in, error);
  }

  private RunResult failAtStart(First f) {
    String id = f.info.id();
    store.setStatus(id, RunStatus.FAILED, Json.write(f.error), f.ex.drainWith(0, TraceEvent.Kind.RUN_FAILED, null, f.error));
    return new RunResult(id, RunStatus.FAILED, 0, f.state, f.error);
  }

  /**
   * Continues a thread from its last committed step. {@code answer} is given to the node that
   * paused (as its resume value); it is ignored for threads that were not paused by a node.
   */
  public RunResult resume(CompiledGraph graph, String threadId, Map<String, Object> answer) throws InterruptedException {
    ThreadInfo t = store.thread(threadId).orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND,
        "no thread '" + threadId + "' in " + store.location() + "; `lam runs` lists the threads"));
    if (t.status() == RunStatus.DONE) {
      Map<String, Object> state = StateLog.at(graph, store, threadId, t.step()).state();
      return new RunResult(threadId, RunStatus.DONE, t.step(), state, Map.of());
    }
    store.claim(threadId, options.owner(), Owner::alive);
    try {
      StateLog.At at = StateLog.at(graph, store, threadId, t.step());
      Executor ex = new Executor(graph, store, options, threadId, pool);
      Executor.Position pos = new Executor.Position();
      pos.step = t.step();
      pos.next = at.checkpoint().next();
      pos.bytesSinceSnapshot = at.bytesSinceSnapshot();
      pos.snapshotBytes = at.snapshotBytes();
      Map<String, Object> detail = t.detailJson() == null ? Map.of() : Json.readMap(t.detailJson());
      if (t.status() == RunStatus.PAUSED) {
        Object node = detail.get("node");
        if ("before".equals(detail.get("when"))) pos.skipInterruptBefore = true;
        if ("node".equals(detail.get("when")) && node != null) pos.resumeValues = Map.of(String.valueOf(node), answer);
      }
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("from_step", t.step());
      ev.put("was", t.status().id());
      store.setStatus(threadId, RunStatus.RUNNING, null, ex.drainWith(t.step(), TraceEvent.Kind.RUN_RESUMED, null, ev));
      return ex.loop(at.state(), Json.readMap(t.inputJson()), pos);
    } finally {
      store.release(threadId, options.owner());
    }
  }

  /** Input values for declared channels seed the state; returns an error message or null. */
  private static String seed(CompiledGraph graph, Map<String, Object> state, Map<String, Object> input) {
    for (var e : input.entrySet()) {
      Channel c = graph.channels().get(e.getKey());
      if (c == null) continue;
      Object v = c.normalize(e.getValue());
      String bad = c.typeError(v);
      if (bad != null) {
        return "input '" + e.getKey() + "' is " + bad + ", but channel '" + e.getKey() + "' expects " + c.type().yamlName();
      }
      state.put(e.getKey(), Channel.deepCopy(v)); // reducers update state in place: never the caller's objects
    }
    return null;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
