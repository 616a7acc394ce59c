package dev.lamgraph.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Runs one expression through the fast path and through cel-java and compares the two. */
final class FastPathCheck {
  private FastPathCheck() {}

  /** What happened to an expression on the fast path. */
  enum Outcome {
    /** The fast path gave the result (equal to cel-java's). */
    FAST,
    /** The fast path declined at run time; cel-java decided. */
    BACK,
    /** The expression is outside the fast subset (decided at compile time). */
    NONE
  }

  static ChannelSpec channel(String name, ValueType type, ValueType items) {
    return new ChannelSpec(name, type, ReducerKind.REPLACE, null, false, items, null, "", Pos.UNKNOWN);
  }

  /**
   * Evaluates {@code e} both ways: a fast success must equal cel-java's success (same classes,
   * same map order, -0.0 and NaN told apart); {@link Expr#eval} must always equal cel-java's
   * result or error message.
   */
  static Outcome compare(Expr e, Map<String, ?> vars) {
    String cel = describe(() -> e.evalCel(vars));
    String viaEval = describe(() -> e.eval(vars));
    assertThat(viaEval).as("eval of %s", e.source()).isEqualTo(cel);
    if (!e.isFast()) return Outcome.NONE;
    Object fast = e.evalFast(vars);
    if (fast == null) return Outcome.BACK;
    Object v = fast == Expr.NULL ? null : fast;
    assertThat(canon(v)).as("fast path of %s", e.source()).isEqualTo(cel);
    return Outcome.FAST;
  }

  interface Eval {
    Object run() throws EvalException;
  }

  static String describe(Eval ev) {
    try {
      return canon(ev.run());
    } catch (EvalException ex) {
      return "error: " + ex.getMessage();
    }
  }

  /** A text that tells apart values {@code equals} would confuse or merge (class, order, -0.0). */
  static String canon(Object v) {
    if (v == null) return "null";
    if (v instanceof List<?> l) {
      StringJoiner j = new StringJoiner(", ", l.getClass().getSimpleName() + "[", "]");
      l.forEach(x -> j.add(canon(x)));
      return j.toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringJoiner j = new StringJoiner(", ", m.getClass().getSimpleName() + "{", "}");
      m.forEach((k, x) -> j.add(canon(k) + "=" + canon(x)));
      return j.toString();
    }
    return v.getClass().getSimpleName() + ":" + v;
  }
}
