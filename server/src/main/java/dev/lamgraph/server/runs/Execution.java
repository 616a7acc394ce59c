package dev.lamgraph.server.runs;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.AnswerException;
import dev.lamgraph.engine.exec.EngineFailure;
import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.Ids;
import dev.lamgraph.server.langgraph.LiveJson;
import dev.lamgraph.server.langgraph.StreamJson;
import dev.lamgraph.server.langgraph.TaskJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Executes one {@link ServerRun} by its {@link Plan} on lamgraph's executor, and writes its events:
 * after each committed step the step's events (from the store, {@link StreamJson}), while a step
 * runs what its nodes emit ({@link LiveJson}, when the run streams messages or custom); at the end the
 * interrupt, the error, and {@code end}. A per-run {@code interrupt_before/after} stops the run at
 * the step boundary and pauses the thread there, as a node's own {@code interrupt_before/after} would.
 */
final class Execution implements RunListener {
  private final ServerRun run;
  private final Plan plan;
  private final CheckpointStore store;
  private final RunOptions options;
  private long emitted;
  private volatile String pauseNode;
  private volatile String pauseWhen;
  /** Whether {@link RunManager} completes the run once the thread is free (a replayed run completes itself). */
  private boolean managed = true;
  /** The live events' shapes, when the run streams a mode that wants them (else null: nodes emit nothing). */
  private final LiveJson live;
  /** The last step whose start this run announced as it started (its task starts were sent then). */
  private long startedLive = -1;

  Execution(ServerRun run, Plan plan, CheckpointStore store, RunOptions options) {
    this.run = run;
    this.plan = plan;
    this.store = store;
    this.options = options;
    this.emitted = plan.startStep();
    this.live = LiveJson.wanted(run.modes) ? new LiveJson(run.runId, run.threadId, run.graph, run.modes) : null;
  }

  /** Runs to the end (or a stop) and completes the run's outcome; never throws. */
  void execute(BooleanSupplier shuttingDown) {
    run.link = plan.link();
    run.startStep = plan.startStep();
    run.status = "running";
    run.updated = options.clock().instant();
    RunOptions o = options.withListener(this).withStop(() -> run.stop || pauseNode != null || shuttingDown.getAsBoolean());
    try (Runs runs = new Runs(store, o)) {
      if (plan.startStep() >= 0 && run.modes.contains("values")) {
        ThreadInfo t = store.thread(plan.kind() == Plan.Kind.FORK ? plan.from() : plan.link()).orElseThrow();
        long s = plan.kind() == Plan.Kind.FORK ? plan.fromStep() : plan.startStep();
        run.log.add(s, "values", runs.stateAt(plan.graph(), t.id(), s));
      }
      RunResult r = switch (plan.kind()) {
        case START, CONTINUE -> runs.start(plan.graph(), plan.link(), plan.values());
        case RESUME -> runs.resume(plan.graph(), plan.link(), plan.values());
        case FORK -> {
          Map<String, Object> edits = new LinkedHashMap<>(plan.edits());
          edits.keySet().retainAll(plan.graph().channels().keySet());
          runs.fork(plan.graph(), plan.from(), plan.fromStep(), edits, plan.link(), plan.next());
          yield runs.resume(plan.graph(), plan.link(), plan.values());
        }
      };
      finish(runs, r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted", "the server stopped");
    } catch (EngineFailure e) { // an engine bug: the thread was failed (engine_error) before it was released
      fail(EngineFailure.KIND, e.getMessage());
    } catch (ApiException | AnswerException | IllegalArgumentException | IllegalStateException e) {
      fail("invalid", e.getMessage());
    } catch (RuntimeException e) {
      fail(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }
  }

  /**
   * Queues a new thread for {@code lam worker}s instead of running it here ({@code --workers 0} on
   * a PostgreSQL store), then follows it in the store: each step a worker commits becomes the
   * run's events, until the thread is no longer running.
   */
  void submitAndFollow(BooleanSupplier shuttingDown) {
    run.link = plan.link();
    run.startStep = plan.startStep();
    run.status = "pending";
    try (Runs runs = new Runs(store, options)) {
      runs.submit(plan.graph(), plan.link(), plan.values());
      while (true) {
        ThreadInfo t = store.thread(plan.link()).orElseThrow();
        if (t.owner() != null) run.status = "running";
        emitSteps();
        if (t.status() != RunStatus.RUNNING || shuttingDown.getAsBoolean() || run.stop) {
          Map<String, Object> detail = t.detailJson() == null ? Map.of() : Json.readMap(t.detailJson());
          Map<String, Object> state = runs.stateAt(plan.graph(), t.id(), t.step());
          finish(runs, new RunResult(t.id(), t.status(), t.step(), state, t.status() == RunStatus.RUNNING
              ? Map.of("kind", "stopped") : detail));
          return;
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted", "the server stopped");
    } catch (RuntimeException e) {
      fail(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }
  }

  /** The events of a run that already ended (found again after a restart), from the store. */
  void replay(RunResult r) {
    run.link = plan.link();
    managed = false;
    finish(null, r);
  }

  private void finish(Runs runs, RunResult r) {
    emitSteps();
    RunStatus status = r.status();
    Map<String, Object> values = new LinkedHashMap<>(r.state());
    if (r.stopped() && pauseNode != null && !run.stop) {
      pause(r.steps());
      status = RunStatus.PAUSED;
    } else if (r.stopped() && run.stop && "cancel".equals(run.cancelAction) || r.stopped() && "rollback".equals(run.cancelAction)) {
      runs.cancel(plan.link(), "cancelled over lam serve (run " + run.runId + ")");
      status = RunStatus.CANCELLED;
    }
    ThreadInfo head = store.thread(plan.link()).orElseThrow();
    switch (status) {
      case PAUSED -> {
        childEnds(head);
        for (StreamJson.Event e : StreamJson.interrupted(values, head, run.modes)) run.log.add(head.step(), e.event(), e.data());
        values.put("__interrupt__", dev.lamgraph.server.langgraph.StateJson.interrupts(head));
        end("success", values);
      }
      case FAILED -> {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("error", String.valueOf(r.detail().getOrDefault("kind", "error")));
        err.put("message", options.redactor().redact(r.message()));
        err.put("node", r.detail().get("node"));
        if (r.detail().get("node") instanceof String node && plan.graph().nodes().containsKey(node)) {
          childEnds(head);
          for (StreamJson.Event e : StreamJson.failed(head, node, (String) err.get("error"), (String) err.get("message"), run.modes)) {
            run.log.add(head.step(), e.event(), e.data());
          }
        }
        run.log.add(head.step(), "error", err);
        values.put("__error__", err);
        end("error", values);
      }
      case CANCELLED -> end("interrupted", values);
      case RUNNING -> end(run.stop ? "interrupted" : "pending", values);
      default -> end("success", values);
    }
  }

  /** With stream_subgraphs: how the subgraph that paused or failed the run ended inside ({@link SubgraphStream#ends}). */
  private void childEnds(ThreadInfo head) {
    Map<String, Object> d = head.detailJson() == null ? Map.of() : Json.readMap(head.detailJson());
    if (run.request.streamSubgraphs() && d.get("node") instanceof String node && !"before".equals(d.get("when"))) {
      SubgraphStream.ends(run, store, options.redactor(), plan.graph(), head.id(), head.step() + 1, node, null, head.step());
    }
  }

  /** Pauses the thread at the boundary where a per-run interrupt_before/after stopped it. */
  private void pause(long step) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("node", pauseNode);
    d.put("when", pauseWhen);
    d.put("prompt", "before".equals(pauseWhen) ? "approve running '" + pauseNode + "'" : "review the result of '" + pauseNode
        + "' before continuing");
    d.put("step", step);
    TraceEvent ev = TraceEvent.of(plan.link(), step, TraceEvent.Kind.RUN_PAUSED, pauseNode, options.clock().instant(), d);
    store.setStatus(plan.link(), RunStatus.PAUSED, Json.write(d), List.of(ev));
  }

  private void fail(String kind, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("error", kind);
    err.put("message", options.redactor().redact(String.valueOf(message)));
    run.log.add(Math.max(0, emitted), "error", err);
    end("error", Map.of("__error__", err));
  }

  private void end(String status, Map<String, Object> values) {
    run.status = status;
    run.updated = options.clock().instant();
    run.result = values;
    if (!managed) run.complete(values);
  }

  /**
   * Adds the events of every step committed since the last call. A step nobody saw start (a
   * replay, a rejoin after a restart, a worker's step) gets its task starts and, with {@code
   * stream_subgraphs}, its subgraphs' steps from the store ({@link SubgraphStream#replay}) before
   * its updates, in the order a live stream has them.
   */
  private synchronized void emitSteps() {
    ThreadInfo t = store.thread(plan.link()).orElse(null);
    if (t == null) return;
    CompiledGraph g = plan.graph();
    for (long s = emitted + 1; s <= t.step(); s++) {
      boolean unseen = s > startedLive;
      List<StreamJson.Event> events = new java.util.ArrayList<>(StreamJson.step(g, store, run.threadId, t, s, run.modes, run.runId,
          unseen ? run.taskMetadata() : null));
      if (unseen && run.request.streamSubgraphs()) {
        int at = 0;
        while (at < events.size() && StreamJson.isStart(events.get(at))) at++;
        events.addAll(at, SubgraphStream.replay(run, store, g, t.id(), s, null));
      }
      for (StreamJson.Event e : events) run.log.add(s, e.event(), e.data());
      emitted = s;
    }
    run.updated = options.clock().instant();
  }

  /**
   * A step starts: the steps committed so far, then its task starts (tagged with the step before:
   * it is not committed yet). Remembered also without task modes when the run streams subgraphs,
   * whose steps this step then streams live (not again from the store at its commit).
   */
  @Override
  public void stepStarted(long step, List<String> nodes, Map<String, Object> state) {
    if (!TaskJson.wanted(run.modes) && !run.request.streamSubgraphs()) return;
    synchronized (this) {
      emitSteps();
      startedLive = step;
      if (!TaskJson.wanted(run.modes)) return;
      for (StreamJson.Event e : TaskJson.starts(plan.link(), step, nodes, Json.readMap(Json.write(state)), run.modes,
          options.clock().instant(), run.taskMetadata())) {
        run.log.add(step - 1, e.event(), e.data());
      }
    }
  }

  /** With {@code stream_subgraphs}, the child's steps stream as {@code MODE|NODE:TASK_ID} events ({@link SubgraphStream}). */
  @Override
  public RunListener forChild(String node, long step, String childThread, CompiledGraph child) {
    RunListener nested = RunListener.super.forChild(node, step, childThread, child);
    if (!run.request.streamSubgraphs()) return nested;
    String ns = node + ":" + Ids.taskId(plan.link(), step - 1, node);
    return new SubgraphStream(this, nested, ns, childThread, child, step);
  }

  /** The live events of a subgraph's node, named {@code EVENT|ns}. */
  void childEmitted(long step, String node, String kind, Object payload, String ns) {
    if (live == null) return;
    synchronized (live) {
      for (StreamJson.Event e : live.events(step, node, kind, payload)) run.log.addLive(step, e.event() + "|" + ns, e.data());
    }
  }

  ServerRun run() {
    return run;
  }

  CheckpointStore store() {
    return store;
  }

  RunOptions options() {
    return options;
  }

  @Override
  public void nodeDone(long step, String node, long nanos, Map<String, Object> updates) {
    if (pauseNode == null && (run.request.interruptAfter().contains(node) || run.request.interruptAfter().contains("*"))
        && plan.graph().nodes().containsKey(node)) {
      pauseWhen = "after";
      pauseNode = node;
    }
  }

  @Override
  public boolean wantsEmits(String kind) {
    return live != null && live.wants(kind);
  }

  /** A node's live output (tokens, custom), already masked: live events for the streams reading now. */
  @Override
  public void nodeEmitted(long step, String node, String kind, Object payload) {
    if (live == null) return;
    synchronized (live) {
      for (StreamJson.Event e : live.events(step, node, kind, payload)) run.log.addLive(step, e.event(), e.data());
    }
  }

  @Override
  public void stepCommitted(long step, List<String> next, long checkpointBytes) {
    emitSteps();
    run.log.dropLiveBefore(step - 1);
    if (pauseNode != null) return;
    for (String n : next) {
      if (run.request.interruptBefore().contains(n) || run.request.interruptBefore().contains("*")) {
        pauseWhen = "before";
        pauseNode = n;
        return;
      }
    }
  }
}
