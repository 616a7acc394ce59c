package dev.lamgraph.nodes.toolnode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.NullableType;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compile-time checks of a fixed call's {@code args} against the tool's parameters schema, as far
 * as they can be known statically: unknown keys (when the schema forbids others), missing
 * required keys, and types of literals and typed CEL expressions. Calls whose arguments are all
 * literals are validated against the whole schema. A tool whose schema is known only once it
 * starts (an MCP tool, a {@code java} tool without {@code parameters:}) is not started to check:
 * a {@code TOOL_ARGS_UNCHECKED} warning says its arguments are checked at the first call.
 */
final class ArgsCheck {
  private ArgsCheck() {}

  /** Reports problems; true when none were found. */
  static boolean check(String node, Tool tool, ToolRegistry registry, YNode.YMap args, Map<String, Object> literals,
      Map<String, Expr> exprs, CompileContext ctx) {
    if (tool.staticSchema().isEmpty()) {
      ctx.problems().warning(NodesCodes.TOOL_ARGS_UNCHECKED, args.pos(), "node '" + node + "': the arguments of tool '" + tool.name()
          + "' are checked at its first call in a run: its schema comes from its MCP server or Java class, which"
          + " compiling does not start (a java tool with parameters: is checked now)");
      return true;
    }
    JsonNode schema;
    try {
      schema = Json.MAPPER.readTree(tool.staticSchema().get());
    } catch (Exception e) {
      return true; // the registry validates at call time
    }
    JsonNode props = schema.path("properties");
    boolean closed = schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean();
    List<String> known = new ArrayList<>();
    props.fieldNames().forEachRemaining(known::add);
    String of = "node '" + node + "': tool '" + tool.name() + "'";
    int before = ctx.problems().list().size();
    for (YNode.Entry e : args.entries().values()) {
      JsonNode p = props.get(e.key());
      if (p == null) {
        if (closed) {
          ctx.problems().error(NodesCodes.TOOL_ARG_UNKNOWN, e.keyPos(), of + " has no parameter '" + e.key() + "'; parameters: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        }
        continue;
      }
      String actual = exprs.containsKey(e.key()) ? jsonType(exprs.get(e.key()).resultType()) : jsonType(literals.get(e.key()));
      List<String> expected = new ArrayList<>();
      if (p.path("type").isTextual()) expected.add(p.path("type").asText());
      p.path("type").forEach(t -> expected.add(t.asText()));
      if (actual != null && !expected.isEmpty() && !fits(actual, expected)) {
        String shown = exprs.containsKey(e.key()) ? "`" + exprs.get(e.key()).source() + "`" : String.valueOf(literals.get(e.key()));
        ctx.problems().error(NodesCodes.TOOL_ARG_TYPE, e.value().pos(), of + " parameter '" + e.key() + "' expects "
            + String.join(" or ", expected) + ", got " + shown + " (" + actual + ")");
      }
    }
    for (JsonNode r : schema.path("required")) {
      if (!args.entries().containsKey(r.asText())) {
        ctx.problems().error(NodesCodes.TOOL_ARG_MISSING, args.pos(), of + " needs argument '" + r.asText() + "'; given: "
            + (args.entries().isEmpty() ? "(none)" : String.join(", ", args.entries().keySet())));
      }
    }
    if (ctx.problems().list().size() == before && exprs.isEmpty()) {
      for (String problem : registry.validate(tool.name(), new LinkedHashMap<>(literals))) {
        ctx.problems().error(NodesCodes.TOOL_ARGS_INVALID, args.pos(), of + " arguments do not match its parameters: " + problem);
      }
    }
    return ctx.problems().list().size() == before;
  }

  private static boolean fits(String actual, List<String> expected) {
    return expected.contains(actual) || (actual.equals("integer") && expected.contains("number"));
  }

  /** The JSON type of a literal, or null. */
  static String jsonType(Object v) {
    if (v == null) return "null";
    if (v instanceof String) return "string";
    if (v instanceof Long || v instanceof Integer) return "integer";
    if (v instanceof Number) return "number";
    if (v instanceof Boolean) return "boolean";
    return null;
  }

  /** The JSON type an expression of CEL type {@code t} yields, or null when not known statically. */
  static String jsonType(CelType t) {
    if (t instanceof NullableType n) return jsonType(n.targetType()); // a null at run time is the registry's to report
    CelKind k = t.kind();
    return switch (k) {
      case STRING -> "string";
      case INT, UINT -> "integer";
      case DOUBLE -> "number";
      case BOOL -> "boolean";
      case LIST -> "array";
      case MAP -> "object";
      default -> null;
    };
  }
}
