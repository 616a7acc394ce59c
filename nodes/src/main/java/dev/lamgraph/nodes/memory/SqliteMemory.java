package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * {@link Memory} in an embedded SQLite file: one row per record with its embedding as float32
 * bytes; recall scans the namespace's vectors (cosine similarity on normalised vectors), which
 * takes a few milliseconds at 10,000 records.
 */
public final class SqliteMemory implements Memory {
  private final Connection db;
  private final Embedder embedder;
  private final Path file;

  public SqliteMemory(Path file, Embedder embedder) {
    this.file = file;
    this.embedder = embedder;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("CREATE TABLE IF NOT EXISTS memories (namespace TEXT NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL,"
            + " metadata TEXT NOT NULL, model TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (namespace, id))");
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot open the memory store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void store(String namespace, String id, String text, Map<String, Object> metadata) {
    byte[] vec = bytes(normalise(embedder.embed(text)));
    try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO memories VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, namespace);
      p.setString(2, id);
      p.setString(3, text);
      p.setString(4, Json.write(metadata));
      p.setString(5, embedder.name());
      p.setBytes(6, vec);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("memory store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<Hit> recall(String namespace, String query, int k, double minScore) {
    float[] q = normalise(embedder.embed(query));
    PriorityQueue<Hit> best = new PriorityQueue<>(Comparator.comparingDouble(Hit::score));
    try (PreparedStatement p = db.prepareStatement("SELECT id, text, metadata, vector FROM memories WHERE namespace = ? AND model = ?")) {
      p.setString(1, namespace);
      p.setString(2, embedder.name());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          double score = dot(q, rs.getBytes(4));
          if (score < minScore) continue;
          if (best.size() < k || score > best.peek().score()) {
            best.add(new Hit(rs.getString(1), rs.getString(2), Json.readMap(rs.getString(3)), score));
            if (best.size() > k) best.poll();
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("memory store " + file + ": " + e.getMessage(), e);
    }
    List<Hit> out = new ArrayList<>(best);
    out.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::id));
    return out;
  }

  @Override
  public synchronized int forget(String namespace, String id) {
    String sql = id == null ? "DELETE FROM memories WHERE namespace = ?" : "DELETE FROM memories WHERE namespace = ? AND id = ?";
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, namespace);
      if (id != null) p.setString(2, id);
      return p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("memory store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized int count(String namespace) {
    try (PreparedStatement p = db.prepareStatement("SELECT count(*) FROM memories WHERE namespace = ?")) {
      p.setString(1, namespace);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("memory store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // closing a read-mostly connection; nothing to recover
    }
  }

  static float[] normalise(float[] v) {
    double n = 0;
    for (float x : v) n += x * x;
    n = Math.sqrt(n);
    if (n == 0) return v;
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / n);
    return out;
  }

  private static byte[] bytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) b.putFloat(x);
    return b.array();
  }

  private static double dot(float[] q, byte[] stored) {
    ByteBuffer b = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
    int n = Math.min(q.length, stored.length / 4);
    double s = 0;
    for (int i = 0; i < n; i++) s += q[i] * b.getFloat(i * 4);
    return s;
  }
}
