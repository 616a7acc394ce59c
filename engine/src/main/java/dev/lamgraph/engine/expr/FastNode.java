package dev.lamgraph.engine.expr;

import java.util.List;
import java.util.Map;

/**
 * One node of the fast evaluator that {@link FastPlanner} builds from a type-checked CEL
 * expression. A node works on the raw JSON-shaped values of the variables (Long, Double, String,
 * Boolean, null, List, Map) and only has to be right when evaluation succeeds: whenever it meets
 * anything it does not expect (another Java class, a missing key, overflow, division by zero...)
 * it throws {@link Fallback#SIGNAL} (or lets a runtime exception escape) and {@link Expr} asks
 * cel-java for the exact result or error.
 */
interface FastNode {
  /** Evaluates over {@code vars} (variable name to raw value). */
  Object eval(Map<String, ?> vars);

  /** The fast path declines: re-evaluate with cel-java. Carries no stack trace. */
  final class Fallback extends RuntimeException {
    static final Fallback SIGNAL = new Fallback();

    private Fallback() {
      super("fast path declined", null, false, false);
    }
  }

  /** {@code v} when it is one of the JSON-shaped classes the fast path knows, else a fallback. */
  static Object json(Object v) {
    if (v == null || v instanceof Long || v instanceof String || v instanceof Boolean || v instanceof Double
        || v instanceof Map || v instanceof List) {
      return v;
    }
    throw Fallback.SIGNAL;
  }

  /** A condition's value: a Boolean, else a fallback. */
  static boolean bool(Object v) {
    if (v instanceof Boolean b) return b;
    throw Fallback.SIGNAL;
  }
}
