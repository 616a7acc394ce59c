package dev.lamgraph.nodes.tool;

import java.util.Map;

/**
 * A tool written in Java, named by {@code type: java, class: ...} under {@code tools:} and created
 * with its public no-arg constructor. Name, description, timeout and (when written) parameters
 * come from the YAML entry; {@link #parametersSchema()} is used when the entry has no
 * {@code parameters:}. A class may implement {@link Tool} instead.
 *
 * <pre>{@code
 * public final class Add implements JavaTool {
 *   public String parametersSchema() {
 *     return "{\"type\":\"object\",\"required\":[\"a\",\"b\"],\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}}}";
 *   }
 *   public Object call(Map<String, Object> args, Tool.ToolCall call) {
 *     return ((Number) args.get("a")).doubleValue() + ((Number) args.get("b")).doubleValue();
 *   }
 * }
 * }</pre>
 */
public interface JavaTool {
  /** JSON Schema of the arguments, or null to require {@code parameters:} in YAML (default: any object). */
  default String parametersSchema() {
    return null;
  }

  /** Runs once; return a JSON-shaped value, throw {@link ToolException} for an observable failure. */
  Object call(Map<String, Object> args, Tool.ToolCall call) throws Exception;
}
