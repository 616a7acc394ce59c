package dev.lamgraph.nodes.tool;

/** A tool failure with a message fit for a model or a person to read (no stack trace). */
public class ToolException extends Exception {
  public ToolException(String message) {
    super(message);
  }

  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
