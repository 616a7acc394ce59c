package dev.lamgraph.nodes.tool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The observation of one tool call: its value, or an error kind and message. Kinds: {@code
 * unknown_tool}, {@code invalid_arguments}, {@code timeout}, {@code refused} (a security rule),
 * {@code too_large}, {@code unavailable} (an MCP server or java class that could not start at its
 * first call), {@code error}, {@code crash} (an unexpected exception), and connector ones
 * such as {@code http_status}, {@code exit_status}, {@code sql_error}, {@code connect},
 * {@code not_found}. Failures are observations the graph can route on, never crashes.
 *
 * <pre>{@code
 * ToolResult.failed("weather", "timeout", "tool 'weather' timed out after 10000 ms", 10001).observation();
 * // {tool=weather, ok=false, error_kind=timeout, error=tool 'weather' timed out after 10000 ms}
 * }</pre>
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
