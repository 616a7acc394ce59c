package dev.lamgraph.nodes.llm;

import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.NodesCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A prompt template: text with {@code {{ CEL }}} placeholders over {@code state} and {@code input},
 * compiled (and type-checked against the declared channels) when the workflow compiles, so
 * {@code {{ state.tickt }}} is a compile error. Strings are inserted as they are, null as nothing,
 * other values as JSON. A placeholder may not contain {@code }}}; write a literal {@code {{} as
 * {@code {{ '{{' }}}.
 *
 * <pre>{@code
 * prompt: "Classify this ticket ({{ state.attempts + 1 }}. try): {{ state.ticket }}"
 * }</pre>
 */
public final class Template {
  private final List<Object> parts; // String literals and Expr placeholders

  private Template(List<Object> parts) {
    this.parts = parts;
  }

  /** Compiles {@code text}; reports TEMPLATE / EXPR_COMPILE problems at {@code pos} and returns empty on error. */
  public static Optional<Template> compile(String text, Pos pos, CompileContext ctx, String what) {
    List<Object> parts = new ArrayList<>();
    boolean ok = true;
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        parts.add(text.substring(i));
        break;
      }
      if (open > i) parts.add(text.substring(i, open));
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        ctx.problems().error(NodesCodes.TEMPLATE, pos, what + ": `{{` at offset " + open + " is never closed with `}}`");
        return Optional.empty();
      }
      String src = text.substring(open + 2, close).trim();
      if (src.isEmpty()) {
        ctx.problems().error(NodesCodes.TEMPLATE, pos, what + ": empty placeholder `{{}}` at offset " + open
            + "; write a CEL expression such as {{ state.ticket }}");
        ok = false;
      } else {
        Optional<Expr> e = ctx.expression(src, pos, what + " placeholder {{ " + src + " }}");
        if (e.isPresent()) parts.add(e.get());
        else ok = false;
      }
      i = close + 2;
    }
    return ok ? Optional.of(new Template(List.copyOf(parts))) : Optional.empty();
  }

  public String render(Map<String, Object> state, Map<String, Object> input) throws EvalException {
    StringBuilder sb = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof String s) {
        sb.append(s);
      } else {
        Object v = ((Expr) p).eval(state, input);
        if (v instanceof String s) sb.append(s);
        else if (v != null) sb.append(Json.write(v));
      }
    }
    return sb.toString();
  }
}
