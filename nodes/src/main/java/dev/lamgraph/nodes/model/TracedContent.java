package dev.lamgraph.nodes.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code model_call} trace event keeps of a call's content when {@code trace_content} is
 * on: the messages ({@code {role, text, tool_calls?, attachments?}}) and the answer, each text cut
 * at {@link #MAX_TEXT} characters and at most {@link #MAX_MESSAGES} messages (the last ones), so a
 * long conversation cannot bloat the store. Secrets are masked by the node context that records
 * the event.
 *
 * <pre>{@code
 * d.put("messages", TracedContent.messages(request));   // [{role: system, text: ...}, {role: user, text: ...}]
 * d.put("answer", TracedContent.answer(response));      // {text: ..., tool_calls: [{name, arguments}]}
 * }</pre>
 */
final class TracedContent {
  static final int MAX_TEXT = 2000;
  static final int MAX_MESSAGES = 40;

  private TracedContent() {}

  static List<Object> messages(ModelRequest request) {
    List<ModelMessage> all = request.messages();
    List<Object> out = new ArrayList<>();
    int from = Math.max(0, all.size() - MAX_MESSAGES);
    if (from > 0) out.add(Map.of("role", "omitted", "text", from + " earlier messages"));
    for (ModelMessage m : all.subList(from, all.size())) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("role", m.role());
      if (m.text() != null) x.put("text", clip(m.text()));
      if (!m.toolCalls().isEmpty()) x.put("tool_calls", calls(m.toolCalls()));
      if (!m.attachments().isEmpty()) x.put("attachments", m.attachments().size());
      out.add(x);
    }
    return out;
  }

  static Map<String, Object> answer(ModelResponse r) {
    Map<String, Object> x = new LinkedHashMap<>();
    if (r.text() != null) x.put("text", clip(r.text()));
    if (!r.toolCalls().isEmpty()) x.put("tool_calls", calls(r.toolCalls()));
    return x;
  }

  private static List<Object> calls(List<ModelMessage.ToolCall> calls) {
    List<Object> out = new ArrayList<>();
    for (ModelMessage.ToolCall c : calls) {
      out.add(Map.of("name", String.valueOf(c.name()), "arguments", clip(c.arguments() == null ? "" : c.arguments())));
    }
    return out;
  }

  static String clip(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "… (" + (s.length() - MAX_TEXT) + " more characters)";
  }
}
