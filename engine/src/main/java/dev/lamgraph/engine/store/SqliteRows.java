package dev.lamgraph.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Encoding of the SQLite store's rows (see {@link SqliteSchema} for the columns). */
final class SqliteRows {
  /** The thread row's columns, in {@link #bindThread} order. */
  static final String THREAD_COLUMNS = "id, workflow, file, source, input, status, updated_step, detail, owner, created, updated";
  /**
   * A thread as {@link #thread} reads it: the row with its step and updated time worked out from
   * its latest checkpoint (see {@link SqliteSchema}). Add a {@code WHERE} or an {@code ORDER BY}.
   */
  static final String SELECT_THREAD = "SELECT t.id, t.workflow, t.file, t.source, t.input, t.status, coalesce(c.step, 0),"
      + " t.detail, t.owner, t.created, CASE WHEN c.step > t.updated_step THEN c.time ELSE t.updated END AS updated"
      + " FROM threads t LEFT JOIN checkpoints c"
      + " ON c.thread = t.id AND c.step = (SELECT max(step) FROM checkpoints WHERE thread = t.id)";
  static final String CHECKPOINT_COLUMNS = "step, ran, writes, next, time, snapshot, checksum";
  static final String EVENT_COLUMNS = "seq, step, kind, node, time, data";

  private static final TypeReference<List<Map<String, Object>>> STEP_EVENTS = new TypeReference<>() {};

  private SqliteRows() {}

  /** An event encoded before the transaction starts, so encoding failures touch nothing. */
  record Event(long step, String kind, String node, String time, String data) {
    static List<Event> of(List<TraceEvent> events) {
      return events.stream()
          .map(e -> new Event(e.step(), Objects.requireNonNull(e.kind(), "event kind"), e.node(), SqliteRows.time(e.time()),
              Json.write(e.data())))
          .toList();
    }

    /** Binds the 7 event columns from parameter {@code i}; returns the next parameter index. */
    int bind(PreparedStatement ps, int i, String thread, long seq) throws SQLException {
      ps.setString(i, thread);
      ps.setLong(i + 1, seq);
      ps.setLong(i + 2, step);
      ps.setString(i + 3, kind);
      ps.setString(i + 4, node);
      ps.setString(i + 5, time);
      ps.setString(i + 6, data);
      return i + 7;
    }
  }

  /**
   * {@code 2025-01-02T03:04:05.123456789Z}: fixed width, so text order is time order (years
   * 0000-9999), and exact to the nanosecond. Written by hand: a DateTimeFormatter costs more than
   * the rest of an event's encoding.
   */
  static String time(Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(Objects.requireNonNull(t, "time").getEpochSecond(), t.getNano(),
        ZoneOffset.UTC);
    if (d.getYear() < 0 || d.getYear() > 9999) {
      throw new IllegalArgumentException("time out of range (years 0000-9999): " + t);
    }
    StringBuilder b = new StringBuilder(30);
    pad(b, d.getYear(), 4).append('-');
    pad(b, d.getMonthValue(), 2).append('-');
    pad(b, d.getDayOfMonth(), 2).append('T');
    pad(b, d.getHour(), 2).append(':');
    pad(b, d.getMinute(), 2).append(':');
    pad(b, d.getSecond(), 2).append('.');
    return pad(b, d.getNano(), 9).append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder b, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) b.append('0');
    return b.append(s);
  }

  static Instant instant(String s) {
    if (s.length() != 30) return Instant.parse(s);
    LocalDateTime d = LocalDateTime.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10), num(s, 11, 13), num(s, 14, 16),
        num(s, 17, 19), num(s, 20, 29));
    return d.toInstant(ZoneOffset.UTC);
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }

  /**
   * Binds the thread columns in {@link #THREAD_COLUMNS} order, starting at parameter 1, for a
   * thread whose latest checkpoint is step {@code step}.
   */
  static void bindThread(PreparedStatement ps, ThreadInfo t, long step) throws SQLException {
    ps.setString(1, t.id());
    ps.setString(2, t.workflow());
    ps.setString(3, t.file());
    ps.setString(4, t.source());
    ps.setString(5, t.inputJson());
    ps.setString(6, Objects.requireNonNull(t.status(), "status").id());
    ps.setLong(7, step);
    ps.setString(8, t.detailJson());
    ps.setString(9, t.owner());
    ps.setString(10, time(t.created()));
    ps.setString(11, time(t.updated()));
  }

  static ThreadInfo thread(ResultSet rs) throws SQLException {
    return new ThreadInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        RunStatus.parse(rs.getString(6)), rs.getLong(7), rs.getString(8), rs.getString(9), instant(rs.getString(10)),
        instant(rs.getString(11)));
  }

  /** Binds thread, then {@link #CHECKPOINT_COLUMNS} (with the row's {@link RowChecksum}), parameters 1 to 8. */
  static void bindCheckpoint(PreparedStatement ps, String thread, Checkpoint cp) throws SQLException {
    String ran = NodeNames.write(cp.ran());
    String next = NodeNames.write(cp.next());
    String time = time(cp.time());
    ps.setString(1, thread);
    ps.setLong(2, cp.step());
    ps.setString(3, ran);
    ps.setString(4, cp.writesJson());
    ps.setString(5, next);
    ps.setString(6, time);
    ps.setString(7, cp.snapshotJson());
    ps.setLong(8, RowChecksum.of(thread, cp.step(), time, ran, next, cp.writesJson(), cp.snapshotJson()));
  }

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
      b.append(",\"time\":\"").append(time(e.time())).append("\",\"data\":").append(Json.write(e.data())).append('}');
    }
    return b.append(']').toString();
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, b);
    b.append('"');
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
          (String) r.get("node"), instant((String) r.get("time")), data));
    }
    return l;
  }

  /** A row of {@link #CHECKPOINT_COLUMNS} of {@code thread}, after checking its checksum (CORRUPT when it does not match). */
  static Checkpoint checkpoint(String thread, ResultSet rs) throws SQLException {
    long step = rs.getLong(1);
    String ran = rs.getString(2), writes = rs.getString(3), next = rs.getString(4), time = rs.getString(5);
    String snapshot = rs.getString(6);
    long sum = rs.getLong(7);
    RowChecksum.verify(thread, step, rs.wasNull() ? null : sum, time, ran, next, writes, snapshot);
    return new Checkpoint(step, NodeNames.read(ran), writes, NodeNames.read(next), instant(time), snapshot);
  }

  static TraceEvent event(String thread, ResultSet rs) throws SQLException {
    return new TraceEvent(rs.getLong(1), thread, rs.getLong(2), rs.getString(3), rs.getString(4),
        instant(rs.getString(5)), Json.readMap(rs.getString(6)));
  }


}
