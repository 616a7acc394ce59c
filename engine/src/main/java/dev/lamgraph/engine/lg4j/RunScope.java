package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.exec.RunDeadline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bsc.langgraph4j.RunnableConfig;

/**
 * What the nodes of one langgraph4j run share besides the state: the run's input, its deadline
 * ({@code limits.timeout}), the number of the step being computed and the nodes' trace events. It travels in the {@link RunnableConfig}
 * metadata under {@link #KEY}, since langgraph4j passes only state and config to actions.
 */
final class RunScope {
  static final String KEY = "lamgraph.run";

  private final String threadId;
  private final Map<String, Object> input;
  private final RunDeadline deadline;
  private final AtomicLong step = new AtomicLong(1);
  private final List<Lg4jResult.Event> events = Collections.synchronizedList(new ArrayList<>());

  RunScope(String threadId, Map<String, Object> input, RunDeadline deadline) {
    this.threadId = threadId;
    this.input = Collections.unmodifiableMap(input);
    this.deadline = deadline;
  }

  /** The scope in {@code config}, or an empty one (no input) when the graph is run directly. */
  static RunScope of(RunnableConfig config) {
    return config.metadata(KEY).filter(RunScope.class::isInstance).map(RunScope.class::cast)
        .orElseGet(() -> new RunScope(config.threadId().orElse("default"), Map.of(), RunDeadline.NONE));
  }

  String threadId() {
    return threadId;
  }

  Map<String, Object> input() {
    return input;
  }

  RunDeadline deadline() {
    return deadline;
  }

  long step() {
    return step.get();
  }

  void step(long s) {
    step.set(s);
  }

  void event(Lg4jResult.Event e) {
    events.add(e);
  }

  List<Lg4jResult.Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
