package dev.lamgraph.nodes.memory.graph;

import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.util.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Graph-memory benchmark (bench/graph.sh): a random graph of {@code edges} relations over {@code edges / 4} entities
 * (mean degree 8) written in batches of 1,000 relations; then neighbourhood queries (depth 1 and 2) and shortest paths
 * from random entities. One JSON line per measure: write rate, p50/p99 latency. SQLite always; PostgreSQL with {@code --pg}.
 */
public final class GraphBenchmark {
  private GraphBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    boolean pg = Arrays.asList(args).contains("--pg");
    PgServer server = pg ? PgServer.start(true) : null;
    for (int edges : quick ? new int[] {2_000} : new int[] {10_000, 100_000}) {
      Path dir = Files.createTempDirectory("lam-graph-bench");
      try (GraphStore g = GraphStore.open(dir.resolve("memory.db").toString(), Map.of())) {
        run(System.out, g, "sqlite", edges, quick ? 20 : 200);
      }
      if (server != null) {
        try (GraphStore g = GraphStore.open(server.url(server.newSchema()), Map.of())) {
          run(System.out, g, "postgresql", edges, quick ? 20 : 200);
        }
      }
    }
  }

  /** Writes the graph, then times {@code queries} queries of each kind; prints graph_write, graph_neighbours (x2), graph_path. */
  static void run(PrintStream out, GraphStore g, String backend, int edges, int queries) {
    int n = Math.max(10, edges / 4);
    Random rnd = new Random(42);
    Graph.Provenance p = new Graph.Provenance("bench", 1, "bench");
    long t0 = System.nanoTime();
    for (int start = 0; start < n; start += 1000) {
      List<Graph.Entity> es = new ArrayList<>();
      for (int i = start; i < Math.min(n, start + 1000); i++) es.add(new Graph.Entity("e" + i, "t" + (i % 7), "entity " + i, Map.of("i", i), p));
      g.write("bench", new GraphBatch(es, List.of()));
    }
    long t1 = System.nanoTime();
    for (int start = 0; start < edges; start += 1000) {
      List<Graph.Relation> rs = new ArrayList<>();
      for (int i = start; i < Math.min(edges, start + 1000); i++) {
        rs.add(new Graph.Relation("e" + rnd.nextInt(n), "r" + (i % 5), "e" + rnd.nextInt(n), Map.of(), p));
      }
      g.write("bench", new GraphBatch(List.of(), rs));
    }
    long t2 = System.nanoTime();
    out.println(Json.write(line("graph_write", backend, edges, Map.of("entities", n,
        "entities_per_s", Math.round(n / ((t1 - t0) / 1e9)), "relations_per_s", Math.round(edges / ((t2 - t1) / 1e9)), "batch", 1000))));
    GraphQueries q = new GraphQueries(g);
    for (int depth : new int[] {1, 2}) {
      long[] ms = new long[queries];
      long size = 0;
      for (int i = 0; i < queries; i++) {
        long s = System.nanoTime();
        size += q.neighbourhood("bench", List.of("e" + rnd.nextInt(n)), depth, Set.of()).entities().size();
        ms[i] = System.nanoTime() - s;
      }
      out.println(Json.write(line("graph_neighbours", backend, edges, Map.of("depth", depth, "queries", queries,
          "mean_entities", size / queries, "p50_ms", pct(ms, 0.5), "p99_ms", pct(ms, 0.99)))));
    }
    long[] ms = new long[queries];
    int found = 0;
    for (int i = 0; i < queries; i++) {
      long s = System.nanoTime();
      if (q.path("bench", "e" + rnd.nextInt(n), "e" + rnd.nextInt(n), 3, Set.of()).isPresent()) found++;
      ms[i] = System.nanoTime() - s;
    }
    out.println(Json.write(line("graph_path", backend, edges, Map.of("max_length", 3, "queries", queries, "found", found,
        "p50_ms", pct(ms, 0.5), "p99_ms", pct(ms, 0.99)))));
  }

  private static Map<String, Object> line(String bench, String backend, int edges, Map<String, Object> extra) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bench", bench);
    m.put("backend", backend);
    m.put("edges", edges);
    m.putAll(new java.util.TreeMap<>(extra));
    return m;
  }

  private static double pct(long[] nanos, double p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return Math.round(s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)] / 1e4) / 100.0;
  }
}
