package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.YNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of chat model ({@code provider: openai}, {@code anthropic}, {@code gemini}, {@code ollama},
 * {@code replay}), found with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.lamgraph.nodes.model.ModelProvider}). It describes its own configuration,
 * so the {@code models:} section's schema is composed from the providers on the class path and
 * {@code lam nodes} lists them.
 *
 * <pre>{@code
 * public final class EchoProvider implements ModelProvider {
 *   public String name() { return "echo"; }
 *   public String summary() { return "Answers with the last user message."; }
 *   public String configSchema() { return ModelSchemas.provider("\"prefix\": {\"type\": \"string\"}", List.of()); }
 *   public String example() { return "models:\n  default: { provider: echo, prefix: 'echo: ' }"; }
 *   public Set<Capability> capabilities() { return Set.of(); }
 *   public Optional<ChatClient> create(ModelConfig c, Map<String, String> env, ModelSetup setup) {
 *     String prefix = c.source().string("prefix").orElse("");
 *     return Optional.of(req -> new ModelResponse(prefix + req.messages().get(req.messages().size() - 1).text(),
 *         List.of(), 0, 0, "stop"));
 *   }
 * }
 * }</pre>
 */
public interface ModelProvider {
  /** What a provider can do; listed by {@code lam nodes}. */
  enum Capability {
    /** Offers tools to the model and returns its tool calls. */
    TOOLS,
    /** Asks for JSON matching a node's {@code output_schema}. */
    STRUCTURED_OUTPUT,
    /** Calls a remote or local server: needs the network (and often a key); recorded by {@code lam run --record}. */
    NETWORK,
    /** Reads images attached to a prompt ({@code attachments:} of llm, planner and reviewer nodes). */
    IMAGE_INPUT,
    /** Reads PDF documents attached to a prompt. */
    PDF_INPUT
  }

  /** The {@code provider:} spelling under {@code models:}. */
  String name();

  /** One line for {@code lam nodes}. */
  String summary();

  /**
   * JSON Schema of one model's configuration, common keys included (provider, model, temperature,
   * max_tokens, timeout, max_retries, retry_backoff, inputs, description): build it with
   * {@link ModelSchemas#provider}.
   */
  String configSchema();

  /** A YAML example: a {@code models:} section with one model of this provider. */
  String example();

  /** What the provider supports. */
  Set<Capability> capabilities();

  /**
   * The environment variable of the usual key ({@code OPENAI_API_KEY}), named in messages; null
   * when the provider takes no key.
   */
  default String keyVariable() {
    return null;
  }

  /**
   * The {@code api_key} used when a model does not write one: {@code ${env:KEY_VARIABLE}}, or null
   * for no key.
   */
  default String defaultApiKey(YNode.YMap entry) {
    return keyVariable() == null ? null : "${env:" + keyVariable() + "}";
  }

  /**
   * What a model of this provider reads: {@code text}, plus {@code image} / {@code pdf} when the
   * provider has {@link Capability#IMAGE_INPUT} / {@link Capability#PDF_INPUT}. Override it when
   * the provider knows its text-only models by name; a model's own {@code inputs:} always wins
   * (it is not asked then).
   */
  default Set<String> inputs(ModelConfig config) {
    Set<String> out = new java.util.LinkedHashSet<>(Set.of("text"));
    if (capabilities().contains(Capability.IMAGE_INPUT)) out.add(Attachment.IMAGE);
    if (capabilities().contains(Capability.PDF_INPUT)) out.add(Attachment.PDF);
    return out;
  }

  /**
   * Checks a declared model beyond its schema (e.g. a required model name), reporting problems at
   * the config's positions; called for every declared model, used or not.
   */
  default void check(ModelConfig config, Problems problems) {}

  /**
   * The client of a model that a node uses (called once per model and workflow, at compile time):
   * references such as {@code ${env:NAME}} are resolved here, from {@code env}. Problems (a missing
   * variable, an unreadable file) are reported through {@link ModelSetup#error}, and empty is
   * returned. The client should connect lazily, on its first request.
   */
  Optional<ChatClient> create(ModelConfig config, Map<String, String> env, ModelSetup setup);
}
