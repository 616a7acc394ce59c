package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.Join;
import dev.lamgraph.engine.compile.MapBody;
import dev.lamgraph.engine.compile.NodeBody;
import dev.lamgraph.engine.compile.SubgraphBody;
import dev.lamgraph.engine.compile.Route;
import dev.lamgraph.engine.exec.RunDeadline;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.internal.node.ParallelNode;

/**
 * Converts a compiled workflow to a langgraph4j {@link StateGraph}: each channel becomes a
 * {@link LamChannel} (our reducer and type checks), each node an async node action calling our
 * {@code Node.run}, static edges {@code addEdge}, a fan-out several {@code addEdge} from one source
 * (langgraph4j's ParallelNode; branches added in node-declaration order, the order in which our
 * executor applies a step's writes), a join whose sources are exactly the branches of one fan-out
 * as those branches' edges into the parallel node's single target (langgraph4j's implicit join),
 * and a conditional edge {@code addConditionalEdges} with our CEL conditions. Run it with {@link Lg4jRunner}, or directly with a config from
 * {@link #runnableConfig} so nodes and conditions see the run's input.
 *
 * <pre>{@code
 * CompiledGraph graph = Compiler.withDefaults().compile(Path.of("graphs/agent-loop.yaml"));
 * StateGraph<LamState> sg = Lg4jGraphs.toStateGraph(graph);
 * var compiled = sg.compile(CompileConfig.builder().recursionLimit(1_000).build());
 * LamState end = compiled.invoke(GraphInput.args(Map.of()), Lg4jGraphs.runnableConfig("t-1", Map.of())).orElseThrow();
 * }</pre>
 */
public final class Lg4jGraphs {
  private Lg4jGraphs() {}

  /** The StateGraph of {@code graph}; throws when it uses a construct langgraph4j cannot express. */
  public static StateGraph<LamState> toStateGraph(CompiledGraph graph) throws Lg4jUnsupportedException {
    return convert(graph).stateGraph();
  }

  /** Like {@link #toStateGraph}, keeping the mapping of parallel nodes back to ours. */
  public static Lg4jGraph convert(CompiledGraph graph) throws Lg4jUnsupportedException {
    return convert(graph, true);
  }

  /**
   * A config for running a converted graph directly: thread id plus the run's input, which nodes
   * ({@code NodeContext.input()}) and conditions ({@code input.x}) read. Unlike {@link Lg4jRunner},
   * a direct run does not seed channels from the input (graph args go through the reducers), does
   * not track {@code NodeContext.step()} (always 1) and leaves {@code limits} to langgraph4j's
   * recursion limit.
   */
  public static RunnableConfig runnableConfig(String threadId, Map<String, Object> input) {
    return config(threadId, new RunScope(threadId, new LinkedHashMap<>(input), RunDeadline.NONE));
  }

  static RunnableConfig config(String threadId, RunScope scope) {
    return RunnableConfig.builder().threadId(threadId).addMetadata(RunScope.KEY, scope).build();
  }

  /**
   * @param guardParallelMerge false leaves langgraph4j's ParallelNode merge as it is (it applies
   *     the already-merged state through the reducers a second time); tests use it to show why the
   *     guard exists
   */
  static Lg4jGraph convert(CompiledGraph graph, boolean guardParallelMerge) throws Lg4jUnsupportedException {
    List<Lg4jGap> gaps = gaps(graph);
    if (!gaps.isEmpty()) throw new Lg4jUnsupportedException(graph.name(), gaps);
    Map<String, LamChannel> lam = new LinkedHashMap<>();
    Map<String, org.bsc.langgraph4j.state.Channel<?>> channels = new LinkedHashMap<>();
    for (Channel c : graph.channels().values()) {
      LamChannel lc = new LamChannel(c);
      lam.put(c.name(), lc);
      channels.put(c.name(), lc);
    }
    StateGraph<LamState> sg = new StateGraph<>(channels, new LamStateSerializer());
    Map<String, List<String>> parallel = new HashMap<>();
    try {
      for (CompiledNode n : graph.nodes().values()) sg.addNode(n.name(), new NodeAction(n, lam, graph.limits()));
      for (String from : sources(graph)) {
        String id = from.equals(WorkflowSpec.START) ? StateGraph.START : from;
        List<Route> routes = graph.routes().getOrDefault(from, List.of());
        if (routes.size() == 1 && routes.get(0) instanceof Route.Conditional c) {
          RouteAction a = new RouteAction(from, c);
          sg.addConditionalEdges(id, a, a.mappings());
          continue;
        }
        List<String> targets = staticTargets(graph, from);
        if (targets.isEmpty()) continue;
        for (String t : targets) sg.addEdge(id, RouteAction.id(t));
        if (targets.size() > 1) parallel.put(ParallelNode.formatNodeId(id), targets);
      }
    } catch (GraphStateException e) {
      throw new IllegalStateException("langgraph4j rejected workflow '" + graph.name() + "': " + e.getMessage(), e);
    }
    if (guardParallelMerge) sg.addWrapCallNodeHook(new ParallelMergeGuard(parallel.keySet()));
    return new Lg4jGraph(graph, sg, parallel);
  }

  /** Control nodes have no langgraph4j counterpart; plugin nodes become {@link NodeAction}s. */
  private static final NodeBody.Cases<CompiledNode, Lg4jGap, RuntimeException> CONTROL_GAPS = new NodeBody.Cases<>() {
    @Override
    public Lg4jGap task(NodeBody.Task t, CompiledNode n) {
      return null;
    }

    @Override
    public Lg4jGap map(MapBody m, CompiledNode n) {
      return new Lg4jGap(Lg4jGap.Kind.MAP, n.name(), "map over '" + m.over() + "' running a " + m.inner().kind() + " node");
    }

    @Override
    public Lg4jGap subgraph(SubgraphBody s, CompiledNode n) {
      return new Lg4jGap(Lg4jGap.Kind.SUBGRAPH, n.name(), "subgraph " + s.file().getFileName());
    }
  };

  /** Every construct of {@code graph} that langgraph4j cannot express; empty when it converts. */
  public static List<Lg4jGap> gaps(CompiledGraph graph) {
    List<Lg4jGap> out = new ArrayList<>();
    for (String from : sources(graph)) {
      List<Route> routes = graph.routes().getOrDefault(from, List.of());
      long conditional = routes.stream().filter(Route.Conditional.class::isInstance).count();
      if (conditional > 1 || (conditional == 1 && routes.size() > 1)) {
        out.add(new Lg4jGap(Lg4jGap.Kind.MIXED_ROUTES, from, conditional + " conditional and "
            + (routes.size() - conditional) + " static edge(s) leave it"));
        continue;
      }
      List<String> targets = conditional == 0 ? staticTargets(graph, from) : List.of();
      if (targets.size() > 1) branches(graph, from, targets, out);
    }
    for (Join j : graph.joins()) {
      if (!fanIn(graph, j)) {
        out.add(new Lg4jGap(Lg4jGap.Kind.JOIN, j.from().get(0), "join " + j.id() + " is not the fan-in of one fan-out"));
      }
    }
    for (CompiledNode n : graph.nodes().values()) {
      if (n.spec().onError() != null) {
        out.add(new Lg4jGap(Lg4jGap.Kind.ON_ERROR, n.name(), "on_error: " + n.spec().onError()));
      }
      Lg4jGap control = n.body().match(CONTROL_GAPS, n);
      if (control != null) out.add(control);
      if (n.type().pauses()) { // a node that asks for input (type: human)
        out.add(new Lg4jGap(Lg4jGap.Kind.HUMAN, n.name(), "type: " + n.spec().type() + " (output: " + n.writes() + ")"));
      }
      if (n.spec().interruptBefore() || n.spec().interruptAfter()) {
        out.add(new Lg4jGap(Lg4jGap.Kind.INTERRUPT, n.name(), n.spec().interruptBefore() ? "interrupt_before" : "interrupt_after"));
      }
    }
    return out;
  }

  private static void branches(CompiledGraph graph, String from, List<String> targets, List<Lg4jGap> out) {
    Set<List<String>> joins = new LinkedHashSet<>();
    for (String t : targets) {
      List<Route> rs = graph.routes().getOrDefault(t, List.of());
      List<String> next = staticTargets(graph, t);
      if (rs.stream().anyMatch(Route.Conditional.class::isInstance) || next.size() > 1) {
        out.add(new Lg4jGap(Lg4jGap.Kind.PARALLEL_BRANCHES, from, "branch '" + t + "' has "
            + (next.size() > 1 ? "a fan-out" : "a conditional edge")));
        return;
      }
      joins.add(next.isEmpty() ? List.of(RouteAction.END) : next);
    }
    if (joins.size() > 1) {
      out.add(new Lg4jGap(Lg4jGap.Kind.PARALLEL_BRANCHES, from, "branches " + targets + " lead to different nodes "
          + joins.stream().map(j -> j.get(0)).toList()));
    }
  }

  /**
   * Whether a join is the implicit join of a langgraph4j parallel node: one source (START or a
   * node) fans out by static edges to exactly the join's sources, which have no other edge and no
   * other join, and the join leads to a single node.
   */
  private static boolean fanIn(CompiledGraph graph, Join j) {
    if (j.to().size() != 1) return false;
    for (String s : j.from()) {
      if (!graph.routes().getOrDefault(s, List.of()).isEmpty()) return false;
      if (graph.joins().stream().filter(o -> o.from().contains(s)).count() != 1) return false;
    }
    for (String from : sources(graph)) {
      List<Route> rs = graph.routes().getOrDefault(from, List.of());
      if (rs.isEmpty() || !rs.stream().allMatch(Route.Static.class::isInstance)) continue;
      Set<String> targets = new LinkedHashSet<>();
      rs.forEach(r -> targets.addAll(((Route.Static) r).targets()));
      if (targets.equals(new LinkedHashSet<>(j.from()))) return true;
    }
    return false;
  }

  /** START then the nodes, in declaration order. */
  private static List<String> sources(CompiledGraph graph) {
    List<String> out = new ArrayList<>();
    out.add(WorkflowSpec.START);
    out.addAll(graph.nodes().keySet());
    return out;
  }

  /**
   * The union of the static targets of {@code from}, in node-declaration order, with END dropped
   * when other targets exist (our executor never runs END); [END] when it is the only one.
   */
  private static List<String> staticTargets(CompiledGraph graph, String from) {
    Set<String> all = new LinkedHashSet<>();
    for (Route r : graph.routes().getOrDefault(from, List.of())) {
      if (r instanceof Route.Static s) all.addAll(s.targets());
    }
    for (Join j : graph.joins()) { // a join's sources lead to its target
      if (j.from().contains(from)) all.addAll(j.to());
    }
    if (all.isEmpty()) return List.of();
    List<String> out = new ArrayList<>();
    for (String n : graph.nodes().keySet()) if (all.contains(n)) out.add(n);
    return out.isEmpty() ? List.of(RouteAction.END) : out;
  }
}
