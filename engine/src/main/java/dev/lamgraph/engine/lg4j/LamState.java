package dev.lamgraph.engine.lg4j;

import java.util.Map;
import org.bsc.langgraph4j.state.AgentState;

/**
 * A lamgraph workflow's state as a langgraph4j {@link AgentState}: plain JSON-shaped values
 * (maps, lists, strings, longs, doubles, booleans) keyed by channel name.
 *
 * <pre>{@code
 * StateGraph<LamState> sg = Lg4jGraphs.toStateGraph(graph);
 * LamState s = sg.compile().invoke(Map.of()).orElseThrow();
 * Object attempts = s.data().get("attempts");
 * }</pre>
 *
 * <p>langgraph4j drops keys whose value is null, so a channel that holds {@code null} in our
 * executor is absent here.
 */
public final class LamState extends AgentState {
  public LamState(Map<String, Object> data) {
    super(data);
  }
}
