package dev.lamgraph.nodes.llm;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.model.ModelMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between the chat messages of a {@code type: messages} channel (LangChain's dict shape,
 * see {@code engine.compile.Messages}) and the provider-neutral {@link ModelMessage}s of a request.
 *
 * <pre>{@code
 * List<ModelMessage> history = ChatMessages.toModel((List<?>) state.get("messages"));
 * Map<String, Object> answer = ChatMessages.fromModel(ModelMessage.assistant("Hi!", List.of()));  // {type: ai, content: Hi!}
 * }</pre>
 */
final class ChatMessages {
  private ChatMessages() {}

  /** The channel's messages as model messages (human -> user, ai -> assistant); unreadable items are skipped. */
  static List<ModelMessage> toModel(List<?> messages) {
    List<ModelMessage> out = new ArrayList<>();
    if (messages == null) return out;
    for (Object o : messages) {
      if (!(o instanceof Map<?, ?> m)) continue;
      String text = text(m.get("content"));
      switch (String.valueOf(m.get("type"))) {
        case "human" -> out.add(ModelMessage.user(text));
        case "system" -> out.add(ModelMessage.system(text));
        case "ai" -> out.add(ModelMessage.assistant(text, calls(m.get("tool_calls"))));
        case "tool" -> out.add(new ModelMessage("tool", text, List.of(), String.valueOf(m.get("tool_call_id")),
            m.get("name") == null ? null : String.valueOf(m.get("name"))));
        default -> { }
      }
    }
    return out;
  }

  /** A model message as a channel message: {@code {type, content, tool_calls?, tool_call_id?, name?}} (ids are the reducer's). */
  static Map<String, Object> fromModel(ModelMessage m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", switch (m.role()) {
      case "user" -> "human";
      case "assistant" -> "ai";
      default -> m.role();
    });
    out.put("content", m.text() == null ? "" : m.text());
    if (!m.toolCalls().isEmpty()) {
      List<Object> calls = new ArrayList<>();
      for (ModelMessage.ToolCall c : m.toolCalls()) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", c.id());
        call.put("name", c.name());
        call.put("args", args(c.arguments()));
        calls.add(call);
      }
      out.put("tool_calls", calls);
    }
    if (m.role().equals("tool")) out.put("tool_call_id", m.toolCallId() == null ? "" : m.toolCallId());
    if (m.toolName() != null) out.put("name", m.toolName());
    return out;
  }

  /** A string content as is; a list of content blocks as their texts joined by newlines (other blocks as JSON). */
  static String text(Object content) {
    if (content == null) return "";
    if (content instanceof String s) return s;
    if (!(content instanceof List<?> blocks)) return Json.write(content);
    StringBuilder sb = new StringBuilder();
    for (Object b : blocks) {
      if (sb.length() > 0) sb.append('\n');
      if (b instanceof String s) sb.append(s);
      else if (b instanceof Map<?, ?> m && m.get("text") instanceof String t) sb.append(t);
      else sb.append(Json.write(b));
    }
    return sb.toString();
  }

  private static List<ModelMessage.ToolCall> calls(Object o) {
    List<ModelMessage.ToolCall> out = new ArrayList<>();
    if (!(o instanceof List<?> l)) return out;
    for (Object c : l) {
      if (c instanceof Map<?, ?> m) {
        out.add(new ModelMessage.ToolCall(m.get("id") == null ? null : String.valueOf(m.get("id")), String.valueOf(m.get("name")),
            Json.write(m.get("args") == null ? Map.of() : m.get("args"))));
      }
    }
    return out;
  }

  /** The arguments a model wrote as an object (LangChain's {@code args}); text that is no JSON object as {@code {}}. */
  private static Object args(String json) {
    if (json == null || json.isBlank()) return Map.of();
    try {
      Object v = Json.read(json);
      return v instanceof Map<?, ?> ? v : Map.of();
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }
}
