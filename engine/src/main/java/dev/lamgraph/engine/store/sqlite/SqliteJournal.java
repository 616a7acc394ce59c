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

  static void setLabels(SqliteDb db, String id, String json) {
    db.write("labelling thread '" + id + "'", () -> {
      PreparedStatement st;
      if (json == null) {
        st = db.ps("DELETE FROM labels WHERE id = ?");
        st.setString(1, id);
      } else {
        st = db.ps("INSERT INTO labels (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json");
        st.setString(1, id);
        st.setString(2, json);
      }
      st.executeUpdate();
      return null;
    });
  }

  static java.util.SortedMap<String, String> labels(SqliteDb db) {
    return db.read("reading thread labels", () -> {
      java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
      try (ResultSet rs = db.ps("SELECT id, json FROM labels").executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), rs.getString(2));
      }
      return out;
    });
  }
  static java.util.Optional<String> label(SqliteDb db, String id) {
    return db.read("reading thread labels", () -> {
      PreparedStatement q = db.ps("SELECT json FROM labels WHERE id = ?");
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.<String>empty();
      }
    });
  }

  /** At most {@code max} labels after id {@code after} (null: from the first), by id in byte order. */
  static List<java.util.Map.Entry<String, String>> labelPage(SqliteDb db, String after, int max) {
    return db.read("reading thread labels", () -> {
      PreparedStatement q = db.ps("SELECT id, json FROM labels WHERE id > ? ORDER BY id LIMIT ?");
      q.setString(1, after == null ? "" : after);
      q.setInt(2, max);
      List<java.util.Map.Entry<String, String>> out = new java.util.ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) out.add(java.util.Map.entry(rs.getString(1), rs.getString(2)));
      }
      return out;
    });
  }
}
