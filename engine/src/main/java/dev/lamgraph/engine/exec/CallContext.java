package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.node.NodeContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The {@link NodeContext} of one attempt of one task (a node, or a map item such as {@code m[2]}),
 * for both executors: what it reads and where its events go come from its {@link CallScope}.
 * {@link NodePolicy} creates one per attempt and cancels it when the attempt's time is up.
 */
public final class CallContext implements NodeContext {
  private final CallScope scope;
  private final String node;
  private final long step;
  private final Map<String, Object> state;
  private final int attempt;
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean cancelled;

  CallContext(CallScope scope, String node, Map<String, Object> state, int attempt) {
    this.scope = scope;
    this.node = node;
    this.step = scope.step(); // fixed for the attempt, whatever step the scope moves on to
    this.state = state;
    this.attempt = attempt;
  }

  /** The scope this attempt runs in (control bodies run their items or child thread in it). */
  CallScope scope() {
    return scope;
  }

  void cancel() {
    cancelled = true;
  }

  @Override
  public String threadId() {
    return scope.threadId();
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
    return state;
  }

  @Override
  public Map<String, Object> input() {
    return scope.input();
  }

  @Override
  public Optional<Object> resumeValue() {
    return scope.resumeValue(node);
  }

  @Override
  public void event(String kind, Map<String, Object> attributes) {
    scope.nodeEvent(step, node, kind, attributes);
  }

  @Override
  public boolean listening(String kind) {
    return scope.listening(kind);
  }

  @Override
  public void emit(String kind, Object payload) {
    if (scope.listening(kind)) scope.emit(step, node, kind, payload);
  }

  @Override
  public String once(String kind, Supplier<String> call) {
    return scope.once(step, node, attempt, calls.incrementAndGet(), kind, call);
  }

  @Override
  public dev.lamgraph.engine.node.CallStubs stubs() {
    return scope.stubs();
  }

  @Override
  public boolean cancelled() {
    return cancelled || Thread.currentThread().isInterrupted();
  }
}
