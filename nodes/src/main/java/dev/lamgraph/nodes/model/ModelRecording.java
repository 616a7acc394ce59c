package dev.lamgraph.nodes.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process-wide switches for recording and replaying model calls, read when a workflow's
 * {@code models:} section is compiled. The CLI's {@code lam run --record FILE} calls
 * {@link #recordTo}; without the CLI, set {@code LAM_RECORD=FILE} (or {@code LAM_REPLAY=FILE}) in
 * the environment. A switch set here wins over the environment.
 *
 * <ul>
 *   <li>record: every real provider is wrapped with a recorder that appends request/response
 *       pairs to FILE (created if absent, appended to if present);
 *   <li>replay: every model answers from FILE instead of its provider (its settings are kept, so
 *       request keys match the recording); no key or network is needed.
 * </ul>
 *
 * <pre>{@code
 * ModelRecording.recordTo(Path.of("replays/triage.json"));   // lam run --record replays/triage.json
 * CompiledGraph g = Compiler.withDefaults().compile(workflow);             // models now record
 * ModelRecording.clear();
 * }</pre>
 */
public final class ModelRecording {
  /** Environment variable that switches recording on. */
  public static final String RECORD_ENV = "LAM_RECORD";
  /** Environment variable that makes every model answer from a replay file. */
  public static final String REPLAY_ENV = "LAM_REPLAY";
  private static volatile Path recordTo;
  private static volatile Path replayFrom;
  private static final Map<Path, ReplayFile> RECORDERS = new ConcurrentHashMap<>();

  private ModelRecording() {}

  /** Records every real model call of workflows compiled from now on to {@code file}. */
  public static void recordTo(Path file) {
    recordTo = file;
    replayFrom = null;
  }

  /** Answers every model call of workflows compiled from now on from {@code file}. */
  public static void replayFrom(Path file) {
    replayFrom = file;
    recordTo = null;
  }

  /** Back to the environment's choice (and real providers when it says nothing). */
  public static void clear() {
    recordTo = null;
    replayFrom = null;
  }

  static Optional<Path> recording(Map<String, String> env) {
    if (recordTo != null) return Optional.of(recordTo);
    if (replayFrom != null) return Optional.empty();
    return Optional.ofNullable(env.get(RECORD_ENV)).filter(s -> !s.isBlank()).map(Path::of);
  }

  static Optional<Path> replaying(Map<String, String> env) {
    if (replayFrom != null) return Optional.of(replayFrom);
    if (recordTo != null) return Optional.empty();
    return Optional.ofNullable(env.get(REPLAY_ENV)).filter(s -> !s.isBlank()).map(Path::of);
  }

  /** One recorder per file in the process, so models and graphs recording to one file share it. */
  static ReplayFile recorder(Path file) {
    Path p = file.toAbsolutePath().normalize();
    ReplayFile f = RECORDERS.computeIfAbsent(p, x -> ReplayFile.load(x, true));
    if (f.size() > 0 && !Files.exists(p)) { // deleted since: start afresh
      f = ReplayFile.load(p, true);
      RECORDERS.put(p, f);
    }
    return f;
  }
}
