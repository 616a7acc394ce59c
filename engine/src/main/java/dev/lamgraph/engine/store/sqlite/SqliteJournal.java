package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.JournalEntry;
import dev.lamgraph.engine.store.sql.SqlJournal;
import dev.lamgraph.engine.store.sql.SqlRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/** The SQLite store's journal of completed calls ({@link SqlJournal}) and its workflow moves, for {@link SqliteStore}. */
final class SqliteJournal {
  private SqliteJournal() {}

  static boolean add(SqliteDb db, String threadId, JournalEntry e) {
    return db.write("journalling a call of thread '" + threadId + "'", () -> {
      PreparedStatement ins = db.ps(SqlJournal.insert("journal", "threads"));
      SqlJournal.bindInsert(ins, threadId, e);
      if (ins.executeUpdate() == 1) return true;
      SqliteSql.owner(db, threadId); // NOT_FOUND, or the key had an entry
      return false;
    });
  }

  static List<JournalEntry> read(SqliteDb db, String threadId, long from, long to) {
    return db.read("reading the journal of thread '" + threadId + "'", () -> {
      SqliteSql.owner(db, threadId);
      PreparedStatement q = db.ps(SqlJournal.select("journal", ""));
      SqlJournal.bindSelect(q, threadId, from, to);
      try (ResultSet rs = q.executeQuery()) {
        return SqlJournal.read(rs);
      }
    });
  }

  static int forget(SqliteDb db, String threadId, long fromStep) {
    return db.write("forgetting journalled calls of thread '" + threadId + "'", () -> {
      SqliteSql.owner(db, threadId);
      PreparedStatement del = db.ps("DELETE FROM journal WHERE thread = ? AND step >= ?");
      del.setString(1, threadId);
      del.setLong(2, fromStep);
      return del.executeUpdate();
    });
  }

  static void setWorkflow(SqliteDb db, String threadId, String workflow, String file, String source) {
    db.write("moving thread '" + threadId + "' to another workflow", () -> {
      PreparedStatement up = db.ps("UPDATE threads SET workflow = ?, file = ?, source = ? WHERE id = ?");
      up.setString(1, workflow);
      up.setString(2, file);
      up.setString(3, source);
      up.setString(4, threadId);
      if (up.executeUpdate() == 0) throw SqlRows.notFound(threadId);
      return null;
    });
  }
}
