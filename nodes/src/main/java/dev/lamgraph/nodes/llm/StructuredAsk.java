package dev.lamgraph.nodes.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.networknt.schema.Schema;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.model.Attachment;
import dev.lamgraph.nodes.model.Model;
import dev.lamgraph.nodes.model.ModelException;
import dev.lamgraph.nodes.model.ModelMessage;
import dev.lamgraph.nodes.model.ModelRequest;
import dev.lamgraph.nodes.model.ModelResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Asks a model for a JSON answer that must match a schema (and any extra check, e.g. a plan's
 * steps against the tools' argument schemas); an invalid answer is sent back with the problem and
 * asked again up to {@code maxRepairs} times, then the node fails with {@code invalid_output}.
 * Used by the planner's and the reviewer's {@code llm} strategies.
 *
 * <pre>{@code
 * Object plan = StructuredAsk.ask(model, "node 'plan'", system, prompt, schema, validator, v -> List.of(), 2, ctx);
 * }</pre>
 */
public final class StructuredAsk {
  private static final ObjectMapper SORTED = Json.MAPPER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private StructuredAsk() {}

  /**
   * JSON with object keys sorted, for text a model reads (schemas in prompts): the same value gives
   * the same prompt in every JVM, whatever map built it ({@code Map.of} iterates in an order that
   * changes from run to run), so the request keys of replay files stay stable.
   */
  public static String stableJson(Object value) {
    try {
      return SORTED.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not JSON-shaped: " + e.getOriginalMessage(), e);
    }
  }

  public static Object ask(Model model, String who, String system, String prompt, Map<String, Object> schema,
      Schema validator, Function<Object, List<String>> extraCheck, int maxRepairs, NodeContext ctx) throws NodeFailure {
    return ask(model, who, system, prompt, List.of(), schema, validator, extraCheck, maxRepairs, ctx);
  }

  /** As above, with images and documents sent next to the prompt (see {@link Attachments#load}). */
  public static Object ask(Model model, String who, String system, String prompt, List<Attachment> attachments,
      Map<String, Object> schema, Schema validator, Function<Object, List<String>> extraCheck, int maxRepairs, NodeContext ctx)
      throws NodeFailure {
    List<ModelMessage> messages = new ArrayList<>();
    messages.add(ModelMessage.system(system + "\n\nAnswer with only a JSON value (no prose, no code fences) that matches "
        + "this JSON Schema: " + stableJson(schema)));
    messages.add(ModelMessage.user(prompt, attachments));
    for (int attempt = 0; ; attempt++) {
      ModelResponse r;
      try {
        r = model.call(new ModelRequest(messages, List.of(), schema), ctx);
      } catch (ModelException e) {
        throw new NodeFailure(e.kind(), who + ": " + e.getMessage(), e);
      }
      String text = r.text() == null ? "" : r.text();
      OutputCheck.Result checked = OutputCheck.check(text, validator);
      String problem = checked.problem();
      if (checked.ok()) {
        List<String> extra = extraCheck.apply(checked.value());
        if (extra.isEmpty()) return checked.value();
        problem = String.join("; ", extra);
      }
      if (attempt >= maxRepairs) {
        throw new NodeFailure("invalid_output", who + ": " + model.config().describe() + " gave no valid answer in "
            + (attempt + 1) + " tries; last problem: " + problem + "; last answer: " + OutputCheck.clip(text));
      }
      messages.add(ModelMessage.assistant(text, List.of()));
      messages.add(ModelMessage.user("Your answer is not valid: " + problem + ". Reply again with only the corrected JSON."));
    }
  }
}
