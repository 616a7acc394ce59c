package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.compile.CompiledGraph;
import java.util.List;
import java.util.Map;
import org.bsc.langgraph4j.StateGraph;

/**
 * A compiled workflow converted to langgraph4j, with what is needed to read its runs in our
 * terms: langgraph4j runs a fan-out as one synthetic node ({@code __PARALLEL__(source)}), which
 * {@link #nodesOf} maps back to our branch nodes in declaration order.
 *
 * <pre>{@code
 * Lg4jGraph g = Lg4jGraphs.convert(graph);
 * var compiled = g.stateGraph().compile();
 * List<String> ran = g.nodesOf("__PARALLEL__(plan)");   // [search, fetch]
 * }</pre>
 *
 * @param parallelNodes langgraph4j's parallel node ids to our branch nodes, in declaration order
 */
public record Lg4jGraph(CompiledGraph source, StateGraph<LamState> stateGraph, Map<String, List<String>> parallelNodes) {
  public Lg4jGraph {
    parallelNodes = Map.copyOf(parallelNodes);
  }

  /** Our nodes behind a langgraph4j node id: the branches of a parallel node, else the id itself. */
  public List<String> nodesOf(String lg4jNodeId) {
    return parallelNodes.getOrDefault(lg4jNodeId, List.of(lg4jNodeId));
  }
}
