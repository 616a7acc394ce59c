package dev.lamgraph.engine.expr;

/** A CEL expression that does not compile; {@code line}/{@code col} are within the expression. */
public final class ExprException extends Exception {
  private final int line;
  private final int col;

  public ExprException(String message, int line, int col) {
    super(message);
    this.line = line;
    this.col = col;
  }

  public int line() {
    return line;
  }

  public int col() {
    return col;
  }
}
