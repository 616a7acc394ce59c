package dev.lamgraph.mcpserver;

/** A refused tool call (unknown thread, input that does not fit...): an MCP error result with this one-line message. */
final class ToolError extends RuntimeException {
  ToolError(String message) {
    super(message);
  }

  /** {@code s} on one line: line breaks and the spaces around them become one space. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
