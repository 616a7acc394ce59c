package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.exec.CallScope;
import dev.lamgraph.engine.exec.RunDeadline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bsc.langgraph4j.RunnableConfig;

/**
 * What the nodes of one langgraph4j run share besides the state: the run's input, its deadline
 * ({@code limits.timeout}), the number of the step being computed and the nodes' trace events. It travels in the {@link RunnableConfig}
 * metadata under {@link #KEY}, since langgraph4j passes only state and config to actions.
 *
 * <p>As a {@link CallScope} it records the nodes' own events only: the executor events of {@link
 * dev.lamgraph.engine.exec.NodePolicy} (attempts, retries) are ours, and nothing is resumed.
 */
final class RunScope implements CallScope {
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

  @Override
  public String threadId() {
    return threadId;
  }

  @Override
  public Map<String, Object> input() {
    return input;
  }

  @Override
  public RunDeadline deadline() {
    return deadline;
  }

  @Override
  public long step() {
    return step.get();
  }

  @Override
  public Optional<Object> resumeValue(String node) {
    return Optional.empty();
  }

  @Override
  public void nodeEvent(long step, String node, String kind, Map<String, Object> attributes) {
    events.add(new Lg4jResult.Event(step, node, kind, attributes));
  }

  void step(long s) {
    step.set(s);
  }

  List<Lg4jResult.Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
