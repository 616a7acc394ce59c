package dev.lamgraph.engine.store.sqlite;

import static dev.lamgraph.engine.store.sql.SqlRows.EVENT_COLUMNS;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.PruneRule;
import dev.lamgraph.engine.store.sql.SqlRows;
import dev.lamgraph.engine.trace.TraceEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CheckpointStore#prune} for {@link SqliteStore}: in one write transaction, removes the
 * checkpoints of finished threads before the snapshot needed by the first kept checkpoint (see
 * {@link PruneRule}). A removed step's trace events are moved to the events table first, so a
 * thread's trace stays whole.
 */
final class SqlitePrune {
  private static final String INSERT_EVENT = "INSERT INTO events (thread, " + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";

  private SqlitePrune() {}

  private record Row(long step, Instant time, boolean snapshot, long firstSeq, long lastSeq, String events, long bytes) {}

  static PruneRule.Result prune(SqliteDb db, PruneRule rule) {
    return db.write("pruning checkpoints", () -> {
      List<String> finished = new ArrayList<>();
      try (ResultSet rs = db.ps("SELECT id FROM threads WHERE status IN ('done', 'failed', 'cancelled') ORDER BY id").executeQuery()) {
        while (rs.next()) finished.add(rs.getString(1));
      }
      long threads = 0;
      long removed = 0;
      long bytes = 0;
      for (String thread : finished) {
        List<Row> rows = rows(db, thread);
        if (rows.isEmpty()) continue;
        Map<Long, Instant> times = new HashMap<>();
        rows.forEach(r -> times.put(r.step(), r.time()));
        long keepFrom = rule.keepFrom(rows.get(rows.size() - 1).step(), times::get);
        long base = -1;
        for (Row r : rows) if (r.step() <= keepFrom && r.snapshot()) base = r.step();
        if (base <= rows.get(0).step()) continue;
        threads++;
        for (Row r : rows) {
          if (r.step() >= base) break;
          moveEvents(db, thread, r);
          removed++;
          bytes += r.bytes();
        }
        PreparedStatement del = db.ps("DELETE FROM checkpoints WHERE thread = ? AND step < ?");
        del.setString(1, thread);
        del.setLong(2, base);
        del.executeUpdate();
      }
      return new PruneRule.Result(threads, removed, bytes);
    });
  }

  private static List<Row> rows(SqliteDb db, String thread) throws SQLException {
    PreparedStatement q = db.ps("SELECT step, time, snapshot IS NOT NULL, first_seq, last_seq, events,"
        + " length(CAST(writes AS BLOB)) + coalesce(length(CAST(snapshot AS BLOB)), 0) FROM checkpoints WHERE thread = ? ORDER BY step");
    q.setString(1, thread);
    List<Row> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(new Row(rs.getLong(1), SqlRows.instant(rs.getString(2)), rs.getBoolean(3), rs.getLong(4), rs.getLong(5),
            rs.getString(6), rs.getLong(7)));
      }
    }
    return out;
  }

  private static void moveEvents(SqliteDb db, String thread, Row r) throws SQLException {
    if (r.events() == null || r.lastSeq() < r.firstSeq()) return;
    List<TraceEvent> evs = SqliteRows.events(thread, r.firstSeq(), r.lastSeq(), r.events());
    List<SqlRows.Event> rows = SqlRows.Event.of(evs);
    PreparedStatement ins = db.ps(INSERT_EVENT);
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).bind(ins, 1, thread, evs.get(i).seq());
      ins.executeUpdate();
    }
  }
}
