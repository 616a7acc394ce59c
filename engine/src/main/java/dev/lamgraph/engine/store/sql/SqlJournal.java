package dev.lamgraph.engine.store.sql;

import dev.lamgraph.engine.store.JournalEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal table of both SQL stores ({@link JournalEntry}): its DDL, its statements and row
 * mapping. One row per completed call, keyed by (thread, step, node, attempt, call); an insert
 * that meets an existing key does nothing (the first result wins).
 */
public final class SqlJournal {
  private SqlJournal() {}

  /** The table, named {@code table}, in the column types both SQLite and PostgreSQL read. */
  public static String ddl(String table, String intType, String suffix) {
    return "CREATE TABLE " + table + " (\n"
        + "  thread  text NOT NULL,\n"
        + "  step    " + intType + " NOT NULL,\n"
        + "  node    text NOT NULL,           -- the task: a node, or a map item such as m[2]\n"
        + "  attempt integer NOT NULL,\n"
        + "  call    integer NOT NULL,        -- 1-based within the attempt\n"
        + "  kind    text NOT NULL,           -- tool | model\n"
        + "  time    text NOT NULL,\n"
        + "  value   text NOT NULL,           -- JSON (sealed when it holds a secret)\n"
        + "  PRIMARY KEY (thread, step, node, attempt, call)\n"
        + ")" + suffix;
  }

  /** Inserts one entry when the thread exists and the key is new; parameters by {@link #bindInsert}. */
  public static String insert(String table, String threads) {
    return "INSERT INTO " + table + " (thread, step, node, attempt, call, kind, time, value)"
        + " SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM " + threads + " WHERE id = ?)"
        + " ON CONFLICT DO NOTHING";
  }

  /** Reads a thread's entries of steps {@code from..to} in key order; {@code collate} names a byte-order collation, or "". */
  public static String select(String table, String collate) {
    return "SELECT step, node, attempt, call, kind, time, value FROM " + table
        + " WHERE thread = ? AND step >= ? AND step <= ? ORDER BY step, node" + collate + ", attempt, call";
  }

  public static void bindInsert(PreparedStatement ps, String thread, JournalEntry e) throws SQLException {
    ps.setString(1, thread);
    ps.setLong(2, e.step());
    ps.setString(3, e.node());
    ps.setInt(4, e.attempt());
    ps.setInt(5, e.call());
    ps.setString(6, e.kind());
    ps.setString(7, SqlRows.time(e.time()));
    ps.setString(8, e.valueJson());
    ps.setString(9, thread);
  }

  public static void bindSelect(PreparedStatement ps, String thread, long from, long to) throws SQLException {
    ps.setString(1, thread);
    ps.setLong(2, from);
    ps.setLong(3, to);
  }

  public static List<JournalEntry> read(ResultSet rs) throws SQLException {
    List<JournalEntry> l = new ArrayList<>();
    while (rs.next()) {
      l.add(new JournalEntry(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
          rs.getString(7), SqlRows.instant(rs.getString(6))));
    }
    return l;
  }
}
