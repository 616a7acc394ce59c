package dev.lamgraph.nodes.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import java.util.Map;

/**
 * The providers a model may name, and how each becomes a langchain4j {@link ChatModel}. Retries are
 * ours ({@link Model}), so every client is built with {@code maxRetries(0)}; request and response
 * logging stays off (keys never reach a log).
 *
 * <pre>{@code
 * ChatModel m = Providers.build(config, "sk-...", "http://127.0.0.1:8080/v1");
 * }</pre>
 */
final class Providers {
  /** Sorted, for messages. */
  static final List<String> KNOWN = List.of("anthropic", "gemini", "ollama", "openai", "replay");
  private static final Map<String, String> KEY_VARS = Map.of(
      "openai", "OPENAI_API_KEY", "anthropic", "ANTHROPIC_API_KEY", "gemini", "GEMINI_API_KEY");
  private static final Map<String, String> EXAMPLES = Map.of("openai", "gpt-4o-mini", "anthropic", "claude-3-5-haiku-latest",
      "gemini", "gemini-2.0-flash", "ollama", "llama3.2");

  private Providers() {}

  static String keyVariable(String provider) {
    return KEY_VARS.getOrDefault(provider, "API_KEY");
  }

  static String exampleModel(String provider) {
    return EXAMPLES.getOrDefault(provider, "NAME");
  }

  /**
   * The key used when {@code api_key} is not written: the provider's usual variable; none for
   * Ollama, replay, and OpenAI-compatible servers at a {@code base_url} (local servers need no key).
   */
  static String defaultKeyRef(String provider, boolean hasBaseUrl) {
    if (provider.equals("openai") && hasBaseUrl) return null;
    String v = KEY_VARS.get(provider);
    return v == null ? null : "${env:" + v + "}";
  }

  static ChatModel build(ModelConfig c, String apiKey, String baseUrl) {
    return switch (c.provider()) {
      case "openai" -> OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey == null ? "none" : apiKey)
          .modelName(c.model()).temperature(c.temperature()).maxTokens(c.maxTokens()).timeout(c.timeout())
          .maxRetries(0).logRequests(false).logResponses(false).build();
      case "ollama" -> OllamaChatModel.builder().baseUrl(baseUrl == null ? "http://localhost:11434" : baseUrl)
          .modelName(c.model()).temperature(c.temperature()).numPredict(c.maxTokens()).timeout(c.timeout())
          .maxRetries(0).logRequests(false).logResponses(false).build();
      case "anthropic" -> AnthropicChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(c.model())
          .temperature(c.temperature()).maxTokens(c.maxTokens()).timeout(c.timeout()).maxRetries(0)
          .logRequests(false).logResponses(false).build();
      case "gemini" -> gemini(c, apiKey, baseUrl);
      default -> throw new IllegalArgumentException("provider '" + c.provider() + "' has no client; known: " + KNOWN);
    };
  }

  private static ChatModel gemini(ModelConfig c, String apiKey, String baseUrl) {
    GoogleAiGeminiChatModel.GoogleAiGeminiChatModelBuilder b = GoogleAiGeminiChatModel.builder().apiKey(apiKey)
        .modelName(c.model()).temperature(c.temperature()).maxOutputTokens(c.maxTokens()).timeout(c.timeout())
        .maxRetries(0).logRequests(false).logResponses(false);
    if (baseUrl != null) b.baseUrl(baseUrl.replaceAll("/+$", "")); // it appends "/models/..." itself
    return b.build();
  }
}
