package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.connector.ConfinedFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * RAG benchmark (bench/README.md, "RAG benchmark"). Prints JSON lines:
 * <ul>
 *   <li>{@code rag_ingest}: documents (generated Markdown) ingested through the memory node's path:
 *       confined read, langchain4j splitting, MiniLM embeddings, SQLite + Lucene writes;
 *   <li>{@code rag_recall} at 10k chunks of real MiniLM embeddings: p50/p99 of each search
 *       ({@code vector} = HNSW, {@code exact} = the old linear scan, {@code keyword}, {@code hybrid}) and the
 *       recall@10 of HNSW against the exact scan;
 *   <li>{@code rag_ann} at 100k (and 1M with {@code --1m}) synthetic random unit vectors (384 dims,
 *       no model): index build rate, p50/p99 of HNSW top-10, recall@10 against brute force, and the
 *       brute-force latency.
 * </ul>
 * Run: {@code java -Xmx3g -cp nodes/target/classes:nodes/target/test-classes:CP dev.lamgraph.nodes.memory.RagBenchmark [--quick] [--1m]}, or {@code bench/rag.sh [--quick] [--1m]}.
 */
public final class RagBenchmark {
  static final String[] WORDS = ("invoice payment vendor total overdue refund shipping order customer api timeout "
      + "database connection disk memory heap thread deadlock booking hotel flight cancel retry error log server "
      + "latency cache queue worker lease checkpoint graph node tool model plan review").split(" ");

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    boolean million = Arrays.asList(args).contains("--1m");
    Path dir = Files.createTempDirectory("lam-ragbench");
    PrintStream out = System.out;
    ingest(out, dir, quick ? 5 : 100, quick);
    real(out, dir, quick ? 300 : 10_000, quick ? 20 : 200, quick);
    synthetic(out, dir, quick ? 2_000 : 100_000, quick ? 20 : 200, quick);
    if (million) synthetic(out, dir, 1_000_000, 100, false);
  }

  static void ingest(PrintStream out, Path dir, int files, boolean quick) throws Exception {
    Random rnd = new Random(1);
    Path docs = Files.createDirectories(dir.resolve("docs"));
    long bytes = 0;
    for (int f = 0; f < files; f++) {
      StringBuilder sb = new StringBuilder("# Document " + f + "\n\n");
      for (int s = 0; s < 4; s++) {
        sb.append("## Section ").append(s).append("\n\n");
        for (int p = 0; p < 3; p++) sb.append(sentence(rnd, 12)).append(". ").append(sentence(rnd, 10)).append(".\n\n");
      }
      bytes += Files.writeString(docs.resolve("doc-" + f + ".md"), sb).toFile().length();
    }
    Embedder.miniLm().embed("warm up the model");
    Chunker.tokens().estimateTokenCountInText("warm up the tokenizer");
    try (SqliteMemory m = new SqliteMemory(dir.resolve("ingest.db"), Embedder.miniLm())) {
      long t0 = System.nanoTime();
      DocumentIngest.Report r = new DocumentIngest(m, "docs", List.of(), new Chunker("paragraph", 200, 20), "p", 1 << 20, 100_000)
          .run(ConfinedFiles.of(docs));
      double secs = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      DocumentIngest.Report again = new DocumentIngest(m, "docs", List.of(), new Chunker("paragraph", 200, 20), "p", 1 << 20, 100_000)
          .run(ConfinedFiles.of(docs));
      emit(out, map("bench", "rag_ingest", "files", files, "bytes", bytes, "chunks", r.chunks(), "files_per_s", round(files / secs),
          "chunks_per_s", round(r.chunks() / secs), "kib_per_s", round(bytes / 1024.0 / secs),
          "unchanged_rescan_ms", round((System.nanoTime() - t1) / 1e6), "unchanged", again.unchanged(), "quick", quick));
    }
  }

  static void real(PrintStream out, Path dir, int n, int queries, boolean quick) {
    Random rnd = new Random(42);
    try (SqliteMemory m = new SqliteMemory(dir.resolve("real.db"), Embedder.miniLm())) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i += 500) {
        List<Memory.Item> batch = new ArrayList<>();
        for (int j = i; j < Math.min(n, i + 500); j++) batch.add(new Memory.Item("c" + j, sentence(rnd, 8), Map.of("i", (long) j)));
        m.storeAll("bench", batch);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      emit(out, map("bench", "rag_store", "chunks", n, "vectors", "minilm", "chunks_per_s", round(n / secs), "quick", quick));
      List<String> qs = new ArrayList<>();
      for (int q = 0; q < queries; q++) qs.add(sentence(rnd, 6));
      double hit = 0;
      for (Memory.Search s : Memory.Search.values()) {
        long[] lat = new long[queries];
        for (int q = 0; q < queries; q++) {
          long s0 = System.nanoTime();
          List<Memory.Hit> hits = m.recall("bench", new Memory.Query(qs.get(q), 10, -1, s, Map.of()));
          lat[q] = System.nanoTime() - s0;
          if (s == Memory.Search.VECTOR) {
            Set<String> ann = new HashSet<>(hits.stream().map(Memory.Hit::id).toList());
            List<Memory.Hit> exact = m.recall("bench", new Memory.Query(qs.get(q), 10, -1, Memory.Search.EXACT, Map.of()));
            hit += exact.stream().filter(h -> ann.contains(h.id())).count() / (double) exact.size();
          }
        }
        Map<String, Object> line = map("bench", "rag_recall", "chunks", n, "vectors", "minilm", "search", s.name().toLowerCase(),
            "top_k", 10, "queries", queries, "p50_ms", pct(lat, 0.5), "p99_ms", pct(lat, 0.99), "quick", quick);
        if (s == Memory.Search.VECTOR) line.put("recall_at_10_vs_exact", round(hit / queries));
        line.put("note", switch (s) {
          case EXACT -> "the linear scan recall used before the index; includes embedding the query (see rag_embed_query)";
          case KEYWORD -> "BM25 only: no query embedding";
          default -> "includes embedding the query (see rag_embed_query)";
        });
        emit(out, line);
      }
      long[] only = new long[queries];
      for (int q = 0; q < queries; q++) {
        long s0 = System.nanoTime();
        Embedder.miniLm().embed(qs.get(q));
        only[q] = System.nanoTime() - s0;
      }
      emit(out, map("bench", "rag_embed_query", "queries", queries, "p50_ms", pct(only, 0.5), "p99_ms", pct(only, 0.99),
          "note", "embedding one query with the local MiniLM model: part of every vector, hybrid and exact recall above", "quick", quick));
    }
  }

  static void synthetic(PrintStream out, Path dir, int n, int queries, boolean quick) throws Exception {
    int dims = 384;
    float[][] data = n <= 200_000 ? new float[n][] : null;
    long t0 = System.nanoTime();
    try (VectorIndex ix = VectorIndex.open(Files.createDirectories(dir.resolve("ann-" + n)))) {
      for (int i = 0; i < n; i++) {
        float[] v = vector(i, dims);
        if (data != null) data[i] = v;
        ix.upsert("bench", "v" + i, null, v, null);
      }
      ix.commit(1);
      double buildSecs = (System.nanoTime() - t0) / 1e9;
      Random rnd = new Random(99);
      float[][] qs = new float[queries][];
      for (int q = 0; q < queries; q++) qs[q] = unit(rnd, dims);
      long[] lat = new long[queries];
      List<Set<String>> ann = new ArrayList<>();
      ix.knn("bench", qs[0], 10, MemoryIndex.EF_SEARCH, Map.of()); // opens the searcher
      for (int q = 0; q < queries; q++) {
        long s0 = System.nanoTime();
        List<VectorIndex.Scored> top = ix.knn("bench", qs[q], 10, MemoryIndex.EF_SEARCH, Map.of());
        lat[q] = System.nanoTime() - s0;
        ann.add(new HashSet<>(top.stream().map(VectorIndex.Scored::id).toList()));
      }
      long e0 = System.nanoTime();
      List<List<String>> exact = bruteForce(data, n, dims, qs);
      double exactMsPerQuery = (System.nanoTime() - e0) / 1e6 / queries;
      double hit = 0;
      for (int q = 0; q < queries; q++) hit += exact.get(q).stream().filter(ann.get(q)::contains).count() / 10.0;
      emit(out, map("bench", "rag_ann", "chunks", n, "vectors", "random-unit-384", "index_docs_per_s", round(n / buildSecs),
          "build_s", round(buildSecs), "ef_search", MemoryIndex.EF_SEARCH, "queries", queries, "p50_ms", pct(lat, 0.5), "p99_ms", pct(lat, 0.99),
          "recall_at_10_vs_exact", round(hit / queries), "exact_ms_per_query", round(exactMsPerQuery),
          "note", "synthetic random vectors (no model, no query embedding); brute force in memory as the exact reference", "quick", quick));
    }
  }

  /** Exact top-10 ids per query; vectors regenerated from their seed when not kept (1M). */
  private static List<List<String>> bruteForce(float[][] data, int n, int dims, float[][] qs) {
    double[][] best = new double[qs.length][10];
    int[][] ids = new int[qs.length][10];
    for (double[] b : best) Arrays.fill(b, -2);
    for (int i = 0; i < n; i++) {
      float[] v = data != null ? data[i] : vector(i, dims);
      for (int q = 0; q < qs.length; q++) {
        double s = 0;
        for (int d = 0; d < dims; d++) s += v[d] * qs[q][d];
        if (s > best[q][9]) {
          int at = 9;
          while (at > 0 && best[q][at - 1] < s) {
            best[q][at] = best[q][at - 1];
            ids[q][at] = ids[q][at - 1];
            at--;
          }
          best[q][at] = s;
          ids[q][at] = i;
        }
      }
    }
    List<List<String>> out = new ArrayList<>();
    for (int[] row : ids) out.add(Arrays.stream(row).mapToObj(i -> "v" + i).toList());
    return out;
  }

  static float[] vector(int i, int dims) {
    return unit(new Random(1_000_003L * i + 17), dims);
  }

  static float[] unit(Random r, int dims) {
    float[] v = new float[dims];
    double n = 0;
    for (int d = 0; d < dims; d++) {
      v[d] = (float) r.nextGaussian();
      n += v[d] * v[d];
    }
    n = Math.sqrt(n);
    for (int d = 0; d < dims; d++) v[d] /= (float) n;
    return v;
  }

  static String sentence(Random rnd, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) sb.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
    return sb.toString();
  }

  static double pct(long[] lat, double p) {
    long[] s = lat.clone();
    Arrays.sort(s);
    return round(s[Math.min(s.length - 1, (int) Math.floor(s.length * p))] / 1e6);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static void emit(PrintStream out, Map<String, Object> fields) {
    out.println(Json.write(fields));
    out.flush();
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
