package dev.lamgraph.engine.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.lamgraph.engine.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection pool of a {@link PostgresStore} (HikariCP), with helpers that run work in one
 * transaction or one autocommitted statement and turn failures into {@link StoreException}s.
 * Broken connections (a restarted server) are dropped by the pool; the next call gets a new one.
 */
final class PgDb implements AutoCloseable {
  /** Work on a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final PgUrl url;
  private final HikariDataSource pool;

  private PgDb(PgUrl url, HikariDataSource pool) {
    this.url = url;
    this.pool = pool;
  }

  /** Connects (failing at once, with a clear message, when the server cannot be used) and migrates the schema. */
  static PgDb open(PgUrl url) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("lam-pg");
    c.setJdbcUrl(url.jdbc());
    c.setUsername(url.user());
    if (url.password() != null) c.setPassword(url.password());
    c.setMaximumPoolSize(url.poolSize());
    c.setMinimumIdle(Math.min(2, url.poolSize()));
    c.setConnectionTimeout(Math.max(250, url.connectTimeout().toMillis()));
    c.setValidationTimeout(Math.max(250, Math.min(url.connectTimeout().toMillis(), 5000)));
    c.setInitializationFailTimeout(1); // the first connection must work: a wrong password fails open(), not a later call
    c.setAutoCommit(true);
    c.addDataSourceProperty("connectTimeout", (int) url.connectTimeout().toSeconds());
    c.addDataSourceProperty("socketTimeout", 120);
    c.addDataSourceProperty("tcpKeepAlive", true);
    c.addDataSourceProperty("ApplicationName", "lamgraph");
    if (url.schema() != null) c.addDataSourceProperty("currentSchema", url.schema());
    if (url.sslmode() != null) c.addDataSourceProperty("sslmode", url.sslmode());
    if (url.synchronousCommit() != null) c.addDataSourceProperty("options", "-c synchronous_commit=" + url.synchronousCommit());
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(c);
    } catch (HikariPool.PoolInitializationException e) {
      throw PgErrors.map(e.getCause() == null ? e : e.getCause(), url, "connecting to " + url.display());
    } catch (RuntimeException e) {
      throw PgErrors.map(e, url, "connecting to " + url.display());
    }
    PgDb db = new PgDb(url, ds);
    try {
      db.auto("preparing the schema of " + url.display(), conn -> {
        PgSchema.prepare(conn, url);
        return null;
      });
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  PgUrl url() {
    return url;
  }

  /** Runs {@code work} in one READ COMMITTED transaction (committed when it returns, rolled back when it throws). */
  <T> T tx(String doing, Work<T> work) {
    return call(doing, work, true);
  }

  /** Runs {@code work} on an autocommit connection (one statement is one transaction). */
  <T> T auto(String doing, Work<T> work) {
    return call(doing, work, false);
  }

  private <T> T call(String doing, Work<T> work, boolean transaction) {
    if (pool.isClosed()) throw new StoreException(StoreException.Reason.UNAVAILABLE, "the store " + url.display() + " is closed");
    try (Connection c = pool.getConnection()) {
      if (!transaction) return work.run(c);
      c.setAutoCommit(false);
      boolean done = false;
      try {
        T result = work.run(c);
        c.commit();
        done = true;
        return result;
      } finally {
        if (!done) rollbackQuietly(c); // the pool restores autocommit when the connection goes back
      }
    } catch (SQLException e) {
      throw PgErrors.map(e, url, doing);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection may be gone; the first failure is what the caller reports
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
