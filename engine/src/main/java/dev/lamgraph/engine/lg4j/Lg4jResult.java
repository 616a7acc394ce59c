package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.store.RunStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a langgraph4j run of a workflow ended, in our executor's terms.
 *
 * <pre>{@code
 * Lg4jResult r = new Lg4jRunner(graph).run("t-1", Map.of());
 * if (r.status() == RunStatus.DONE) System.out.println(r.nodeOrder() + " -> " + r.state());
 * }</pre>
 *
 * @param status DONE or FAILED (the langgraph4j backend never pauses)
 * @param steps super-steps run (a parallel fan-out is one step, as in our executor)
 * @param state the state after the last completed step (channels in declaration order)
 * @param nodeOrder the nodes run, step by step; the branches of a step in declaration order
 * @param detail for FAILED: {node, kind, message, step}, as {@code RunResult.detail()}; else empty
 * @param events the events nodes recorded with {@code NodeContext.event}
 */
public record Lg4jResult(RunStatus status, long steps, Map<String, Object> state, List<String> nodeOrder,
    Map<String, Object> detail, List<Event> events) {
  /** One event a node recorded. */
  public record Event(long step, String node, String kind, Map<String, Object> data) {
    public Event {
      data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
  }
}
