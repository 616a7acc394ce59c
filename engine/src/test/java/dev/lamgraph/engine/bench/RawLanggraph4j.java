package dev.lamgraph.engine.bench;

import static org.bsc.langgraph4j.action.AsyncEdgeAction.edge_async;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.Channel;
import org.bsc.langgraph4j.state.Channels;

/** The benchmark's counting loop written directly against langgraph4j 1.8.17, for comparison. */
final class RawLanggraph4j {
  private RawLanggraph4j() {}

  /** Runs the loop to {@code n}; returns the final item count (so the work cannot be optimised away). */
  static int run(int n, boolean memorySaver, String thread) throws Exception {
    Map<String, Channel<?>> channels = new HashMap<>();
    channels.put("count", Channels.base(() -> 0L));
    channels.put("items", Channels.appenderWithDuplicate(ArrayList::new));
    StateGraph<AgentState> g = new StateGraph<>(channels, AgentState::new)
        .addNode("count", node_async(s -> {
          long c = s.<Long>value("count").orElse(0L) + 1;
          return Map.of("count", c, "items", List.of("item-" + c));
        }))
        .addEdge(StateGraph.START, "count")
        .addConditionalEdges("count", edge_async(s -> s.<Long>value("count").orElse(0L) < n ? "count" : "end"),
            Map.of("count", "count", "end", StateGraph.END));
    CompileConfig.Builder cc = CompileConfig.builder();
    if (memorySaver) cc.checkpointSaver(new MemorySaver());
    var compiled = g.compile(cc.build());
    compiled.setMaxIterations(n + 10);
    var last = compiled.invoke(Map.of(), RunnableConfig.builder().threadId(thread).build()).orElseThrow();
    return last.<List<?>>value("items").map(List::size).orElse(-1);
  }
}
