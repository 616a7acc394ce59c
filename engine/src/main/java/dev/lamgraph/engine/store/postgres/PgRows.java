package dev.lamgraph.engine.store.postgres;

import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.sql.SqlRows;
import dev.lamgraph.engine.trace.TraceEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What the PostgreSQL store's rows need beyond {@link SqlRows}: events bound as arrays, and why a
 * write matched no row (columns in {@link PgSchema}).
 */
final class PgRows {
  /** The thread row's columns, in {@link SqlRows#bindThread} order. */
  static final String THREAD_COLUMNS = "id, workflow, file, source, input, status, step, detail, owner, created, updated";

  /**
   * Inserts events given as arrays (step, kind, node, time, data) after the thread's seq {@code
   * base}: {@code SELECT} this from a row {@code t(base)} with parameters thread + the 5 arrays.
   */
  static final String EVENTS_FROM_ARRAYS = "INSERT INTO lam_events (thread, seq, step, kind, node, time, data)"
      + " SELECT ?, t.base + e.o, e.s, e.k, e.n, e.tm, e.d FROM t,"
      + " unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS e(s, k, n, tm, d, o)";

  private PgRows() {}

  /** Events encoded before any SQL runs, so encoding failures touch nothing. */
  record Events(Long[] steps, String[] kinds, String[] nodes, String[] times, String[] data) {
    static Events of(List<TraceEvent> events) {
      int n = events.size();
      Events e = new Events(new Long[n], new String[n], new String[n], new String[n], new String[n]);
      List<SqlRows.Event> encoded = SqlRows.Event.of(events);
      for (int i = 0; i < n; i++) {
        SqlRows.Event ev = encoded.get(i);
        e.steps[i] = ev.step();
        e.kinds[i] = ev.kind();
        e.nodes[i] = ev.node();
        e.times[i] = ev.time();
        e.data[i] = ev.data();
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

  /** Why a commit matched no row: no thread, another owner, or another step. */
  static StoreException whyNot(Connection c, String threadId, String owner, long step) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT step, owner FROM lam_threads WHERE id = ?")) {
      q.setString(1, threadId);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) return notFound(threadId);
        return SqlRows.commitRefused(threadId, owner, rs.getString(2), rs.getLong(1), step);
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
    return SqlRows.notFound(threadId);
  }
}
