package dev.lamgraph.nodes.model.provider;

import dev.lamgraph.nodes.model.ModelConfig;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;

/**
 * {@code provider: anthropic}: Anthropic's Claude models; the key defaults to
 * {@code ${env:ANTHROPIC_API_KEY}}.
 *
 * <pre>{@code
 * models:
 *   default: { provider: anthropic, model: claude-3-5-haiku-latest, max_tokens: 1024 }
 * }</pre>
 */
public final class AnthropicProvider extends Lc4jProvider {
  @Override
  public String name() {
    return "anthropic";
  }

  @Override
  public String summary() {
    return "Anthropic Claude models (key: ANTHROPIC_API_KEY).";
  }

  @Override
  public String keyVariable() {
    return "ANTHROPIC_API_KEY";
  }

  @Override
  protected String exampleModel() {
    return "claude-3-5-haiku-latest";
  }

  @Override
  protected ChatModel build(ModelConfig c, String apiKey, String baseUrl) {
    return AnthropicChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(c.model())
        .temperature(c.temperature()).maxTokens(c.maxTokens()).timeout(c.timeout()).maxRetries(0)
        .logRequests(false).logResponses(false).build();
  }

  @Override
  protected StreamingChatModel buildStreaming(ModelConfig c, String apiKey, String baseUrl) {
    return AnthropicStreamingChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(c.model())
        .temperature(c.temperature()).maxTokens(c.maxTokens()).timeout(c.timeout())
        .logRequests(false).logResponses(false).build();
  }
}
