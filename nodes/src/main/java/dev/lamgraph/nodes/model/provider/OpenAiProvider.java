package dev.lamgraph.nodes.model.provider;

import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.nodes.model.ModelConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Set;
import java.util.regex.Pattern;

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

  /**
   * OpenAI's own text-only models (gpt-3.5-turbo, the first gpt-4, o1-mini, o3-mini) read text
   * only; others, and any model of another server at {@code base_url}, read images and PDFs
   * unless their {@code inputs:} says otherwise.
   */
  @Override
  public Set<String> inputs(ModelConfig c) {
    if (c.baseUrl() == null && c.model() != null && TEXT_ONLY.matcher(c.model()).matches()) return Set.of("text");
    return super.inputs(c);
  }

  private static final Pattern TEXT_ONLY = Pattern.compile("(?i)(gpt-3\\.5.*|gpt-4|gpt-4-0314|gpt-4-0613|gpt-4-32k.*|o1-mini.*|o1-preview.*"
      + "|o3-mini.*|davinci.*|babbage.*)");

  @Override
  protected ChatModel build(ModelConfig c, String apiKey, String baseUrl) {
    return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey == null ? "none" : apiKey)
        .modelName(c.model()).temperature(c.temperature()).maxTokens(c.maxTokens()).timeout(c.timeout())
        .maxRetries(0).logRequests(false).logResponses(false).build();
  }

  @Override
  protected StreamingChatModel buildStreaming(ModelConfig c, String apiKey, String baseUrl) {
    return OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey(apiKey == null ? "none" : apiKey)
        .modelName(c.model()).temperature(c.temperature()).maxTokens(c.maxTokens()).timeout(c.timeout())
        .logRequests(false).logResponses(false).build();
  }
}
