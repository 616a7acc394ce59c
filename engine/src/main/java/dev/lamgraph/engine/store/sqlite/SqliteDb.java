package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.StoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One SQLite connection of a {@link SqliteStore}: opening the file, transactions (one at a time,
 * under this object's lock), prepared statements kept for the connection's life, and the
 * translation of SQLite failures into {@link StoreException}s.
 */
final class SqliteDb implements AutoCloseable {
  /** Work inside a transaction. */
  interface Work<T> {
    T run() throws SQLException;
  }

  private final Path file;
  private final Duration busyTimeout;
  private final Connection conn;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private boolean closed;

  private SqliteDb(Path file, Duration busyTimeout, Connection conn) {
    this.file = file;
    this.busyTimeout = busyTimeout;
    this.conn = conn;
  }

  /** Opens the file (creating it and its directory), checks and migrates its schema. */
  static SqliteDb open(Path file, Duration busyTimeout) {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    try {
      if (dir != null) Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(StoreException.Reason.IO, "cannot create the directory " + dir + " for the store "
          + abs + ": " + why(dir, e), e);
    }
    if (Files.isDirectory(abs)) {
      throw new StoreException(StoreException.Reason.IO, "the store path " + abs + " is a directory; give a file,"
          + " e.g. " + abs.resolve("lam.db"));
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    config.setGetGeneratedKeys(false); // else the driver runs "SELECT last_insert_rowid()" after every insert
    Connection c = null;
    try {
      c = config.createConnection("jdbc:sqlite:" + abs);
      SqliteSchema.prepare(c, abs, busyTimeout);
      return new SqliteDb(abs, busyTimeout, c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw SqliteErrors.map(e, abs, busyTimeout, "opening it");
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /**
   * Opens an existing store file for reading, so inspection works on read-only media. When the
   * file and its directory can be written, this is {@link #open} (a read-write connection, which
   * removes its {@code -wal} and {@code -shm} files when it closes; a read-only one would leave
   * them behind, owned by whoever inspected the store). Otherwise the connection is read-only
   * ({@code mode=ro}), and when the directory cannot be written and no WAL is waiting beside the
   * file, immutable ({@code immutable=1}: no lock or {@code -shm} file is needed, which a read-only
   * directory cannot hold). A missing file, or a store of an older schema (migrating it needs
   * write access), is opened by {@link #open}.
   */
  static SqliteDb openReadOnly(Path file, Duration busyTimeout) {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    boolean dirWritable = dir == null || Files.isWritable(dir);
    if (!Files.isRegularFile(abs) || dirWritable && Files.isWritable(abs)) return open(file, busyTimeout);
    Path wal = abs.resolveSibling(abs.getFileName() + "-wal");
    boolean immutable = !dirWritable && size(wal) == 0;
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    config.setGetGeneratedKeys(false);
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.OPEN_URI);
    Connection c = null;
    try {
      c = config.createConnection("jdbc:sqlite:" + abs.toUri() + (immutable ? "?immutable=1" : "?mode=ro"));
      if (SqliteSchema.checkReadOnly(c, abs) != SqliteSchema.VERSION) {
        closeQuietly(c);
        return open(file, busyTimeout); // an older schema: migrating it needs write access
      }
      return new SqliteDb(abs, busyTimeout, c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw SqliteErrors.map(e, abs, busyTimeout, "opening it for reading");
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private static long size(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Why a directory could not be created, naming the path in the way when there is one. */
  private static String why(Path dir, IOException e) {
    Path p = dir;
    while (p != null && !Files.exists(p)) p = p.getParent();
    if (p != null && !Files.isDirectory(p)) return p + " is a file, not a directory";
    if (e instanceof AccessDeniedException) return "permission denied on " + e.getMessage();
    return e instanceof FileSystemException f && f.getReason() != null ? f.getFile() + ": " + f.getReason() : e.toString();
  }

  Path file() {
    return file;
  }

  /** Runs {@code work} in a {@code BEGIN IMMEDIATE} transaction: it holds the write lock throughout. */
  <T> T write(String doing, Work<T> work) {
    return transaction("BEGIN IMMEDIATE", doing, work);
  }

  /** Runs {@code work} in a deferred transaction, so a read of several statements sees one state. */
  <T> T read(String doing, Work<T> work) {
    return transaction("BEGIN", doing, work);
  }

  /**
   * Runs {@code work}, which must run one statement, outside an explicit transaction: the
   * statement is its own transaction. A writing statement takes the write lock as it starts, as
   * {@code BEGIN IMMEDIATE} does (waiting up to the busy timeout), so the rows it reads cannot
   * change before it writes, and it is applied whole or not at all.
   */
  <T> T statement(String doing, Work<T> work) {
    return statement(() -> doing, work);
  }

  /** As {@link #statement(String, Work)}, the description made only when it is needed (an error): for the step path. */
  <T> T statement(Supplier<String> doing, Work<T> work) {
    synchronized (this) {
      if (closed) throw new StoreException(StoreException.Reason.UNAVAILABLE, "the store " + file + " is closed");
      try {
        return work.run();
      } catch (SQLException e) {
        throw SqliteErrors.map(e, file, busyTimeout, doing.get());
      }
    }
  }

  /**
   * The statement for {@code sql}, prepared once per connection. Call only inside {@code work}
   * (it holds the lock).
   */
  PreparedStatement ps(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = conn.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  private synchronized <T> T transaction(String begin, String doing, Work<T> work) {
    if (closed) throw new StoreException(StoreException.Reason.UNAVAILABLE, "the store " + file + " is closed");
    try {
      ps(begin).execute();
      boolean done = false;
      try {
        T result = work.run();
        ps("COMMIT").execute();
        done = true;
        return result;
      } finally {
        if (!done) rollbackQuietly();
      }
    } catch (SQLException e) {
      throw SqliteErrors.map(e, file, busyTimeout, doing);
    }
  }

  private void rollbackQuietly() {
    try {
      ps("ROLLBACK").execute();
    } catch (SQLException ignored) {
      // SQLite may have rolled back already (e.g. after SQLITE_FULL); the first failure is reported
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // the connection's close below reports what matters
      }
    }
    statements.clear();
    try {
      conn.close();
    } catch (SQLException e) {
      throw SqliteErrors.map(e, file, busyTimeout, "closing it");
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      if (c != null) c.close();
    } catch (SQLException ignored) {
      // already failing; the caller reports the first problem
    }
  }
}
