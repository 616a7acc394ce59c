package dev.lamgraph.engine.store.sqlite;

import static dev.lamgraph.engine.store.sql.SqlRows.CHECKPOINT_COLUMNS;
import static dev.lamgraph.engine.store.sql.SqlRows.EVENT_COLUMNS;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.JournalEntry;
import dev.lamgraph.engine.store.PruneRule;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.sql.SqlItems;
import dev.lamgraph.engine.store.sql.SqlRows;
import dev.lamgraph.engine.trace.TraceEvent;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
 * <p>Cost: a step {@link #commit} writes one row, its checkpoint, which holds the step's events
 * (a JSON array with their seq range); neither the thread row nor the events table is written. A
 * thread's step and updated time are read from its latest checkpoint, and its next event seq is
 * the larger of the latest checkpoint's last seq and the events table's (which holds the events of
 * {@link #create} and {@link #setStatus}), all index seeks. {@link #events} merges the two sources
 * back into seq order.
 *
 * <p>Durability: WAL journal with {@code synchronous=NORMAL}. A returned {@code commit} survives a
 * crash or {@code kill -9} of the process; an OS crash or power loss may lose the commits since the
 * last WAL checkpoint, never the file's consistency (see {@link SqliteSchema#prepare}).
 *
 * <p>Concurrency: several processes (or instances) may open the same file. Every change checks the
 * thread's step and owner under SQLite's write lock, so a step is applied once: a commit is one
 * {@code INSERT ... SELECT} statement whose select does the checks (a writing statement takes the
 * write lock as it starts), every other change one {@code BEGIN IMMEDIATE} transaction. A writer
 * waits up to the busy timeout for another, then fails with {@link StoreException.Reason#LOCKED}.
 * Within an instance, one connection serves all Java threads in turn and keeps its prepared
 * statements. {@code ownerAlive} in {@link #claim} runs inside the write transaction, so it must
 * answer quickly.
 *
 * <p>Values: JSON columns are stored verbatim; event {@code data} is encoded with {@code util/Json}
 * and comes back as it decodes (integers as {@code Long}, decimals as {@code Double}); an event
 * comes back with {@code thread} set to the thread it was stored under. Times keep nanoseconds.
 */
public final class SqliteStore implements CheckpointStore {
  /** How long a write waits for another process's transaction before {@code LOCKED}. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

  private final SqliteDb db;

  private final SqlItems items;
  private final dev.lamgraph.engine.store.sql.SqlCrons crons;

  private SqliteStore(SqliteDb db) {
    this.db = db;
    this.items = SqliteItems.of(db);
    this.crons = new dev.lamgraph.engine.store.sql.SqlCrons("crons", SqliteItems.runner(db));
  }

  /** Opens (creating it and its directory if needed) the store file, with the default busy timeout. */
  public static SqliteStore open(Path file) {
    return open(file, DEFAULT_BUSY_TIMEOUT);
  }

  /**
   * Opens a store file for reading (inspection commands): as {@link #open} when it can be written,
   * else read-only (immutable when its directory cannot be written), so a store on read-only media
   * can be inspected; writes to such a store fail.
   */
  public static SqliteStore openReadOnly(Path file) {
    return new SqliteStore(SqliteDb.openReadOnly(file, DEFAULT_BUSY_TIMEOUT));
  }

  /** Opens the store file; CORRUPT, NEWER_SCHEMA, IO or LOCKED when it cannot be used. */
  public static SqliteStore open(Path file, Duration busyTimeout) {
    return new SqliteStore(SqliteDb.open(file, busyTimeout));
  }

  @Override
  public void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
    List<SqlRows.Event> evs = SqlRows.Event.of(events);
    db.write("creating thread '" + thread.id() + "'", () -> {
      PreparedStatement ins = db.ps(SqliteSql.INSERT_THREAD);
      SqlRows.bindThread(ins, thread, initial.step());
      if (ins.executeUpdate() == 0) {
        throw new StoreException(StoreException.Reason.EXISTS, "thread '" + thread.id() + "' already exists");
      }
      PreparedStatement cp = db.ps(SqliteSql.INSERT_INITIAL);
      cp.setString(1, thread.id());
      SqlRows.bindCheckpoint(cp, 2, thread.id(), initial);
      cp.setLong(9, 1);
      cp.setLong(10, evs.size()); // its events are in the events table, seqs 1..n
      cp.executeUpdate();
      SqliteSql.append(db, thread.id(), 0, evs);
      return null;
    });
  }

  @Override
  public Optional<ThreadInfo> thread(String id) {
    return db.read("reading thread '" + id + "'", () -> {
      PreparedStatement q = db.ps(SqliteSql.SELECT_THREAD + " WHERE t.id = ?");
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(SqlRows.thread(rs)) : Optional.empty();
      }
    });
  }

  @Override
  public List<ThreadInfo> threads() {
    return db.read("listing threads", () -> {
      List<ThreadInfo> l = new ArrayList<>();
      try (ResultSet rs = db.ps(SqliteSql.SELECT_THREAD + " ORDER BY updated DESC, t.id").executeQuery()) {
        while (rs.next()) l.add(SqlRows.thread(rs));
      }
      return l;
    });
  }

  @Override
  public void claim(String threadId, String owner, Predicate<String> ownerAlive) {
    db.write("claiming thread '" + threadId + "'", () -> {
      String current = SqliteSql.owner(db, threadId);
      if (current != null && !current.equals(owner) && ownerAlive.test(current)) {
        throw new StoreException(StoreException.Reason.LOCKED, "thread '" + threadId + "' is being run by " + current);
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
    String eventsJson = SqliteRows.eventsJson(events);
    Supplier<String> doing = () -> "committing step " + cp.step() + " of thread '" + threadId + "'";
    for (int attempt = 1; ; attempt++) {
      boolean stored = db.statement(doing, () -> {
        PreparedStatement ins = db.ps(SqliteSql.COMMIT);
        ins.setString(1, threadId);
        SqlRows.bindCheckpoint(ins, 2, threadId, cp);
        ins.setLong(9, events.size());
        ins.setString(10, eventsJson);
        ins.setString(11, owner);
        // the primary key (thread, step) guards against a second row for the step as well
        return ins.executeUpdate() == 1;
      });
      if (stored) return;
      // a check failed: find out which. When none fails now, another writer changed the thread in
      // between (e.g. released and claimed it again): try again, a few times.
      db.read(doing.get(), () -> {
        checkCommit(threadId, owner, cp, SqliteSql.head(db, threadId));
        return null;
      });
      if (attempt == 3) {
        throw new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' kept changing while"
            + " committing step " + cp.step() + "; try again");
      }
    }
  }

  private static void checkCommit(String threadId, String owner, Checkpoint cp, SqliteSql.Head h) {
    if (!owner.equals(h.owner()) || cp.step() != h.step() + 1) {
      throw SqlRows.commitRefused(threadId, owner, h.owner(), h.step(), cp.step());
    }
  }

  @Override
  public void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events) {
    List<SqlRows.Event> evs = SqlRows.Event.of(events);
    Instant now = events.isEmpty() ? Instant.now() : events.get(events.size() - 1).time();
    db.write("setting the status of thread '" + threadId + "'", () -> {
      SqliteSql.Head h = SqliteSql.head(db, threadId);
      PreparedStatement up = db.ps("UPDATE threads SET status = ?, detail = ?, updated = ?, updated_step = ? WHERE id = ?");
      up.setString(1, status.id());
      up.setString(2, detailJson);
      up.setString(3, SqlRows.time(now));
      up.setLong(4, h.step());
      up.setString(5, threadId);
      up.executeUpdate();
      SqliteSql.append(db, threadId, h.lastSeq(), evs);
      return null;
    });
  }

  @Override
  public List<Checkpoint> checkpoints(String threadId, long from, long to) {
    return db.read("reading checkpoints of thread '" + threadId + "'", () -> {
      SqliteSql.owner(db, threadId);
      PreparedStatement q = db.ps("SELECT " + CHECKPOINT_COLUMNS + " FROM checkpoints"
          + " WHERE thread = ? AND step >= ? AND step <= ? ORDER BY step");
      q.setString(1, threadId);
      q.setLong(2, from);
      q.setLong(3, to);
      List<Checkpoint> l = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) l.add(SqlRows.checkpoint(threadId, rs));
      }
      return l;
    });
  }

  @Override
  public Optional<Checkpoint> snapshotAtOrBefore(String threadId, long step) {
    return db.read("reading snapshots of thread '" + threadId + "'", () -> {
      SqliteSql.owner(db, threadId);
      PreparedStatement q = db.ps("SELECT " + CHECKPOINT_COLUMNS + " FROM checkpoints"
          + " WHERE thread = ? AND step <= ? AND snapshot IS NOT NULL ORDER BY step DESC LIMIT 1");
      q.setString(1, threadId);
      q.setLong(2, step);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(SqlRows.checkpoint(threadId, rs)) : Optional.empty();
      }
    });
  }

  /** The events table's rows (written by create and setStatus) merged with the steps' in seq order. */
  @Override
  public List<TraceEvent> events(String threadId) {
    return db.read("reading events of thread '" + threadId + "'", () -> {
      SqliteSql.owner(db, threadId);
      List<TraceEvent> outside = new ArrayList<>();
      PreparedStatement q = db.ps("SELECT " + EVENT_COLUMNS + " FROM events WHERE thread = ? ORDER BY seq");
      q.setString(1, threadId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) outside.add(SqlRows.event(threadId, rs));
      }
      List<TraceEvent> steps = new ArrayList<>();
      q = db.ps("SELECT first_seq, last_seq, events FROM checkpoints WHERE thread = ? AND events IS NOT NULL ORDER BY step");
      q.setString(1, threadId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) steps.addAll(SqliteRows.events(threadId, rs.getLong(1), rs.getLong(2), rs.getString(3)));
      }
      return SqliteRows.merge(outside, steps); // a step's seqs follow everything stored before it
    });
  }

  @Override
  public PruneRule.Result prune(PruneRule rule) {
    return SqlitePrune.prune(db, rule);
  }

  @Override
  public boolean journal(String threadId, JournalEntry e) {
    return SqliteJournal.add(db, threadId, e);
  }

  @Override
  public List<JournalEntry> journal(String threadId, long from, long to) {
    return SqliteJournal.read(db, threadId, from, to);
  }

  @Override
  public int forgetJournal(String threadId, long fromStep) {
    return SqliteJournal.forget(db, threadId, fromStep);
  }

  @Override
  public void setWorkflow(String threadId, String workflow, String file, String source) {
    SqliteJournal.setWorkflow(db, threadId, workflow, file, source);
  }

  @Override
  public void setLabels(String id, String json) {
    SqliteJournal.setLabels(db, id, json);
  }

  @Override
  public java.util.SortedMap<String, String> labels() {
    return SqliteJournal.labels(db);
  }

  @Override
  public Optional<String> label(String id) {
    return SqliteJournal.label(db, id);
  }

  @Override
  public List<java.util.Map.Entry<String, String>> labelPage(String after, int max) {
    return SqliteJournal.labelPage(db, after, max);
  }

  @Override
  public boolean delete(String threadId) {
    return db.write("deleting thread '" + threadId + "'", () -> {
      for (String table : List.of("events", "checkpoints", "journal")) {
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
  public dev.lamgraph.engine.store.ItemStore items() {
    return items;
  }

  @Override
  public dev.lamgraph.engine.store.CronStore crons() {
    return crons;
  }

  @Override
  public String location() {
    return "sqlite:" + db.file();
  }

  @Override
  public void close() {
    db.close();
  }
}
