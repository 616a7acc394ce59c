package dev.lamgraph.nodes.llm;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.util.Json;
import java.util.List;

/**
 * Reads a model's structured answer: the text must be one JSON value (a surrounding Markdown code
 * fence is tolerated) that matches the node's {@code output_schema}.
 *
 * <pre>{@code
 * OutputCheck.Result r = OutputCheck.check("{\"label\": \"bug\"}", schema);   // r.ok(), r.value()
 * }</pre>
 */
final class OutputCheck {
  private OutputCheck() {}

  /** Either a value, or the problem to tell the model. */
  record Result(boolean ok, Object value, String problem) {}

  static Result check(String text, Schema schema) {
    String body = unfence(text.trim());
    Object value;
    try {
      value = Json.read(body);
    } catch (IllegalArgumentException e) {
      return new Result(false, null, "it is not JSON (" + e.getMessage() + ")");
    }
    List<String> errors = schema.validate(Json.MAPPER.valueToTree(value)).stream().map(x -> x.getMessage()).distinct().toList();
    if (!errors.isEmpty()) return new Result(false, null, "it does not match the schema: " + String.join("; ", errors));
    return new Result(true, value, null);
  }

  private static String unfence(String s) {
    if (!s.startsWith("```")) return s;
    int nl = s.indexOf('\n');
    int end = s.lastIndexOf("```");
    return nl < 0 || end <= nl ? s : s.substring(nl + 1, end).trim();
  }

  static String clip(String s) {
    String one = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return one.length() <= 160 ? one : one.substring(0, 160) + "…";
  }
}
