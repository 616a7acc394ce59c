package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts and resumes threads: creates a thread with its step-0 checkpoint, claims it, rebuilds
 * the position of a resumed one (state, {@link Frontier}, the {@link Resumption} plan) and hands
 * it to an {@link Executor}. Used by {@link Runs} and for the child threads of subgraphs.
 */
final class Launcher {
  private final RunContext rc;

  Launcher(RunContext rc) {
    this.rc = rc;
  }

  /**
   * Starts thread {@code id} and runs it until it ends or pauses; {@code attrs} are added to its
   * {@code run_started} event (e.g. the parent thread of a subgraph).
   */
  RunResult start(CompiledGraph graph, String id, Map<String, Object> input, Map<String, Object> attrs)
      throws InterruptedException {
    First f = first(graph, id, input, attrs);
    RunOptions options = rc.options();
    rc.store().create(f.info(), f.initial(), f.ex().events().drain());
    rc.store().claim(id, options.owner(), Owner::alive);
    try {
      if (f.error() != null) return failAtStart(f);
      return f.ex().loop(f.state(), f.input(), Position.start(f.initial()), Resumption.Plan.NONE);
    } catch (StoreException e) {
      throw e; // the store failed, not the engine: the thread stays resumable
    } catch (RuntimeException e) {
      throw failed(id, e);
    } finally {
      rc.store().release(id, options.owner());
    }
  }

  /** Queues thread {@code id} on a {@link dev.lamgraph.engine.store.RunQueue} store for workers. */
  String submit(CompiledGraph graph, String id, Map<String, Object> input) {
    if (!(rc.store() instanceof RunQueue queue)) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "the store " + rc.store().location() + " has no run queue;"
          + " submitting runs to workers needs a PostgreSQL store (--store postgresql://USER@HOST:PORT/DB)");
    }
    First f = first(graph, id, input, Map.of());
    queue.submit(f.info(), f.initial(), f.ex().events().drain());
    if (f.error() != null) failAtStart(f);
    return id;
  }

  /** A new thread's step 0: its info, initial checkpoint and first events, or the error that fails it. */
  private record First(ThreadInfo info, Checkpoint initial, Executor ex, Map<String, Object> state,
      Map<String, Object> input, Map<String, Object> error) {}

  private First first(CompiledGraph graph, String id, Map<String, Object> input, Map<String, Object> attrs) {
    RunOptions options = rc.options();
    Map<String, Object> state = graph.initialState();
    Map<String, Object> in = new LinkedHashMap<>(input);
    Executor ex = new Executor(graph, rc, id);
    String inputJson = Json.write(in);
    String inputError = StateLimits.input(graph.limits(), in, inputJson.length(), "input");
    if (inputError == null) inputError = seed(graph, state, in);
    List<String> next;
    String evalError = null;
    try {
      next = Frontier.ordered(graph, graph.next(WorkflowSpec.START, state, in));
    } catch (EvalException e) {
      next = List.of();
      evalError = "condition `" + e.expression() + "` failed: " + e.getMessage();
    }
    Instant now = options.clock().instant();
    String snapshot = Json.write(state);
    String file = graph.spec().file() == null ? null : Path.of(graph.spec().file()).toAbsolutePath().normalize().toString();
    ThreadInfo info = new ThreadInfo(id, graph.name(), file, graph.spec().source(),
        Json.write(in), RunStatus.RUNNING, 0, null, null, now, now);
    Checkpoint initial = new Checkpoint(0, List.of(WorkflowSpec.START), "[]", next, now, snapshot);
    Map<String, Object> started = new LinkedHashMap<>();
    started.put("workflow", graph.name());
    started.put("input", in);
    started.putAll(attrs);
    ex.events().add(0, TraceEvent.Kind.RUN_STARTED, null, started);
    Map<String, Object> error = null;
    if (inputError != null || evalError != null) {
      String msg = inputError != null ? inputError : evalError;
      error = Map.of("kind", inputError != null ? "input_error" : "expression_error", "message", msg, "step", 1);
    }
    return new First(info, initial, ex, state, in, error);
  }

  private RunResult failAtStart(First f) {
    String id = f.info().id();
    rc.store().setStatus(id, RunStatus.FAILED, Json.write(f.error()), f.ex().drainWith(0, TraceEvent.Kind.RUN_FAILED, null, f.error()));
    return new RunResult(id, RunStatus.FAILED, 0, f.state(), f.error());
  }

  /** Continues a thread from its last committed step (see {@link Resumption} for {@code answer}). */
  RunResult resume(CompiledGraph graph, String threadId, Map<String, Object> answer) throws InterruptedException {
    ThreadInfo t = thread(threadId);
    if (t.status() == RunStatus.DONE || t.status() == RunStatus.CANCELLED) {
      Map<String, Object> state = StateLog.at(graph, rc.store(), threadId, t.step()).state();
      return new RunResult(threadId, t.status(), t.step(), state, Map.of());
    }
    Resumption.Plan plan = Resumption.plan(graph, rc.store(), t, answer); // refuses before anything changes
    rc.store().claim(threadId, rc.options().owner(), Owner::alive);
    try {
      // a failed step runs again from its start, its calls too; an interrupted or paused one reuses its journal
      if (t.status() == RunStatus.FAILED) rc.store().forgetJournal(threadId, t.step() + 1);
      StateLog.At at = StateLog.at(graph, rc.store(), threadId, t.step());
      Executor ex = new Executor(graph, rc, threadId);
      Position pos = Position.at(graph, at);
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("from_step", t.step());
      ev.put("was", t.status().id());
      rc.store().setStatus(threadId, RunStatus.RUNNING, null, ex.drainWith(t.step(), TraceEvent.Kind.RUN_RESUMED, null, ev));
      if (!plan.edits().isEmpty()) {
        try {
          ex.commitEdit(at.state(), pos, Resumption.HUMAN, plan.edits(), false);
        } catch (StateTypeException e) {
          throw new IllegalStateException("edits were checked before: " + e.getMessage(), e);
        } catch (StateBudget.OverLimit e) {
          return ex.fail(StateLog.at(graph, rc.store(), threadId, pos.step()).state(), pos, Resumption.HUMAN, "limit",
              e.getMessage());
        }
      }
      return ex.loop(at.state(), Json.readMap(t.inputJson()), pos, plan);
    } catch (StoreException e) {
      throw e; // the store failed, not the engine: the thread stays resumable
    } catch (RuntimeException e) {
      throw failed(threadId, e);
    } finally {
      rc.store().release(threadId, rc.options().owner());
    }
  }

  /**
   * An engine bug while this process holds the thread: fails it ({@link EngineFailure#KIND}) before
   * the release, else it would stay running with no owner; the failure to throw.
   */
  private EngineFailure failed(String threadId, RuntimeException bug) {
    String message = rc.options().redactor().redact("the engine failed running it: " + bug);
    try {
      long step = thread(threadId).step();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("kind", EngineFailure.KIND);
      d.put("message", message);
      d.put("step", step + 1);
      TraceEvent ev = TraceEvent.of(threadId, step + 1, TraceEvent.Kind.RUN_FAILED, null, rc.options().clock().instant(), d);
      rc.store().setStatus(threadId, RunStatus.FAILED, Json.write(d), List.of(ev));
    } catch (RuntimeException e) {
      bug.addSuppressed(e); // the store failed too: the thread stays running until resumed
      return new EngineFailure(threadId, "thread '" + threadId + "' stopped: " + message + " (it could not be marked failed: "
          + rc.options().redactor().redact(String.valueOf(e.getMessage())) + ")", bug);
    }
    return new EngineFailure(threadId, "thread '" + threadId + "' failed (" + EngineFailure.KIND + "): " + message, bug);
  }

  ThreadInfo thread(String threadId) {
    return rc.store().thread(threadId).orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND,
        "no thread '" + threadId + "' in " + rc.store().location() + "; `lam runs` lists the threads"));
  }

  /** Input values for declared channels seed the state; returns an error message or null. */
  private static String seed(CompiledGraph graph, Map<String, Object> state, Map<String, Object> input) {
    String nonFinite = Channel.nonFinite(input);
    if (nonFinite != null) return "input holds " + nonFinite + "; a checkpoint is JSON, which has no NaN or Infinity";
    for (var e : input.entrySet()) {
      Channel c = graph.channels().get(e.getKey());
      if (c == null) continue;
      String bad = InputCheck.typeError(c, e.getKey(), e.getValue());
      if (bad != null) return bad;
      Object v = c.input(e.getValue()); // messages read into typed messages with ids, as the reducer keeps them
      state.put(e.getKey(), Channel.deepCopy(v)); // reducers update state in place: never the caller's objects
    }
    return null;
  }
}
