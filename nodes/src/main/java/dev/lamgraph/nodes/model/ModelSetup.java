package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.nodes.NodesCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a {@link ModelProvider} may use while it builds a model's client: who uses the model (for
 * messages), the workflow's directory, the compile's problems and redactor (register every key
 * resolved from the environment with {@link #secrets()}), and resources shared by the models of
 * one workflow (e.g. one replay file read once and answered in order).
 *
 * <pre>{@code
 * setup.error(NodesCodes.MISSING_ENV, config.apiKeyPos(), ", needs environment variable OPENAI_API_KEY; set it ...");
 * // model 'default' (openai gpt-4o-mini), used by node 'ask', needs environment variable OPENAI_API_KEY; ...
 * }</pre>
 */
public final class ModelSetup {

  private final String user;
  private final Path baseDir;
  private final Problems problems;
  private final Map<Object, Object> shared;
  private final Redactor secrets;
  private final boolean envOptional;

  ModelSetup(String user, Path baseDir, Problems problems, Map<Object, Object> shared, Redactor secrets, boolean envOptional) {
    this.envOptional = envOptional;
    this.user = user;
    this.baseDir = baseDir;
    this.problems = problems;
    this.shared = shared;
    this.secrets = secrets;
  }

  /** A setup of its own, with a redactor of its own (tests, embedding). */
  public static ModelSetup of(String user, Path baseDir, Problems problems) {
    return new ModelSetup(user, baseDir, problems, new ConcurrentHashMap<>(), new Redactor(), false);
  }

  /**
   * The compile's redactor: register the secrets a model uses ({@code EnvRefs.resolve(key, env,
   * setup.secrets()::addSecret, ...)}); clients that print provider texts mask with it.
   */
  public Redactor secrets() {
    return secrets;
  }

  /** Who uses the model, e.g. {@code node 'ask'}. */
  public String user() {
    return user;
  }

  /** The workflow's directory: relative paths of a model's config are resolved against it. */
  public Path baseDir() {
    return baseDir;
  }

  public Problems problems() {
    return problems;
  }

  /**
   * Reports an error about {@code config} used by {@link #user()}: the message is {@code
   * "<model> (<provider> <name>), used by <user>"} followed by {@code detail} (which starts with its
   * own separator, {@code ", needs ..."} or {@code ": ..."}).
   */
  public void error(String code, Pos pos, ModelConfig config, String detail) {
    problems.error(code, pos, config.describe() + ", used by " + user + detail);
  }

  /**
   * Reports that {@code config} needs the environment {@code variables}, which are not set: an
   * error when the graph is compiled to run; a warning when it is compiled for inspection only
   * ({@code CompileContext.envOptional()}), and then the returned client fails every call with kind
   * {@code missing_env}. Empty when the compile fails.
   *
   * <pre>{@code
   * List<String> missing = EnvRefs.missing(config.apiKey(), env);
   * if (!missing.isEmpty()) return setup.missingEnv(config.apiKeyPos(), config, missing);
   * }</pre>
   */
  public Optional<ChatClient> missingEnv(Pos pos, ModelConfig config, List<String> variables) {
    String names = (variables.size() == 1 ? "environment variable " : "environment variables ") + String.join(", ", variables);
    String set = (variables.size() == 1 ? "set it" : "set them") + ", e.g. `export " + variables.get(0) + "=...`";
    if (!envOptional) {
      error(NodesCodes.MISSING_ENV, pos, config, ", needs " + names + "; " + set);
      return Optional.empty();
    }
    problems.warning(NodesCodes.MISSING_ENV, pos, config.describe() + ", used by " + user + ", needs " + names
        + " (not set): a run that calls it fails; " + set);
    String message = config.describe() + " needs " + names + ", not set; " + set;
    return Optional.of(request -> {
      throw new ModelException(ModelException.MISSING_ENV, message);
    });
  }

  /**
   * One value per {@code key} for all models of the workflow, made by {@code make} on first use
   * (nothing is kept when it throws). Keys should name their provider, e.g. {@code List.of("replay", path)}.
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(Object key, Supplier<T> make) {
    synchronized (shared) {
      return (T) shared.computeIfAbsent(key, k -> make.get());
    }
  }
}
