package dev.lamgraph.nodes.model.provider;

import dev.lamgraph.nodes.model.ModelConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code provider: ollama}: a local Ollama server ({@code base_url}, default
 * {@code http://localhost:11434}); no key.
 *
 * <pre>{@code
 * models:
 *   local: { provider: ollama, model: llama3.2, base_url: "http://localhost:11434", timeout: 2m }
 * }</pre>
 */
public final class OllamaProvider extends Lc4jProvider {
  @Override
  public String name() {
    return "ollama";
  }

  @Override
  public String summary() {
    return "Models served by Ollama (base_url, default http://localhost:11434); no key.";
  }

  @Override
  protected String exampleModel() {
    return "llama3.2";
  }

  @Override
  public String example() {
    return "models:\n  local: { provider: ollama, model: llama3.2, base_url: \"http://localhost:11434\", timeout: 2m }";
  }

  /** Ollama's /api/chat takes images (vision models), not documents. */
  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.TOOLS, Capability.STRUCTURED_OUTPUT, Capability.NETWORK, Capability.IMAGE_INPUT);
  }

  @Override
  protected ChatModel build(ModelConfig c, String apiKey, String baseUrl) {
    return OllamaChatModel.builder().baseUrl(baseUrl == null ? "http://localhost:11434" : baseUrl)
        .modelName(c.model()).temperature(c.temperature()).numPredict(c.maxTokens()).timeout(c.timeout())
        .maxRetries(0).logRequests(false).logResponses(false).build();
  }
}
