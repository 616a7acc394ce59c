package dev.lamgraph.nodes.llm;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.model.Model;
import dev.lamgraph.nodes.model.ModelException;
import dev.lamgraph.nodes.model.ModelMessage;
import dev.lamgraph.nodes.model.ModelRequest;
import dev.lamgraph.nodes.model.ModelResponse;
import dev.lamgraph.nodes.model.ToolSpec;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compiled {@code type: llm} node (see {@link LlmNodeType}): the conversation loop of one run.
 * Keeps no state between runs. Failures are {@link NodeFailure}s with the model error's kind
 * ({@code rate_limited}, {@code timeout}, {@code not_recorded}...), {@code invalid_output} or
 * {@code tool_rounds}, so retry and {@code on_error} policies can match them.
 *
 * <pre>{@code
 * NodeResult r = node.run(ctx);   // {output channel: "text" or a JSON value}
 * }</pre>
 */
final class LlmNode implements Node {
  private final String name;
  private final Model model;
  private final Template system;
  private final Template prompt;
  private final Attachments attachments;
  private final String output;
  private final Map<String, Object> schema;
  private final Schema validator;
  private final int maxRepairs;
  private final List<String> toolNames;
  private List<ToolSpec> tools; // guarded by this: read from the registry at the first run, which may start MCP servers
  private final ToolRegistry registry;
  private final int maxToolRounds;
  private final String conversation; // a messages channel read before the prompt, or null
  private final boolean chatOutput; // output is a messages channel: the answer (and tool rounds) are appended as messages

  LlmNode(String name, Model model, Template system, Template prompt, Attachments attachments, String output, Map<String, Object> schema,
      Schema validator, int maxRepairs, List<String> toolNames, ToolRegistry registry, int maxToolRounds,
      String conversation, boolean chatOutput) {
    this.name = name;
    this.model = model;
    this.system = system;
    this.prompt = prompt;
    this.attachments = attachments;
    this.output = output;
    this.schema = schema;
    this.validator = validator;
    this.maxRepairs = maxRepairs;
    this.toolNames = List.copyOf(toolNames);
    this.registry = registry;
    this.maxToolRounds = maxToolRounds;
    this.conversation = conversation;
    this.chatOutput = chatOutput;
  }

  @Override
  public NodeResult run(NodeContext ctx) throws Exception {
    List<ModelMessage> messages = new ArrayList<>();
    String sys = system == null ? null : render(system, ctx, "system");
    if (schema != null) {
      sys = (sys == null ? "" : sys + "\n\n") + "Answer with only a JSON value (no prose, no code fences) that matches this "
          + "JSON Schema: " + Json.write(schema);
    }
    if (sys != null) messages.add(ModelMessage.system(sys));
    if (conversation != null) messages.addAll(ChatMessages.toModel((List<?>) ctx.state().get(conversation)));
    if (prompt != null) messages.add(ModelMessage.user(render(prompt, ctx, "prompt"), attachments.load(ctx)));
    int asked = messages.size(); // what follows is the model's: written to a messages output
    int rounds = 0;
    int repairs = 0;
    while (true) {
      ModelResponse r = ask(messages, ctx);
      if (!r.toolCalls().isEmpty()) {
        if (rounds >= maxToolRounds) {
          throw new NodeFailure("tool_rounds", "node '" + name + "': " + model.config().describe() + " still calls tools after "
              + maxToolRounds + " rounds (max_tool_rounds: " + maxToolRounds + ")");
        }
        rounds++;
        messages.add(ModelMessage.assistant(r.text(), r.toolCalls()));
        for (ModelMessage.ToolCall call : r.toolCalls()) messages.add(ModelMessage.toolResult(call, Json.write(execute(call, ctx))));
        continue;
      }
      String text = r.text() == null ? "" : r.text();
      if (chatOutput) {
        List<Object> said = new ArrayList<>();
        for (ModelMessage m : messages.subList(asked, messages.size())) said.add(ChatMessages.fromModel(m));
        said.add(ChatMessages.fromModel(ModelMessage.assistant(text, List.of())));
        return NodeResult.of(Map.of(output, said));
      }
      if (schema == null) return NodeResult.of(Map.of(output, text));
      OutputCheck.Result checked = OutputCheck.check(text, validator);
      if (checked.ok()) {
        Map<String, Object> updates = new LinkedHashMap<>();
        updates.put(output, checked.value());
        return NodeResult.of(updates);
      }
      if (repairs >= maxRepairs) {
        throw new NodeFailure("invalid_output", "node '" + name + "': " + model.config().describe() + " gave no valid answer in "
            + (repairs + 1) + " tries (max_repairs: " + maxRepairs + "); last problem: " + checked.problem() + "; last answer: "
            + OutputCheck.clip(text));
      }
      repairs++;
      messages.add(ModelMessage.assistant(text, List.of()));
      messages.add(ModelMessage.user("Your answer is not valid: " + checked.problem()
          + ". Reply again with only a JSON value that matches the JSON Schema."));
    }
  }

  private ModelResponse ask(List<ModelMessage> messages, NodeContext ctx) throws NodeFailure {
    try {
      return model.call(new ModelRequest(messages, tools(), schema), ctx);
    } catch (ModelException e) {
      throw new NodeFailure(e.kind(), "node '" + name + "': " + e.getMessage(), e);
    }
  }

  /** What the model is offered: each tool's name, description and schema, read once (starting MCP servers). */
  private synchronized List<ToolSpec> tools() throws NodeFailure {
    if (tools != null) return tools;
    List<ToolSpec> out = new ArrayList<>();
    for (String n : toolNames) {
      Tool t = registry.get(n).orElseThrow();
      try {
        out.add(new ToolSpec(n, t.description(), Json.readMap(t.parametersSchema())));
      } catch (IllegalStateException e) {
        throw new NodeFailure("tool_unavailable", "node '" + name + "' offers tool '" + n + "', which is unavailable: " + e.getMessage());
      }
    }
    tools = List.copyOf(out);
    return tools;
  }

  /** Runs one requested tool call; every failure is an observation the model reads, never a crash. */
  private Map<String, Object> execute(ModelMessage.ToolCall call, NodeContext ctx) {
    Set<String> offered = new LinkedHashSet<>(toolNames);
    if (!offered.contains(call.name()) || registry == null) {
      return ToolResult.failed(call.name(), "unknown_tool", "tool '" + call.name() + "' is not offered here; offered: "
          + String.join(", ", offered), 0).observation();
    }
    Object args;
    try {
      args = call.arguments() == null || call.arguments().isBlank() ? Map.of() : Json.read(call.arguments());
    } catch (IllegalArgumentException e) {
      args = null;
    }
    if (!(args instanceof Map<?, ?> m)) {
      return ToolResult.failed(call.name(), "invalid_arguments", "arguments of tool '" + call.name()
          + "' must be a JSON object, got: " + OutputCheck.clip(String.valueOf(call.arguments())), 0).observation();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> a = (Map<String, Object>) m;
    return registry.call(call.name(), a, ctx).observation();
  }

  private String render(Template t, NodeContext ctx, String which) throws NodeFailure {
    try {
      return t.render(ctx.state(), ctx.input());
    } catch (EvalException e) {
      throw new NodeFailure("expression_error", "node '" + name + "' " + which + " placeholder {{ " + e.expression()
          + " }} failed: " + e.getMessage());
    }
  }

  @Override
  public Set<String> writes() {
    return Set.of(output);
  }
}
