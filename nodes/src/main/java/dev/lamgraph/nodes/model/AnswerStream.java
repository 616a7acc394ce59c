package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.node.NodeContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One model answer as the node's live {@code messages} output ({@link NodeContext#emit}), made only
 * when someone listens: a chunk {@code {id, content, provider, model}} per piece of text, then a
 * last chunk with empty content and {@code final: true}, {@code finish_reason}, the token counts
 * and the {@code tool_calls} ({@code {id, name, arguments}}). One id per attempt ({@code run-UUID}).
 * The pieces joined equal the answer's text (secrets masked). An answer that did not come from a
 * streaming provider (a replay file, the journal, a stub) is one piece.
 */
final class AnswerStream {
  private final NodeContext ctx;
  private final ModelConfig config;
  private final String id = "run-" + UUID.randomUUID();

  private AnswerStream(NodeContext ctx, ModelConfig config) {
    this.ctx = ctx;
    this.config = config;
  }

  /** A stream for one attempt, or null when nobody listens to the node's messages. */
  static AnswerStream open(NodeContext ctx, ModelConfig config) {
    return ctx != null && ctx.listening("messages") ? new AnswerStream(ctx, config) : null;
  }

  /** A whole answer as one piece and its end (nothing when nobody listens). */
  static void whole(NodeContext ctx, ModelConfig config, ModelResponse r) {
    AnswerStream s = open(ctx, config);
    if (s == null) return;
    s.token(r.text());
    s.done(r);
  }

  void token(String text) {
    if (text == null || text.isEmpty()) return;
    ctx.emit("messages", chunk(text));
  }

  void done(ModelResponse r) {
    Map<String, Object> c = chunk("");
    c.put("final", true);
    if (r.finishReason() != null) c.put("finish_reason", r.finishReason());
    c.put("input_tokens", r.inputTokens());
    c.put("output_tokens", r.outputTokens());
    List<Object> calls = new ArrayList<>();
    for (ModelMessage.ToolCall t : r.toolCalls()) {
      calls.add(Map.of("id", t.id(), "name", t.name(), "arguments", t.arguments()));
    }
    if (!calls.isEmpty()) c.put("tool_calls", calls);
    ctx.emit("messages", c);
  }

  private Map<String, Object> chunk(String text) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("content", text);
    c.put("provider", config.provider());
    c.put("model", config.model() == null ? config.name() : config.model());
    return c;
  }
}
