package dev.lamgraph.nodes.memory.graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The JDBC plumbing the memory stores share (the vector/document memory and the graph memory):
 * a transaction that rolls back on any failure, and a query feeding rows to a sink. A
 * {@link SQLException} becomes an {@link IllegalStateException} naming the store ({@code what}).
 */
public final class Jdbc {
  private Jdbc() {}

  /** Work inside a transaction. */
  public interface Work {
    void run() throws SQLException;
  }

  /** Receives each row of a query. */
  public interface Rows {
    void accept(ResultSet rs) throws SQLException;
  }

  /** Runs {@code work} in one transaction on {@code db}: committed whole, or rolled back. */
  public static void transaction(Connection db, String what, Work work) {
    try {
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }

  /** Runs a query with positional {@code args}, giving each row to {@code sink}. */
  public static void query(Connection db, String what, String sql, Rows sink, Object... args) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) sink.accept(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }

  /** Binds positional arguments to {@code p}. */
  public static void bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
  }
}
