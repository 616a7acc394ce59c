package dev.lamgraph.nodes.model.provider;

import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.util.EnvRefs;
import dev.lamgraph.nodes.model.ChatClient;
import dev.lamgraph.nodes.model.Lc4jClient;
import dev.lamgraph.nodes.model.ModelConfig;
import dev.lamgraph.nodes.model.ModelProvider;
import dev.lamgraph.nodes.model.ModelSchemas;
import dev.lamgraph.nodes.model.ModelSetup;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A provider behind a langchain4j {@link ChatModel}: {@code model:} is required, {@code api_key}
 * and {@code base_url} are resolved from the environment when a node uses the model (a missing
 * variable is reported as MISSING_ENV), and the langchain4j model is built on the first request.
 * Retries are lamgraph's ({@link dev.lamgraph.nodes.model.Model}), so build it with
 * {@code maxRetries(0)}; keep request and response logging off (keys never reach a log).
 *
 * <pre>{@code
 * public final class MistralProvider extends Lc4jProvider {
 *   public String name() { return "mistral"; }
 *   public String summary() { return "Mistral AI chat models."; }
 *   public String keyVariable() { return "MISTRAL_API_KEY"; }
 *   protected String exampleModel() { return "mistral-small-latest"; }
 *   protected ChatModel build(ModelConfig c, String apiKey, String baseUrl) {
 *     return MistralAiChatModel.builder().apiKey(apiKey).modelName(c.model()).maxRetries(0).build();
 *   }
 * }
 * }</pre>
 */
public abstract class Lc4jProvider implements ModelProvider {
  /** A typical model name, for the example and for the message when {@code model:} is missing. */
  protected abstract String exampleModel();

  /**
   * The langchain4j model of {@code config}.
   *
   * @param apiKey the resolved key, or null when none is configured
   * @param baseUrl the resolved server URL, or null for the provider's default
   */
  protected abstract ChatModel build(ModelConfig config, String apiKey, String baseUrl);

  /**
   * The langchain4j streaming model of {@code config}, used only when someone listens to a node's
   * tokens ({@code lam serve}'s {@code messages} streams); null (the default) when the provider
   * has none: the answer is then given as one piece. Build it like {@link #build} (no retries, no logging).
   */
  protected StreamingChatModel buildStreaming(ModelConfig config, String apiKey, String baseUrl) {
    return null;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.TOOLS, Capability.STRUCTURED_OUTPUT, Capability.NETWORK, Capability.IMAGE_INPUT,
        Capability.PDF_INPUT);
  }

  @Override
  public String configSchema() {
    return ModelSchemas.provider(keyVariable() == null ? ModelSchemas.BASE_URL : ModelSchemas.server(keyVariable()), List.of());
  }

  @Override
  public String example() {
    return "models:\n  default: { provider: " + name() + ", model: " + exampleModel()
        + (keyVariable() == null ? "" : ", api_key: \"${env:" + keyVariable() + "}\"") + ", temperature: 0 }";
  }

  @Override
  public void check(ModelConfig c, Problems problems) {
    if (c.model() == null) {
      problems.error(Codes.MISSING_FIELD, c.pos(), "model '" + c.name() + "' (provider " + c.provider() + ") needs `model: NAME`,"
          + " e.g. model: " + exampleModel());
    }
  }

  @Override
  public Optional<ChatClient> create(ModelConfig c, Map<String, String> env, ModelSetup setup) {
    List<String> missing = new ArrayList<>(EnvRefs.missing(c.apiKey(), env));
    EnvRefs.missing(c.baseUrl(), env).stream().filter(v -> !missing.contains(v)).forEach(missing::add);
    if (!missing.isEmpty()) {
      boolean atKey = c.apiKey() != null && missing.stream().anyMatch(c.apiKey()::contains);
      return setup.missingEnv(atKey ? c.apiKeyPos() : c.pos(), c, missing);
    }
    String key = EnvRefs.resolve(c.apiKey(), env, setup.secrets()::addSecret, c.describe());
    String url = EnvRefs.resolve(c.baseUrl(), env, c.describe());
    return Optional.of(new Lc4jClient(c, url, () -> build(c, key, url), () -> buildStreaming(c, key, url),
        setup.secrets()));  }
}
