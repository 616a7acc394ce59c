package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.trace.Redactor;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects the events of the step being computed; they are stored with its checkpoint. */
final class EventBuffer {
  private final String thread;
  private final Clock clock;
  private final Redactor redactor;
  private final List<TraceEvent> events = new ArrayList<>();

  EventBuffer(String thread, Clock clock, Redactor redactor) {
    this.thread = thread;
    this.clock = clock;
    this.redactor = redactor;
  }

  @SuppressWarnings("unchecked")
  synchronized void add(long step, String kind, String node, Map<String, Object> data) {
    Map<String, Object> d = (Map<String, Object>) redactor.redactValue(data);
    events.add(new TraceEvent(0, thread, step, kind, node, clock.instant(), d));
  }

  void add(long step, TraceEvent.Kind kind, String node, Map<String, Object> data) {
    add(step, kind.id(), node, data);
  }

  /** A child thread's event, as it happened (its time kept), under this thread's step and a prefixed node. */
  synchronized void copy(TraceEvent child, long step, String node, Map<String, Object> data) {
    events.add(new TraceEvent(0, thread, step, child.kind(), node, child.time(), data));
  }

  /** The buffered events, emptying the buffer. */
  synchronized List<TraceEvent> drain() {
    List<TraceEvent> out = List.copyOf(events);
    events.clear();
    return out;
  }
}
