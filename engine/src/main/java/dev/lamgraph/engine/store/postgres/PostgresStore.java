package dev.lamgraph.engine.store.postgres;

import static dev.lamgraph.engine.store.postgres.PgRows.EVENTS_FROM_ARRAYS;
import static dev.lamgraph.engine.store.postgres.PgRows.THREAD_COLUMNS;
import static dev.lamgraph.engine.store.sql.SqlRows.CHECKPOINT_COLUMNS;
import static dev.lamgraph.engine.store.sql.SqlRows.EVENT_COLUMNS;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.JournalEntry;
import dev.lamgraph.engine.store.PruneRule;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.sql.SqlRows;
import dev.lamgraph.engine.trace.TraceEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A {@link CheckpointStore} in a PostgreSQL database, shared by any number of processes and
 * workers: the same contract as the SQLite store, plus a {@link RunQueue} with leases for
 * {@code lam worker}. Tables are created and migrated by {@link PgSchema}; connections come from
 * a pool.
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.open("postgresql://lam@127.0.0.1:5432/lam", env)) {
 *   store.submit(info, initial, events);
 *   store.take("worker-1", Duration.ofSeconds(15)).ifPresent(t -> System.out.println(t.threadId()));
 * }
 * }</pre>
 *
 * <p>Every write is one transaction that re-checks the thread's step and owner, most of them one
 * statement (a single round trip): a commit is applied once, by the owner, or not at all. Leases
 * use the server's clock.
 */
public final class PostgresStore implements CheckpointStore, RunQueue {
  private static final String WHERE_TAKEABLE = "queued AND status = 'running' AND (owner IS NULL OR lease_until < now())";

  private final PgDb db;
  private final PgQueue queue;

  private PostgresStore(PgDb db) {
    this.db = db;
    this.queue = new PgQueue(db);
  }

  /** Opens the store a {@code postgresql://} URL names; PGPASSWORD, when the URL has no password, is read from {@code env}. */
  public static PostgresStore open(String url, Map<String, String> env) {
    return open(PgUrl.parse(url, env));
  }

  /** Connects, creating or migrating the tables; UNAVAILABLE or NEWER_SCHEMA with a one-line reason. */
  public static PostgresStore open(PgUrl url) {
    return new PostgresStore(PgDb.open(url));
  }

  @Override
  public void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
    insert(thread, initial, events, false);
  }

  @Override
  public void submit(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
    insert(thread, initial, events, true);
  }

  private void insert(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events, boolean queued) {
    PgRows.Events evs = PgRows.Events.of(events);
    long created = db.auto("creating thread '" + thread.id() + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("WITH t AS (INSERT INTO lam_threads (" + THREAD_COLUMNS
          + ", last_seq, queued, submitted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END)"
          + " ON CONFLICT (id) DO NOTHING RETURNING 0::bigint AS base),"
          + " c AS (INSERT INTO lam_checkpoints (thread, " + CHECKPOINT_COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM t),"
          + " e AS (" + EVENTS_FROM_ARRAYS + ") SELECT count(*) FROM t")) {
        SqlRows.bindThread(ps, thread, thread.step());
        ps.setLong(12, evs.size());
        ps.setBoolean(13, queued);
        ps.setBoolean(14, queued);
        ps.setString(15, thread.id());
        int i = SqlRows.bindCheckpoint(ps, 16, thread.id(), initial);
        evs.bind(c, ps, i, thread.id());
        return PgRows.count(ps);
      }
    });
    if (created == 0) throw new StoreException(StoreException.Reason.EXISTS, "thread '" + thread.id() + "' already exists");
  }

  @Override
  public Optional<ThreadInfo> thread(String id) {
    return db.auto("reading thread '" + id + "'", c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT " + THREAD_COLUMNS + " FROM lam_threads WHERE id = ?")) {
        q.setString(1, id);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(SqlRows.thread(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<ThreadInfo> threads() {
    return db.auto("listing threads", c -> {
      List<ThreadInfo> l = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT " + THREAD_COLUMNS + " FROM lam_threads ORDER BY updated DESC, id");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) l.add(SqlRows.thread(rs));
      }
      return l;
    });
  }

  @Override
  public void claim(String threadId, String owner, Predicate<String> ownerAlive) {
    db.tx("claiming thread '" + threadId + "'", c -> {
      String held;
      boolean leased, expired;
      try (PreparedStatement q = c.prepareStatement("SELECT owner, lease_until IS NOT NULL,"
          + " coalesce(lease_until < now(), false) FROM lam_threads WHERE id = ? FOR UPDATE")) {
        q.setString(1, threadId);
        try (ResultSet rs = q.executeQuery()) {
          if (!rs.next()) throw PgRows.notFound(threadId);
          held = rs.getString(1);
          leased = rs.getBoolean(2);
          expired = rs.getBoolean(3);
        }
      }
      boolean mine = owner.equals(held);
      if (held != null && !mine && (leased ? !expired : ownerAlive.test(held))) {
        throw new StoreException(StoreException.Reason.LOCKED, "thread '" + threadId + "' is being run by " + held
            + (leased ? " (its lease is current)" : ""));
      }
      try (PreparedStatement up = c.prepareStatement("UPDATE lam_threads SET owner = ?,"
          + " lease_until = CASE WHEN ? THEN lease_until END WHERE id = ?")) {
        up.setString(1, owner);
        up.setBoolean(2, mine); // a worker claiming its own run keeps its lease; anyone else holds it without one
        up.setString(3, threadId);
        up.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void release(String threadId, String owner) {
    db.auto("releasing thread '" + threadId + "'", c -> {
      try (PreparedStatement up = c.prepareStatement("UPDATE lam_threads SET owner = NULL, lease_until = NULL"
          + " WHERE id = ? AND owner = ?")) {
        up.setString(1, threadId);
        up.setString(2, owner);
        return up.executeUpdate();
      }
    });
  }

  @Override
  public void commit(String threadId, String owner, Checkpoint cp, List<TraceEvent> events) {
    PgRows.Events evs = PgRows.Events.of(events);
    String doing = "committing step " + cp.step() + " of thread '" + threadId + "'";
    db.auto(doing, c -> {
      try (PreparedStatement ps = c.prepareStatement("WITH t AS (UPDATE lam_threads SET step = ?, updated = ?,"
          + " last_seq = last_seq + ? WHERE id = ? AND owner = ? AND step = ? RETURNING last_seq - ? AS base),"
          + " c AS (INSERT INTO lam_checkpoints (thread, " + CHECKPOINT_COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM t),"
          + " e AS (" + EVENTS_FROM_ARRAYS + ") SELECT count(*) FROM t")) {
        ps.setLong(1, cp.step());
        ps.setString(2, SqlRows.time(cp.time()));
        ps.setLong(3, evs.size());
        ps.setString(4, threadId);
        ps.setString(5, owner);
        ps.setLong(6, cp.step() - 1);
        ps.setLong(7, evs.size());
        ps.setString(8, threadId);
        int i = SqlRows.bindCheckpoint(ps, 9, threadId, cp);
        evs.bind(c, ps, i, threadId);
        if (PgRows.count(ps) == 1) return null;
      }
      throw PgRows.whyNot(c, threadId, owner, cp.step());
    });
  }

  @Override
  public void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events) {
    queue.setStatus(threadId, null, status, detailJson, events);
  }

  @Override
  public void setStatusAs(String threadId, String owner, RunStatus status, String detailJson, List<TraceEvent> events) {
    queue.setStatus(threadId, owner, status, detailJson, events);
  }

  @Override
  public List<Checkpoint> checkpoints(String threadId, long from, long to) {
    return readCheckpoints("reading checkpoints of thread '" + threadId + "'", threadId, "SELECT " + CHECKPOINT_COLUMNS
        + " FROM lam_checkpoints WHERE thread = ? AND step >= ? AND step <= ? ORDER BY step", from, to);
  }

  @Override
  public Optional<Checkpoint> snapshotAtOrBefore(String threadId, long step) {
    return readCheckpoints("reading snapshots of thread '" + threadId + "'", threadId, "SELECT " + CHECKPOINT_COLUMNS
        + " FROM lam_checkpoints WHERE thread = ? AND step <= ? AND snapshot IS NOT NULL ORDER BY step DESC LIMIT 1",
        step).stream().findFirst();
  }

  private List<Checkpoint> readCheckpoints(String doing, String threadId, String sql, long... args) {
    return db.auto(doing, c -> {
      List<Checkpoint> l = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(sql)) {
        q.setString(1, threadId);
        for (int i = 0; i < args.length; i++) q.setLong(i + 2, args[i]);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) l.add(SqlRows.checkpoint(threadId, rs));
        }
      }
      if (l.isEmpty()) PgRows.requireThread(c, threadId); // a thread always has rows, so only an empty answer needs the check
      return l;
    });
  }

  @Override
  public List<TraceEvent> events(String threadId) {
    return db.auto("reading events of thread '" + threadId + "'", c -> {
      List<TraceEvent> l = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM lam_events WHERE thread = ? ORDER BY seq")) {
        q.setString(1, threadId);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) l.add(SqlRows.event(threadId, rs));
        }
      }
      if (l.isEmpty()) PgRows.requireThread(c, threadId);
      return List.copyOf(l);
    });
  }

  @Override
  public boolean journal(String threadId, JournalEntry e) {
    return PgJournal.add(db, threadId, e);
  }

  @Override
  public List<JournalEntry> journal(String threadId, long from, long to) {
    return PgJournal.read(db, threadId, from, to);
  }

  @Override
  public int forgetJournal(String threadId, long fromStep) {
    return PgJournal.forget(db, threadId, fromStep);
  }

  @Override
  public void setWorkflow(String threadId, String workflow, String file, String source) {
    PgJournal.setWorkflow(db, threadId, workflow, file, source);
  }

  @Override
  public void setLabels(String id, String json) {
    PgJournal.setLabels(db, id, json);
  }

  @Override
  public java.util.SortedMap<String, String> labels() {
    return PgJournal.labels(db);
  }

  @Override
  public Optional<String> label(String id) {
    return PgJournal.label(db, id);
  }

  @Override
  public List<java.util.Map.Entry<String, String>> labelPage(String after, int max) {
    return PgJournal.labelPage(db, after, max);
  }

  @Override
  public boolean delete(String threadId) {
    return db.tx("deleting thread '" + threadId + "'", c -> {
      for (String table : List.of("lam_events", "lam_checkpoints", "lam_journal")) {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE thread = ?")) {
          del.setString(1, threadId);
          del.executeUpdate();
        }
      }
      try (PreparedStatement del = c.prepareStatement("DELETE FROM lam_threads WHERE id = ?")) {
        del.setString(1, threadId);
        return del.executeUpdate() > 0;
      }
    });
  }

  @Override
  public PruneRule.Result prune(PruneRule rule) {
    return queue.prune(rule);
  }

  @Override
  public Optional<Taken> take(String worker, Duration lease) {
    return queue.take(worker, lease, WHERE_TAKEABLE);
  }

  @Override
  public Set<String> renew(String worker, Collection<String> threadIds, Duration lease) {
    return queue.renew(worker, threadIds, lease);
  }

  @Override
  public Map<String, Lease> leases() {
    return queue.leases();
  }

  @Override
  public dev.lamgraph.engine.store.ItemStore items() {
    return PgItems.of(db);
  }

  @Override
  public dev.lamgraph.engine.store.CronStore crons() {
    return PgItems.crons(db);
  }

  @Override
  public String location() {
    return db.url().display();
  }

  @Override
  public void close() {
    db.close();
  }
}
