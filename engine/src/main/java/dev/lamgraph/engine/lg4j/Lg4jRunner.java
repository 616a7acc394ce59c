package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.exec.InputCheck;
import dev.lamgraph.engine.exec.RunDeadline;
import dev.lamgraph.engine.exec.StateLimits;
import dev.lamgraph.engine.util.JsonSize;
import dev.lamgraph.engine.store.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.GraphInput;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.NodeOutput;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.checkpoint.Checkpoint;
import org.bsc.langgraph4j.checkpoint.MemorySaver;

/**
 * Runs a workflow on langgraph4j: converts it ({@link Lg4jGraphs#convert}), compiles it with a
 * checkpoint saver ({@link MemorySaver} unless given) and streams a run, recording the nodes
 * visited from each {@link NodeOutput}. Input is seeded as our executor does (declared channels
 * are set to the input value whatever their reducer, after the same type check), {@code
 * limits.max_steps} and {@code limits.timeout} are enforced between steps, exactly as ours: the
 * step after the last allowed one is never started (its target is read from the saver's latest
 * checkpoint); a node still running when {@code limits.timeout} passes is stopped and fails the
 * run as on ours ({@link NodeAction}).
 *
 * <pre>{@code
 * Lg4jRunner runner = new Lg4jRunner(Compiler.withDefaults().compile(Path.of("graphs/agent-loop.yaml")));
 * Lg4jResult r = runner.run("t-1", Map.of());
 * r.state().get("attempts");   // 100
 * }</pre>
 */
public final class Lg4jRunner {
  private final Lg4jGraph graph;
  private final BaseCheckpointSaver saver;
  private final org.bsc.langgraph4j.CompiledGraph<LamState> compiled;

  public Lg4jRunner(CompiledGraph graph) throws Lg4jUnsupportedException {
    this(Lg4jGraphs.convert(graph), new MemorySaver());
  }

  public Lg4jRunner(CompiledGraph graph, BaseCheckpointSaver saver) throws Lg4jUnsupportedException {
    this(Lg4jGraphs.convert(graph), saver);
  }

  /** Runs an already converted graph with {@code saver}. */
  public Lg4jRunner(Lg4jGraph graph, BaseCheckpointSaver saver) {
    this.graph = graph;
    this.saver = saver;
    long limit = graph.source().limits().maxSteps() + 3; // START, END and the final "done" count too
    try {
      this.compiled = graph.stateGraph().compile(CompileConfig.builder().checkpointSaver(saver)
          .recursionLimit((int) Math.min(Integer.MAX_VALUE, limit)).build());
    } catch (GraphStateException e) {
      throw new IllegalStateException("langgraph4j rejected workflow '" + graph.source().name() + "': " + e.getMessage(), e);
    }
  }

  public Lg4jGraph graph() {
    return graph;
  }

  /** The compiled langgraph4j graph (e.g. for {@code getStateHistory}). */
  public org.bsc.langgraph4j.CompiledGraph<LamState> compiled() {
    return compiled;
  }

  /** Runs a new thread {@code threadId} with {@code input} until END, a failure or a limit. */
  public Lg4jResult run(String threadId, Map<String, Object> input) {
    CompiledGraph g = graph.source();
    RunScope scope = new RunScope(threadId, new LinkedHashMap<>(input), RunDeadline.after(g.limits().timeout()));
    RunnableConfig config = Lg4jGraphs.config(threadId, scope);
    if (!saver.list(config).isEmpty()) {
      throw new IllegalArgumentException("thread '" + threadId + "' already has checkpoints in this saver; "
          + "langgraph4j would continue it instead of starting a new run");
    }
    Map<String, Object> args = new LinkedHashMap<>();
    Map<String, Object> seeded = g.initialState();
    String tooLarge = StateLimits.input(g.limits(), input, JsonSize.of(input), "input");
    if (tooLarge != null) return failed(0, seeded, List.of(), null, "input_error", tooLarge, 1, List.of());
    String nonFinite = Channel.nonFinite(input);
    if (nonFinite != null) {
      return failed(0, seeded, List.of(), null, "input_error", "input holds " + nonFinite
          + "; a checkpoint is JSON, which has no NaN or Infinity", 1, List.of());
    }
    for (var e : input.entrySet()) {
      Channel c = g.channels().get(e.getKey());
      if (c == null) continue;
      String bad = InputCheck.typeError(c, e.getKey(), e.getValue());
      if (bad != null) return failed(0, seeded, List.of(), null, "input_error", bad, 1, List.of());
      Object v = c.input(e.getValue());
      seeded.put(e.getKey(), Channel.deepCopy(v));
      args.put(e.getKey(), new LamChannel.Assign(Channel.deepCopy(v)));
    }
    List<String> order = new ArrayList<>();
    Map<String, Object> state = seeded;
    long steps = 0;
    try {
      for (NodeOutput<LamState> out : compiled.stream(GraphInput.args(args), config)) {
        state = out.state().data();
        if (out.isEND()) return new Lg4jResult(RunStatus.DONE, steps, ordered(g, state), order, Map.of(), scope.events());
        if (!out.isSTART()) {
          order.addAll(graph.nodesOf(out.node()));
          steps++;
        }
        scope.step(steps + 1);
        // langgraph4j copies the whole state every step anyway: measuring it exactly adds no new order of cost
        String over = StateLimits.state(g.limits(), state, steps);
        if (over != null) return failed(steps, state, order, null, "limit", over, steps, scope.events());
        Optional<String> next = next(config);
        if (next.isEmpty()) continue;
        if (steps >= g.limits().maxSteps()) {
          return failed(steps, state, order, null, "limit", "reached limits.max_steps (" + g.limits().maxSteps()
              + ") with nodes still to run: " + String.join(", ", graph.nodesOf(next.get())), steps + 1, scope.events());
        }
        if (scope.deadline().passed()) {
          return failed(steps, state, order, null, "timeout", scope.deadline().message(), steps + 1, scope.events());
        }
      }
    } catch (RuntimeException e) {
      Lg4jNodeFailure f = failure(e);
      if (f != null) return failed(steps, state, order, f.node(), f.kind(), f.getMessage(), steps + 1, scope.events());
      Throwable root = rootCause(e);
      if (root instanceof StateTypeException t) {
        // a reducer refused the combined writes of a parallel step (a sum overflowing, say)
        return failed(steps, state, order, null, "type_error", t.getMessage(), steps + 1, scope.events());
      }
      return failed(steps, state, order, null, "error", String.valueOf(root), steps + 1, scope.events());
    }
    return failed(steps, state, order, null, "error", "langgraph4j stream ended before END", steps + 1, scope.events());
  }

  /** The node langgraph4j will run next (from the latest checkpoint), empty at END. */
  private Optional<String> next(RunnableConfig config) {
    return saver.get(config).map(Checkpoint::getNextNodeId).filter(n -> !n.equals(StateGraph.END));
  }

  private Lg4jResult failed(long steps, Map<String, Object> state, List<String> order, String node, String kind,
      String message, long step, List<Lg4jResult.Event> events) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (node != null) d.put("node", node);
    d.put("kind", kind);
    d.put("message", message);
    d.put("step", step);
    return new Lg4jResult(RunStatus.FAILED, steps, ordered(graph.source(), state), order, d, events);
  }

  /** The state with channels in declaration order (langgraph4j keeps it in a HashMap). */
  private static Map<String, Object> ordered(CompiledGraph g, Map<String, Object> state) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String c : g.channels().keySet()) if (state.containsKey(c)) out.put(c, state.get(c));
    state.forEach(out::putIfAbsent);
    return out;
  }

  private static Lg4jNodeFailure failure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Lg4jNodeFailure f) return f;
    }
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t;
  }
}
