package dev.lamgraph.engine.lg4j;

/**
 * A node (or a route condition) failed inside a langgraph4j run; {@link Lg4jRunner} turns it into
 * a FAILED result with the same {@code kind} our executor reports ({@code error}, {@code timeout},
 * {@code expression_error}, {@code type_error}, {@code unsupported}).
 */
public final class Lg4jNodeFailure extends RuntimeException {
  private final String node;
  private final String kind;
  private final int attempts;

  public Lg4jNodeFailure(String node, String kind, String message, int attempts) {
    super(message);
    this.node = node;
    this.kind = kind;
    this.attempts = attempts;
  }

  public String node() {
    return node;
  }

  public String kind() {
    return kind;
  }

  public int attempts() {
    return attempts;
  }
}
