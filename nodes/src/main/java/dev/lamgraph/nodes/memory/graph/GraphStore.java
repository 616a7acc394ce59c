package dev.lamgraph.nodes.memory.graph;

import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A graph memory in SQL: tables {@code graph_entities} and {@code graph_relations}, in the memory
 * store's SQLite file (next to the vector memory's tables) or in a PostgreSQL database
 * ({@code postgresql://...} URL, as for the checkpoint store). Writes upsert (a re-run step writes
 * the same facts again), by namespace.
 *
 * <pre>{@code
 * try (GraphStore g = GraphStore.open(".lam/memory.db", Map.of())) {
 *   g.write("ops", GraphBatch.parse(json, new Graph.Provenance("t1", 3, "extract")));
 *   Graph.Sub around = new GraphQueries(g).neighbourhood("ops", List.of("INC-2041"), 2, Set.of());
 * }
 * }</pre>
 */
public final class GraphStore implements AutoCloseable {
  private static final int CHUNK = 400;
  private final Connection db;
  private final String where;

  GraphStore(Connection db, String where) throws SQLException {
    this.db = db;
    this.where = where;
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS graph_entities (namespace TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,"
          + " name TEXT NOT NULL, name_key TEXT NOT NULL, properties TEXT NOT NULL, thread TEXT NOT NULL, step BIGINT NOT NULL,"
          + " source TEXT NOT NULL, PRIMARY KEY (namespace, id))");
      s.execute("CREATE TABLE IF NOT EXISTS graph_relations (namespace TEXT NOT NULL, src TEXT NOT NULL, type TEXT NOT NULL,"
          + " dst TEXT NOT NULL, properties TEXT NOT NULL, thread TEXT NOT NULL, step BIGINT NOT NULL, source TEXT NOT NULL,"
          + " PRIMARY KEY (namespace, src, type, dst))");
      s.execute("CREATE INDEX IF NOT EXISTS graph_relations_dst ON graph_relations (namespace, dst)");
      s.execute("CREATE INDEX IF NOT EXISTS graph_entities_name ON graph_entities (namespace, name_key)");
    }
  }

  /** Opens (creating the tables) a SQLite file path or a {@code postgresql://} URL; {@code env} resolves URL passwords. */
  public static GraphStore open(String location, Map<String, String> env) {
    try {
      if (location.startsWith("postgresql://") || location.startsWith("postgres://")) return PgGraph.open(location, env);
      Path file = Path.of(location.startsWith("sqlite:") ? location.substring(7) : location);
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=5000");
      }
      return new GraphStore(c, file.toString());
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot open the graph memory " + location + ": " + e.getMessage(), e);
    }
  }

  /** Where the graph lives (file or URL without password), for messages. */
  public String where() {
    return where;
  }

  /**
   * Upserts a batch in one transaction; a relation whose end is neither in the batch nor stored throws
   * {@link IllegalArgumentException} and writes nothing. Returns {entities, relations} written.
   */
  public synchronized Map<String, Object> write(String ns, GraphBatch batch) {
    Set<String> known = new HashSet<>();
    batch.entities().forEach(e -> known.add(e.id()));
    Set<String> ends = new HashSet<>();
    batch.relations().forEach(r -> {
      ends.add(r.from());
      ends.add(r.to());
    });
    ends.removeAll(known);
    if (!ends.isEmpty()) known.addAll(entities(ns, ends).keySet());
    int i = 0;
    for (Graph.Relation r : batch.relations()) {
      for (String end : List.of(r.from(), r.to())) {
        if (!known.contains(end)) {
          throw new IllegalArgumentException("relations[" + i + "] (" + r.from() + " " + r.type() + " " + r.to() + ") names an unknown entity '"
              + end + "' in namespace " + ns);
        }
      }
      i++;
    }
    transaction(() -> {
      try (PreparedStatement p = db.prepareStatement("INSERT INTO graph_entities VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (namespace, id) DO UPDATE"
          + " SET type = excluded.type, name = excluded.name, name_key = excluded.name_key, properties = excluded.properties,"
          + " thread = excluded.thread, step = excluded.step, source = excluded.source")) {
        for (Graph.Entity e : batch.entities()) {
          bind(p, ns, e.id(), e.type(), e.name(), e.name().toLowerCase(Locale.ROOT), Json.write(e.properties()), e.provenance().thread(),
              e.provenance().step(), e.provenance().source());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = db.prepareStatement("INSERT INTO graph_relations VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (namespace, src, type, dst)"
          + " DO UPDATE SET properties = excluded.properties, thread = excluded.thread, step = excluded.step, source = excluded.source")) {
        for (Graph.Relation r : batch.relations()) {
          bind(p, ns, r.from(), r.type(), r.to(), Json.write(r.properties()), r.provenance().thread(), r.provenance().step(),
              r.provenance().source());
          p.addBatch();
        }
        p.executeBatch();
      }
    });
    return Map.of("entities", (long) batch.entities().size(), "relations", (long) batch.relations().size());
  }

  /** The namespaces with their entity and relation counts, by name. */
  public synchronized List<Map<String, Object>> namespaces() {
    Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
    query("SELECT namespace, count(*) FROM graph_entities GROUP BY namespace", rs -> out.computeIfAbsent(rs.getString(1), this::ns)
        .put("entities", rs.getLong(2)));
    query("SELECT namespace, count(*) FROM graph_relations GROUP BY namespace", rs -> out.computeIfAbsent(rs.getString(1), this::ns)
        .put("relations", rs.getLong(2)));
    return new ArrayList<>(out.values());
  }

  private Map<String, Object> ns(String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", name);
    m.put("entities", 0L);
    m.put("relations", 0L);
    return m;
  }

  /** One entity. */
  public synchronized Optional<Graph.Entity> entity(String ns, String id) {
    return Optional.ofNullable(entities(ns, List.of(id)).get(id));
  }

  /** Entities by id (missing ids left out). */
  public synchronized Map<String, Graph.Entity> entities(String ns, Collection<String> ids) {
    Map<String, Graph.Entity> out = new LinkedHashMap<>();
    for (List<String> part : chunks(ids)) {
      query("SELECT id, type, name, properties, thread, step, source FROM graph_entities WHERE namespace = ? AND id IN (" + marks(part) + ")",
          rs -> out.put(rs.getString(1), entity(rs)), args(ns, part));
    }
    return out;
  }

  /**
   * Entities whose id or name contains {@code text} (case-insensitive; null = any), of a type (null = any), with properties
   * equal to {@code props} (compared as text); by name, at most {@code limit}.
   */
  public synchronized List<Graph.Entity> search(String ns, String text, String type, Map<String, String> props, int limit) {
    List<Graph.Entity> out = new ArrayList<>();
    String like = "%" + (text == null ? "" : text.toLowerCase(Locale.ROOT)) + "%";
    query("SELECT id, type, name, properties, thread, step, source FROM graph_entities WHERE namespace = ? AND (name_key LIKE ? OR lower(id) LIKE ?)"
        + (type == null ? "" : " AND type = ?") + " ORDER BY name_key, id", rs -> {
          if (out.size() >= limit) return;
          Graph.Entity e = entity(rs);
          for (Map.Entry<String, String> p : props.entrySet()) {
            Object v = e.properties().get(p.getKey());
            if (v == null || !(v instanceof String s ? s : Json.write(v)).equals(p.getValue())) return;
          }
          out.add(e);
        }, type == null ? new Object[] {ns, like, like} : new Object[] {ns, like, like, type});
    return out;
  }

  /** The relations touching any of {@code ids} (either end), of the given types (empty = all). */
  public synchronized List<Graph.Relation> relations(String ns, Collection<String> ids, Set<String> types) {
    Map<String, Graph.Relation> out = new LinkedHashMap<>();
    for (List<String> part : chunks(ids)) {
      for (String end : List.of("src", "dst")) {
        // sorted here, not by ORDER BY: with it SQLite scans the primary key instead of using the dst index
        List<Graph.Relation> found = new ArrayList<>();
        query("SELECT src, type, dst, properties, thread, step, source FROM graph_relations WHERE namespace = ? AND " + end + " IN ("
            + marks(part) + ")", rs -> {
              Graph.Relation r = new Graph.Relation(rs.getString(1), rs.getString(2), rs.getString(3), Json.readMap(rs.getString(4)),
                  new Graph.Provenance(rs.getString(5), rs.getLong(6), rs.getString(7)));
              if (types.isEmpty() || types.contains(r.type())) found.add(r);
            }, args(ns, part));
        found.sort(java.util.Comparator.comparing(Graph.Relation::from).thenComparing(Graph.Relation::type).thenComparing(Graph.Relation::to));
        found.forEach(r -> out.put(r.from() + "\u0000" + r.type() + "\u0000" + r.to(), r));
      }
    }
    return new ArrayList<>(out.values());
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // nothing to recover on close
    }
  }

  private static Graph.Entity entity(ResultSet rs) throws SQLException {
    return new Graph.Entity(rs.getString(1), rs.getString(2), rs.getString(3), Json.readMap(rs.getString(4)),
        new Graph.Provenance(rs.getString(5), rs.getLong(6), rs.getString(7)));
  }

  private static List<List<String>> chunks(Collection<String> ids) {
    List<String> all = new ArrayList<>(ids);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    return out;
  }

  private static String marks(List<String> part) {
    return String.join(",", java.util.Collections.nCopies(part.size(), "?"));
  }

  private static Object[] args(String ns, List<String> part) {
    Object[] a = new Object[part.size() + 1];
    a[0] = ns;
    for (int i = 0; i < part.size(); i++) a[i + 1] = part.get(i);
    return a;
  }

  private void transaction(Jdbc.Work work) {
    Jdbc.transaction(db, "graph memory " + where, work);
  }

  private static void bind(PreparedStatement p, Object... args) throws SQLException {
    Jdbc.bind(p, args);
  }

  private void query(String sql, Jdbc.Rows sink, Object... args) {
    Jdbc.query(db, "graph memory " + where, sql, sink, args);
  }
}
