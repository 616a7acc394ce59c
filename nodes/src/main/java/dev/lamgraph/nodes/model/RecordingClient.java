package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.util.Redactor;
import java.util.Map;

/**
 * Wraps a real provider and appends every successful request/response pair to a replay file, so
 * the run can be replayed offline ({@link ReplayClient}) with identical outputs. What is written is
 * masked with the redactor of the compile that made the client.
 *
 * <pre>{@code
 * ChatClient c = new RecordingClient(realClient, config, ReplayFile.load(Path.of("run.json"), true), secrets);
 * }</pre>
 */
final class RecordingClient implements ChatClient {
  private final ChatClient delegate;
  private final ModelConfig config;
  private final ReplayFile file;
  private final Redactor secrets;

  RecordingClient(ChatClient delegate, ModelConfig config, ReplayFile file, Redactor secrets) {
    this.delegate = delegate;
    this.config = config;
    this.file = file;
    this.secrets = secrets;
  }

  @Override
  public ModelResponse chat(ModelRequest request) throws ModelException {
    return recorded(request, delegate.chat(request));
  }

  /** Streams through the real provider; what is recorded is the same complete answer {@link #chat} records. */
  @Override
  public ModelResponse stream(ModelRequest request, java.util.function.Consumer<String> tokens) throws ModelException {
    return recorded(request, delegate.stream(request, tokens));
  }

  private ModelResponse recorded(ModelRequest request, ModelResponse r) {
    Map<String, Object> n = RequestKey.normalize(config, request);
    file.record(RequestKey.hash(n), n, r, secrets);
    return r;
  }
}
