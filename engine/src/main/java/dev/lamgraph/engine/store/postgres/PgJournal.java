package dev.lamgraph.engine.store.postgres;

import dev.lamgraph.engine.store.JournalEntry;
import dev.lamgraph.engine.store.sql.SqlJournal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/** The PostgreSQL store's journal of completed calls ({@link SqlJournal}) and its workflow moves, for {@link PostgresStore}. */
final class PgJournal {
  private PgJournal() {}

  static boolean add(PgDb db, String threadId, JournalEntry e) {
    return db.tx("journalling a call of thread '" + threadId + "'", c -> {
      try (PreparedStatement ins = c.prepareStatement(SqlJournal.insert("lam_journal", "lam_threads"))) {
        SqlJournal.bindInsert(ins, threadId, e);
        if (ins.executeUpdate() == 1) return true;
      }
      PgRows.requireThread(c, threadId); // NOT_FOUND, or the key had an entry
      return false;
    });
  }

  static List<JournalEntry> read(PgDb db, String threadId, long from, long to) {
    return db.tx("reading the journal of thread '" + threadId + "'", c -> {
      PgRows.requireThread(c, threadId);
      try (PreparedStatement q = c.prepareStatement(SqlJournal.select("lam_journal", " COLLATE \"C\""))) {
        SqlJournal.bindSelect(q, threadId, from, to);
        try (ResultSet rs = q.executeQuery()) {
          return SqlJournal.read(rs);
        }
      }
    });
  }

  static int forget(PgDb db, String threadId, long fromStep) {
    return db.tx("forgetting journalled calls of thread '" + threadId + "'", c -> {
      PgRows.requireThread(c, threadId);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM lam_journal WHERE thread = ? AND step >= ?")) {
        del.setString(1, threadId);
        del.setLong(2, fromStep);
        return del.executeUpdate();
      }
    });
  }

  static void setWorkflow(PgDb db, String threadId, String workflow, String file, String source) {
    db.tx("moving thread '" + threadId + "' to another workflow", c -> {
      try (PreparedStatement up = c.prepareStatement("UPDATE lam_threads SET workflow = ?, file = ?, source = ? WHERE id = ?")) {
        up.setString(1, workflow);
        up.setString(2, file);
        up.setString(3, source);
        up.setString(4, threadId);
        if (up.executeUpdate() == 0) throw PgRows.notFound(threadId);
      }
      return null;
    });
  }

  static void setLabels(PgDb db, String id, String json) {
    db.tx("labelling thread '" + id + "'", c -> {
      String sql = json == null ? "DELETE FROM lam_labels WHERE id = ?"
          : "INSERT INTO lam_labels (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json";
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, id);
        if (json != null) st.setString(2, json);
        st.executeUpdate();
      }
      return null;
    });
  }

  static java.util.SortedMap<String, String> labels(PgDb db) {
    return db.tx("reading thread labels", c -> {
      java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT id, json FROM lam_labels");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), rs.getString(2));
      }
      return out;
    });
  }
  static java.util.Optional<String> label(PgDb db, String id) {
    return db.tx("reading thread labels", c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT json FROM lam_labels WHERE id = ?")) {
        q.setString(1, id);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.<String>empty();
        }
      }
    });
  }

  /** At most {@code max} labels after id {@code after} (null: from the first), by id in the column's collation (its index's order). */
  static List<java.util.Map.Entry<String, String>> labelPage(PgDb db, String after, int max) {
    return db.tx("reading thread labels", c -> {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT id, json FROM lam_labels WHERE id > ? ORDER BY id LIMIT ?")) {
        q.setString(1, after == null ? "" : after);
        q.setInt(2, max);
        List<java.util.Map.Entry<String, String>> out = new java.util.ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) out.add(java.util.Map.entry(rs.getString(1), rs.getString(2)));
        }
        return out;
      }
    });
  }
}
