package dev.lamgraph.engine.store;

import static dev.lamgraph.engine.store.SqliteRows.CHECKPOINT_COLUMNS;
import static dev.lamgraph.engine.store.SqliteRows.EVENT_COLUMNS;
import static dev.lamgraph.engine.store.SqliteRows.THREAD_COLUMNS;

import dev.lamgraph.engine.trace.TraceEvent;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The default {@link CheckpointStore}: one embedded SQLite file (tables in {@link SqliteSchema}).
 *
 * <pre>{@code
 * try (CheckpointStore store = SqliteStore.open(Path.of(".lam/lam.db"))) {
 *   store.claim(id, "1234@host", owner -> ProcessHandle.of(pid(owner)).isPresent());
 *   store.commit(id, "1234@host", checkpoint, events);
 * }
 * }</pre>
 *
 * <p>Durability: WAL journal with {@code synchronous=NORMAL}. A returned {@code commit} survives a
 * crash or {@code kill -9} of the process; an OS crash or power loss may lose the last few
 * commits, never the file's consistency.
 *
 * <p>Concurrency: several processes (or instances) may open the same file. Every change runs in
 * one {@code BEGIN IMMEDIATE} transaction that re-checks the thread's step and owner, so a step is
 * applied once; a writer waits up to the busy timeout for another, then fails with
 * {@link StoreException.Reason#LOCKED}. Within an instance, one connection serves all Java threads
 * in turn and keeps its prepared statements. {@code ownerAlive} in {@link #claim} runs inside the
 * write transaction, so it must answer quickly.
 *
 * <p>Values: JSON columns are stored verbatim; event {@code data} is encoded with {@code util/Json}
 * and comes back as it decodes (integers as {@code Long}, decimals as {@code Double}); an event
 * comes back with {@code thread} set to the thread it was stored under. Times keep nanoseconds.
 */
public final class SqliteStore implements CheckpointStore {
  /** How long a write waits for another process's transaction before {@code LOCKED}. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

  /** INSERT_EVENTS.get(k - 1) inserts k events. */
  private static final List<String> INSERT_EVENTS = IntStream.rangeClosed(1, 8)
      .mapToObj(k -> "INSERT INTO events (thread, " + EVENT_COLUMNS + ") VALUES "
          + String.join(", ", Collections.nCopies(k, "(?, ?, ?, ?, ?, ?, ?)")))
      .toList();

  private final SqliteDb db;

  private SqliteStore(SqliteDb db) {
    this.db = db;
  }

  /** Opens (creating it and its directory if needed) the store file, with the default busy timeout. */
  public static SqliteStore open(Path file) {
    return open(file, DEFAULT_BUSY_TIMEOUT);
  }

  /** Opens the store file; CORRUPT, NEWER_SCHEMA, IO or LOCKED when it cannot be used. */
  public static SqliteStore open(Path file, Duration busyTimeout) {
    return new SqliteStore(SqliteDb.open(file, busyTimeout));
  }

  @Override
  public void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
    List<SqliteRows.Event> evs = SqliteRows.Event.of(events);
    db.write("creating thread '" + thread.id() + "'", () -> {
      PreparedStatement ins = db.ps("INSERT INTO threads (" + THREAD_COLUMNS + ", last_seq)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
      SqliteRows.bindThread(ins, thread);
      ins.setLong(12, evs.size());
      if (ins.executeUpdate() == 0) {
        throw new StoreException(StoreException.Reason.EXISTS, "thread '" + thread.id() + "' already exists");
      }
      insertCheckpoint(thread.id(), initial);
      append(thread.id(), 0, evs);
      return null;
    });
  }

  @Override
  public Optional<ThreadInfo> thread(String id) {
    return db.read("reading thread '" + id + "'", () -> {
      PreparedStatement q = db.ps("SELECT " + THREAD_COLUMNS + " FROM threads WHERE id = ?");
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(SqliteRows.thread(rs)) : Optional.empty();
      }
    });
  }

  @Override
  public List<ThreadInfo> threads() {
    return db.read("listing threads", () -> {
      List<ThreadInfo> l = new ArrayList<>();
      try (ResultSet rs = db.ps("SELECT " + THREAD_COLUMNS + " FROM threads ORDER BY updated DESC, id").executeQuery()) {
        while (rs.next()) l.add(SqliteRows.thread(rs));
      }
      return l;
    });
  }

  @Override
  public void claim(String threadId, String owner, Predicate<String> ownerAlive) {
    db.write("claiming thread '" + threadId + "'", () -> {
      Head h = head(threadId);
      if (h.owner() != null && !h.owner().equals(owner) && ownerAlive.test(h.owner())) {
        throw new StoreException(StoreException.Reason.LOCKED, "thread '" + threadId + "' is being run by " + h.owner());
      }
      PreparedStatement up = db.ps("UPDATE threads SET owner = ? WHERE id = ?");
      up.setString(1, owner);
      up.setString(2, threadId);
      up.executeUpdate();
      return null;
    });
  }

  @Override
  public void release(String threadId, String owner) {
    db.write("releasing thread '" + threadId + "'", () -> {
      PreparedStatement up = db.ps("UPDATE threads SET owner = NULL WHERE id = ? AND owner = ?");
      up.setString(1, threadId);
      up.setString(2, owner);
      up.executeUpdate();
      return null;
    });
  }

  @Override
  public void commit(String threadId, String owner, Checkpoint cp, List<TraceEvent> events) {
    List<SqliteRows.Event> evs = SqliteRows.Event.of(events);
    db.write("committing step " + cp.step() + " of thread '" + threadId + "'", () -> {
      Head h = head(threadId);
      if (!owner.equals(h.owner())) {
        throw new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' is owned by "
            + (h.owner() == null ? "nobody" : h.owner()) + ", not " + owner);
      }
      if (cp.step() != h.step() + 1) {
        throw new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' is at step " + h.step()
            + "; cannot commit step " + cp.step());
      }
      insertCheckpoint(threadId, cp);
      PreparedStatement up = db.ps("UPDATE threads SET step = ?, updated = ?, last_seq = ? WHERE id = ?");
      up.setLong(1, cp.step());
      up.setString(2, SqliteRows.time(cp.time()));
      up.setLong(3, append(threadId, h.lastSeq(), evs));
      up.setString(4, threadId);
      up.executeUpdate();
      return null;
    });
  }

  @Override
  public void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events) {
    List<SqliteRows.Event> evs = SqliteRows.Event.of(events);
    Instant now = events.isEmpty() ? Instant.now() : events.get(events.size() - 1).time();
    db.write("setting the status of thread '" + threadId + "'", () -> {
      Head h = head(threadId);
      PreparedStatement up = db.ps("UPDATE threads SET status = ?, detail = ?, updated = ?, last_seq = ? WHERE id = ?");
      up.setString(1, status.id());
      up.setString(2, detailJson);
      up.setString(3, SqliteRows.time(now));
      up.setLong(4, append(threadId, h.lastSeq(), evs));
      up.setString(5, threadId);
      up.executeUpdate();
      return null;
    });
  }

  @Override
  public List<Checkpoint> checkpoints(String threadId, long from, long to) {
    return db.read("reading checkpoints of thread '" + threadId + "'", () -> {
      head(threadId);
      PreparedStatement q = db.ps("SELECT " + CHECKPOINT_COLUMNS + " FROM checkpoints"
          + " WHERE thread = ? AND step >= ? AND step <= ? ORDER BY step");
      q.setString(1, threadId);
      q.setLong(2, from);
      q.setLong(3, to);
      List<Checkpoint> l = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) l.add(SqliteRows.checkpoint(rs));
      }
      return l;
    });
  }

  @Override
  public Optional<Checkpoint> snapshotAtOrBefore(String threadId, long step) {
    return db.read("reading snapshots of thread '" + threadId + "'", () -> {
      head(threadId);
      PreparedStatement q = db.ps("SELECT " + CHECKPOINT_COLUMNS + " FROM checkpoints"
          + " WHERE thread = ? AND step <= ? AND snapshot IS NOT NULL ORDER BY step DESC LIMIT 1");
      q.setString(1, threadId);
      q.setLong(2, step);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(SqliteRows.checkpoint(rs)) : Optional.empty();
      }
    });
  }

  @Override
  public List<TraceEvent> events(String threadId) {
    return db.read("reading events of thread '" + threadId + "'", () -> {
      head(threadId);
      PreparedStatement q = db.ps("SELECT " + EVENT_COLUMNS + " FROM events WHERE thread = ? ORDER BY seq");
      q.setString(1, threadId);
      List<TraceEvent> l = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) l.add(SqliteRows.event(threadId, rs));
      }
      return List.copyOf(l);
    });
  }

  @Override
  public boolean delete(String threadId) {
    return db.write("deleting thread '" + threadId + "'", () -> {
      for (String table : List.of("events", "checkpoints")) {
        PreparedStatement del = db.ps("DELETE FROM " + table + " WHERE thread = ?");
        del.setString(1, threadId);
        del.executeUpdate();
      }
      PreparedStatement del = db.ps("DELETE FROM threads WHERE id = ?");
      del.setString(1, threadId);
      return del.executeUpdate() > 0;
    });
  }

  @Override
  public String location() {
    return "sqlite:" + db.file();
  }

  @Override
  public void close() {
    db.close();
  }

  /** The thread row's fields a write checks. */
  private record Head(long step, String owner, long lastSeq) {}

  private Head head(String threadId) throws SQLException {
    PreparedStatement q = db.ps("SELECT step, owner, last_seq FROM threads WHERE id = ?");
    q.setString(1, threadId);
    try (ResultSet rs = q.executeQuery()) {
      if (!rs.next()) throw new StoreException(StoreException.Reason.NOT_FOUND, "no thread '" + threadId + "'");
      return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3));
    }
  }

  private void insertCheckpoint(String threadId, Checkpoint cp) throws SQLException {
    PreparedStatement ins = db.ps("INSERT INTO checkpoints (thread, " + CHECKPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
    SqliteRows.bindCheckpoint(ins, threadId, cp);
    ins.executeUpdate();
  }

  /** Appends events after {@code lastSeq}, up to 8 per statement; returns the new last seq. */
  private long append(String threadId, long lastSeq, List<SqliteRows.Event> evs) throws SQLException {
    long seq = lastSeq;
    for (int from = 0; from < evs.size(); from += 8) {
      List<SqliteRows.Event> chunk = evs.subList(from, Math.min(evs.size(), from + 8));
      PreparedStatement ins = db.ps(INSERT_EVENTS.get(chunk.size() - 1));
      int param = 1;
      for (SqliteRows.Event e : chunk) param = e.bind(ins, param, threadId, ++seq);
      ins.executeUpdate();
    }
    return seq;
  }
}
