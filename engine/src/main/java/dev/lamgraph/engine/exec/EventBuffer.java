package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  /** The data of a {@code node_succeeded} event: its duration and its update (only the keys of a large one). */
  static Map<String, Object> succeeded(NodeOutcome.Ok ok) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("duration_us", ok.nanos() / 1000);
    Map<String, Object> u = ok.result().updates();
    if (u.size() <= 16 && small(u)) d.put("update", u);
    else d.put("update_keys", new ArrayList<>(u.keySet()));
    return d;
  }

  /** Only nulls, numbers, booleans and short strings (a loop: this runs at every step, interpreted at first). */
  private static boolean flat(List<?> l) {
    for (Object x : l) {
      if (!(x == null || x instanceof Number || x instanceof Boolean || (x instanceof String s && s.length() <= 64))) return false;
    }
    return true;
  }

  /** Cheap bound on an update's size: only flat, short values are copied into the trace event. */
  private static boolean small(Map<String, Object> u) {
    for (Object v : u.values()) {
      if (v instanceof String s && s.length() > 256) return false;
      if (v instanceof List<?> l && (l.size() > 16 || !flat(l))) return false;
      if (v instanceof Map<?, ?> m && m.size() > 16) return false;
    }
    return true;
  }
}
