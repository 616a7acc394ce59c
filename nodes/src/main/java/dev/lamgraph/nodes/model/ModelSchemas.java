package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.util.Json;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds model config schemas: the keys every provider shares (provider, model, temperature,
 * max_tokens, timeout, max_retries, retry_backoff, inputs, description) plus the provider's own, with
 * {@code additionalProperties: false} so typos are reported; and composes the {@code models:}
 * section's schema from the providers' schemas.
 *
 * <pre>{@code
 * String schema = ModelSchemas.provider(ModelSchemas.server("OPENAI_API_KEY"), List.of());   // base_url, api_key
 * }</pre>
 */
public final class ModelSchemas {
  /** A duration such as 500ms, 30s, 2m. */
  public static final String DURATION = "{\"type\":\"string\",\"pattern\":\"^[0-9]+(ms|s|m|h)$\"}";
  /** The key of a provider behind a server: {@code base_url}. */
  public static final String BASE_URL =
      "\"base_url\":{\"type\":\"string\",\"description\":\"server URL (OpenAI-compatible servers, Ollama, proxies)\"}";
  /**
   * The keys of a provider behind a server that takes a key: {@code base_url} and {@code api_key},
   * whose description names the usual variable ({@code keyVariable}).
   */
  public static String server(String keyVariable) {
    return BASE_URL + ",\n\"api_key\":{\"type\":\"string\",\"description\":\"an environment reference (default ${env:"
        + keyVariable + "})\"}";
  }

  private static final String HEAD = """
      "provider":{"type":"string"},
      "model":{"type":"string","description":"the provider's model name"}""";
  private static final String TAIL = """
      "temperature":{"type":"number","minimum":0,"maximum":2},
      "max_tokens":{"type":"integer","minimum":1},
      "timeout":%s,
      "max_retries":{"type":"integer","minimum":0,"maximum":10,"description":"retries on 429 and 5xx (default 2)"},
      "retry_backoff":%s,
      "inputs":{"type":"array","uniqueItems":true,"items":{"enum":["text","image","pdf"]},
        "description":"what this model reads besides text (default: what its provider supports); e.g. [text] for a text-only model"},
      "prices":{"type":"object","additionalProperties":false,"required":["input","output"],
        "properties":{"input":{"type":"number","minimum":0},"output":{"type":"number","minimum":0}},
        "description":"US dollars per million input and output tokens; each model_call trace event then carries its estimated cost_usd, and lam trace totals it per model"},
      "trace_content":{"type":"boolean","description":"keep each call's messages and answer in its model_call trace event (secrets masked, each text cut at 2000 characters); default: on for provider replay and while recording, off otherwise"},
      "description":{"type":"string"}""".formatted(DURATION, DURATION);

  private ModelSchemas() {}

  /**
   * The schema of one model's config.
   *
   * @param ownProperties the provider's properties as JSON members ({@code "file": {...}, ...}), or ""
   * @param required the provider's required keys ({@code provider} is always required)
   */
  public static String provider(String ownProperties, List<String> required) {
    String req = Stream.concat(Stream.of("provider"), required.stream()).map(r -> "\"" + r + "\"")
        .collect(Collectors.joining(","));
    String own = ownProperties.isBlank() ? "" : ",\n" + ownProperties;
    return "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[" + req + "],\n\"properties\":{\n" + HEAD + own
        + ",\n" + TAIL + "}}";
  }

  /**
   * The {@code models:} section: named entries, each with a {@code provider}; an entry of a known
   * provider must match that provider's schema (an unknown provider is reported by the section
   * itself, naming the known ones).
   */
  static String section(Collection<ModelProvider> providers) {
    String names = providers.stream().map(ModelProvider::name).collect(Collectors.joining(" | "));
    String branches = providers.stream().map(p -> "{\"if\":{\"required\":[\"provider\"],\"properties\":{\"provider\":{\"const\":"
        + Json.write(p.name()) + "}}},\"then\":" + p.configSchema() + "}").collect(Collectors.joining(",\n"));
    return """
        {"type":"object","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_-]*$"},
         "additionalProperties":{"type":"object","required":["provider"],
          "properties":{"provider":{"type":"string","description":%s}}%s}}""".formatted(Json.write(names),
        branches.isEmpty() ? "" : ",\n  \"allOf\":[\n" + branches + "]");
  }
}
