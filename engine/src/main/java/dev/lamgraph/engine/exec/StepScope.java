package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.node.NodeContext;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/** What the nodes of one step share: thread, step number, a read-only state view, the input. */
final class StepScope {
  private final String thread;
  private final long step;
  private final Map<String, Object> stateView;
  private final Map<String, Object> input;
  private final EventBuffer events;
  private final Map<String, Object> resumeValues;

  StepScope(String thread, long step, Map<String, Object> state, Map<String, Object> input, EventBuffer events,
      Map<String, Object> resumeValues) {
    this.thread = thread;
    this.step = step;
    this.stateView = Collections.unmodifiableMap(state);
    this.input = Collections.unmodifiableMap(input);
    this.events = events;
    this.resumeValues = resumeValues;
  }

  long step() {
    return step;
  }

  Ctx context(String node, int attempt) {
    return new Ctx(node, attempt);
  }

  /** The {@link NodeContext} of one node attempt. */
  final class Ctx implements NodeContext {
    private final String node;
    private final int attempt;
    private volatile boolean cancelled;

    Ctx(String node, int attempt) {
      this.node = node;
      this.attempt = attempt;
    }

    void cancel() {
      cancelled = true;
    }

    @Override
    public String threadId() {
      return thread;
    }

    @Override
    public String nodeName() {
      return node;
    }

    @Override
    public long step() {
      return step;
    }

    @Override
    public int attempt() {
      return attempt;
    }

    @Override
    public Map<String, Object> state() {
      return stateView;
    }

    @Override
    public Map<String, Object> input() {
      return input;
    }

    @Override
    public Optional<Object> resumeValue() {
      return Optional.ofNullable(resumeValues.get(node));
    }

    @Override
    public void event(String kind, Map<String, Object> attributes) {
      events.add(step, kind, node, attributes);
    }

    @Override
    public boolean cancelled() {
      return cancelled || Thread.currentThread().isInterrupted();
    }
  }
}
