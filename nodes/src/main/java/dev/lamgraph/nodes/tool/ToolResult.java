package dev.lamgraph.nodes.tool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The observation of one tool call: its value, or an error kind ({@code invalid_arguments},
 * {@code timeout}, {@code error}, {@code refused}) and message. Failures are observations the graph
 * can route on, never crashes.
 */
public record ToolResult(String tool, boolean ok, Object value, String errorKind, String error, long durationMs) {
  public static ToolResult ok(String tool, Object value, long ms) {
    return new ToolResult(tool, true, value, null, null, ms);
  }

  public static ToolResult failed(String tool, String kind, String message, long ms) {
    return new ToolResult(tool, false, null, kind, message, ms);
  }

  /** The JSON-shaped observation written to state: {tool, ok, value} or {tool, ok, error_kind, error}. */
  public Map<String, Object> observation() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", tool);
    m.put("ok", ok);
    if (ok) {
      m.put("value", value);
    } else {
      m.put("error_kind", errorKind);
      m.put("error", error);
    }
    return m;
  }
}
