package dev.lamgraph.engine.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL commit floor: {@code connections} threads, each on its own JDBC connection, commit
 * {@code commits} single-row INSERTs of {@code rowBytes} bytes each (autocommit: one WAL flush per
 * commit with {@code synchronous_commit} on, or fewer when concurrent commits share a flush).
 *
 * <pre>{@code
 * double perSecond = PgCommitLoop.commitsPerSecond("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", 4, 2000, 8);
 * }</pre>
 */
final class PgCommitLoop {
  private PgCommitLoop() {}

  /** Runs the loop (creating table {@code floor} if needed) and returns the seconds it took. */
  static double seconds(String jdbcUrl, int connections, int commits, int rowBytes) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS floor (id bigserial PRIMARY KEY, v text)");
    }
    List<Thread> ts = new ArrayList<>();
    List<Exception> errors = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(() -> {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
            PreparedStatement ps = c.prepareStatement("INSERT INTO floor (v) VALUES (?)")) {
          for (int k = 0; k < commits; k++) {
            ps.setString(1, ("v" + k + "x".repeat(rowBytes)).substring(0, rowBytes));
            ps.executeUpdate();
          }
        } catch (Exception e) {
          synchronized (errors) {
            errors.add(e);
          }
        }
      });
      ts.add(t);
      t.start();
    }
    for (Thread t : ts) t.join();
    if (!errors.isEmpty()) throw errors.get(0);
    return (System.nanoTime() - t0) / 1e9;
  }

  /** {@link #seconds} as commits per second, all connections together. */
  static double commitsPerSecond(String jdbcUrl, int connections, int commits, int rowBytes) throws Exception {
    return connections * (double) commits / seconds(jdbcUrl, connections, commits, rowBytes);
  }
}
