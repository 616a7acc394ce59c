package dev.lamgraph.nodes.model.provider;

import dev.lamgraph.nodes.model.ModelConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.lamgraph.nodes.model.Attachment;
import java.util.EnumSet;
import java.util.regex.Pattern;
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

  /**
   * Images only for vision models, known by name (llava, moondream, llama3.2-vision, qwen2.5vl,
   * gemma3, minicpm-v...); other Ollama models read text only unless their {@code inputs:} says so.
   */
  @Override
  public Set<String> inputs(ModelConfig c) {
    return c.model() != null && VISION.matcher(c.model()).find() ? Set.of("text", Attachment.IMAGE) : Set.of("text");
  }

  private static final Pattern VISION = Pattern.compile(
      "(?i)(llava|moondream|vision|vl\\b|minicpm-v|gemma3|llama4|mistral-small3\\.[12]|granite3\\.[23]-vision)");

  @Override
  protected ChatModel build(ModelConfig c, String apiKey, String baseUrl) {
    return OllamaChatModel.builder().baseUrl(baseUrl == null ? "http://localhost:11434" : baseUrl)
        .modelName(c.model()).temperature(c.temperature()).numPredict(c.maxTokens()).timeout(c.timeout())
        .maxRetries(0).logRequests(false).logResponses(false).build();
  }

  @Override
  protected StreamingChatModel buildStreaming(ModelConfig c, String apiKey, String baseUrl) {
    return OllamaStreamingChatModel.builder().baseUrl(baseUrl == null ? "http://localhost:11434" : baseUrl)
        .modelName(c.model()).temperature(c.temperature()).numPredict(c.maxTokens()).timeout(c.timeout())
        .logRequests(false).logResponses(false).build();
  }
}
