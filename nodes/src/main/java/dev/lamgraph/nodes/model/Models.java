package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.check.Problems;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.trace.Redactor;
import dev.lamgraph.engine.util.EnvRefs;
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
  private final Map<String, String> env;
  private final Redactor secrets;
  private final Path baseDir;
  private final Optional<Path> record;
  private final Optional<Path> replay;
  private final Map<String, Model> used = new HashMap<>();
  private final Map<Path, ReplayFile> replays = new HashMap<>();

  /** The models of one compile: keys from its {@code env}, registered with its {@code secrets}; {@code mode} from its env. */
  Models(Map<String, ModelConfig> configs, Set<String> broken, Map<String, String> env, Redactor secrets, Path baseDir,
      ModelRecording mode) {
    this.configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    this.broken = Set.copyOf(broken);
    this.env = env;
    this.secrets = secrets;
    this.baseDir = baseDir;
    this.record = mode.record();
    this.replay = mode.replay();
  }

  /** No models (the workflow has no {@code models:} section). */
  public static Models none() {
    return new Models(Map.of(), Set.of(), Map.of(), new Redactor(), Path.of("."), new ModelRecording(Optional.empty(),
        Optional.empty()));
  }

  /** Declared model names, in file order. */
  public Set<String> names() {
    return configs.keySet();
  }

  /**
   * The model {@code name} for {@code user} (e.g. "node 'triage'"), whose {@code model:} key is at
   * {@code pos}; {@code name} null picks {@code default}, or the only model. Problems are reported
   * (NO_MODEL, UNKNOWN_MODEL, MISSING_ENV, REPLAY_FILE) and empty is returned.
   */
  public synchronized Optional<Model> use(String name, String user, Pos pos, Problems problems) {
    if (name != null && broken.contains(name)) return Optional.empty(); // its own error was reported
    if (configs.isEmpty() && broken.isEmpty()) {
      problems.error("NO_MODEL", pos, user + " needs a model, but the workflow declares none; add: " + SNIPPET);
      return Optional.empty();
    }
    String n = name != null ? name : configs.containsKey("default") ? "default" : configs.size() == 1
        ? configs.keySet().iterator().next() : null;
    if (n == null && !broken.isEmpty()) return Optional.empty();
    if (n == null) {
      problems.error("NO_MODEL", pos, user + " does not say which model to use; add `model: NAME` (declared: "
          + String.join(", ", configs.keySet()) + ")");
      return Optional.empty();
    }
    ModelConfig c = configs.get(n);
    if (c == null) {
      problems.error("UNKNOWN_MODEL", pos, user + " uses unknown model '" + n + "'; declared: " + String.join(", ", configs.keySet()));
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
    if (replay.isPresent() || c.provider().equals("replay")) {
      ModelConfig rc = replay.isPresent() ? c.asReplay(replay.get().toString()) : c;
      Path file = replay.orElseGet(() -> baseDir.resolve(c.file()));
      try {
        ReplayFile f = replays.computeIfAbsent(file.toAbsolutePath().normalize(), p -> ReplayFile.load(file, false));
        return new Model(rc, new ReplayClient(rc, f));
      } catch (RuntimeException e) {
        problems.error("REPLAY_FILE", replay.isPresent() ? c.pos() : c.filePos(), rc.describe() + ", used by " + user + ": "
            + e.getMessage());
        return null;
      }
    }
    String key;
    String url;
    try {
      key = EnvRefs.resolve(c.apiKey(), env, secrets::addSecret, c.describe());
      url = EnvRefs.resolve(c.baseUrl(), env, null, c.describe());
    } catch (EnvRefs.MissingEnvException e) {
      problems.error("MISSING_ENV", c.apiKey() != null && c.apiKey().contains(e.variable()) ? c.apiKeyPos() : c.pos(),
          c.describe() + ", used by " + user + ", needs environment variable " + e.variable() + "; set it, e.g. `export "
              + e.variable() + "=...`");
      return null;
    }
    ChatClient client = new Lc4jClient(c, url, () -> Providers.build(c, key, url), secrets);
    if (record.isPresent()) client = new RecordingClient(client, c, ModelRecording.recorder(record.get()), secrets);
    return new Model(c, client);
  }
}
