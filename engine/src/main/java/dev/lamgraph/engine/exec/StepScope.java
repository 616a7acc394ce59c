package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.node.CallStubs;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the nodes of one step share: thread, step number, a read-only state view, the input, the
 * answers given on resume, the run's deadline and the thread's {@link Journal}; their events go to the executor's {@link
 * EventBuffer}, their failed attempts and live output ({@code emit}, masked) to the run's {@link RunListener}.
 */
final class StepScope implements CallScope {
  private final String thread;
  private final long step;
  private final Map<String, Object> stateView;
  private final Map<String, Object> input;
  private final EventBuffer events;
  private final RunListener listener;
  private final Map<String, Object> resumeValues;
  private final RunDeadline deadline;
  private final CallStubs stubs;
  private final Journal journal;
  private final dev.lamgraph.engine.util.Redactor redactor;

  StepScope(String thread, long step, Map<String, Object> state, Map<String, Object> input, EventBuffer events,
      RunListener listener, Map<String, Object> resumeValues, RunDeadline deadline, CallStubs stubs, Journal journal,
      dev.lamgraph.engine.util.Redactor redactor) {
    this.journal = journal;
    this.redactor = redactor;
    this.thread = thread;
    this.step = step;
    this.stateView = Collections.unmodifiableMap(state);
    this.input = Collections.unmodifiableMap(input);
    this.events = events;
    this.listener = listener;
    this.resumeValues = resumeValues;
    this.deadline = deadline;
    this.stubs = stubs;
  }

  @Override
  public CallStubs stubs() {
    return stubs;
  }

  @Override
  public String threadId() {
    return thread;
  }

  @Override
  public long step() {
    return step;
  }

  /** The state, read-only. */
  Map<String, Object> state() {
    return stateView;
  }

  @Override
  public Map<String, Object> input() {
    return input;
  }

  @Override
  public RunDeadline deadline() {
    return deadline;
  }

  /** The answer given on resume to the node (or map item, or subgraph) called {@code name}. */
  @Override
  public Optional<Object> resumeValue(String name) {
    return Optional.ofNullable(resumeValues.get(name));
  }

  @Override
  public void nodeEvent(long step, String node, String kind, Map<String, Object> attributes) {
    events.add(step, kind, node, attributes);
  }

  @Override
  public boolean listening(String kind) {
    return listener.wantsEmits(kind);
  }

  @Override
  public void emit(long step, String node, String kind, Object payload) {
    listener.nodeEmitted(step, node, kind, redactor.redactValue(payload));
  }

  @Override
  public void trace(TraceEvent.Kind kind, String node, Map<String, Object> data) {
    events.add(step, kind, node, data);
  }

  @Override
  public String once(long step, String node, int attempt, int call, String kind, Supplier<String> run) {
    return journal.once(step, node, attempt, call, kind, run);
  }

  @Override
  public void attemptFailed(String node, int attempt, String message, boolean willRetry) {
    listener.nodeFailed(step, node, attempt, message, willRetry);
  }
}
