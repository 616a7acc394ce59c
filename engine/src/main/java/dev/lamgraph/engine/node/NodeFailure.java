package dev.lamgraph.engine.node;

/**
 * A node failed in a way it can describe: {@code kind} is what retry policies match on
 * ({@code error}, {@code timeout}, {@code expression_error}, {@code type_error}...).
 */
public class NodeFailure extends Exception {
  private final String kind;

  public NodeFailure(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  public NodeFailure(String kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
