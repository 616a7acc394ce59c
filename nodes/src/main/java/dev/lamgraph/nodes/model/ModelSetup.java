package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.nodes.NodesCodes;
import java.nio.file.Path;
import java.util.Map;
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

  ModelSetup(String user, Path baseDir, Problems problems, Map<Object, Object> shared, Redactor secrets) {
    this.user = user;
    this.baseDir = baseDir;
    this.problems = problems;
    this.shared = shared;
    this.secrets = secrets;
  }

  /** A setup of its own, with a redactor of its own (tests, embedding). */
  public static ModelSetup of(String user, Path baseDir, Problems problems) {
    return new ModelSetup(user, baseDir, problems, new ConcurrentHashMap<>(), new Redactor());
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
