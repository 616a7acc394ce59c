package dev.lamgraph.engine.store.postgres;

import static dev.lamgraph.engine.store.postgres.PgRows.EVENTS_FROM_ARRAYS;

import dev.lamgraph.engine.store.PruneRule;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.sql.SqlRows;
import dev.lamgraph.engine.trace.TraceEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The statements of a {@link PostgresStore} beyond reading and committing: status, the run queue, pruning. */
final class PgQueue {
  private final PgDb db;

  PgQueue(PgDb db) {
    this.db = db;
  }

  /** Sets status, detail and events in one statement; when {@code owner} is given, only that owner may. */
  void setStatus(String threadId, String owner, RunStatus status, String detailJson, List<TraceEvent> events) {
    PgRows.Events evs = PgRows.Events.of(events);
    Instant now = events.isEmpty() ? Instant.now() : events.get(events.size() - 1).time();
    db.auto("setting the status of thread '" + threadId + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("WITH t AS (UPDATE lam_threads SET status = ?, detail = ?, updated = ?,"
          + " last_seq = last_seq + ? WHERE id = ?" + (owner == null ? "" : " AND owner = ?")
          + " RETURNING last_seq - ? AS base), e AS (" + EVENTS_FROM_ARRAYS + ") SELECT count(*) FROM t")) {
        int i = 1;
        ps.setString(i++, status.id());
        ps.setString(i++, detailJson);
        ps.setString(i++, SqlRows.time(now));
        ps.setLong(i++, evs.size());
        ps.setString(i++, threadId);
        if (owner != null) ps.setString(i++, owner);
        ps.setLong(i++, evs.size());
        evs.bind(c, ps, i, threadId);
        if (PgRows.count(ps) == 1) return null;
      }
      PgRows.requireThread(c, threadId);
      throw new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' is no longer held by " + owner
          + " (another worker took it over)");
    });
  }

  Optional<RunQueue.Taken> take(String worker, Duration lease, String whereTakeable) {
    return db.auto("taking a queued run", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE lam_threads t SET owner = ?,"
          + " lease_until = now() + ? * interval '1 millisecond'"
          + " FROM (SELECT id, owner FROM lam_threads WHERE " + whereTakeable
          + " ORDER BY submitted, id LIMIT 1 FOR UPDATE SKIP LOCKED) p WHERE t.id = p.id RETURNING t.id, p.owner")) {
        ps.setString(1, worker);
        ps.setLong(2, lease.toMillis());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new RunQueue.Taken(rs.getString(1), rs.getString(2))) : Optional.empty();
        }
      }
    });
  }

  Set<String> renew(String worker, Collection<String> threadIds, Duration lease) {
    if (threadIds.isEmpty()) return Set.of();
    return db.auto("renewing the leases of " + worker, c -> {
      Set<String> held = new LinkedHashSet<>();
      try (PreparedStatement ps = c.prepareStatement("UPDATE lam_threads SET lease_until = now() + ? * interval '1 millisecond'"
          + " WHERE id = ANY(?) AND owner = ? AND lease_until IS NOT NULL RETURNING id")) {
        ps.setLong(1, lease.toMillis());
        ps.setArray(2, c.createArrayOf("text", threadIds.toArray()));
        ps.setString(3, worker);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) held.add(rs.getString(1));
        }
      }
      return held;
    });
  }

  Map<String, RunQueue.Lease> leases() {
    return db.auto("listing queued runs", c -> {
      Map<String, RunQueue.Lease> m = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, owner, lease_until, coalesce(lease_until < now(), false)"
          + " FROM lam_threads WHERE queued AND status = 'running' ORDER BY submitted, id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime until = rs.getObject(3, OffsetDateTime.class);
          m.put(rs.getString(1), new RunQueue.Lease(rs.getString(1), rs.getString(2),
              until == null ? null : until.toInstant(), rs.getBoolean(4)));
        }
      }
      return m;
    });
  }

  /** One statement: for each finished thread, the first step to keep, its base snapshot, and the delete before it. */
  PruneRule.Result prune(PruneRule rule) {
    String keepFrom = rule.keepLast() > 0 ? "greatest(f.last - ? + 1, 0)"
        : "coalesce((SELECT min(c.step) FROM lam_checkpoints c WHERE c.thread = f.id AND c.time >= ? AND c.step < f.last), f.last)";
    return db.auto("pruning checkpoints", c -> {
      try (PreparedStatement ps = c.prepareStatement("WITH f AS (SELECT id, step AS last FROM lam_threads"
          + " WHERE status IN ('done', 'failed', 'cancelled')),"
          + " k AS (SELECT f.id, " + keepFrom + " AS keep_from FROM f),"
          + " b AS (SELECT k.id, (SELECT max(c.step) FROM lam_checkpoints c WHERE c.thread = k.id"
          + "   AND c.snapshot IS NOT NULL AND c.step <= k.keep_from) AS base FROM k),"
          + " d AS (DELETE FROM lam_checkpoints c USING b WHERE c.thread = b.id AND c.step < b.base"
          + "   RETURNING c.thread, coalesce(octet_length(c.writes), 0) + coalesce(octet_length(c.snapshot), 0)"
          + "   + coalesce(octet_length(c.ran), 0) + coalesce(octet_length(c.next), 0) AS bytes)"
          + " SELECT count(DISTINCT thread), count(*), coalesce(sum(bytes), 0) FROM d")) {
        if (rule.keepLast() > 0) ps.setLong(1, rule.keepLast());
        else ps.setString(1, SqlRows.time(rule.before()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new PruneRule.Result(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
      }
    });
  }
}
