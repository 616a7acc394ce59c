package dev.lamgraph.nodes.toolnode;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.expr.ExprException;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Spelling;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolRegistry;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code type: tool}: calls a tool of the {@code tools:} section, either a fixed call ({@code tool}
 * + {@code args}, each a CEL expression over state and input, or a literal number/boolean) or the
 * next step of a plan held in state ({@code plan}: a list of {@code {tool, args}} objects; with
 * {@code cursor} the step at that index runs and the cursor advances, without it the first step
 * runs and is removed). The observation ({@code {tool, ok, value}} or {@code {tool, ok,
 * error_kind, error}}) goes to {@code output}; a failed call is an observation to route on, not
 * a node failure, unless {@code fail_on_error: true}.
 *
 * <pre>{@code
 * nodes:
 *   read_note: { type: tool, tool: notes, args: { path: "state.note" }, output: observations,
 *                save: { text: "result.content" } }
 *   act:       { type: tool, plan: plan, cursor: plan_index, output: observations }
 * }</pre>
 */
public final class ToolNodeType implements NodeType {
  /**
   * The observation written to {@code output}: {tool, ok, value} on success, {tool, ok, error_kind,
   * error} on failure, plus {@code step} (the plan index) in plan mode.
   */
  static final OutputShape OBSERVATION = new OutputShape("output", "Observation", Map.of("type", "object", "properties",
      Map.of("tool", Map.of("type", "string"), "ok", Map.of("type", "boolean"), "value", Map.of(),
          "error_kind", Map.of("type", "string"), "error", Map.of("type", "string"), "step", Map.of("type", "integer"))));

  @Override
  public List<OutputShape> outputShapes() {
    return List.of(OBSERVATION);
  }

  @Override
  public String name() {
    return "tool";
  }

  @Override
  public String summary() {
    return "Calls a tool (fixed call or next plan step) and writes its observation; failures are observations.";
  }

  @Override
  public String configSchema() {
    return """
        {"type":"object","additionalProperties":false,
         "properties":{
           "tool":{"type":"string","description":"name of a tool under tools: (a fixed call)"},
           "args":{"type":"object","description":"argument -> CEL expression over state and input (or a literal number/boolean/null)",
             "additionalProperties":{"type":["string","number","integer","boolean","null"]}},
           "plan":{"type":"string","description":"list channel of {tool, args} steps; runs the next one"},
           "cursor":{"type":"string","description":"integer channel: index of the next plan step (advanced by the node); without it the step is popped"},
           "allow":{"type":"array","items":{"type":"string"},"description":"tools plan steps may call (default: all)"},
           "output":{"type":"string","description":"channel receiving the observation (appended or replaced per its reducer)"},
           "save":{"type":"object","additionalProperties":{"type":"string"},
             "description":"channel -> CEL expression over result, state and input, written when the call succeeds"},
           "fail_on_error":{"type":"boolean","description":"fail the node (retry/on_error, with the tool's error_kind as the failure kind: exit_status, http_status...) instead of writing a failed observation; a retry needs it (else warning RETRY_NEVER_FIRES)"}}}""";
  }

  @Override
  public String example() {
    return "read_note: { type: tool, tool: notes, args: { operation: \"'read'\", path: \"state.note_path\" }, "
        + "output: observations, save: { note: \"result.content\" } }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    YNode.YMap cfg = spec.config();
    String node = spec.name();
    Optional<ToolRegistry> reg = ctx.section("tools", ToolRegistry.class);
    if (reg.isEmpty()) {
      if (!ctx.workflow().sections().containsKey("tools")) {
        ctx.problems().error(NodesCodes.NO_TOOLS, cfg.valuePos("type"), "node '" + node + "' (type tool) needs a tools: section; the workflow has none");
      }
      return Optional.empty(); // else the section reported its own errors
    }
    ToolRegistry registry = reg.get();
    Checks k = new Checks(node, ctx);
    String tool = cfg.string("tool").orElse(null);
    String plan = cfg.string("plan").orElse(null);
    if ((tool == null) == (plan == null)) {
      k.error(NodesCodes.TOOL_NODE_MODE, cfg.pos(), "node '" + node + "' needs exactly one of tool: (a fixed call) or plan: (the next step of a plan)");
    }
    for (String key : tool != null ? new String[] {"cursor", "allow"} : new String[] {"args"}) {
      if (cfg.get(key).isPresent()) {
        k.error(NodesCodes.TOOL_NODE_MODE, cfg.keyPos(key), "node '" + node + "': " + key + ": applies to " + (tool != null ? "plan:" : "tool:") + " nodes only");
      }
    }
    String output = cfg.string("output").orElse(null);
    if (output != null && ctx.outputChannel(spec, "output", ValueType.OBJECT).isEmpty()) k.fail();
    Map<String, Object> literals = new LinkedHashMap<>();
    Map<String, Expr> args = new LinkedHashMap<>();
    if (tool != null) {
      Optional<Tool> t = registry.get(tool);
      if (t.isEmpty()) {
        k.error(NodesCodes.UNKNOWN_TOOL, cfg.valuePos("tool"), "node '" + node + "' calls unknown tool '" + tool + "'; known: " + known(registry)
            + Spelling.didYouMean(tool, registry.all().keySet()));
      }
      boolean[] exprsOk = {true};
      YNode.YMap argMap = cfg.get("args").orElse(null) instanceof YNode.YMap m ? m : new YNode.YMap(Map.of(), cfg.valuePos("tool"));
      for (YNode.Entry e : argMap.entries().values()) {
        if (e.value().plain() instanceof String src) {
          ctx.expression(src, e.value().pos(), "node '" + node + "' args." + e.key()).ifPresentOrElse(x -> args.put(e.key(), x), () -> {
            exprsOk[0] = false;
            k.fail();
          });
        } else {
          literals.put(e.key(), e.value().plain());
        }
      }
      if (t.isPresent() && exprsOk[0] && !ArgsCheck.check(node, t.get(), registry, argMap, literals, args, ctx)) k.fail();
    }
    String cursor = cfg.string("cursor").orElse(null);
    ReducerKind cursorReducer = null;
    Set<String> allow = new LinkedHashSet<>();
    if (plan != null) {
      ChannelSpec p = k.channel(plan, cfg.valuePos("plan"), "plan");
      if (p != null && p.type() != ValueType.LIST && p.type() != ValueType.ANY) {
        k.error(Codes.OUTPUT_CHANNEL, cfg.valuePos("plan"), "node '" + node + "': plan channel '" + plan + "' is " + p.type().yamlName() + "; it must be a list");
      } else if (p != null && cursor == null && p.reducer() != ReducerKind.REPLACE) {
        k.error(Codes.OUTPUT_CHANNEL, cfg.valuePos("plan"), "node '" + node + "' pops steps from '" + plan + "', so its reducer must be replace (it is "
            + p.reducer().yamlName() + "); or add a cursor: channel");
      }
      if (cursor != null) {
        ChannelSpec cur = k.channel(cursor, cfg.valuePos("cursor"), "cursor");
        if (cur != null && (cur.type() != ValueType.INTEGER || (cur.reducer() != ReducerKind.REPLACE && cur.reducer() != ReducerKind.ADD))) {
          k.error(Codes.OUTPUT_CHANNEL, cfg.valuePos("cursor"), "node '" + node + "': cursor channel '" + cursor + "' must be an integer with reducer replace or add");
        }
        if (cur != null) cursorReducer = cur.reducer();
      }
      if (cfg.get("allow").orElse(null) instanceof YNode.YList l) {
        for (YNode n : l.items()) {
          String name = String.valueOf(n.plain());
          if (registry.get(name).isEmpty()) {
            k.error(NodesCodes.UNKNOWN_TOOL, n.pos(), "node '" + node + "' allows unknown tool '" + name + "'; known: " + known(registry)
                + Spelling.didYouMean(name, registry.all().keySet()));
          }
          allow.add(name);
        }
      }
    }
    Map<String, Expr> save = saves(cfg, node, ctx, k);
    boolean failOnError = cfg.get("fail_on_error").map(YNode::plain).filter(Boolean.TRUE::equals).isPresent();
    // a node's own timeout fails the node (kind timeout) even without fail_on_error: that retry can fire
    boolean timeoutRetried = spec.timeout() != null && spec.retry().retries("timeout");
    if (!failOnError && cfg.get("retry").isPresent() && !timeoutRetried) {
      ctx.problems().warning(NodesCodes.RETRY_NEVER_FIRES, cfg.keyPos("retry"), "node '" + node + "' has a retry, but without"
          + " fail_on_error: true a failed tool call is an observation written to its output, so the retry never fires;"
          + " add fail_on_error: true, or remove the retry");
    }
    if (!k.ok) return Optional.empty();
    return Optional.of(new ToolNode(new ToolNode.Config(node, registry, tool, literals, args, plan, cursor, cursorReducer, allow,
        output, save, ctx.channels().keySet(), failOnError)));
  }

  private static Map<String, Expr> saves(YNode.YMap cfg, String node, CompileContext ctx, Checks k) {
    Map<String, Expr> out = new LinkedHashMap<>();
    if (!(cfg.get("save").orElse(null) instanceof YNode.YMap save)) return out;
    Map<String, CelType> vars = Map.of("result", SimpleType.DYN);
    CelEnv env = ctx.cel().withVars(vars);
    for (YNode.Entry e : save.entries().values()) {
      if (k.channel(e.key(), e.keyPos(), "save") == null || !(e.value().plain() instanceof String src)) continue;
      try {
        out.put(e.key(), env.compile(src).at(e.value().pos()));
      } catch (ExprException ex) {
        k.error(ex.outputField() ? Codes.OUTPUT_FIELD : Codes.EXPR_COMPILE, e.value().pos(), "node '" + node + "' save." + e.key() + ": `" + src + "` does not compile: " + ex.getMessage());
      }
    }
    return out;
  }

  private static String known(ToolRegistry r) {
    return r.all().isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(r.all().keySet()));
  }

  /** Channel checks that remember whether anything failed. */
  private static final class Checks {
    final String node;
    final CompileContext ctx;
    boolean ok = true;

    Checks(String node, CompileContext ctx) {
      this.node = node;
      this.ctx = ctx;
    }

    void fail() {
      ok = false;
    }

    void error(String code, Pos pos, String message) {
      ctx.problems().error(code, pos, message);
      ok = false;
    }

    ChannelSpec channel(String name, Pos pos, String what) {
      ChannelSpec c = ctx.channels().get(name);
      if (c == null) {
        error(Codes.UNKNOWN_CHANNEL, pos, "node '" + node + "' " + what + ": unknown channel '" + name + "'; declared: "
            + (ctx.channels().isEmpty() ? "(none)" : String.join(", ", ctx.channels().keySet())) + Spelling.didYouMean(name, ctx.channels().keySet()));
      }
      return c;
    }
  }
}
