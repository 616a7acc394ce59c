package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.EnvRefs;
import dev.lamgraph.engine.util.Spelling;
import dev.lamgraph.nodes.NodesCodes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One named model of the {@code models:} section, as written (references such as
 * {@code ${env:OPENAI_API_KEY}} are kept unresolved until a node uses the model).
 *
 * <pre>{@code
 * models:
 *   default: { provider: openai, model: gpt-4o-mini, api_key: "${env:OPENAI_API_KEY}", temperature: 0 }
 * }</pre>
 *
 * @param apiKey an {@code ${env:NAME}} reference, or null when the provider needs no key
 * @param file for {@code provider: replay}: the replay file, relative to the workflow's directory
 * @param source the entry as written, where a provider reads its own keys ({@code source().string("prefix")});
 *     an empty mapping for a config built in code
 */
public record ModelConfig(String name, String provider, String model, String baseUrl, String apiKey, Double temperature,
    Integer maxTokens, Duration timeout, int maxRetries, Duration retryBackoff, String file, Pos pos, Pos apiKeyPos,
    Pos filePos, YNode.YMap source) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

  /** A config built in code (no written entry). */
  public ModelConfig(String name, String provider, String model, String baseUrl, String apiKey, Double temperature,
      Integer maxTokens, Duration timeout, int maxRetries, Duration retryBackoff, String file, Pos pos, Pos apiKeyPos,
      Pos filePos) {
    this(name, provider, model, baseUrl, apiKey, temperature, maxTokens, timeout, maxRetries, retryBackoff, file, pos,
        apiKeyPos, filePos, new YNode.YMap(Map.of(), pos));
  }

  /**
   * Reads one entry (already checked against its provider's schema); reports problems, empty on
   * error (an unknown provider is named with the known ones).
   */
  static Optional<ModelConfig> read(String name, YNode.YMap m, Map<String, ModelProvider> providers, Problems problems) {
    String provider = m.string("provider").orElse("");
    ModelProvider p = providers.get(provider);
    if (p == null) {
      problems.error(NodesCodes.UNKNOWN_PROVIDER, m.valuePos("provider"), "model '" + name + "' has unknown provider '" + provider
          + "'; known: " + String.join(", ", providers.keySet()) + Spelling.didYouMean(provider, providers.keySet()));
      return Optional.empty();
    }
    boolean ok = true;
    String apiKey = m.string("api_key").orElse(p.defaultApiKey(m));
    if (m.string("api_key").isPresent() && !EnvRefs.hasRefs(apiKey)) {
      problems.error(NodesCodes.LITERAL_SECRET, m.valuePos("api_key"), "api_key of model '" + name
          + "' must be an environment reference such as \"${env:" + (p.keyVariable() == null ? "API_KEY" : p.keyVariable())
          + "}\", not a literal key (workflow files are shared and stored with every run)");
      ok = false;
    }
    Duration timeout = duration(m, "timeout", name, DEFAULT_TIMEOUT, problems);
    Duration backoff = duration(m, "retry_backoff", name, DEFAULT_BACKOFF, problems);
    if (timeout == null || backoff == null || !ok) return Optional.empty();
    Double temperature = m.get("temperature").map(YNode::plain).filter(Number.class::isInstance)
        .map(n -> ((Number) n).doubleValue()).orElse(null);
    Integer maxTokens = m.get("max_tokens").map(YNode::plain).filter(Number.class::isInstance)
        .map(n -> ((Number) n).intValue()).orElse(null);
    int retries = m.get("max_retries").map(YNode::plain).filter(Number.class::isInstance)
        .map(n -> ((Number) n).intValue()).orElse(2);
    ModelConfig c = new ModelConfig(name, provider, m.string("model").orElse(null), m.string("base_url").orElse(null),
        apiKey, temperature, maxTokens, timeout, retries, backoff, m.string("file").orElse(null), m.pos(),
        m.valuePos("api_key"), m.valuePos("file"), m);
    Problems local = new Problems();
    p.check(c, local);
    local.list().forEach(problems::add);
    return local.hasErrors() ? Optional.empty() : Optional.of(c);
  }

  private static Duration duration(YNode.YMap m, String key, String name, Duration dflt, Problems problems) {
    Optional<String> s = m.string(key);
    if (s.isEmpty()) return dflt;
    Optional<Duration> d = Durations.parse(s.get());
    if (d.isEmpty() || d.get().isZero()) {
      problems.error(NodesCodes.BAD_DURATION, m.valuePos(key), key + " of model '" + name + "' is '" + s.get()
          + "'; write a positive duration such as 500ms, 30s, 2m");
      return null;
    }
    return d.get();
  }

  /**
   * The input kinds written in {@code inputs:} ({@code text}, {@code image}, {@code pdf}), or empty
   * when the model does not say (then its provider's capabilities decide).
   */
  public Optional<java.util.Set<String>> inputs() {
    if (!(source.get("inputs").orElse(null) instanceof YNode.YList l)) return Optional.empty();
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    l.items().forEach(i -> out.add(String.valueOf(i.plain())));
    return Optional.of(out);
  }

  /** The same model answered from a replay file instead (settings kept, so request keys match). */
  ModelConfig asReplay(String replayFile) {
    return new ModelConfig(name, "replay", model, null, null, temperature, maxTokens, timeout, maxRetries, retryBackoff,
        replayFile, pos, apiKeyPos, filePos, source);
  }

  /** How messages name it: {@code model 'default' (openai gpt-4o-mini)}. */
  public String describe() {
    return "model '" + name + "' (" + provider + (model == null ? "" : " " + model) + ")";
  }
}
