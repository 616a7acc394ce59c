package dev.lamgraph.engine.bench;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The commit loops {@link PgStepProbe} times: {@code commits} commits each, every call's time added
 * to {@code calls} (nanoseconds); each returns {commits made, mean µs per call}.
 */
final class PgProbeLoads {
  private final PgServer pg;
  private final int commits;
  private final List<Long> calls;

  PgProbeLoads(PgServer pg, int commits, List<Long> calls) {
    this.pg = pg;
    this.commits = commits;
    this.calls = calls;
  }

  double[] floor(String sql, int rowBytes) throws Exception {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      long t = 0;
      for (int k = 0; k < commits; k++) {
        ps.setString(1, ("v" + k + "x".repeat(rowBytes)).substring(0, rowBytes));
        long t0 = System.nanoTime();
        ps.executeUpdate();
        t += lap(t0);
      }
      return new double[] {commits, t / 1e3 / commits};
    }
  }

  /** Round trips without a commit to flush ({@code SELECT 1}): what waking up costs here, the disk left out. */
  double[] roundTrips() throws Exception {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
      long t = 0;
      for (int k = 0; k < commits; k++) {
        long t0 = System.nanoTime();
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
        t += lap(t0);
      }
      return new double[] {commits, t / 1e3 / commits};
    }
  }

  /** A row like a step's checkpoint (its average size), into a table with lam_checkpoints' keys and indexes. */
  double[] floorCheckpointRow(int bytes) throws Exception {
    String thread = "f" + System.nanoTime();
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO floor_cp (thread, step, time, ran,"
        + " next, writes, checksum) VALUES (?, ?, '2026-12-02T05:59:33.000000000Z', '[\"count\"]', '[\"count\"]', ?, 1)")) {
      long t = 0;
      for (int k = 0; k < commits; k++) {
        ps.setString(1, thread);
        ps.setLong(2, k);
        ps.setString(3, "x".repeat(Math.max(1, bytes - 60)));
        long t0 = System.nanoTime();
        ps.executeUpdate();
        t += lap(t0);
      }
      return new double[] {commits, t / 1e3 / commits};
    }
  }

  /** The store's commit of recorded steps, one thread per 200 steps, no engine: the CTE with its binding, through the pool. */
  double[] storeCommit(PostgresStore store, List<Checkpoint> cps, List<TraceEvent> evs) {
    Instant now = Instant.now();
    long t = 0;
    int done = 0;
    for (int th = 0; done < commits; th++) {
      String id = "sc" + th + "_" + System.nanoTime();
      ThreadInfo info = new ThreadInfo(id, "counting-loop", null, null, "{}", RunStatus.RUNNING, 0, null, "probe", now, now);
      store.create(info, new Checkpoint(0, List.of(), "{}", List.of("count"), now, "{}"), List.of());
      for (Checkpoint cp : cps) {
        if (done == commits) break;
        List<TraceEvent> stepEvents = new ArrayList<>();
        for (TraceEvent e : evs) if (e.step() == cp.step()) stepEvents.add(e);
        long t0 = System.nanoTime();
        store.commit(id, "probe", cp, stepEvents);
        t += lap(t0);
        done++;
      }
    }
    return new double[] {done, t / 1e3 / done};
  }

  /**
   * The store's commit statement (its SQL text, from pg_stat_statements' view of it) in a plain JDBC loop on one
   * connection and one prepared statement: no pool, no store code around it.
   */
  double[] rawCte(String schema, List<Checkpoint> cps, List<TraceEvent> evs, String sync) throws Exception {
    String sql = "WITH t AS (UPDATE lam_threads SET step = ?, updated = ?, last_seq = last_seq + ? WHERE id = ? AND owner = ?"
        + " AND step = ? RETURNING last_seq - ? AS base),"
        + " c AS (INSERT INTO lam_checkpoints (thread, step, ran, writes, next, time, snapshot, checksum)"
        + " SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM t),"
        + " e AS (INSERT INTO lam_events (thread, seq, step, kind, node, time, data) SELECT ?, t.base + e.o, e.s, e.k, e.n,"
        + " e.tm, e.d FROM t, unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS"
        + " e(s, k, n, tm, d, o)) SELECT count(*) FROM t";
    Instant now = Instant.now();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?user=postgres"
        + "&currentSchema=" + schema + "&options=-c%20synchronous_commit%3D" + sync); PreparedStatement ps = c.prepareStatement(sql)) {
      long t = 0;
      int done = 0;
      for (int th = 0; done < commits; th++) {
        String id = "raw" + th + "_" + System.nanoTime();
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO lam_threads (id, step, last_seq, updated, owner, status,"
            + " created) VALUES (?, 0, 0, 'x', 'probe', 'running', 'x')")) {
          ins.setString(1, id);
          ins.executeUpdate();
        }
        long seq = 0;
        for (Checkpoint cp : cps) {
          if (done == commits) break;
          List<TraceEvent> stepEvents = new ArrayList<>();
          for (TraceEvent e : evs) if (e.step() == cp.step()) stepEvents.add(e);
          long t0 = System.nanoTime();
          int n = stepEvents.size();
          ps.setLong(1, cp.step());
          ps.setString(2, now.toString());
          ps.setLong(3, n);
          ps.setString(4, id);
          ps.setString(5, "probe");
          ps.setLong(6, cp.step() - 1);
          ps.setLong(7, n);
          ps.setString(8, id);
          ps.setLong(9, cp.step());
          ps.setString(10, Json.write(cp.ran()));
          ps.setString(11, cp.writesJson());
          ps.setString(12, Json.write(cp.next()));
          ps.setString(13, now.toString());
          ps.setString(14, cp.snapshotJson());
          ps.setLong(15, 1);
          ps.setString(16, id);
          ps.setArray(17, c.createArrayOf("bigint", stepEvents.stream().map(TraceEvent::step).toArray()));
          ps.setArray(18, c.createArrayOf("text", stepEvents.stream().map(TraceEvent::kind).toArray()));
          ps.setArray(19, c.createArrayOf("text", stepEvents.stream().map(TraceEvent::node).toArray()));
          ps.setArray(20, c.createArrayOf("text", stepEvents.stream().map(e -> e.time().toString()).toArray()));
          ps.setArray(21, c.createArrayOf("text", stepEvents.stream().map(e -> Json.write(e.data())).toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) != 1) throw new IllegalStateException("raw commit matched no thread");
          }
          t += lap(t0);
          done++;
          seq += n;
        }
      }
      return new double[] {done, t / 1e3 / done};
    }
  }

  private long lap(long t0) {
    long d = System.nanoTime() - t0;
    calls.add(d);
    return d;
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?user=postgres");
  }
}
