package dev.lamgraph.nodes.model;

import java.util.List;

/**
 * A model's answer, provider-neutral: text and/or tool calls, with token usage.
 *
 * <pre>{@code
 * ModelResponse r = model.call(request, ctx);
 * if (!r.toolCalls().isEmpty()) ... else write(r.text());
 * }</pre>
 *
 * @param finishReason e.g. {@code stop}, {@code tool_execution}, {@code length} (null when unknown)
 */
public record ModelResponse(String text, List<ModelMessage.ToolCall> toolCalls, long inputTokens, long outputTokens,
    String finishReason) {
  public ModelResponse {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }
}
