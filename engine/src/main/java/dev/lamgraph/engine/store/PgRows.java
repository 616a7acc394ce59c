package dev.lamgraph.engine.store;

import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Objects;

/** Encoding of the PostgreSQL store's rows (columns in {@link PgSchema}). */
final class PgRows {
  static final String THREAD_COLUMNS = "id, workflow, file, source, input, status, step, detail, owner, created, updated";
  static final String CHECKPOINT_COLUMNS = "step, ran, writes, next, time, snapshot, checksum";
  static final String EVENT_COLUMNS = "seq, step, kind, node, time, data";

  /**
   * Inserts events given as arrays (step, kind, node, time, data) after the thread's seq {@code
   * base}: {@code SELECT} this from a row {@code t(base)} with parameters thread + the 5 arrays.
   */
  static final String EVENTS_FROM_ARRAYS = "INSERT INTO lam_events (thread, seq, step, kind, node, time, data)"
      + " SELECT ?, t.base + e.o, e.s, e.k, e.n, e.tm, e.d FROM t,"
      + " unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS e(s, k, n, tm, d, o)";

  private static final DateTimeFormatter TIME = new java.time.format.DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true).appendLiteral('Z')
      .toFormatter().withZone(java.time.ZoneOffset.UTC);

  private PgRows() {}

  /** Events encoded before any SQL runs, so encoding failures touch nothing. */
  record Events(Long[] steps, String[] kinds, String[] nodes, String[] times, String[] data) {
    static Events of(List<TraceEvent> events) {
      int n = events.size();
      Events e = new Events(new Long[n], new String[n], new String[n], new String[n], new String[n]);
      for (int i = 0; i < n; i++) {
        TraceEvent ev = events.get(i);
        e.steps[i] = ev.step();
        e.kinds[i] = Objects.requireNonNull(ev.kind(), "event kind");
        e.nodes[i] = ev.node();
        e.times[i] = time(ev.time());
        e.data[i] = Json.write(ev.data());
      }
      return e;
    }

    int size() {
      return steps.length;
    }

    /** Binds thread + the 5 arrays from parameter {@code i}; returns the next index. */
    int bind(Connection c, PreparedStatement ps, int i, String thread) throws SQLException {
      ps.setString(i, thread);
      ps.setArray(i + 1, array(c, "bigint", steps));
      ps.setArray(i + 2, array(c, "text", kinds));
      ps.setArray(i + 3, array(c, "text", nodes));
      ps.setArray(i + 4, array(c, "text", times));
      ps.setArray(i + 5, array(c, "text", data));
      return i + 6;
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
      return c.createArrayOf(type, values);
    }
  }

  /** {@code 2025-01-02T03:04:05.123456789Z}: fixed width (years 0000-9999), so text order is time order. */
  static String time(Instant t) {
    Objects.requireNonNull(t, "time");
    if (t.isBefore(Instant.parse("0000-01-01T00:00:00Z")) || !t.isBefore(Instant.parse("+10000-01-01T00:00:00Z"))) {
      throw new IllegalArgumentException("time out of range (years 0000-9999): " + t);
    }
    return TIME.format(t);
  }

  static Instant instant(String s) {
    return Instant.parse(s);
  }

  /** Binds {@link #THREAD_COLUMNS} from parameter 1. */
  static void bindThread(PreparedStatement ps, ThreadInfo t) throws SQLException {
    ps.setString(1, t.id());
    ps.setString(2, t.workflow());
    ps.setString(3, t.file());
    ps.setString(4, t.source());
    ps.setString(5, t.inputJson());
    ps.setString(6, Objects.requireNonNull(t.status(), "status").id());
    ps.setLong(7, t.step());
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

  /** Binds {@link #CHECKPOINT_COLUMNS} of a row of {@code thread} from parameter {@code i}; returns the next index. */
  static int bindCheckpoint(PreparedStatement ps, int i, String thread, Checkpoint cp) throws SQLException {
    String ran = NodeNames.write(cp.ran());
    String next = NodeNames.write(cp.next());
    String time = time(cp.time());
    ps.setLong(i, cp.step());
    ps.setString(i + 1, ran);
    ps.setString(i + 2, cp.writesJson());
    ps.setString(i + 3, next);
    ps.setString(i + 4, time);
    ps.setString(i + 5, cp.snapshotJson());
    ps.setLong(i + 6, RowChecksum.of(thread, cp.step(), time, ran, next, cp.writesJson(), cp.snapshotJson()));
    return i + 7;
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



  /** Why a commit matched no row: no thread, another owner, or another step. */
  static StoreException whyNot(Connection c, String threadId, String owner, long step) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT step, owner FROM lam_threads WHERE id = ?")) {
      q.setString(1, threadId);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) return notFound(threadId);
        String held = rs.getString(2);
        if (!owner.equals(held)) {
          return new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' is owned by "
              + (held == null ? "nobody" : held) + ", not " + owner);
        }
        return new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' is at step " + rs.getLong(1)
            + "; cannot commit step " + step);
      }
    }
  }

  static long count(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void requireThread(Connection c, String threadId) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM lam_threads WHERE id = ?")) {
      q.setString(1, threadId);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) throw notFound(threadId);
      }
    }
  }

  static StoreException notFound(String threadId) {
    return new StoreException(StoreException.Reason.NOT_FOUND, "no thread '" + threadId + "'");
  }
}
