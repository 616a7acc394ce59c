package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.node.NodeContext;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * What the nodes of one step share: thread, step number, a read-only state view, the input, and
 * the run's deadline.
 */
final class StepScope {
  private final String thread;
  private final long step;
  private final Map<String, Object> stateView;
  private final Map<String, Object> input;
  private final EventBuffer events;
  private final Map<String, Object> resumeValues;
  private final RunDeadline deadline;

  StepScope(String thread, long step, Map<String, Object> state, Map<String, Object> input, EventBuffer events,
      Map<String, Object> resumeValues, RunDeadline deadline) {
    this.deadline = deadline;
    this.thread = thread;
    this.step = step;
    this.stateView = Collections.unmodifiableMap(state);
    this.input = Collections.unmodifiableMap(input);
    this.events = events;
    this.resumeValues = resumeValues;
  }

  String thread() {
    return thread;
  }

  long step() {
    return step;
  }

  Map<String, Object> state() {
    return stateView;
  }

  Map<String, Object> input() {
    return input;
  }

  RunDeadline deadline() {
    return deadline;
  }

  EventBuffer events() {
    return events;
  }

  /** The answer given on resume to the node (or map item, or subgraph) called {@code name}. */
  Optional<Object> resumeValue(String name) {
    return Optional.ofNullable(resumeValues.get(name));
  }

  /** The context of one attempt of the task {@code name} (a node, or a map item such as {@code m[2]}). */
  Ctx context(String name, Map<String, Object> view, int attempt) {
    return new Ctx(name, view, attempt);
  }

  /** The {@link NodeContext} of one node attempt. */
  final class Ctx implements NodeContext {
    private final String node;
    private final Map<String, Object> view;
    private final int attempt;
    private volatile boolean cancelled;

    Ctx(String node, Map<String, Object> view, int attempt) {
      this.node = node;
      this.view = view;
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
      return view;
    }

    @Override
    public Map<String, Object> input() {
      return input;
    }

    @Override
    public Optional<Object> resumeValue() {
      return StepScope.this.resumeValue(node);
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
