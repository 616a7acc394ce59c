package dev.lamgraph.nodes.model;

import java.util.List;
import java.util.Map;

/**
 * What a node asks a model, provider-neutral. Model settings (model name, temperature,
 * max_tokens) come from the named model in the {@code models:} section, not from the request.
 *
 * <pre>{@code
 * ModelRequest r = new ModelRequest(List.of(ModelMessage.user("Hi")), List.of(), null);
 * }</pre>
 *
 * @param tools tools the model may call (empty: none)
 * @param responseSchema JSON Schema the answer must match (null: free text); sent as the provider's
 *     JSON response format
 */
public record ModelRequest(List<ModelMessage> messages, List<ToolSpec> tools, Map<String, Object> responseSchema) {
  public ModelRequest {
    messages = List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
  }
}
