package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.SectionType;
import dev.lamgraph.engine.spec.YNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code models:}: the named chat models of a workflow; nodes name one ({@code model: default}).
 * Each model names a {@link ModelProvider} found with {@link java.util.ServiceLoader} (shipped:
 * {@code openai} (any OpenAI-compatible server with {@code base_url}), {@code ollama},
 * {@code anthropic}, {@code gemini}, and {@code replay} (answers from a recorded file)); the
 * section's schema is composed from the providers' schemas. Keys come from the compile's
 * environment only ({@code ${env:NAME}} of {@code CompileContext.env()}) and are registered with its
 * redactor. Recording and replaying are switched on by that environment too ({@link
 * ModelRecording}: {@code LAM_RECORD} / {@code LAM_REPLAY}).
 *
 * <pre>{@code
 * models:
 *   default: { provider: openai, model: gpt-4o-mini, api_key: "${env:OPENAI_API_KEY}", temperature: 0, max_retries: 3 }
 *   local:   { provider: ollama, model: llama3.2, base_url: "http://localhost:11434", timeout: 2m }
 *   demo:    { provider: replay, file: replays/triage.json, model: gpt-4o-mini, temperature: 0 }
 * }</pre>
 */
public final class ModelsSection implements SectionType {
  private final Map<String, ModelProvider> providers;

  /** The providers on the class path (what {@link java.util.ServiceLoader} uses). */
  public ModelsSection() {
    this(providers(ModelsSection.class.getClassLoader()));
  }

  /** Models may name only {@code providers} (tests, embedding). */
  public ModelsSection(Map<String, ModelProvider> providers) {
    this.providers = Collections.unmodifiableMap(new TreeMap<>(providers));
  }

  /** The model providers visible to {@code loader}, by name. */
  public static Map<String, ModelProvider> providers(ClassLoader loader) {
    Map<String, ModelProvider> m = new TreeMap<>();
    for (ModelProvider p : ServiceLoader.load(ModelProvider.class, loader)) m.putIfAbsent(p.name(), p);
    return Collections.unmodifiableMap(m);
  }

  /** The providers models may name, by name. */
  public Map<String, ModelProvider> providers() {
    return providers;
  }

  @Override
  public String name() {
    return "models";
  }

  @Override
  public String summary() {
    return "Named chat models (" + String.join(", ", providers.keySet()) + ") that llm nodes use by name.";
  }

  @Override
  public int order() {
    return 10; // before sections that may use a model (memory, tools)
  }

  @Override
  public String schema() {
    return ModelSchemas.section(providers.values());
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
        Optional<ModelConfig> c = e.value() instanceof YNode.YMap cfg ? ModelConfig.read(e.key(), cfg, providers, ctx.problems())
            : Optional.empty();
        if (c.isPresent()) configs.put(e.key(), c.get());
        else broken.add(e.key());
      }
    }
    return Optional.of(new Models(configs, broken, providers, ctx.env(), ctx.redactor(), ctx.baseDir(),
        ModelRecording.of(ctx.env()), ctx.envOptional()));
  }
}
