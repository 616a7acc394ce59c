package dev.lamgraph.nodes.memory;

import dev.lamgraph.nodes.memory.graph.Jdbc;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * {@link Memory} in an embedded SQLite file, the source of truth: one row per record with its
 * embedding as float32 bytes, one row per ingested document (hash, chunk count), and a generation
 * counter bumped by every write. Searches go through a Lucene index kept next to the file
 * ({@code FILE.index/}: HNSW vectors, BM25 text, metadata filters; see {@link MemoryIndex});
 * {@link Memory.Search#EXACT} scans every vector of the namespace, as this store always did.
 */
public final class SqliteMemory implements Memory {
  private final Connection db;
  private final Embedder embedder;
  private final Path file;
  private final MemoryIndex index;

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
        s.execute("CREATE TABLE IF NOT EXISTS documents (namespace TEXT NOT NULL, source TEXT NOT NULL, hash TEXT NOT NULL,"
            + " chunks INTEGER NOT NULL, PRIMARY KEY (namespace, source))");
        s.execute("CREATE TABLE IF NOT EXISTS memory_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot open the memory store " + file + ": " + e.getMessage(), e);
    }
    index = new MemoryIndex(file.resolveSibling(file.getFileName() + ".index"), this);
  }

  /** Where the store's Lucene index lives, and whether it is in use (false: another process holds it; searches scan). */
  public String indexState() {
    return index.state();
  }

  @Override
  public synchronized void storeAll(String namespace, List<Item> items) {
    List<float[]> vecs = embed(items);
    long gen = write(() -> {
      for (int i = 0; i < items.size(); i++) insert(namespace, items.get(i), vecs.get(i));
    });
    index.apply(gen, ix -> {
      for (int i = 0; i < items.size(); i++) ix.upsert(namespace, items.get(i).id(), items.get(i).text(), vecs.get(i), items.get(i).metadata());
    });
  }

  @Override
  public synchronized void putDocument(String namespace, String source, String hash, List<Item> items) {
    List<float[]> vecs = items == null ? List.of() : embed(items);
    int old = chunksOf(namespace, source);
    long gen = write(() -> {
      deleteChunks(namespace, source, old);
      if (items == null) {
        exec("DELETE FROM documents WHERE namespace = ? AND source = ?", namespace, source);
        return;
      }
      for (int i = 0; i < items.size(); i++) insert(namespace, items.get(i), vecs.get(i));
      exec("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", namespace, source, hash, items.size());
    });
    index.apply(gen, ix -> {
      for (int i = 0; i < old; i++) ix.delete(namespace, source + "#" + i);
      if (items != null) {
        for (int i = 0; i < items.size(); i++) ix.upsert(namespace, items.get(i).id(), items.get(i).text(), vecs.get(i), items.get(i).metadata());
      }
    }, false); // an ingest commits the index once, at its end (flush)
  }

  @Override
  public synchronized void flush() {
    index.flush();
  }

  @Override
  public synchronized Map<String, String> documents(String namespace) {
    Map<String, String> out = new LinkedHashMap<>();
    query("SELECT source, hash FROM documents WHERE namespace = ? ORDER BY source", rs -> out.put(rs.getString(1), rs.getString(2)), namespace);
    return out;
  }

  @Override
  public synchronized List<Hit> recall(String namespace, Query q) {
    if (q.search() == Search.EXACT || !index.usable()) return scan(namespace, q);
    List<VectorIndex.Scored> ranked = index.search(namespace, q, q.search() == Search.KEYWORD ? null : normalise(embedder.embed(q.text())));
    Map<String, Hit> rows = rows(namespace, ranked.stream().map(VectorIndex.Scored::id).toList());
    List<Hit> out = new ArrayList<>();
    for (VectorIndex.Scored s : ranked) {
      Hit h = rows.get(s.id());
      boolean cosine = q.search() == Search.VECTOR;
      if (h != null && (!cosine || s.score() >= q.minScore())) out.add(new Hit(h.id(), h.text(), h.metadata(), s.score()));
    }
    return out;
  }

  /** The original linear scan: cosine against every vector of the namespace, with the filter applied to each row. */
  private List<Hit> scan(String namespace, Query q) {
    float[] v = normalise(embedder.embed(q.text()));
    PriorityQueue<Hit> best = new PriorityQueue<>(Comparator.comparingDouble(Hit::score));
    query("SELECT id, text, metadata, vector FROM memories WHERE namespace = ? AND model = ?", rs -> {
      double score = dot(v, rs.getBytes(4));
      if (score < q.minScore()) return;
      if (best.size() < q.k() || score > best.peek().score()) {
        Map<String, Object> meta = Json.readMap(rs.getString(3));
        if (!Filters.matches(meta, q.filter())) return;
        best.add(new Hit(rs.getString(1), rs.getString(2), meta, score));
        if (best.size() > q.k()) best.poll();
      }
    }, namespace, embedder.name());
    List<Hit> out = new ArrayList<>(best);
    out.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::id));
    return out;
  }

  @Override
  public synchronized int forget(String namespace, String id) {
    int[] n = {0};
    long gen = write(() -> {
      n[0] = id == null ? exec("DELETE FROM memories WHERE namespace = ?", namespace)
          : exec("DELETE FROM memories WHERE namespace = ? AND id = ?", namespace, id);
      if (id == null) exec("DELETE FROM documents WHERE namespace = ?", namespace);
    });
    index.apply(gen, ix -> {
      if (id == null) ix.deleteNamespace(namespace);
      else ix.delete(namespace, id);
    });
    return n[0];
  }

  @Override
  public synchronized int count(String namespace) {
    int[] n = {0};
    query("SELECT count(*) FROM memories WHERE namespace = ?", rs -> n[0] = rs.getInt(1), namespace);
    return n[0];
  }

  @Override
  public synchronized void close() {
    index.close();
    try {
      db.close();
    } catch (SQLException e) {
      // closing a read-mostly connection; nothing to recover
    }
  }

  /** The store's generation (bumped by every write). */
  synchronized long generation() {
    long[] g = {0};
    query("SELECT value FROM memory_meta WHERE key = 'generation'", rs -> g[0] = rs.getLong(1));
    return g[0];
  }

  /** Every record embedded by this store's model, for rebuilding the index. */
  synchronized void forEachRecord(MemoryIndex.RecordSink sink) {
    query("SELECT namespace, id, text, metadata, vector FROM memories WHERE model = ?", rs -> sink.accept(rs.getString(1),
        rs.getString(2), rs.getString(3), Json.readMap(rs.getString(4)), floats(rs.getBytes(5))), embedder.name());
  }

  private List<float[]> embed(List<Item> items) {
    List<float[]> out = new ArrayList<>();
    for (float[] v : embedder.embedAll(items.stream().map(Item::text).toList())) out.add(normalise(v));
    return out;
  }

  private void insert(String namespace, Item item, float[] vec) throws SQLException {
    exec("INSERT OR REPLACE INTO memories VALUES (?, ?, ?, ?, ?, ?)", namespace, item.id(), item.text(),
        Json.write(item.metadata() == null ? Map.of() : item.metadata()), embedder.name(), bytes(vec));
  }

  private int chunksOf(String namespace, String source) {
    int[] n = {0};
    query("SELECT chunks FROM documents WHERE namespace = ? AND source = ?", rs -> n[0] = rs.getInt(1), namespace, source);
    return n[0];
  }

  private void deleteChunks(String namespace, String source, int n) throws SQLException {
    for (int i = 0; i < n; i++) exec("DELETE FROM memories WHERE namespace = ? AND id = ?", namespace, source + "#" + i);
  }

  private Map<String, Hit> rows(String namespace, List<String> ids) {
    Map<String, Hit> out = new LinkedHashMap<>();
    if (ids.isEmpty()) return out;
    String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
    Object[] args = new Object[ids.size() + 1];
    args[0] = namespace;
    for (int i = 0; i < ids.size(); i++) args[i + 1] = ids.get(i);
    query("SELECT id, text, metadata FROM memories WHERE namespace = ? AND id IN (" + in + ")",
        rs -> out.put(rs.getString(1), new Hit(rs.getString(1), rs.getString(2), Json.readMap(rs.getString(3)), 0)), args);
    return out;
  }

  /** Runs writes in one transaction that also bumps the generation; returns the new generation. */
  private long write(Jdbc.Work work) {
    Jdbc.transaction(db, "memory store " + file, () -> {
      work.run();
      exec("INSERT INTO memory_meta VALUES ('generation', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1");
    });
    return generation();
  }

  private int exec(String sql, Object... args) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
      return p.executeUpdate();
    }
  }

  private void query(String sql, Jdbc.Rows sink, Object... args) {
    Jdbc.query(db, "memory store " + file, sql, sink, args);
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

  private static float[] floats(byte[] stored) {
    ByteBuffer b = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[stored.length / 4];
    for (int i = 0; i < out.length; i++) out[i] = b.getFloat(i * 4);
    return out;
  }

  private static double dot(float[] q, byte[] stored) {
    ByteBuffer b = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
    int n = Math.min(q.length, stored.length / 4);
    double s = 0;
    for (int i = 0; i < n; i++) s += q[i] * b.getFloat(i * 4);
    return s;
  }
}
