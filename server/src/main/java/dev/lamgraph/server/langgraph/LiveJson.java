package dev.lamgraph.server.langgraph;

import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live stream events of one run (what nodes emit while they run, {@code
 * NodeContext.emit}), in LangGraph's shapes: {@code custom} (the payload as is), {@code
 * messages-tuple} ({@code event: messages}, data {@code [AIMessageChunk, metadata]}) and {@code
 * messages} ({@code messages/metadata} once per message, then {@code messages/partial} with the
 * message so far, {@code messages/complete} at its end). A message chunk comes from a model
 * call's {@code {id, content, provider, model}} (the last with {@code final: true}, {@code
 * finish_reason}, token counts, {@code tool_calls}). Not thread-safe: one per run, fed in order.
 */
public final class LiveJson {
  private final String runId;
  private final String threadId;
  private final String graph;
  private final String assistantId;
  private final Set<String> modes;
  /** The text so far of each message id (for {@code messages/partial}). */
  private final Map<String, StringBuilder> partial = new LinkedHashMap<>();

  public LiveJson(String runId, String threadId, String graph, Set<String> modes) {
    this.runId = runId;
    this.threadId = threadId;
    this.graph = graph;
    this.assistantId = Ids.assistantId(graph);
    this.modes = modes;
  }

  /** Whether a run streaming {@code modes} wants anything nodes emit. */
  public static boolean wanted(Set<String> modes) {
    return modes.contains("custom") || modes.contains("messages") || modes.contains("messages-tuple");
  }

  /** Whether the run wants emits of {@code kind}: {@code custom} for custom, a messages mode for {@code messages}. */
  public boolean wants(String kind) {
    return kind.equals("custom") ? modes.contains("custom")
        : kind.equals("messages") && (modes.contains("messages") || modes.contains("messages-tuple"));
  }

  /** The events of one emit of node {@code node} in step {@code step}, for the run's modes. */
  public List<StreamJson.Event> events(long step, String node, String kind, Object payload) {
    List<StreamJson.Event> out = new ArrayList<>();
    if (kind.equals("custom") && modes.contains("custom")) out.add(new StreamJson.Event("custom", payload));
    if (!kind.equals("messages") || !(payload instanceof Map<?, ?> p)) return out;
    Map<String, Object> meta = metadata(step, node, p);
    String id = String.valueOf(p.get("id"));
    boolean last = Boolean.TRUE.equals(p.get("final"));
    String text = p.get("content") == null ? "" : String.valueOf(p.get("content"));
    if (modes.contains("messages-tuple")) out.add(new StreamJson.Event("messages", List.of(chunk(p, text, last), meta)));
    if (modes.contains("messages")) {
      StringBuilder so = partial.get(id);
      if (so == null) {
        partial.put(id, so = new StringBuilder());
        out.add(new StreamJson.Event("messages/metadata", Map.of(id, Map.of("metadata", meta))));
      }
      so.append(text);
      Map<String, Object> m = chunk(p, so.toString(), last);
      m.put("type", "ai");
      m.remove("tool_call_chunks");
      out.add(new StreamJson.Event(last ? "messages/complete" : "messages/partial", List.of(m)));
      if (last) partial.remove(id);
    }
    return out;
  }

  /** An {@code AIMessageChunk} dict, as LangChain serialises one. */
  private static Map<String, Object> chunk(Map<?, ?> p, String text, boolean last) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("content", text);
    c.put("additional_kwargs", Map.of());
    Map<String, Object> rm = new LinkedHashMap<>();
    if (last) {
      if (p.get("finish_reason") != null) rm.put("finish_reason", p.get("finish_reason"));
      rm.put("model_name", p.get("model"));
      rm.put("model_provider", p.get("provider"));
    }
    c.put("response_metadata", rm);
    c.put("type", "AIMessageChunk");
    c.put("name", null);
    c.put("id", p.get("id"));
    c.put("example", false);
    List<Object> calls = new ArrayList<>();
    List<Object> callChunks = new ArrayList<>();
    if (last && p.get("tool_calls") instanceof List<?> l) {
      int i = 0;
      for (Object o : l) {
        if (!(o instanceof Map<?, ?> t)) continue;
        String args = String.valueOf(t.get("arguments"));
        Object parsed;
        try {
          parsed = Json.read(args);
        } catch (RuntimeException e) {
          parsed = Map.of();
        }
        calls.add(Map.of("name", t.get("name"), "args", parsed, "id", t.get("id"), "type", "tool_call"));
        callChunks.add(Map.of("name", t.get("name"), "args", args, "id", t.get("id"), "index", i++, "type", "tool_call_chunk"));
      }
    }
    c.put("tool_calls", calls);
    c.put("invalid_tool_calls", List.of());
    Object usage = null;
    if (last && p.get("input_tokens") instanceof Number in && p.get("output_tokens") instanceof Number o) {
      usage = Map.of("input_tokens", in.longValue(), "output_tokens", o.longValue(), "total_tokens", in.longValue() + o.longValue());
    }
    c.put("usage_metadata", usage);
    c.put("tool_call_chunks", callChunks);
    if (last) c.put("chunk_position", "last");
    return c;
  }

  /** LangGraph's metadata of a chunk: where it comes from (run, thread, graph, step, node) and the model. */
  private Map<String, Object> metadata(long step, String node, Map<?, ?> p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tags", List.of());
    m.put("run_id", runId);
    m.put("thread_id", threadId);
    m.put("graph_id", graph);
    m.put("assistant_id", assistantId);
    m.put("langgraph_step", step);
    m.put("langgraph_node", node);
    m.put("langgraph_triggers", List.of("branch:to:" + node));
    m.put("langgraph_path", List.of("__pregel_pull", node));
    m.put("langgraph_checkpoint_ns", node);
    m.put("checkpoint_ns", node);
    m.put("ls_provider", p.get("provider"));
    m.put("ls_model_name", p.get("model"));
    m.put("ls_model_type", "chat");
    return m;
  }
}
