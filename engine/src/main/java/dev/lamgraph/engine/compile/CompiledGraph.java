package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.InputRefs;
import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.util.Redactor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An immutable, checked, runnable workflow. Obtain one with {@link Compiler#compile}; run it with
 * {@code dev.lamgraph.engine.exec.Executor}, or convert it with {@code lg4j.Lg4jGraphs}. Whoever
 * obtains a graph closes it ({@code try (CompiledGraph g = ...)}): closing ends what its sections
 * started during runs (MCP server processes, tool instances, memory stores).
 */
public final class CompiledGraph implements AutoCloseable {
  private final WorkflowSpec spec;
  private final Map<String, Channel> channels;
  private final Map<String, CompiledNode> nodes;
  private final Map<String, List<Route>> routes;
  private final List<Join> joins;

  private final Map<String, Object> resources;
  private final Redactor secrets;
  private final InputRefs inputRefs;

  CompiledGraph(WorkflowSpec spec, Map<String, Channel> channels, Map<String, CompiledNode> nodes,
      Map<String, List<Route>> routes, List<Join> joins, Map<String, Object> resources, Redactor secrets,
      InputRefs inputRefs) {
    this.secrets = secrets;
    this.inputRefs = inputRefs;
    this.joins = List.copyOf(joins);
    this.resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    this.spec = spec;
    this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    Map<String, List<Route>> r = new LinkedHashMap<>();
    routes.forEach((k, v) -> r.put(k, List.copyOf(v)));
    this.routes = Collections.unmodifiableMap(r);
  }

  /** The input keys the workflow's expressions read ({@code input.KEY}), beside those that seed channels. */
  public InputRefs inputRefs() {
    return inputRefs;
  }

  public String name() {
    return spec.name();
  }

  /**
   * The redactor this graph was compiled with: it knows the secrets the graph's sections and nodes
   * resolved. A run masks and seals with its own options' redactor, which is given these secrets
   * when it starts (see {@code exec.Runs}); pass the same redactor to both and nothing is copied.
   */
  public Redactor secrets() {
    return secrets;
  }

  public WorkflowSpec spec() {
    return spec;
  }

  public LimitsSpec limits() {
    return spec.limits();
  }

  /** Channels in declaration order. */
  public Map<String, Channel> channels() {
    return channels;
  }

  /** Nodes in declaration order. */
  public Map<String, CompiledNode> nodes() {
    return nodes;
  }

  /** Routes out of each node (and out of {@code START}), in the order the edges were written. */
  public Map<String, List<Route>> routes() {
    return routes;
  }

  /** Waiting edges ({@code from: [a, b]}), in the order written; not part of {@link #routes()}. */
  public List<Join> joins() {
    return joins;
  }

  /** A fresh state holding every channel's initial value. */
  public Map<String, Object> initialState() {
    Map<String, Object> s = new LinkedHashMap<>();
    for (Channel c : channels.values()) if (c.hasInitial()) s.put(c.name(), c.initial());
    return s;
  }

  /**
   * The nodes that follow {@code from}, given the state after its step: the union of its static
   * targets and the first matching branch of each conditional edge, without END, in edge order.
   */
  public List<String> next(String from, Map<String, Object> state, Map<String, Object> input) throws EvalException {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Route r : routes.getOrDefault(from, List.of())) {
      if (r instanceof Route.Static s) {
        out.addAll(s.targets());
      } else if (r instanceof Route.Conditional c) {
        String chosen = c.elseTarget();
        for (Route.Branch b : c.branches()) {
          if (b.condition().test(state, input)) {
            chosen = b.target();
            break;
          }
        }
        if (chosen != null) out.add(chosen);
      }
    }
    out.remove(WorkflowSpec.END);
    return new ArrayList<>(out);
  }

  /** The compiled plugin sections (tool registries, model clients...), by section name. */
  public Map<String, Object> resources() {
    return resources;
  }

  /** Closes the resources of plugin sections that hold connections or processes (MCP servers...). */
  @Override
  public void close() {
    closeAll(resources.values());
    closeAll(nodes.values().stream().map(n -> (Object) n.body()).toList()); // subgraphs close their child graphs
  }

  /**
   * Whether a run of this graph can pause: one of its nodes {@link CompiledNode#mayPause may}
   * (interrupts before/after, has a type that pauses for input, or is a subgraph that can pause).
   */
  public boolean mayPause() {
    for (CompiledNode n : nodes.values()) if (n.mayPause()) return true;
    return false;
  }

  static void closeAll(Collection<Object> rs) {
    for (Object r : rs) {
      if (r instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // closing is best effort; a resource that cannot close cleanly is released by process exit
        }
      }
    }
  }
}
