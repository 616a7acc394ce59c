package dev.lamgraph.engine.store.sqlite;

import static dev.lamgraph.engine.store.sql.SqlRows.CHECKPOINT_COLUMNS;
import static dev.lamgraph.engine.store.sql.SqlRows.EVENT_COLUMNS;

import dev.lamgraph.engine.store.sql.SqlRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The statements a {@link SqliteStore} runs most (tables in {@link SqliteSchema}, values bound by
 * {@link SqlRows}), and the reads and appends its writes share. Call the methods inside a
 * transaction of {@code db}.
 */
final class SqliteSql {
  /** The thread row's columns, in {@link SqlRows#bindThread} order (its step is the step it was updated at). */
  static final String THREAD_COLUMNS = "id, workflow, file, source, input, status, updated_step, detail, owner, created, updated";
  /**
   * A thread as {@link SqlRows#thread} reads it: the row with its step and updated time worked out from
   * its latest checkpoint (see {@link SqliteSchema}). Add a {@code WHERE} or an {@code ORDER BY}.
   */
  static final String SELECT_THREAD = "SELECT t.id, t.workflow, t.file, t.source, t.input, t.status, coalesce(c.step, 0),"
      + " t.detail, t.owner, t.created, CASE WHEN c.step > t.updated_step THEN c.time ELSE t.updated END AS updated"
      + " FROM threads t LEFT JOIN checkpoints c"
      + " ON c.thread = t.id AND c.step = (SELECT max(step) FROM checkpoints WHERE thread = t.id)";

  /** Inserts a thread row ({@link #THREAD_COLUMNS}); changes nothing when the id is taken. */
  static final String INSERT_THREAD = "INSERT INTO threads (" + THREAD_COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

  /** Inserts a thread's first checkpoint: thread, {@code CHECKPOINT_COLUMNS}, first_seq, last_seq. */
  static final String INSERT_INITIAL = "INSERT INTO checkpoints (thread, " + CHECKPOINT_COLUMNS + ", first_seq, last_seq)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** INSERT_EVENTS.get(k - 1) inserts k events. */
  static final List<String> INSERT_EVENTS = IntStream.rangeClosed(1, 8)
      .mapToObj(k -> "INSERT INTO events (thread, " + EVENT_COLUMNS + ") VALUES "
          + String.join(", ", Collections.nCopies(k, "(?, ?, ?, ?, ?, ?, ?)")))
      .toList();

  /** Selects owner, step and seq (the last seq) of thread ?1, every one an index seek. */
  static final String HEAD = "SELECT t.owner AS owner, coalesce(c.step, 0) AS step,"
      + " max(coalesce(c.last_seq, 0), coalesce((SELECT max(seq) FROM events WHERE thread = t.id), 0)) AS seq"
      + " FROM threads t LEFT JOIN checkpoints c"
      + " ON c.thread = t.id AND c.step = (SELECT max(step) FROM checkpoints WHERE thread = t.id)"
      + " WHERE t.id = ?1";

  /**
   * One statement: an INSERT of the checkpoint row (which holds the step's events) that selects its
   * values only when the checks pass. The thread row and the events table are not written, so the
   * commit changes one b-tree (its last leaf page; every few steps also the pages a split
   * rebalances); and there is no BEGIN, SELECT or COMMIT to run besides.
   */
  static final String COMMIT = "INSERT INTO checkpoints (thread, " + CHECKPOINT_COLUMNS
      + ", first_seq, last_seq, events) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, h.seq + 1, h.seq + ?9, ?10 FROM (" + HEAD
      + ") h WHERE h.owner = ?11 AND h.step = ?2 - 1";

  private SqliteSql() {}

  /**
   * What a write checks: the owner, the latest step and the thread's last event seq. The last seq
   * is the larger of the latest checkpoint's {@code last_seq} and the events table's last seq for
   * the thread (each an index seek): every write takes the seqs after both, inside its write
   * transaction, so seqs stay gap-free and ordered however commits and status changes interleave.
   */
  record Head(String owner, long step, long lastSeq) {}

  static Head head(SqliteDb db, String threadId) throws SQLException {
    PreparedStatement q = db.ps(HEAD);
    q.setString(1, threadId);
    try (ResultSet rs = q.executeQuery()) {
      if (!rs.next()) throw SqlRows.notFound(threadId);
      return new Head(rs.getString(1), rs.getLong(2), rs.getLong(3));
    }
  }

  /** The thread's owner (null when free); NOT_FOUND when there is no such thread. */
  static String owner(SqliteDb db, String threadId) throws SQLException {
    PreparedStatement q = db.ps("SELECT owner FROM threads WHERE id = ?");
    q.setString(1, threadId);
    try (ResultSet rs = q.executeQuery()) {
      if (!rs.next()) throw SqlRows.notFound(threadId);
      return rs.getString(1);
    }
  }

  /** Appends events after {@code lastSeq}, up to 8 per statement; returns the new last seq. */
  static long append(SqliteDb db, String threadId, long lastSeq, List<SqlRows.Event> evs) throws SQLException {
    long seq = lastSeq;
    for (int from = 0; from < evs.size(); from += 8) {
      List<SqlRows.Event> chunk = evs.subList(from, Math.min(evs.size(), from + 8));
      PreparedStatement ins = db.ps(INSERT_EVENTS.get(chunk.size() - 1));
      int param = 1;
      for (SqlRows.Event e : chunk) param = e.bind(ins, param, threadId, ++seq);
      ins.executeUpdate();
    }
    return seq;
  }
}
