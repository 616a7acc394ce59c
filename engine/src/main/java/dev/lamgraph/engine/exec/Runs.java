package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.SealedStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
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
 * Redactor secrets = compiler.redactor();   // the session's: compile, store and runs share it
 * try (Runs runs = new Runs(Stores.open("sqlite:.lam/lam.db", env, secrets), RunOptions.defaults().withRedactor(secrets))) {
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
  private final Launcher launcher;
  private final TimeTravel travel;

  /**
   * Runs on {@code store}; a store that does not seal secret-bearing values itself is wrapped in a
   * {@link SealedStore} for the secrets {@code options.redactor()} knows (keys from {@code
   * options.env()}, see {@link dev.lamgraph.engine.store.StoreKeys}), so no secret is stored in
   * plaintext. Every graph run here first gives its secrets ({@link CompiledGraph#secrets()}) to
   * {@code options.redactor()}, so they are masked and sealed even when the graph was compiled with
   * another redactor.
   */
  public Runs(CheckpointStore store, RunOptions options) {
    store = SealedStore.wrap(store, options.redactor(), options.env());
    this.store = store;
    this.options = options;
    RunContext rc = new RunContext(store, options, pool);
    this.launcher = new Launcher(rc);
    this.travel = new TimeTravel(rc, launcher);
  }

  public CheckpointStore store() {
    return store;
  }

  /** A new thread id such as {@code agent-loop-3f2a9c1e}. */
  public static String newThreadId(String workflow) {
    return ThreadIds.derived(workflow, "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Starts a new thread ({@code threadId} null = generated) and runs it until it ends or pauses.
   *
   * @throws IllegalArgumentException when {@code threadId} is not a valid new id ({@link ThreadIds#checkNew})
   */
  public RunResult start(CompiledGraph graph, String threadId, Map<String, Object> input) throws InterruptedException {
    join(graph);
    return launcher.start(graph, threadId == null ? newThreadId(graph.name()) : ThreadIds.checkNew(threadId), input, Map.of());
  }

  /**
   * Queues a new thread for workers ({@code lam submit}): its step-0 checkpoint is made here, the
   * steps by whichever worker takes it. The store must be a {@link dev.lamgraph.engine.store.RunQueue}
   * (PostgreSQL); a bad input fails the thread at once, as {@link #start} would. Returns the thread id.
   */
  public String submit(CompiledGraph graph, String threadId, Map<String, Object> input) {
    join(graph);
    return launcher.submit(graph, threadId == null ? newThreadId(graph.name()) : ThreadIds.checkNew(threadId), input);
  }

  /**
   * Continues a thread from its last committed step. For a thread paused inside a node,
   * {@code answer} is that node's answer (checked against the node's JSON Schema, when it gave
   * one); for one paused at {@code interrupt_before}/{@code interrupt_after}, it is a state update
   * committed (as {@code __human__}) before the run continues; otherwise it is ignored.
   *
   * @throws AnswerException when the answer or update does not fit: the thread stays paused, unchanged
   */
  public RunResult resume(CompiledGraph graph, String threadId, Map<String, Object> answer) throws InterruptedException {
    join(graph);
    return launcher.resume(graph, threadId, answer);
  }

  /**
   * Checks an answer (or state update) for a paused thread as {@link #resume} would, without
   * running or changing anything: a server answers a bad answer before it starts a run.
   *
   * @throws AnswerException when the answer or update does not fit
   */
  public void checkAnswer(CompiledGraph graph, String threadId, Map<String, Object> answer) {
    join(graph);
    Resumption.plan(graph, store, launcher.thread(threadId), answer);
  }

  /** The thread's checkpoints, oldest first: id (= step), node(s), time, next nodes. */
  public List<HistoryEntry> history(String threadId) {
    return travel.history(threadId);
  }

  /** The state after checkpoint {@code step} of a thread. */
  public Map<String, Object> stateAt(CompiledGraph graph, String threadId, long step) {
    join(graph);
    return StateLog.at(graph, store, threadId, step).state();
  }

  /**
   * Forks a thread at checkpoint {@code fromStep}: a new thread ({@code newThreadId}, or a generated
   * one) with the original's history up to that checkpoint, then the {@code edits} (values set
   * whatever the channel's reducer, type-checked) as a {@code __fork__} checkpoint. The fork is
   * paused; {@link #resume} runs it. The original thread is not changed.
   *
   * <pre>{@code
   * RunResult f = runs.fork(graph, "t-1", 3, Map.of("plan", List.of("search")), "t-1-b");
   * RunResult done = runs.resume(graph, f.threadId(), Map.of());
   * }</pre>
   *
   * @throws IllegalArgumentException for a checkpoint the thread does not have, or edits that do not fit
   */
  public RunResult fork(CompiledGraph graph, String threadId, long fromStep, Map<String, Object> edits,
      String newThreadId) {
    return fork(graph, threadId, fromStep, edits, newThreadId, null);
  }

  /**
   * A {@link #fork} whose resumed run goes to {@code next} (node names) rather than to what the
   * checkpoint would run next (LangGraph's {@code Command(goto=...)}); null keeps the checkpoint's.
   * Joins waiting at the checkpoint start over.
   *
   * @throws IllegalArgumentException also for an empty {@code next} or a name that is not a node
   */
  public RunResult fork(CompiledGraph graph, String threadId, long fromStep, Map<String, Object> edits,
      String newThreadId, List<String> next) {
    join(graph);
    if (next != null) {
      if (next.isEmpty()) throw new IllegalArgumentException("give at least one node to go to");
      for (String n : next) {
        if (!graph.nodes().containsKey(n)) {
          throw new IllegalArgumentException("cannot go to '" + n + "': workflow '" + graph.name() + "' has no such node; nodes: "
              + String.join(", ", graph.nodes().keySet()));
        }
      }
    }
    return travel.fork(graph, threadId, fromStep, edits, newThreadId, next);
  }

  /**
   * Runs a finished (done or failed) thread again from its start with its stored input, into a new
   * thread, and compares the final status, the path (the nodes of each step), the step count and
   * the state with the original's. Nothing is called: each tool call and model request is answered
   * from the original's journal, and one it has no answer for fails its node ({@code not_recorded}).
   *
   * @throws IllegalStateException when the thread has not finished
   */
  public ReplayResult replay(CompiledGraph graph, String threadId, String newThreadId) throws InterruptedException {
    join(graph);
    return travel.replay(graph, threadId, newThreadId);
  }

  /**
   * Ends a paused thread, or a running one that no live process runs (its owner is gone, or it was
   * stopped between steps), as {@link RunStatus#CANCELLED}, with a {@code run_cancelled} trace
   * event. Its committed steps are kept.
   *
   * @throws IllegalStateException when the thread has ended, or another live process is running it
   */
  public ThreadInfo cancel(String threadId, String reason) {
    ThreadInfo t = launcher.thread(threadId);
    if (t.status() != RunStatus.PAUSED && t.status() != RunStatus.RUNNING) {
      throw new IllegalStateException("thread '" + threadId + "' is " + t.status().id() + "; only a paused or running thread can be cancelled");
    }
    if (t.status() == RunStatus.RUNNING && t.owner() != null && !t.owner().equals(options.owner()) && Owner.alive(t.owner())) {
      throw new IllegalStateException("thread '" + threadId + "' is running in " + t.owner() + "; stop that process first"
          + " (Ctrl-C stops it between steps), or cancel the run through the server that runs it");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "cancelled");
    d.put("message", reason);
    d.put("was", t.status().id());
    TraceEvent ev = TraceEvent.of(threadId, t.step(), TraceEvent.Kind.RUN_CANCELLED, null, options.clock().instant(), d);
    store.setStatus(threadId, RunStatus.CANCELLED, Json.write(d), List.of(ev));
    return store.thread(threadId).orElseThrow();
  }

  /** The graph's secrets join the run's redactor (a no-op when they are the same). */
  private void join(CompiledGraph graph) {
    options.redactor().addAll(graph.secrets());
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
