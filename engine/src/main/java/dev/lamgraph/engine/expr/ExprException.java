package dev.lamgraph.engine.expr;

/** A CEL expression that does not compile; {@code line}/{@code col} are within the expression. */
public final class ExprException extends Exception {
  private final int line;
  private final int col;
  private final boolean outputField;

  public ExprException(String message, int line, int col) {
    this(message, line, col, false);
  }

  /** {@code outputField}: the expression reads a field a node's declared output shape does not have. */
  public ExprException(String message, int line, int col, boolean outputField) {
    super(message);
    this.line = line;
    this.col = col;
    this.outputField = outputField;
  }

  /** True when the error is a read of a field a declared node output shape does not have. */
  public boolean outputField() {
    return outputField;
  }

  public int line() {
    return line;
  }

  public int col() {
    return col;
  }
}
