package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.load.YNode;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.SectionType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code models:}: the named chat models of a workflow; nodes name one ({@code model: default}).
 * Providers: {@code openai} (any OpenAI-compatible server with {@code base_url}), {@code ollama},
 * {@code anthropic}, {@code gemini}, and {@code replay} (answers from a recorded file). Keys come
 * from the compile's environment only ({@code ${env:NAME}} of {@code CompileContext.env()}) and are
 * registered with its redactor. Recording and replaying are switched on by that environment too
 * ({@link ModelRecording}: {@code LAM_RECORD} / {@code LAM_REPLAY}).
 *
 * <pre>{@code
 * models:
 *   default: { provider: openai, model: gpt-4o-mini, api_key: "${env:OPENAI_API_KEY}", temperature: 0, max_retries: 3 }
 *   local:   { provider: ollama, model: llama3.2, base_url: "http://localhost:11434", timeout: 2m }
 *   demo:    { provider: replay, file: replays/triage.json, model: gpt-4o-mini, temperature: 0 }
 * }</pre>
 */
public final class ModelsSection implements SectionType {
  private static final String DURATION = "{\"type\":\"string\",\"pattern\":\"^[0-9]+(ms|s|m|h)$\"}";

  @Override
  public String name() {
    return "models";
  }

  @Override
  public String summary() {
    return "Named chat models (openai, ollama, anthropic, gemini, replay) that llm nodes use by name.";
  }

  @Override
  public int order() {
    return 10; // before sections that may use a model (memory, tools)
  }

  @Override
  public String schema() {
    return """
        {"type":"object","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_-]*$"},
         "additionalProperties":{"type":"object","additionalProperties":false,"required":["provider"],
          "properties":{
           "provider":{"type":"string","description":"openai | ollama | anthropic | gemini | replay"},
           "model":{"type":"string","description":"the provider's model name"},
           "base_url":{"type":"string","description":"server URL (OpenAI-compatible servers, Ollama, proxies)"},
           "api_key":{"type":"string","description":"an environment reference, e.g. ${env:OPENAI_API_KEY}"},
           "temperature":{"type":"number","minimum":0,"maximum":2},
           "max_tokens":{"type":"integer","minimum":1},
           "timeout":%s,
           "max_retries":{"type":"integer","minimum":0,"maximum":10,"description":"retries on 429 and 5xx (default 2)"},
           "retry_backoff":%s,
           "file":{"type":"string","description":"provider replay: the replay file, relative to the workflow"},
           "description":{"type":"string"}}}}""".formatted(DURATION, DURATION);
  }

  @Override
  public String example() {
    return """
        models:
          default: { provider: openai, model: gpt-4o-mini, api_key: "${env:OPENAI_API_KEY}", temperature: 0 }
          local: { provider: ollama, model: llama3.2, base_url: "http://localhost:11434" }""";
  }

  @Override
  public Optional<Object> compile(YNode section, CompileContext ctx) {
    Map<String, ModelConfig> configs = new LinkedHashMap<>();
    Set<String> broken = new HashSet<>();
    if (section instanceof YNode.YMap m) {
      for (YNode.Entry e : m.entries().values()) {
        Optional<ModelConfig> c = e.value() instanceof YNode.YMap cfg ? ModelConfig.read(e.key(), cfg, ctx.problems()) : Optional.empty();
        if (c.isPresent()) configs.put(e.key(), c.get());
        else broken.add(e.key());
      }
    }
    return Optional.of(new Models(configs, broken, ctx.env(), ctx.redactor(), ctx.baseDir(), ModelRecording.of(ctx.env())));
  }
}
