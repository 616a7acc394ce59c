package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.nodes.NodesCodes;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models of a workflow (the resource of its {@code models:} section). Nodes get a
 * {@link Model} with {@link #use} while they compile: only then are the model's
 * {@code ${env:...}} references resolved, so a missing key fails the compile for a model that a
 * node uses (the message says what to set) and never for one that no node uses. Provider clients
 * are built on the first call.
 *
 * <pre>{@code
 * Optional<Model> m = ctx.section("models", Models.class).orElse(Models.none())
 *     .use(spec.config().string("model").orElse(null), "node 'triage'", pos, ctx.problems());
 * }</pre>
 */
public final class Models {
  /** What to add when a node needs a model and none is declared (one line of flow YAML). */
  public static final String SNIPPET =
      "models: { default: { provider: openai, model: gpt-4o-mini, api_key: \"${env:OPENAI_API_KEY}\" } }";
  private final Map<String, ModelConfig> configs;
  private final Set<String> broken;
  private final Map<String, ModelProvider> providers;
  private final Map<String, String> env;
  private final Redactor secrets;
  private final Path baseDir;
  private final Optional<Path> record;
  private final Optional<Path> replay;
  private final boolean envOptional;
  private final Map<String, Model> used = new HashMap<>();
  private final Map<Object, Object> shared = new HashMap<>();

  /**
   * The models of one compile: {@code providers} build them with keys from its {@code env},
   * registered with its {@code secrets}; {@code mode} (from its env) records or replays them.
   */
  Models(Map<String, ModelConfig> configs, Set<String> broken, Map<String, ModelProvider> providers, Map<String, String> env,
      Redactor secrets, Path baseDir, ModelRecording mode, boolean envOptional) {
    this.envOptional = envOptional;
    this.configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    this.broken = Set.copyOf(broken);
    this.providers = providers;
    this.env = env;
    this.secrets = secrets;
    this.baseDir = baseDir;
    this.record = mode.record();
    this.replay = mode.replay();
  }

  /** No models (the workflow has no {@code models:} section). */
  public static Models none() {
    return new Models(Map.of(), Set.of(), Map.of(), Map.of(), new Redactor(), Path.of("."), new ModelRecording(Optional.empty(),
        Optional.empty()), false);
  }

  /** Declared model names, in file order. */
  public Set<String> names() {
    return configs.keySet();
  }

  /**
   * The model {@code name} for {@code user} (e.g. "node 'triage'"), whose {@code model:} key is at
   * {@code pos}; {@code name} null picks {@code default}, or the only model. Problems are reported
   * (NO_MODEL, UNKNOWN_MODEL, and the provider's own, e.g. MISSING_ENV, REPLAY_FILE) and empty is returned.
   */
  public synchronized Optional<Model> use(String name, String user, Pos pos, Problems problems) {
    if (name != null && broken.contains(name)) return Optional.empty(); // its own error was reported
    if (configs.isEmpty() && broken.isEmpty()) {
      problems.error(NodesCodes.NO_MODEL, pos, user + " needs a model, but the workflow declares none; add: " + SNIPPET);
      return Optional.empty();
    }
    String n = name != null ? name : configs.containsKey("default") ? "default" : configs.size() == 1
        ? configs.keySet().iterator().next() : null;
    if (n == null && !broken.isEmpty()) return Optional.empty();
    if (n == null) {
      problems.error(NodesCodes.NO_MODEL, pos, user + " does not say which model to use; add `model: NAME` (declared: "
          + String.join(", ", configs.keySet()) + ")");
      return Optional.empty();
    }
    ModelConfig c = configs.get(n);
    if (c == null) {
      problems.error(NodesCodes.UNKNOWN_MODEL, pos, user + " uses unknown model '" + n + "'; declared: " + String.join(", ", configs.keySet()));
      return Optional.empty();
    }
    Model m = used.get(n);
    if (m == null) {
      m = build(c, user, problems);
      if (m == null) return Optional.empty();
      used.put(n, m);
    }
    return Optional.of(m);
  }

  private Model build(ModelConfig c, String user, Problems problems) {
    ModelSetup setup = new ModelSetup(user, baseDir, problems, shared, secrets, envOptional);
    if (replay.isPresent()) { // every model answers from one file, whatever its provider
      ModelConfig rc = c.asReplay(replay.get().toString());
      try {
        return new Model(rc, ReplayClient.open(rc, replay.get(), setup), inputs(c));
      } catch (RuntimeException e) {
        problems.error(NodesCodes.REPLAY_FILE, c.pos(), rc.describe() + ", used by " + user + ": " + e.getMessage());
        return null;
      }
    }
    ModelProvider p = providers.get(c.provider());
    long errorsBefore = errors(problems);
    Optional<ChatClient> client;
    try {
      client = p.create(c, env, setup);
    } catch (RuntimeException e) { // a provider's bug: one line, not a stack trace
      setup.error(NodesCodes.PROVIDER_ERROR, c.pos(), c, ": provider '" + p.name() + "' could not prepare it: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return null;
    }
    if (client == null || client.isEmpty()) {
      if (errors(problems) == errorsBefore) {
        setup.error(NodesCodes.PROVIDER_ERROR, c.pos(), c, ": provider '" + p.name() + "' gave no client and reported no problem");
      }
      return null;
    }
    ChatClient cc = client.get();
    if (record.isPresent() && p.capabilities().contains(ModelProvider.Capability.NETWORK)) {
      cc = new RecordingClient(cc, c, ModelRecording.recorder(record.get()), secrets);
    }
    return new Model(c, cc, inputs(c));
  }

  /**
   * What a model reads: its {@code inputs:} when written, else what its provider says
   * ({@link ModelProvider#inputs}; a model replayed from a file reads what its own provider would, so a replayed
   * run is refused the same attachments as a live one).
   */
  private Set<String> inputs(ModelConfig c) {
    if (c.inputs().isPresent()) return c.inputs().get();
    ModelProvider p = providers.get(c.provider());
    return p == null ? Set.of("text") : p.inputs(c);
  }

  private static long errors(Problems p) {
    return p.list().stream().filter(d -> d.isError()).count();
  }
}
