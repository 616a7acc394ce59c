package dev.lamgraph.server.a2a;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message's parts as a workflow's input or a paused run's answer: DataParts (objects) are merged
 * as they are; a TextPart goes to the workflow's messages channel (a list named {@code messages},
 * or a channel of type {@code messages}) as a {@code {type: human, content}} message, else to its
 * single text input (the one string channel without a default, or the only string channel).
 */
final class Inputs {
  private Inputs() {}

  /** Where text goes: a messages channel, a single text channel, or null when text is refused. */
  static String textChannel(CompiledGraph g) {
    for (Channel c : g.channels().values()) {
      String t = c.type().yamlName();
      if (t.equals("messages") || c.name().equals("messages") && t.equals("list")) return c.name();
    }
    List<Channel> strings = g.channels().values().stream().filter(c -> c.type().yamlName().equals("string")).toList();
    List<Channel> required = strings.stream().filter(c -> !c.spec().hasDefault()).toList();
    if (required.size() == 1) return required.get(0).name();
    return strings.size() == 1 ? strings.get(0).name() : null;
  }

  static boolean isMessages(CompiledGraph g, String channel) {
    Channel c = g.channels().get(channel);
    return c != null && !c.type().yamlName().equals("string");
  }

  /** The input of a new run from {@code parts} (already checked to be text or data parts). */
  static Map<String, Object> input(CompiledGraph g, List<Map<String, Object>> parts) {
    Map<String, Object> input = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> p : parts) {
      if ("data".equals(p.get("kind"))) input.putAll(data(p));
      else text.append(text.isEmpty() ? "" : "\n").append(p.get("text"));
    }
    if (!text.isEmpty()) {
      String ch = textChannel(g);
      if (ch == null) {
        throw new RpcError(RpcError.CONTENT_TYPE, "workflow '" + g.name() + "' takes no text: send its input as a DataPart object ("
            + AgentCards.inputs(g) + ")");
      }
      if (isMessages(g, ch)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "human");
        m.put("content", text.toString());
        input.put(ch, List.of(m));
      } else {
        input.put(ch, text.toString());
      }
    }
    return input;
  }

  /**
   * The answer to a paused run: a DataPart object as it is; text as the schema's single string
   * property when the schema has exactly one, else as {@code {"answer": text}} (as {@code lam resume}
   * takes a value that is not an object). Checked against the schema by the run manager.
   */
  static Map<String, Object> answer(Object schema, List<Map<String, Object>> parts) {
    Map<String, Object> answer = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> p : parts) {
      if ("data".equals(p.get("kind"))) answer.putAll(data(p));
      else text.append(text.isEmpty() ? "" : "\n").append(p.get("text"));
    }
    if (!text.isEmpty()) answer.put(stringProperty(schema), text.toString());
    return answer;
  }

  @SuppressWarnings("unchecked")
  private static String stringProperty(Object schema) {
    if (schema instanceof Map<?, ?> s && s.get("properties") instanceof Map<?, ?> props) {
      List<String> strings = ((Map<String, Object>) props).entrySet().stream()
          .filter(e -> e.getValue() instanceof Map<?, ?> p && "string".equals(p.get("type"))).map(Map.Entry::getKey).toList();
      if (strings.size() == 1) return strings.get(0);
    }
    return "answer";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> part) {
    return (Map<String, Object>) part.get("data");
  }
}
