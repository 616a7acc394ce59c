package dev.lamgraph.nodes.llm;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Spelling;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.model.Model;
import dev.lamgraph.nodes.model.Models;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: llm}: renders a prompt (system + user, with {@code {{ CEL }}} placeholders, see
 * {@link Template}), asks a model of the {@code models:} section, and writes its answer to the
 * {@code output:} channel: text, or with {@code output_schema:} a JSON value validated against the
 * schema (invalid answers are re-asked up to {@code max_repairs} times with the validation error,
 * then the node fails with kind {@code invalid_output}, which {@code on_error} can route). With
 * {@code tools:} the model may call tools of the {@code tools:} section, up to
 * {@code max_tool_rounds} rounds. With {@code attachments:} images and PDFs go with the prompt
 * ({@link Attachments}).
 *
 * <pre>{@code
 * triage:
 *   type: llm
 *   model: default
 *   system: You triage support tickets.
 *   prompt: "Ticket: {{ state.ticket }}"
 *   output: triage
 *   output_schema: { type: object, required: [label], properties: { label: { enum: [bug, billing, other] } } }
 *   tools: [lookup_order]
 * }</pre>
 *
 * <p>A chat agent reads the conversation from a {@code type: messages} channel ({@code messages:})
 * and writes its answer back to it ({@code output:} a messages channel appends an ai message, and
 * the tool rounds' ai and tool messages before it); {@code prompt:} is then optional.
 */
public final class LlmNodeType implements NodeType {
  @Override
  public String name() {
    return "llm";
  }

  @Override
  public String kind() {
    return "llm";
  }

  @Override
  public String summary() {
    return "Asks a model (prompt template -> text or schema-checked JSON), optionally letting it call tools.";
  }

  @Override
  public String configSchema() {
    return """
        {"type":"object","additionalProperties":false,"required":["output"],
         "properties":{
          "model":{"type":"string","description":"a model of the models: section (default: 'default' or the only one)"},
          "system":{"type":"string","description":"system message template"},
          "prompt":{"type":"string","description":"user message template; {{ CEL }} placeholders over state and input (required unless messages: is given)"},
          "messages":{"type":"string","description":"a messages channel: the conversation sent after the system message and before the prompt"},
          "output":{"type":"string","description":"channel that receives the answer; a messages channel gets it (and any tool rounds) appended as ai/tool messages"},
          "output_schema":{"type":"object","description":"JSON Schema of a structured answer"},
          "max_repairs":{"type":"integer","minimum":0,"maximum":10,"description":"re-asks on invalid output (default 2)"},
          "tools":{"type":"array","items":{"type":"string"},"uniqueItems":true},
          "max_tool_rounds":{"type":"integer","minimum":1,"maximum":50,"description":"default 5"},
          %s}}""".formatted(Attachments.SCHEMA);
  }

  @Override
  public String example() {
    return """
        triage: { type: llm, model: default, system: "You triage tickets.", prompt: "Ticket: {{ state.ticket }}",
                  output: label, output_schema: { type: object, properties: { label: { type: string } } } }""";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    YNode.YMap c = spec.config();
    String who = "node '" + spec.name() + "'";
    Optional<Model> model = ctx.section("models", Models.class).orElse(Models.none())
        .use(c.string("model").orElse(null), who, c.get("model").isPresent() ? c.valuePos("model") : spec.pos(), ctx.problems());
    Optional<Template> system = c.string("system").isEmpty() ? Optional.empty()
        : Template.compile(c.string("system").get(), c.valuePos("system"), ctx, who + " system");
    boolean hasPrompt = c.string("prompt").isPresent();
    Optional<Template> prompt = !hasPrompt ? Optional.empty()
        : Template.compile(c.string("prompt").get(), c.valuePos("prompt"), ctx, who + " prompt");
    String conversation = c.string("messages").orElse(null);
    Optional<Attachments> attachments = Attachments.compile(c, model.orElse(null), who, ctx);
    boolean ok = model.isPresent() && (!hasPrompt || prompt.isPresent()) && (c.string("system").isEmpty() || system.isPresent())
        && attachments.isPresent();
    if (!hasPrompt && conversation == null) {
      ctx.problems().error(Codes.MISSING_FIELD, spec.pos(), who + " has neither prompt: nor messages:; give a prompt "
          + "template, or a messages channel holding the conversation");
      ok = false;
    }
    if (conversation != null) ok &= checkConversation(spec, conversation, ctx);
    Map<String, Object> schema = null;
    Schema validator = null;
    if (c.get("output_schema").orElse(null) instanceof YNode.YMap s) {
      Problems local = new Problems();
      SchemaCheck.checkSchemaDocument(s, who + " output_schema", NodesCodes.OUTPUT_SCHEMA, local);
      local.list().forEach(ctx.problems()::add);
      if (local.hasErrors()) ok = false;
      else {
        schema = Json.readMap(Json.write(s.plain()));
        validator = SchemaCheck.compile(Json.write(schema));
      }
    }
    String output = c.string("output").orElse("");
    ok &= checkOutput(spec, output, schema, ctx);
    List<String> tools = new ArrayList<>();
    ToolRegistry registry = ctx.section("tools", ToolRegistry.class).orElse(null);
    ok &= tools(spec, registry, tools, ctx);
    if (!ok) return Optional.empty();
    int repairs = c.get("max_repairs").map(YNode::plain).map(n -> ((Number) n).intValue()).orElse(2);
    int rounds = c.get("max_tool_rounds").map(YNode::plain).map(n -> ((Number) n).intValue()).orElse(5);
    boolean chat = ctx.channels().get(output) != null && ctx.channels().get(output).type() == ValueType.MESSAGES;
    return Optional.of(new LlmNode(spec.name(), model.get(), system.orElse(null), prompt.orElse(null), attachments.get(), output,
        schema, validator, repairs, tools, registry, rounds, conversation, chat));
  }

  /** The {@code messages:} channel exists and holds chat messages (a messages channel, or an untyped one). */
  private static boolean checkConversation(NodeSpec spec, String name, CompileContext ctx) {
    ChannelSpec ch = ctx.channels().get(name);
    if (ch == null) {
      ctx.problems().error(Codes.UNKNOWN_CHANNEL, spec.config().valuePos("messages"), "node '" + spec.name()
          + "' messages: unknown channel '" + name + "'" + Spelling.didYouMean(name, ctx.channels().keySet())
          + "; declared: " + String.join(", ", ctx.channels().keySet()));
      return false;
    }
    if (ch.type() == ValueType.MESSAGES || ch.type() == ValueType.ANY) return true;
    ctx.problems().error(NodesCodes.MESSAGES_CHANNEL, spec.config().valuePos("messages"), "node '" + spec.name()
        + "' reads the conversation from channel '" + name + "' of type " + ch.type().yamlName()
        + "; declare it as type: messages");
    return false;
  }

  private static boolean checkOutput(NodeSpec spec, String output, Map<String, Object> schema, CompileContext ctx) {
    ChannelSpec ch = ctx.outputChannel(spec, "output").orElse(null);
    if (ch == null) return false;
    if (ch.type() == ValueType.MESSAGES) {
      if (schema == null) return true;
      ctx.problems().error(Codes.OUTPUT_CHANNEL, spec.config().valuePos("output"), "node '" + spec.name()
          + "' has an output_schema but writes to messages channel '" + output + "', which holds chat messages; "
          + "write the structured answer to an object channel");
      return false;
    }
    ValueType want = schema == null ? ValueType.STRING : switch (String.valueOf(schema.get("type"))) {
      case "object" -> ValueType.OBJECT;
      case "array" -> ValueType.LIST;
      case "string" -> ValueType.STRING;
      case "integer" -> ValueType.INTEGER;
      case "number" -> ValueType.NUMBER;
      case "boolean" -> ValueType.BOOLEAN;
      default -> ValueType.ANY;
    };
    ValueType have = ch.reducer() == ReducerKind.APPEND ? (ch.items() == null ? ValueType.ANY : ch.items()) : ch.type();
    if (want == ValueType.ANY || have == ValueType.ANY || have == want || (have == ValueType.NUMBER && want == ValueType.INTEGER)) {
      return true;
    }
    ctx.problems().error(Codes.OUTPUT_CHANNEL, spec.config().valuePos("output"), "node '" + spec.name() + "' writes "
        + (schema == null ? "the model's text (a string)" : "a " + want.yamlName() + " (output_schema)") + " to channel '"
        + output + "', which holds " + (ch.reducer() == ReducerKind.APPEND ? have.yamlName() + " items" : have.yamlName())
        + "; declare it as " + want.yamlName() + " or any");
    return false;
  }

  /** The offered tools' names; their descriptions and schemas are read at the first run (an MCP server starts then). */
  private static boolean tools(NodeSpec spec, ToolRegistry registry, List<String> out, CompileContext ctx) {
    if (!(spec.config().get("tools").orElse(null) instanceof YNode.YList list)) return true;
    boolean ok = true;
    for (YNode item : list.items()) {
      String name = String.valueOf(item.plain());
      Optional<Tool> t = registry == null ? Optional.empty() : registry.get(name);
      if (t.isEmpty()) {
        ctx.problems().error(NodesCodes.UNKNOWN_TOOL, item.pos(), registry == null
            ? "node '" + spec.name() + "' offers tool '" + name + "', but the workflow has no tools: section; add one, e.g. "
                + "tools: { " + name + ": { type: http, url: \"https://...\" } }"
            : "node '" + spec.name() + "' offers unknown tool '" + name + "'; known: " + String.join(", ", registry.all().keySet())
                + Spelling.didYouMean(name, registry.all().keySet()));
        ok = false;
        continue;
      }
      out.add(name);
    }
    return ok;
  }
}
