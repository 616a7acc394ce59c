package dev.lamgraph.cli.wftest;

import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.lamgraph.cli.wftest.TestSpec.EventExpect;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.expr.ExprException;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the trace events an {@link EventExpect} names: {@code tool_call} events of a tool,
 * {@code model_call} events of a model (by its name in the workflow), or the first attempts of a
 * node ({@code node_started}), optionally only those whose {@code where} CEL is true. In
 * {@code where}: {@code args} (a tool's arguments; the event's attributes otherwise), {@code data}
 * (the event's attributes), {@code ok}, and {@code state} / {@code input} (the final state, the input).
 */
final class EventMatch {
  private EventMatch() {}

  /** The CEL environment of {@code where}: the assertions' plus {@code args}, {@code data} and {@code ok}. */
  static CelEnv env(CelEnv base) {
    Map<String, dev.cel.common.types.CelType> vars = new HashMap<>();
    vars.put("args", MapType.create(SimpleType.STRING, SimpleType.DYN));
    vars.put("data", MapType.create(SimpleType.STRING, SimpleType.DYN));
    vars.put("ok", SimpleType.BOOL);
    return base.withVars(vars);
  }

  /** The events {@code e} is about, in order. */
  static List<TraceEvent> candidates(EventExpect e, List<TraceEvent> events) {
    List<TraceEvent> out = new ArrayList<>();
    for (TraceEvent ev : events) {
      boolean hit = switch (e.kind()) {
        case "tool" -> ev.kind().equals("tool_call") && e.name().equals(ev.data().get("tool"));
        case "model" -> ev.kind().equals("model_call") && e.name().equals(ev.data().get("model_ref"));
        default -> ev.kind().equals("node_started") && e.name().equals(ev.node()) && !ev.data().containsKey("attempt");
      };
      if (hit) out.add(ev);
    }
    return out;
  }

  /** How many of the candidates match {@code where} (all when it is absent). */
  @SuppressWarnings("unchecked")
  static long count(EventExpect e, List<TraceEvent> events, CelEnv base, Map<String, Object> state, Map<String, Object> input)
      throws EvalException, ExprException {
    List<TraceEvent> c = candidates(e, events);
    if (e.where() == null) return c.size();
    Expr x = env(base).compile(e.where());
    long n = 0;
    for (TraceEvent ev : c) {
      Map<String, Object> data = ev.data();
      Object args = e.kind().equals("tool") && data.get("arguments") instanceof Map<?, ?> m ? m : data;
      Map<String, Object> vars = new HashMap<>();
      vars.put("args", args);
      vars.put("data", data);
      vars.put("ok", !data.containsKey("error_kind"));
      vars.put("state", state);
      vars.put("input", input);
      if (Boolean.TRUE.equals(x.eval(vars))) n++;
    }
    return n;
  }
}
