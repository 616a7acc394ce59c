package dev.lamgraph.engine.expr;

/** A CEL expression that failed while running (division by zero, missing key...). */
public final class EvalException extends Exception {
  private final String expression;

  public EvalException(String expression, String message) {
    super(message);
    this.expression = expression;
  }

  public String expression() {
    return expression;
  }
}
