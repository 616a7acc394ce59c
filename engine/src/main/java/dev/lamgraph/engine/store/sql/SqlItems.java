package dev.lamgraph.engine.store.sql;

import dev.lamgraph.engine.store.ItemStore;
import dev.lamgraph.engine.store.StoreItem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link ItemStore} of both SQL stores: one table (its DDL by {@link #ddl}), rows keyed by
 * (namespace path, key), times in epoch milliseconds. A namespace prefix selects the path itself
 * and the paths in {@code [prefix + ".", prefix + "/")}, which in byte order are exactly those
 * that continue it with a label ({@code '/'} follows {@code '.'}); PostgreSQL's columns are
 * {@code COLLATE "C"} for that order. The store gives the transactions ({@link Runner}).
 */
public final class SqlItems implements ItemStore {
  /** Prepares a statement inside a transaction (the runner closes or caches it). */
  @FunctionalInterface
  public interface Statements {
    PreparedStatement prepare(String sql) throws SQLException;
  }

  /** Work in a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Statements s) throws SQLException;
  }

  /** A store's transactions: {@code write} holds its write lock, {@code read} sees one state. */
  public interface Runner {
    <T> T write(String doing, Work<T> work);

    <T> T read(String doing, Work<T> work);
  }

  private static final String COLUMNS = "namespace, item_key, value, created_at, updated_at, ttl_ms, expires_at";
  private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

  private final String table;
  private final Runner runner;

  public SqlItems(String table, Runner runner) {
    this.table = table;
    this.runner = runner;
  }

  /** The table: {@code intType} a 64-bit integer type, {@code textType} a text type in byte order, {@code suffix} after the parenthesis. */
  public static String ddl(String table, String intType, String textType, String suffix) {
    return "CREATE TABLE " + table + " (\n"
        + "  namespace  " + textType + " NOT NULL,  -- labels joined with '.'\n"
        + "  item_key   " + textType + " NOT NULL,\n"
        + "  value      text NOT NULL,              -- a JSON object\n"
        + "  created_at " + intType + " NOT NULL,   -- epoch ms\n"
        + "  updated_at " + intType + " NOT NULL,\n"
        + "  ttl_ms     " + intType + ",            -- null: kept until deleted\n"
        + "  expires_at " + intType + ",\n"
        + "  PRIMARY KEY (namespace, item_key)\n"
        + ")" + suffix;
  }

  @Override
  public void put(List<String> namespace, String key, String valueJson, Duration ttl, Instant now) {
    ItemStore.checkItemNamespace(namespace);
    long at = now.toEpochMilli();
    runner.write("writing store item '" + key + "'", s -> {
      PreparedStatement sweep = s.prepare("DELETE FROM " + table + " WHERE expires_at IS NOT NULL AND expires_at <= ?");
      sweep.setLong(1, at);
      sweep.executeUpdate();
      PreparedStatement up = s.prepare("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (namespace, item_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,"
          + " ttl_ms = excluded.ttl_ms, expires_at = excluded.expires_at");
      up.setString(1, ItemStore.path(namespace));
      up.setString(2, key);
      up.setString(3, valueJson);
      up.setLong(4, at);
      up.setLong(5, at);
      if (ttl == null) {
        up.setNull(6, Types.BIGINT);
        up.setNull(7, Types.BIGINT);
      } else {
        up.setLong(6, ttl.toMillis());
        up.setLong(7, at + ttl.toMillis());
      }
      up.executeUpdate();
      return null;
    });
  }

  @Override
  public Optional<StoreItem> get(List<String> namespace, String key, Instant now) {
    return runner.read("reading store item '" + key + "'", s -> {
      PreparedStatement q = s.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE namespace = ? AND item_key = ? AND " + LIVE);
      q.setString(1, ItemStore.path(namespace));
      q.setString(2, key);
      q.setLong(3, now.toEpochMilli());
      List<StoreItem> found = rows(q);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  @Override
  public boolean delete(List<String> namespace, String key) {
    return runner.write("deleting store item '" + key + "'", s -> {
      PreparedStatement d = s.prepare("DELETE FROM " + table + " WHERE namespace = ? AND item_key = ?");
      d.setString(1, ItemStore.path(namespace));
      d.setString(2, key);
      return d.executeUpdate() > 0;
    });
  }

  @Override
  public List<StoreItem> under(List<String> prefix, Instant now) {
    return select(prefix, now, null, -1);
  }

  @Override
  public List<StoreItem> page(List<String> prefix, Instant now, StoreItem after, int max) {
    if (max <= 0) throw new IllegalArgumentException("a page holds at least one item, got " + max);
    return select(prefix, now, after, max);
  }

  /** The live items under {@code prefix}, after {@code after} when not null, at most {@code max} when not negative. */
  private List<StoreItem> select(List<String> prefix, Instant now, StoreItem after, int max) {
    return runner.read("searching store items", s -> {
      StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + table + " WHERE " + LIVE);
      List<Object> args = new ArrayList<>();
      args.add(now.toEpochMilli());
      // one range of the primary key (a page starts at its cursor, not at the prefix, so each page
      // reads only its own rows); the prefix's upper bound and its whole-label rule filter within it
      String p = ItemStore.path(prefix);
      if (after != null) {
        sql.append(" AND (namespace, item_key) > (?, ?)");
        args.addAll(List.of(after.path(), after.key()));
      } else if (!prefix.isEmpty()) {
        sql.append(" AND namespace >= ?");
        args.add(p);
      }
      if (!prefix.isEmpty()) {
        sql.append(" AND namespace < ? AND (namespace = ? OR namespace >= ?)");
        args.addAll(List.of(p + "/", p, p + "."));
      }
      sql.append(" ORDER BY namespace, item_key");
      if (max >= 0) {
        sql.append(" LIMIT ?");
        args.add((long) max);
      }
      PreparedStatement q = s.prepare(sql.toString());
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i) instanceof Long l) q.setLong(i + 1, l);
        else q.setString(i + 1, (String) args.get(i));
      }
      return rows(q);
    });
  }

  @Override
  public List<List<String>> namespaces(Instant now) {
    return runner.read("listing store namespaces", s -> {
      PreparedStatement q = s.prepare("SELECT DISTINCT namespace FROM " + table + " WHERE " + LIVE + " ORDER BY namespace");
      q.setLong(1, now.toEpochMilli());
      List<List<String>> out = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) out.add(ItemStore.labels(rs.getString(1)));
      }
      return out;
    });
  }

  @Override
  public boolean expireAt(List<String> namespace, String key, Instant expiresAt) {
    return runner.write("refreshing store item '" + key + "'", s -> {
      PreparedStatement u = s.prepare("UPDATE " + table + " SET expires_at = ? WHERE namespace = ? AND item_key = ?");
      u.setLong(1, expiresAt.toEpochMilli());
      u.setString(2, ItemStore.path(namespace));
      u.setString(3, key);
      return u.executeUpdate() > 0;
    });
  }

  private static List<StoreItem> rows(PreparedStatement q) throws SQLException {
    List<StoreItem> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        long ttl = rs.getLong(6);
        Duration d = rs.wasNull() ? null : Duration.ofMillis(ttl);
        long exp = rs.getLong(7);
        Instant e = rs.wasNull() ? null : Instant.ofEpochMilli(exp);
        out.add(new StoreItem(ItemStore.labels(rs.getString(1)), rs.getString(2), rs.getString(3),
            Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), d, e));
      }
    }
    return out;
  }
}
