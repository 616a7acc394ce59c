package dev.lamgraph.nodes.model.provider;

import dev.lamgraph.nodes.model.ModelConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;

/**
 * {@code provider: gemini}: Google's Gemini models through the Gemini API; the key defaults to
 * {@code ${env:GEMINI_API_KEY}}.
 *
 * <pre>{@code
 * models:
 *   default: { provider: gemini, model: gemini-2.0-flash, temperature: 0 }
 * }</pre>
 */
public final class GeminiProvider extends Lc4jProvider {
  @Override
  public String name() {
    return "gemini";
  }

  @Override
  public String summary() {
    return "Google Gemini models through the Gemini API (key: GEMINI_API_KEY).";
  }

  @Override
  public String keyVariable() {
    return "GEMINI_API_KEY";
  }

  @Override
  protected String exampleModel() {
    return "gemini-2.0-flash";
  }

  @Override
  protected ChatModel build(ModelConfig c, String apiKey, String baseUrl) {
    GoogleAiGeminiChatModel.GoogleAiGeminiChatModelBuilder b = GoogleAiGeminiChatModel.builder().apiKey(apiKey)
        .modelName(c.model()).temperature(c.temperature()).maxOutputTokens(c.maxTokens()).timeout(c.timeout())
        .maxRetries(0).logRequests(false).logResponses(false);
    if (baseUrl != null) b.baseUrl(baseUrl.replaceAll("/+$", "")); // it appends "/models/..." itself
    return b.build();
  }

  @Override
  protected StreamingChatModel buildStreaming(ModelConfig c, String apiKey, String baseUrl) {
    GoogleAiGeminiStreamingChatModel.GoogleAiGeminiStreamingChatModelBuilder b = GoogleAiGeminiStreamingChatModel.builder()
        .apiKey(apiKey).modelName(c.model()).temperature(c.temperature()).maxOutputTokens(c.maxTokens())
        .timeout(c.timeout()).logRequests(false).logResponses(false);
    if (baseUrl != null) b.baseUrl(baseUrl.replaceAll("/+$", ""));
    return b.build();
  }
}
