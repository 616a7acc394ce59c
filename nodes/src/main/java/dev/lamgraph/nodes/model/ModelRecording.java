package dev.lamgraph.nodes.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the models of one compile record or replay their calls, read from that compile's
 * environment ({@code CompileContext.env()}): {@code LAM_RECORD=FILE} or {@code LAM_REPLAY=FILE}.
 * It is no process-wide switch: the CLI's {@code lam run --record FILE} compiles with {@link
 * #recordTo(Map, Path)} of its environment, so another workflow compiled in the same process
 * records only when its own environment says so.
 *
 * <ul>
 *   <li>record: every real provider is wrapped with a recorder that appends request/response
 *       pairs to FILE (created if absent, appended to if present);
 *   <li>replay: every model answers from FILE instead of its provider (its settings are kept, so
 *       request keys match the recording); no key or network is needed.
 * </ul>
 *
 * <pre>{@code
 * Map<String, String> env = ModelRecording.recordTo(System.getenv(), Path.of("replays/triage.json"));
 * CompiledGraph g = Compiler.withDefaults(env, secrets).compile(workflow);   // its models record
 * }</pre>
 *
 * @param record the file this compile's real model calls are appended to, if any
 * @param replay the file this compile's models answer from, if any (wins over {@code record})
 */
public record ModelRecording(Optional<Path> record, Optional<Path> replay) {
  /** Environment variable that switches recording on. */
  public static final String RECORD_ENV = "LAM_RECORD";
  /** Environment variable that makes every model answer from a replay file. */
  public static final String REPLAY_ENV = "LAM_REPLAY";
  /** One recorder per file, so the models and graphs that record to one file append to it in turn. */
  private static final Map<Path, ReplayFile> RECORDERS = new ConcurrentHashMap<>();

  /** The mode {@code env} asks for (neither when it names no file). */
  public static ModelRecording of(Map<String, String> env) {
    return new ModelRecording(file(env, RECORD_ENV), file(env, REPLAY_ENV));
  }

  /** {@code env} with recording to {@code file} switched on (and replaying off): {@code lam run --record FILE}. */
  public static Map<String, String> recordTo(Map<String, String> env, Path file) {
    Map<String, String> m = new HashMap<>(env);
    m.remove(REPLAY_ENV);
    m.put(RECORD_ENV, file.toString());
    return Map.copyOf(m);
  }

  /** {@code env} with every model answering from {@code file} (and recording off). */
  public static Map<String, String> replayFrom(Map<String, String> env, Path file) {
    Map<String, String> m = new HashMap<>(env);
    m.remove(RECORD_ENV);
    m.put(REPLAY_ENV, file.toString());
    return Map.copyOf(m);
  }

  private static Optional<Path> file(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(s -> !s.isBlank()).map(Path::of);
  }

  /** The recorder of {@code file}, shared by everything that records to it. */
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
