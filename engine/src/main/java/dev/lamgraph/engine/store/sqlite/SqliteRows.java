package dev.lamgraph.engine.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lamgraph.engine.store.sql.SqlRows;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the SQLite store's rows hold beyond {@link SqlRows}: a thread's step and updated time worked
 * out from its latest checkpoint, a step's events as JSON in its checkpoint row (see {@link SqliteSchema}).
 */
final class SqliteRows {
  private static final TypeReference<List<Map<String, Object>>> STEP_EVENTS = new TypeReference<>() {};

  private SqliteRows() {}

  /**
   * A step's events as the JSON array stored in its checkpoint row, or null when there are none:
   * {@code [{"step":1,"kind":"node_started","node":"act","time":"2025-...Z","data":{...}}, ...]}.
   * Their seqs are not stored in it: they are the row's {@code first_seq..last_seq}. Encoded before
   * the transaction starts, so encoding failures touch nothing.
   */
  static String eventsJson(List<TraceEvent> events) {
    if (events.isEmpty()) return null;
    StringBuilder b = new StringBuilder(160 * events.size());
    b.append('[');
    for (TraceEvent e : events) {
      if (b.length() > 1) b.append(',');
      b.append("{\"step\":").append(e.step()).append(",\"kind\":");
      quote(b, Objects.requireNonNull(e.kind(), "event kind"));
      b.append(",\"node\":");
      if (e.node() == null) b.append("null");
      else quote(b, e.node());
      b.append(",\"time\":\"").append(SqlRows.time(e.time())).append("\",\"data\":");
      JsonText.append(b, e.data()).append('}');
    }
    return b.append(']').toString();
  }

  private static void quote(StringBuilder b, String s) {
    JsonText.quote(b, s);
  }

  /** Decodes {@link #eventsJson}, giving the events seqs {@code firstSeq, firstSeq + 1, ...}. */
  static List<TraceEvent> events(String thread, long firstSeq, long lastSeq, String json) {
    List<Map<String, Object>> rows;
    try {
      rows = Json.MAPPER.readValue(json, STEP_EVENTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored step events are not a JSON array of events: " + e.getOriginalMessage(), e);
    }
    if (rows.size() != lastSeq - firstSeq + 1) {
      throw new IllegalStateException("a checkpoint row holds " + rows.size() + " events for seqs " + firstSeq + ".."
          + lastSeq);
    }
    List<TraceEvent> l = new ArrayList<>(rows.size());
    long seq = firstSeq;
    for (Map<String, Object> r : rows) {
      @SuppressWarnings("unchecked")
      Map<String, Object> data = (Map<String, Object>) r.get("data");
      l.add(new TraceEvent(seq++, thread, ((Number) r.get("step")).longValue(), (String) r.get("kind"),
          (String) r.get("node"), SqlRows.instant((String) r.get("time")), data));
    }
    return l;
  }

  /** Two event lists, each in seq order, merged into one in seq order. */
  static List<TraceEvent> merge(List<TraceEvent> a, List<TraceEvent> b) {
    List<TraceEvent> all = new ArrayList<>(a.size() + b.size());
    int i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && a.get(i).seq() < b.get(j).seq())) {
        all.add(a.get(i++));
      } else {
        all.add(b.get(j++));
      }
    }
    return List.copyOf(all);
  }
}
