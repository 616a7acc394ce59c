package dev.lamgraph.engine.store.sql;

import dev.lamgraph.engine.store.CronStore;
import dev.lamgraph.engine.store.StoredCron;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link CronStore} of both SQL stores: one table (its DDL by {@link #ddl}), a row per cron
 * with its next firing in epoch milliseconds; {@link #claim} is one {@code UPDATE ... WHERE
 * next_run_at = ?}, so of servers claiming the same slot exactly one changes the row. Transactions
 * are the store's ({@link SqlItems.Runner}).
 */
public final class SqlCrons implements CronStore {
  private final String table;
  private final SqlItems.Runner runner;

  public SqlCrons(String table, SqlItems.Runner runner) {
    this.table = table;
    this.runner = runner;
  }

  /** The table: {@code intType} a 64-bit integer type, {@code suffix} after the parenthesis. */
  public static String ddl(String table, String intType, String suffix) {
    return "CREATE TABLE " + table + " (\n"
        + "  cron_id     text PRIMARY KEY,\n"
        + "  json        text NOT NULL,             -- the server's document of the cron\n"
        + "  next_run_at " + intType + "            -- epoch ms; null: fires no more\n"
        + ")" + suffix;
  }

  @Override
  public void put(StoredCron cron) {
    runner.write("writing cron '" + cron.id() + "'", s -> {
      PreparedStatement up = s.prepare("INSERT INTO " + table + " (cron_id, json, next_run_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (cron_id) DO UPDATE SET json = excluded.json, next_run_at = excluded.next_run_at");
      up.setString(1, cron.id());
      up.setString(2, cron.json());
      setTime(up, 3, cron.nextRunAt());
      up.executeUpdate();
      return null;
    });
  }

  @Override
  public Optional<StoredCron> get(String id) {
    return runner.read("reading cron '" + id + "'", s -> {
      PreparedStatement q = s.prepare("SELECT cron_id, json, next_run_at FROM " + table + " WHERE cron_id = ?");
      q.setString(1, id);
      List<StoredCron> found = rows(q);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  @Override
  public boolean delete(String id) {
    return runner.write("deleting cron '" + id + "'", s -> {
      PreparedStatement d = s.prepare("DELETE FROM " + table + " WHERE cron_id = ?");
      d.setString(1, id);
      return d.executeUpdate() > 0;
    });
  }

  @Override
  public List<StoredCron> all() {
    return runner.read("listing crons", s -> rows(s.prepare("SELECT cron_id, json, next_run_at FROM " + table + " ORDER BY cron_id")));
  }

  @Override
  public List<StoredCron> due(Instant now) {
    return runner.read("listing due crons", s -> {
      PreparedStatement q = s.prepare("SELECT cron_id, json, next_run_at FROM " + table
          + " WHERE next_run_at IS NOT NULL AND next_run_at <= ? ORDER BY next_run_at, cron_id");
      q.setLong(1, now.toEpochMilli());
      return rows(q);
    });
  }

  @Override
  public boolean claim(String id, Instant expected, Instant next) {
    return runner.write("claiming cron '" + id + "'", s -> {
      PreparedStatement u = s.prepare("UPDATE " + table + " SET next_run_at = ? WHERE cron_id = ? AND next_run_at = ?");
      setTime(u, 1, next);
      u.setString(2, id);
      u.setLong(3, expected.toEpochMilli());
      return u.executeUpdate() == 1;
    });
  }

  private static void setTime(PreparedStatement p, int i, Instant t) throws SQLException {
    if (t == null) p.setNull(i, Types.BIGINT);
    else p.setLong(i, t.toEpochMilli());
  }

  private static List<StoredCron> rows(PreparedStatement q) throws SQLException {
    List<StoredCron> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        long next = rs.getLong(3);
        Instant at = rs.wasNull() ? null : Instant.ofEpochMilli(next);
        out.add(new StoredCron(rs.getString(1), rs.getString(2), at));
      }
    }
    return out;
  }
}
