package dev.lamgraph.engine.expr;

import dev.cel.common.CelErrorCode;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ValueType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled, type-checked CEL expression. Evaluation reads the live state map directly (no
 * copy), so its cost does not depend on the size of the state. An evaluation that makes more
 * comprehension iterations than its environment allows fails with {@code expression exceeded N
 * iterations (limits.max_cel_iterations) at FILE:LINE:COL} (the position given by {@link #at}).
 * Expressions in a simple subset also get a fast evaluator ({@link FastPlanner}) that
 * {@link #eval} tries first; when it declines, cel-java decides, so results and error messages
 * are always cel-java's.
 */
public final class Expr {
  private final String source;
  private final CelType resultType;
  private final CelRuntime.Program program;
  private final int maxIterations;
  private final Pos pos;
  /** The fast evaluator of {@link FastPlanner}, or null when the expression is outside its subset. */
  private final FastNode fast;

  Expr(String source, CelType resultType, CelRuntime.Program program, int maxIterations, Pos pos, FastNode fast) {
    this.fast = fast;
    this.source = source;
    this.resultType = resultType;
    this.program = program;
    this.maxIterations = maxIterations;
    this.pos = pos;
  }

  /** The same expression, written at {@code pos} of a workflow file (named in evaluation limit errors). */
  public Expr at(Pos pos) {
    return new Expr(source, resultType, program, maxIterations, pos, fast);
  }

  /** Where the expression is written, when known. */
  public Optional<Pos> pos() {
    return Optional.ofNullable(pos);
  }

  public String source() {
    return source;
  }

  public CelType resultType() {
    return resultType;
  }

  /**
   * The same expression evaluated by cel-java alone, without the fast path (benchmarks compare
   * the two; results and errors are the same).
   */
  public Expr celOnly() {
    return new Expr(source, resultType, program, maxIterations, pos, null);
  }

  /** True when evaluations take the fast path (falling back to cel-java on anything unexpected). */
  boolean isFast() {
    return fast != null;
  }

  public boolean isDyn() {
    return resultType.kind() == CelKind.DYN || resultType.kind() == CelKind.ANY;
  }

  /** Evaluates over {@code state} and {@code input}; the result is JSON-shaped. */
  public Object eval(Map<String, Object> state, Map<String, Object> input) throws EvalException {
    return eval(Map.of("state", state == null ? Map.of() : state, "input", input == null ? Map.of() : input));
  }

  /**
   * The fast evaluator's result, converted like cel-java's (fresh lists and maps), or null when
   * it declined: then cel-java evaluates again and gives the exact result or error (expressions
   * are pure, so evaluating twice is safe).
   */
  Object evalFast(Map<String, ?> vars) {
    try {
      Object v = fast.eval(vars);
      return v == null ? NULL : Values.fromCel(v);
    } catch (RuntimeException declined) {
      return null;
    }
  }

  /** {@link #evalFast}'s way of saying "the value is null". */
  static final Object NULL = new Object();

  /** Evaluates with explicit variables (node types may bind their own). */
  public Object eval(Map<String, ?> vars) throws EvalException {
    if (fast != null) {
      Object v = evalFast(vars);
      if (v != null) return v == NULL ? null : v;
    }
    return evalCel(vars);
  }

  /** Evaluates with cel-java only (the differential tests compare it with the fast path). */
  Object evalCel(Map<String, ?> vars) throws EvalException {
    try {
      Map<String, Object> view = new HashMap<>(vars.size() * 2);
      vars.forEach((k, v) -> view.put(k, v instanceof CelView.MapView || v instanceof CelView.ListView ? v : CelView.of(v)));
      return Values.fromCel(program.eval(view));
    } catch (CelEvaluationException e) {
      if (e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
        throw new EvalException(source, "expression exceeded " + maxIterations + " iterations (limits.max_cel_iterations)"
            + (pos == null ? "" : " at " + pos));
      }
      throw new EvalException(source, cleanMessage(e.getMessage()));
    } catch (RuntimeException e) {
      throw new EvalException(source, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** Evaluates a condition; a non-boolean result is an error. */
  public boolean test(Map<String, Object> state, Map<String, Object> input) throws EvalException {
    Object v = eval(state, input);
    if (v instanceof Boolean b) return b;
    throw new EvalException(source, "condition must be a boolean, got " + ValueType.describe(v));
  }

  private static String cleanMessage(String m) {
    if (m == null) return "evaluation failed";
    m = m.replaceFirst("^evaluation error at <input>:\\d+: ", "").replaceFirst("^evaluation error: ", "");
    m = m.replaceFirst("^(key '[^']*' is not present) in map\\.?$", "$1; guard optional keys with has(), e.g. has(state.x)");
    return m.replace("/ by zero", "division by zero").replace("% by zero", "modulus by zero");
  }
}
