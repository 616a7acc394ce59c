package dev.lamgraph.server.runs;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of one run, in order, for every stream that joins it. Each event has an id {@code
 * STEP.SEQ} (the step it belongs to and a sequence number); a rejoin with {@code Last-Event-ID}
 * gets the events after that sequence number. Live events (what nodes emit while a step runs:
 * tokens, {@code custom}) have no id and are for the streams reading at that moment: a stream that
 * joins later skips those already here, and once a run is two steps further they are dropped
 * (kept as a shared placeholder, so positions stay) to bound the memory a long run holds.
 */
public final class EventLog {
  /**
   * One SSE event: id (null for {@code metadata}, {@code end} and live events), name, JSON data,
   * and for a live event the step it was emitted in (else -1).
   */
  public record Event(String id, String event, Object data, long liveStep) {
    public Event(String id, String event, Object data) {
      this(id, event, data, -1);
    }

    public boolean live() {
      return liveStep >= 0;
    }
  }

  /** What a dropped live event becomes: live, and skipped by every stream. */
  public static final Event DROPPED = new Event(null, "", null, Long.MAX_VALUE);

  private final List<Event> events = new ArrayList<>();
  private long seq;
  private boolean closed;
  /** Where the first live event not yet dropped may be. */
  private int firstLive;

  /** A log whose first numbered event gets sequence number {@code firstSeq}. */
  public EventLog(long firstSeq) {
    this.seq = firstSeq;
  }

  /** LangGraph's first event: {@code {run_id, thread_id, attempt}}, in that order. */
  public static java.util.Map<String, Object> metadata(String runId, String threadId, int attempt) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("thread_id", threadId);
    m.put("attempt", attempt);
    return m;
  }

  public synchronized void add(long step, String event, Object data) {
    events.add(new Event(step + "." + seq++, event, data));
    notifyAll();
  }

  /** A live event of step {@code step}, not numbered and never replayed to a later stream. */
  public synchronized void addLive(long step, String event, Object data) {
    events.add(new Event(null, event, data, step));
    notifyAll();
  }

  /** Drops the live events of steps before {@code step} (their committed events carry what they said). */
  public synchronized void dropLiveBefore(long step) {
    int keep = -1;
    for (int i = firstLive; i < events.size(); i++) {
      Event e = events.get(i);
      if (!e.live() || e == DROPPED) continue;
      if (e.liveStep() < step) events.set(i, DROPPED);
      else if (keep < 0) keep = i;
    }
    firstLive = keep < 0 ? events.size() : keep;
  }

  public synchronized void addUnnumbered(String event, Object data) {
    events.add(new Event(null, event, data));
    notifyAll();
  }

  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** The sequence number in an event id ({@code STEP.SEQ}), or -1 for none / a malformed one. */
  public static long seqOf(String id) {
    if (id == null) return -1;
    int dot = id.lastIndexOf('.');
    try {
      return Long.parseLong(id.substring(dot + 1).strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The step in an event id, or -1. */
  public static long stepOf(String id) {
    if (id == null) return -1;
    int dot = id.indexOf('.');
    try {
      return dot < 0 ? -1 : Long.parseLong(id.substring(0, dot).strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The index of the first numbered event after {@code lastEventId} (0 when null: everything). */
  public synchronized int indexAfter(String lastEventId) {
    long last = seqOf(lastEventId);
    if (last < 0) return 0;
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e.id() != null && seqOf(e.id()) > last) return i;
    }
    return events.size();
  }

  /** Events from {@code index} on, waiting up to {@code millis} for one; empty on timeout or when closed and drained. */
  public synchronized List<Event> from(int index, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (events.size() <= index && !closed) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) break;
      wait(left);
    }
    return index >= events.size() ? List.of() : new ArrayList<>(events.subList(index, events.size()));
  }

  public synchronized int size() {
    return events.size();
  }
}
