package dev.lamgraph.nodes.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Answers from a replay file, never from a model: a request with no recorded answer fails with
 * {@link ModelException#NOT_RECORDED}, naming the file and previewing the request.
 *
 * <pre>{@code
 * models:
 *   default: { provider: replay, file: replays/triage.json, model: gpt-4o-mini, temperature: 0 }
 * }</pre>
 */
public final class ReplayClient implements ChatClient {
  private final ModelConfig config;
  private final ReplayFile file;

  ReplayClient(ModelConfig config, ReplayFile file) {
    this.config = config;
    this.file = file;
  }

  /**
   * The client of {@code config} answering from {@code file}; the models of one workflow that read
   * one file share it (entries with one key answer in recorded order across them).
   *
   * @throws IllegalArgumentException (one line) when the file is missing or not a replay file
   */
  public static ReplayClient open(ModelConfig config, Path file, ModelSetup setup) {
    ReplayFile f = setup.shared(List.of("replay", file.toAbsolutePath().normalize()), () -> ReplayFile.load(file, false));
    return new ReplayClient(config, f);
  }

  @Override
  public ModelResponse chat(ModelRequest request) throws ModelException {
    Map<String, Object> n = RequestKey.normalize(config, request);
    String key = RequestKey.hash(n);
    return file.answer(key).orElseThrow(() -> new ModelException(ModelException.NOT_RECORDED, "replay file " + file.path()
        + " has no answer for this request of model '" + config.name() + "' (" + key.substring(0, 19) + "…; "
        + RequestKey.preview(n) + "); " + file.size() + " recorded; record it again with LAM_RECORD=" + file.path()
        + " against a real provider"));
  }
}
