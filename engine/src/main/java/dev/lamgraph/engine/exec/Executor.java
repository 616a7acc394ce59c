package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The Pregel-style step loop. Each super-step runs the frontier's nodes on a read-only view of
 * the state, applies their updates through the channels' reducers in place, commits a checkpoint
 * holding only those updates (plus a snapshot now and then) and the new {@link Frontier}, then
 * follows the edges. Nothing here copies the whole state per step.
 *
 * <p>A step that pauses (a node asks for input) is not committed; the updates of its nodes that
 * succeeded are kept in the pause detail ({@code pending}) and used on resume instead of running
 * those nodes again.
 *
 * <pre>{@code
 * try (Runs runs = new Runs(store, RunOptions.defaults())) {
 *   RunResult r = runs.start(graph, "t-1", Map.of("topic", "x"));
 * }
 * }</pre>
 */
final class Executor {
  private final CompiledGraph graph;
  private final RunContext rc;
  private final StepRunner runner;
  private final EventBuffer events;
  private final String thread;
  private final Journal journal;

  Executor(CompiledGraph graph, RunContext rc, String thread) {
    this.graph = graph;
    this.journal = rc.journal(thread);
    this.rc = rc;
    this.thread = thread;
    this.events = new EventBuffer(thread, rc.options().clock(), rc.options().redactor());
    this.runner = new StepRunner(rc, events);
  }

  EventBuffer events() {
    return events;
  }

  /**
   * Runs steps from {@code pos} until the run ends, pauses, fails or is stopped. {@code plan}
   * applies to the first step only (the answers and kept updates of a resumed pause).
   */
  RunResult loop(Map<String, Object> state, Map<String, Object> input, Position pos, Resumption.Plan plan)
      throws InterruptedException {
    RunDeadline deadline = RunDeadline.after(graph.limits().timeout());
    if (pos.budget == null) pos.budget = StateBudget.measure(graph, state);
    for (Resumption.Plan first = plan; !pos.frontier().done(); first = Resumption.Plan.NONE) {
      RunResult ended = step(state, input, pos, first, deadline);
      if (ended != null) return ended;
    }
    rc.store().setStatus(thread, RunStatus.DONE, null, drainWith(pos.step(), TraceEvent.Kind.RUN_FINISHED, null,
        Map.of("steps", pos.step())));
    return new RunResult(thread, RunStatus.DONE, pos.step(), state, Map.of());
  }

  /**
   * One super-step: run the frontier's nodes, apply their updates, follow the edges, commit.
   * Returns the run's result when it ends in this step (stopped, failed, paused), null to go on.
   */
  private RunResult step(Map<String, Object> state, Map<String, Object> input, Position pos, Resumption.Plan plan,
      RunDeadline deadline) throws InterruptedException {
    RunResult ended = stopBefore(state, pos, deadline);
    if (ended != null) return ended;
    List<CompiledNode> nodes = new ArrayList<>();
    for (String n : pos.frontier().next()) nodes.add(graph.nodes().get(n));
    if (!plan.skipInterruptBefore() && (ended = interruptBefore(state, pos, nodes)) != null) return ended;
    long step = pos.step() + 1;
    StepScope scope = new StepScope(thread, step, state, input, events, rc.options().listener(), plan.resumeValues(),
        deadline, rc.options().stubs(), journal, rc.options().redactor());
    rc.options().listener().stepStarted(step, List.copyOf(pos.frontier().next()), java.util.Collections.unmodifiableMap(state));
    List<NodeOutcome> outcomes = runner.run(nodes, scope, plan.pending());
    if ((ended = timedOutOrPaused(state, pos, outcomes)) != null) return ended;
    List<StateLog.Write> writes = new ArrayList<>();
    List<String> completed = new ArrayList<>();
    LinkedHashSet<String> handlers = new LinkedHashSet<>();
    if ((ended = gather(state, pos, step, outcomes, writes, completed, handlers)) != null) return ended;
    if ((ended = applyAndCommit(state, input, pos, step, nodes, writes, completed, handlers)) != null) return ended;
    return interruptAfter(state, pos, nodes);
  }

  /** Ends the run before the next step: stopped on request, out of steps, or out of time. */
  private RunResult stopBefore(Map<String, Object> state, Position pos, RunDeadline deadline) {
    if (rc.options().stop().getAsBoolean()) {
      return new RunResult(thread, RunStatus.RUNNING, pos.step(), state, Map.of("kind", "stopped", "message",
          "stopped on request after step " + pos.step() + "; it continues from there when resumed"));
    }
    if (pos.step() >= graph.limits().maxSteps()) {
      return fail(state, pos, null, "limit", "reached limits.max_steps (" + graph.limits().maxSteps()
          + ") with nodes still to run: " + String.join(", ", pos.frontier().next()));
    }
    return deadline.passed() ? fail(state, pos, null, "timeout", deadline.message()) : null;
  }

  private RunResult interruptBefore(Map<String, Object> state, Position pos, List<CompiledNode> nodes) {
    for (CompiledNode n : nodes) {
      if (n.spec().interruptBefore()) return pause(state, pos, n.name(), "before", "approve running '" + n.name() + "'", null, Map.of());
    }
    return null;
  }

  /** A node out of the run's time fails the run (neither on_error nor a pause); else a node that asked for input pauses it. */
  private RunResult timedOutOrPaused(Map<String, Object> state, Position pos, List<NodeOutcome> outcomes) {
    for (NodeOutcome o : outcomes) {
      if (o instanceof NodeOutcome.Failed f && NodePolicy.RUN_TIMEOUT.equals(f.kind())) {
        return fail(state, pos, f.node(), "timeout", f.message());
      }
    }
    for (NodeOutcome o : outcomes) {
      if (o instanceof NodeOutcome.Paused p) return pauseStep(state, pos, p, outcomes);
    }
    return null;
  }

  /**
   * Turns the outcomes into writes: a success's updates (traced, {@code completed}); a failure's
   * {@code error} and its {@code on_error} node ({@code handlers}). Fails the run when a failed
   * node has no {@code on_error}.
   */
  private RunResult gather(Map<String, Object> state, Position pos, long step, List<NodeOutcome> outcomes,
      List<StateLog.Write> writes, List<String> completed, LinkedHashSet<String> handlers) {
    for (NodeOutcome o : outcomes) {
      if (o instanceof NodeOutcome.Failed f) {
        String handler = graph.nodes().get(f.node()).spec().onError();
        if (handler == null) return fail(state, pos, f.node(), f.kind(), f.message());
        Map<String, Object> err = new LinkedHashMap<>();
        if (graph.channels().containsKey("error")) {
          err.put("error", Map.of("node", f.node(), "kind", f.kind(), "message", f.message(), "attempts", f.attempts()));
        }
        writes.add(new StateLog.Write(f.node(), err));
        handlers.add(handler);
      } else if (o instanceof NodeOutcome.Ok ok) {
        writes.add(new StateLog.Write(ok.node(), ok.result().updates()));
        completed.add(ok.node());
        rc.options().listener().nodeDone(step, ok.node(), ok.nanos(), ok.result().updates());
        events.add(step, TraceEvent.Kind.NODE_SUCCEEDED, ok.node(), EventBuffer.succeeded(ok));
      }
    }
    return null;
  }

  /**
   * Applies the writes through the reducers, follows the edges of the completed nodes (and to the
   * error handlers) and commits; a refused step fails the run with the committed state.
   */
  private RunResult applyAndCommit(Map<String, Object> state, Map<String, Object> input, Position pos, long step,
      List<CompiledNode> nodes, List<StateLog.Write> writes, List<String> completed, LinkedHashSet<String> handlers) {
    try {
      StateLog.apply(graph, state, writes);
    } catch (StateTypeException e) {
      return fail(state, pos, e.node(), "type_error", e.getMessage());
    }
    Frontier next;
    try {
      LinkedHashSet<String> routed = new LinkedHashSet<>();
      for (String from : completed) routed.addAll(graph.next(from, state, input));
      routed.addAll(handlers);
      next = pos.frontier().after(graph, completed, routed);
    } catch (EvalException e) {
      // the step's writes are already applied but not committed: report the committed state
      return fail(committedState(pos), pos, String.join(",", completed), "expression_error",
          "condition `" + e.expression() + "` failed: " + e.getMessage());
    }
    try {
      List<String> ran = new ArrayList<>(nodes.size());
      for (CompiledNode n : nodes) ran.add(n.name());
      commit(state, pos, step, List.copyOf(ran), writes, next);
    } catch (StateBudget.OverLimit e) {
      return fail(committedState(pos), pos, e.node, "limit", e.getMessage()); // the step is not committed
    }
    return null;
  }

  private Map<String, Object> committedState(Position pos) {
    return StateLog.at(graph, rc.store(), thread, pos.step()).state();
  }

  private RunResult interruptAfter(Map<String, Object> state, Position pos, List<CompiledNode> nodes) {
    if (pos.frontier().done()) return null;
    for (CompiledNode n : nodes) {
      if (n.spec().interruptAfter()) {
        return pause(state, pos, n.name(), "after", "review the result of '" + n.name() + "' before continuing", null, Map.of());
      }
    }
    return null;
  }

  /**
   * Commits a step whose writes are applied to {@code state}.
   *
   * @throws StateBudget.OverLimit when the state would exceed its limits: nothing is committed
   */
  void commit(Map<String, Object> state, Position pos, long step, List<String> ran, List<StateLog.Write> writes,
      Frontier next) throws StateBudget.OverLimit {
    RunOptions options = rc.options();
    StateLog.Encoded encoded = StateLog.encodeMeasured(writes, next.meta());
    try {
      pos.budget.afterStep(state, writes, encoded, step);
    } catch (StateBudget.OverLimit e) {
      pos.budget = null; // its sizes count the refused step
      throw e;
    }
    String writesJson = encoded.json(); // exact: the store seals secret-bearing values
    String snapshot = null;
    if (pos.snapshotDue(writesJson.length())) {
      snapshot = Json.write(state);
      pos.snapshotTaken(snapshot.length());
    }
    Checkpoint cp = new Checkpoint(step, ran, writesJson, next.next(), options.clock().instant(), snapshot);
    long bytes = cp.bytes();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("bytes", bytes);
    d.put("next", next.next());
    if (!next.arrived().isEmpty()) d.put("waiting", waiting(next));
    events.add(step, TraceEvent.Kind.CHECKPOINT_SAVED, null, d);
    rc.store().commit(thread, options.owner(), cp, events.drain());
    pos.committed(step, next);
    options.listener().stepCommitted(step, next.next(), bytes);
  }

  /** Joins still waiting, e.g. {@code {"[a, b] -> c": ["a"]}}. */
  private static Map<String, Object> waiting(Frontier f) {
    Map<String, Object> w = new LinkedHashMap<>();
    f.arrived().forEach((id, from) -> w.put(id, new ArrayList<>(from)));
    return w;
  }

  /**
   * Commits an edit of the state made between steps ({@code __human__} on resume, {@code __fork__}
   * when forking) as its own checkpoint; the frontier does not change.
   */
  void commitEdit(Map<String, Object> state, Position pos, String by, Map<String, Object> updates, boolean replace)
      throws StateTypeException, StateBudget.OverLimit {
    commitEdit(state, pos, by, updates, replace, pos.frontier());
  }

  /** An edit committed as its own step, with {@code next} running after it. */
  void commitEdit(Map<String, Object> state, Position pos, String by, Map<String, Object> updates, boolean replace,
      Frontier next) throws StateTypeException, StateBudget.OverLimit {
    if (pos.budget == null) pos.budget = StateBudget.measure(graph, state);
    List<StateLog.Write> writes = List.of(new StateLog.Write(by, updates, replace));
    StateLog.apply(graph, state, writes);
    long step = pos.step() + 1;
    events.add(step, TraceEvent.Kind.STATE_UPDATED, by, Map.of("update", updates, "replace", replace));
    rc.options().listener().stateEdited(step, by, updates);
    commit(state, pos, step, List.of(by), writes, next);
  }

  RunResult fail(Map<String, Object> state, Position pos, String node, String kind, String message) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (node != null) d.put("node", node);
    d.put("kind", kind);
    d.put("message", message); // exact in the store (sealed if it holds a secret); masked on the way out
    d.put("step", pos.step() + 1);
    rc.store().setStatus(thread, RunStatus.FAILED, Json.write(d), drainWith(pos.step() + 1, TraceEvent.Kind.RUN_FAILED, node, d));
    return new RunResult(thread, RunStatus.FAILED, pos.step(), state, d);
  }

  /** A node of the step asked for input: keep what its siblings produced, pause. */
  private RunResult pauseStep(Map<String, Object> state, Position pos, NodeOutcome.Paused p,
      List<NodeOutcome> outcomes) {
    Map<String, Object> extra = new LinkedHashMap<>(p.detail());
    List<Map<String, Object>> pending = new ArrayList<>();
    for (NodeOutcome o : outcomes) {
      if (o instanceof NodeOutcome.Ok ok) pending.add(Map.of("node", ok.node(), "updates", ok.result().updates()));
    }
    if (!pending.isEmpty()) extra.put("pending", pending); // exact: resume applies them
    return pause(state, pos, p.node(), "node", p.interrupt().prompt(), p.interrupt().schema(), extra);
  }

  private RunResult pause(Map<String, Object> state, Position pos, String node, String when, String prompt, String schema,
      Map<String, Object> extra) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("node", node);
    d.put("when", when);
    d.put("prompt", prompt == null ? "" : prompt);
    if (schema != null) d.put("schema", schema);
    d.put("step", pos.step()); // the last committed step, as everywhere a pause is shown
    d.putAll(extra);
    rc.store().setStatus(thread, RunStatus.PAUSED, Json.write(d), drainWith(pos.step(), TraceEvent.Kind.RUN_PAUSED, node, d));
    return new RunResult(thread, RunStatus.PAUSED, pos.step(), state, d);
  }

  List<TraceEvent> drainWith(long step, TraceEvent.Kind kind, String node, Map<String, Object> data) {
    events.add(step, kind, node, data);
    return events.drain();
  }
}
