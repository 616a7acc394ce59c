package dev.lamgraph.engine.node.builtin;

import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code type: human}: pauses the run and asks a person. The run stops with status paused (exit
 * 3), showing the prompt (its {@code {{ CEL }}} placeholders filled from the state) and the JSON
 * Schema of the answer; {@code lam resume THREAD --input ...} gives the answer, which is checked
 * against the schema (a bad one is refused and the run stays paused) and written to {@code output}
 * through that channel's reducer. Without {@code schema:} the answer must fit the output
 * channel's type.
 *
 * <pre>{@code
 * approve:
 *   type: human
 *   prompt: "Run this plan? {{state.plan}}"
 *   schema: { type: object, required: [approved], properties: { approved: { type: boolean } } }
 *   output: approval
 * }</pre>
 */
public final class HumanNodeType implements NodeType {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");

  @Override
  public String name() {
    return "human";
  }

  @Override
  public String summary() {
    return "Pauses the run for a person's answer (checked against a JSON Schema) and writes it to a channel.";
  }

  @Override
  public boolean pauses() {
    return true;
  }

  @Override
  public String configSchema() {
    return """
        {"type":"object","additionalProperties":false,"required":["prompt","output"],
         "properties":{
           "prompt":{"type":"string","description":"what to ask; {{ CEL }} placeholders read state and input"},
           "schema":{"type":"object","description":"JSON Schema the answer must satisfy"},
           "output":{"type":"string","description":"channel the answer is written to"}}}""";
  }

  @Override
  public String example() {
    return "approve: { type: human, prompt: \"Run {{state.plan}}?\", schema: { type: boolean }, output: approved }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    YNode.YMap c = spec.config();
    String output = c.string("output").orElse("");
    ChannelSpec ch = ctx.outputChannel(spec, "output").orElse(null);
    if (ch == null) return Optional.empty();
    String schema = derived(ch);
    if (c.get("schema").orElse(null) instanceof YNode.YMap s) {
      int before = ctx.problems().list().size();
      SchemaCheck.checkSchemaDocument(s, "schema of the answer to node '" + spec.name() + "'", Codes.ANSWER_SCHEMA, ctx.problems());
      if (ctx.problems().list().size() > before) return Optional.empty();
      Object type = s.string("type").orElse(null);
      if (type != null && !fits(String.valueOf(type), ch)) {
        ctx.problems().error(Codes.ANSWER_SCHEMA, s.valuePos("type"), "the answer to node '" + spec.name() + "' is of type "
            + type + ", but its output channel '" + output + "' holds " + ch.type().yamlName());
        return Optional.empty();
      }
      schema = s.json().toString();
    }
    String prompt = c.string("prompt").orElse("");
    List<Expr> exprs = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(prompt);
    while (m.find()) {
      ctx.expression(m.group(1).strip(), c.valuePos("prompt"), "placeholder {{" + m.group(1) + "}} in the prompt of node '"
          + spec.name() + "'").ifPresent(exprs::add);
    }
    return Optional.of(new Human(output, prompt, schema, exprs));
  }

  /** The schema of an answer that only has to fit the channel. */
  private static String derived(ChannelSpec ch) {
    return switch (ch.type()) {
      case ANY -> "{}";
      case LIST -> "{\"type\":\"array\"}";
      case MESSAGES -> "{\"type\":[\"string\",\"object\",\"array\"]}";
      default -> "{\"type\":\"" + ch.type().yamlName() + "\"}";
    };
  }

  private static boolean fits(String jsonType, ChannelSpec ch) {
    ValueType t = ch.type();
    return t == ValueType.ANY || t == ValueType.MESSAGES || switch (jsonType) {
      case "string" -> t == ValueType.STRING;
      case "integer" -> t == ValueType.INTEGER || t == ValueType.NUMBER;
      case "number" -> t == ValueType.NUMBER;
      case "boolean" -> t == ValueType.BOOLEAN;
      case "array" -> t == ValueType.LIST;
      case "object" -> t == ValueType.OBJECT;
      default -> true;
    };
  }

  /**
   * A compiled human node: asks with {@code prompt} until it is resumed with an answer, then
   * writes the answer to {@code output}.
   *
   * @param schema the JSON Schema of the answer (explicit, or derived from the output channel)
   */
  public record Human(String output, String prompt, String schema, List<Expr> placeholders) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      Optional<Object> answer = ctx.resumeValue();
      if (answer.isPresent()) {
        Map<String, Object> out = new HashMap<>();
        out.put(output, answer.get());
        return NodeResult.of(out);
      }
      return NodeResult.interrupt(render(ctx), schema);
    }

    private String render(NodeContext ctx) throws NodeFailure {
      Matcher m = PLACEHOLDER.matcher(prompt);
      StringBuilder sb = new StringBuilder();
      int i = 0;
      while (m.find()) {
        Object v;
        try {
          v = placeholders.get(i++).eval(ctx.state(), ctx.input());
        } catch (EvalException e) {
          throw new NodeFailure("expression_error", "prompt placeholder `" + e.expression() + "` failed: " + e.getMessage());
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(v instanceof String s ? s : Json.write(v)));
      }
      m.appendTail(sb);
      return sb.toString();
    }

    @Override
    public String answerSchema() {
      return schema;
    }

    @Override
    public Set<String> writes() {
      return Set.of(output);
    }
  }
}
