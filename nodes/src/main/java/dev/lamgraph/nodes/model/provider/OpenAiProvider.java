package dev.lamgraph.nodes.model.provider;

import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.nodes.model.ModelConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * {@code provider: openai}: OpenAI, or any OpenAI-compatible server at {@code base_url} (vLLM,
 * llama.cpp, LM Studio, Ollama's /v1...). The key defaults to {@code ${env:OPENAI_API_KEY}}, and
 * to none when {@code base_url} is written (local servers need no key).
 *
 * <pre>{@code
 * models:
 *   default: { provider: openai, model: gpt-4o-mini, api_key: "${env:OPENAI_API_KEY}", temperature: 0 }
 * }</pre>
 */
public final class OpenAiProvider extends Lc4jProvider {
  @Override
  public String name() {
    return "openai";
  }

  @Override
  public String summary() {
    return "OpenAI chat models, or any OpenAI-compatible server at base_url (no key needed then).";
  }

  @Override
  public String keyVariable() {
    return "OPENAI_API_KEY";
  }

  @Override
  public String defaultApiKey(YNode.YMap entry) {
    return entry.string("base_url").isPresent() ? null : super.defaultApiKey(entry);
  }

  @Override
  protected String exampleModel() {
    return "gpt-4o-mini";
  }

  @Override
  protected ChatModel build(ModelConfig c, String apiKey, String baseUrl) {
    return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey == null ? "none" : apiKey)
        .modelName(c.model()).temperature(c.temperature()).maxTokens(c.maxTokens()).timeout(c.timeout())
        .maxRetries(0).logRequests(false).logResponses(false).build();
  }
}
