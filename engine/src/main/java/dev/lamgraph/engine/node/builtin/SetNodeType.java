package dev.lamgraph.engine.node.builtin;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Spelling;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: set}: the built-in deterministic node. Each key of {@code set} names a channel; its
 * value is a CEL expression over {@code state} and {@code input}, type-checked against the channel.
 */
public final class SetNodeType implements NodeType {
  @Override
  public String name() {
    return "set";
  }

  @Override
  public String summary() {
    return "Writes CEL expressions over state and input into channels (deterministic, no I/O).";
  }

  @Override
  public String configSchema() {
    return """
        {"type":"object","additionalProperties":false,"required":["set"],
         "properties":{"set":{"type":"object","description":"channel -> CEL expression",
           "additionalProperties":{"type":"string"}}}}""";
  }

  @Override
  public String example() {
    return "count: { type: set, set: { attempts: \"state.attempts + 1\", log: \"['counted']\" } }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    Map<String, Expr> exprs = new LinkedHashMap<>();
    boolean ok = true;
    if (!(spec.config().get("set").orElse(null) instanceof YNode.YMap set)) return Optional.empty();
    for (var e : set.entries().values()) {
      ChannelSpec ch = ctx.channels().get(e.key());
      if (ch == null) {
        ctx.problems().error(Codes.UNKNOWN_CHANNEL, e.keyPos(), "node '" + spec.name() + "' sets unknown channel '"
            + e.key() + "'; declared: " + String.join(", ", ctx.channels().keySet()) + Spelling.didYouMean(e.key(), ctx.channels().keySet()));
        ok = false;
        continue;
      }
      if (!(e.value().plain() instanceof String src)) continue;
      Optional<Expr> ex = ctx.expression(src, e.value().pos(), "node '" + spec.name() + "' set." + e.key());
      if (ex.isEmpty()) {
        ok = false;
        continue;
      }
      String mismatch = typeMismatch(ch, ex.get().resultType());
      if (mismatch != null) {
        ctx.problems().error(Codes.SET_TYPE, e.value().pos(), "node '" + spec.name() + "' sets channel '" + e.key()
            + "' (" + ch.type().yamlName() + ", reducer " + ch.reducer().yamlName() + ") to `" + src + "` of type "
            + CelTypes.format(ex.get().resultType()) + ": " + mismatch);
        ok = false;
        continue;
      }
      exprs.put(e.key(), ex.get());
    }
    if (!ok) return Optional.empty();
    return Optional.of(new SetNode(exprs));
  }

  /** Null when an expression of type {@code t} can be written to {@code ch}; else why not. */
  public static String typeMismatch(ChannelSpec ch, CelType t) {
    CelKind k = t.kind();
    if (k == CelKind.DYN || k == CelKind.ANY || k == CelKind.NULL_TYPE) return null;
    if (ch.reducer() == ReducerKind.APPEND) { // an item, or a list of items
      if (ch.items() == null) return null;
      CelType item = k == CelKind.LIST && !t.parameters().isEmpty() ? t.parameters().get(0) : t;
      return fits(ch.items(), item.kind()) ? null : "expected " + ch.items().yamlName() + " items";
    }
    if (ch.reducer() == ReducerKind.ADD_MESSAGES) { // a message (object or string), or a list of them
      return k == CelKind.LIST || k == CelKind.MAP || k == CelKind.STRING ? null : "expected a chat message or a list of them";
    }
    if (ch.reducer() == ReducerKind.ADD) {
      return fits(ch.type(), k) ? null : "expected " + (ch.type() == ValueType.INTEGER ? "an integer" : "a number") + " to add";
    }
    return fits(ch.type(), k) ? null : "expected " + ch.type().yamlName();
  }

  private static boolean fits(ValueType target, CelKind k) {
    if (k == CelKind.DYN || k == CelKind.ANY || k == CelKind.NULL_TYPE) return true;
    return switch (target) {
      case STRING -> k == CelKind.STRING;
      case INTEGER -> k == CelKind.INT || k == CelKind.UINT;
      case NUMBER -> k == CelKind.INT || k == CelKind.DOUBLE || k == CelKind.UINT;
      case BOOLEAN -> k == CelKind.BOOL;
      case LIST, MESSAGES -> k == CelKind.LIST;
      case OBJECT -> k == CelKind.MAP;
      case ANY -> true;
    };
  }

  private record SetNode(Map<String, Expr> exprs) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      Map<String, Object> out = new LinkedHashMap<>();
      for (var e : exprs.entrySet()) {
        try {
          out.put(e.getKey(), e.getValue().eval(ctx.state(), ctx.input()));
        } catch (EvalException ex) {
          throw new NodeFailure("expression_error",
              "set." + e.getKey() + " `" + ex.expression() + "` failed: " + ex.getMessage());
        }
      }
      return NodeResult.of(out);
    }

    @Override
    public Set<String> writes() {
      return exprs.keySet();
    }
  }
}
