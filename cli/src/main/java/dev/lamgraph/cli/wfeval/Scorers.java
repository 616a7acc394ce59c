package dev.lamgraph.cli.wfeval;

import dev.cel.common.types.SimpleType;
import dev.lamgraph.cli.wftest.JsonValues;
import dev.lamgraph.cli.wftest.PathMatch;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.expr.ExprException;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in scorers, made from their command-line spelling: {@code exact} (the output channel
 * equals the reference, as JSON), {@code cel:EXPR} (CEL over {@code state}, {@code input},
 * {@code output} and {@code reference}: a boolean, or a number from 0 to 1), {@code
 * trajectory[:MODE]} (the tools called, in order, against the case's {@code trajectory}; modes of
 * {@link PathMatch}, default {@code exact}), {@code path[:MODE]} (the nodes run against its
 * {@code path}). {@code judge[:MODEL]} is {@link JudgeScorer}.
 */
public final class Scorers {
  private Scorers() {}

  /** Exact match of the output against the reference. */
  public static Scorer exact() {
    return new Scorer() {
      @Override
      public String name() {
        return "exact";
      }

      @Override
      public Score score(EvalCase c, Run run) {
        if (!c.hasReference()) return Score.skipped("no reference");
        boolean ok = JsonValues.same(c.reference(), run.output());
        return Score.of(ok, ok ? "equal" : "expected " + Json.write(c.reference()) + ", got " + Json.write(run.output()));
      }
    };
  }

  /** A CEL expression; compiled now, so a mistake is a usage error before anything runs. */
  public static Scorer cel(String src, CelEnv base) throws ExprException {
    Expr x = base.withVars(Map.of("output", SimpleType.DYN, "reference", SimpleType.DYN)).compile(src);
    return new Scorer() {
      @Override
      public String name() {
        return "cel:" + src;
      }

      @Override
      public Score score(EvalCase c, Run run) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("state", run.result().state());
        vars.put("input", c.input());
        vars.put("output", run.output());
        vars.put("reference", c.reference());
        try {
          Object v = x.eval(vars);
          if (v instanceof Boolean b) return Score.of(b, String.valueOf(b));
          if (v instanceof Number n) {
            double d = Math.max(0, Math.min(1, n.doubleValue()));
            return new Score(d, d >= 0.5, String.valueOf(n));
          }
          return new Score(0.0, false, "not a boolean or a number: " + Json.write(v));
        } catch (EvalException e) {
          return new Score(0.0, false, e.getMessage());
        }
      }
    };
  }

  /** The tools called ({@code trajectory}) or the nodes run ({@code path}) against the case's list. */
  public static Scorer sequence(String what, String mode) {
    if (!PathMatch.MODES.contains(mode)) {
      throw new IllegalArgumentException("unknown match mode '" + mode + "' of scorer " + what + "; known: " + String.join(", ", PathMatch.MODES));
    }
    return new Scorer() {
      @Override
      public String name() {
        return what + ":" + mode;
      }

      @Override
      public Score score(EvalCase c, Run run) {
        List<String> expected = what.equals("trajectory") ? c.trajectory() : c.path();
        if (expected == null) return Score.skipped("no " + what + " in the case");
        List<String> actual = what.equals("trajectory") ? tools(run.events()) : PathMatch.path(run.events());
        boolean ok = PathMatch.matches(mode, actual, expected);
        return Score.of(ok, ok ? "matches" : "expected " + expected + ", got " + actual);
      }
    };
  }

  /** An LLM judge: the model {@code name}, made at its first use, grades each output (see {@link JudgeScorer}). */
  public static Scorer judge(String name, java.util.function.Supplier<dev.lamgraph.nodes.model.Model> model) {
    return new JudgeScorer(name, model);
  }

  /** The tools a run called, in order. */
  static List<String> tools(List<TraceEvent> events) {
    List<String> out = new ArrayList<>();
    for (TraceEvent e : events) if (e.kind().equals("tool_call")) out.add(String.valueOf(e.data().get("tool")));
    return out;
  }
}
