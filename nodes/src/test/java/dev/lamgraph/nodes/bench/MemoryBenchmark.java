package dev.lamgraph.nodes.bench;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.memory.Embedder;
import dev.lamgraph.nodes.memory.Memory;
import dev.lamgraph.nodes.memory.SqliteMemory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Memory benchmark (see bench/README.md): embedding throughput with the local all-MiniLM-L6-v2
 * model while filling a store to 10,000 items, then recall latency (top-5) at that size. Prints
 * JSON lines. {@code --quick} uses 200 items.
 */
public final class MemoryBenchmark {
  private static final String[] WORDS = ("invoice payment vendor total overdue refund shipping order customer api timeout "
      + "database connection disk memory heap thread deadlock booking hotel flight cancel retry error log server "
      + "latency cache queue worker lease checkpoint graph node tool model plan review").split(" ");

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    run(System.out, Files.createTempDirectory("lam-membench"), quick ? 200 : 10_000, quick);
  }

  static void run(PrintStream out, Path dir, int items, boolean quick) {
    Random rnd = new Random(42);
    Embedder embedder = Embedder.miniLm();
    long t0 = System.nanoTime();
    embedder.embed("warm up the model");
    emit(out, Map.of("bench", "memory_model_load", "ms", (System.nanoTime() - t0) / 1_000_000, "quick", quick));
    try (Memory m = new SqliteMemory(dir.resolve("mem.db"), embedder)) {
      t0 = System.nanoTime();
      for (int i = 0; i < items; i++) m.store("bench", "i" + i, sentence(rnd), Map.of("i", (long) i));
      double secs = (System.nanoTime() - t0) / 1e9;
      emit(out, Map.of("bench", "memory_store", "items", items, "items_per_s", round(items / secs),
          "ms_per_item", round(secs * 1000 / items), "quick", quick));
      int queries = quick ? 20 : 100;
      long[] lat = new long[queries];
      for (int q = 0; q < queries; q++) {
        long s = System.nanoTime();
        var hits = m.recall("bench", sentence(rnd), 5, -1);
        lat[q] = System.nanoTime() - s;
        if (hits.size() != 5) throw new IllegalStateException("recall returned " + hits.size() + " hits");
      }
      Arrays.sort(lat);
      emit(out, Map.of("bench", "memory_recall", "items", items, "top_k", 5, "queries", queries,
          "p50_ms", round(lat[queries / 2] / 1e6), "p95_ms", round(lat[(int) (queries * 0.95)] / 1e6), "quick", quick));
    }
  }

  private static String sentence(Random rnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) sb.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
    return sb.toString();
  }

  private static void emit(PrintStream out, Map<String, Object> fields) {
    out.println(Json.write(new LinkedHashMap<>(fields)));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
