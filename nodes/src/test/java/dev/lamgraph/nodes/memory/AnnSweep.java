package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.util.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;

/**
 * The HNSW recall / latency trade-off (bench/README.md, "HNSW sweep"): random unit vectors
 * (384 dims, as {@link RagBenchmark}'s {@code rag_ann}) indexed by Lucene 9.12 in one segment with a
 * given graph degree {@code M} (maxConn) and build {@code beamWidth}, then top-10 queries with
 * {@link KnnFloatVectorQuery} exploring {@code ef} candidates (its k, as {@link VectorIndex#knn} does)
 * scored against brute force. Prints {@code rag_hnsw} JSON lines: one per (M, beamWidth, ef).
 * Run: {@code java -cp ... dev.lamgraph.nodes.memory.AnnSweep N QUERIES M:BEAM[,M:BEAM...] EF[,EF...]}.
 */
public final class AnnSweep {
  private AnnSweep() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int queries = Integer.parseInt(args[1]);
    int dims = 384;
    float[][] data = new float[n][];
    for (int i = 0; i < n; i++) data[i] = RagBenchmark.vector(i, dims);
    Random rnd = new Random(99);
    float[][] qs = new float[queries][];
    for (int q = 0; q < queries; q++) qs[q] = RagBenchmark.unit(rnd, dims);
    List<Set<Integer>> exact = exact(data, qs);
    PrintStream out = System.out;
    for (String build : args[2].split(",")) {
      int m = Integer.parseInt(build.split(":")[0]);
      int beam = Integer.parseInt(build.split(":")[1]);
      Path dir = Files.createTempDirectory("lam-hnsw");
      IndexWriterConfig cfg = new IndexWriterConfig().setRAMBufferSizeMB(1024).setCodec(new Lucene912Codec() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return new Lucene99HnswVectorsFormat(m, beam);
        }
      });
      long t0 = System.nanoTime();
      try (FSDirectory d = FSDirectory.open(dir)) {
        try (IndexWriter w = new IndexWriter(d, cfg)) {
          for (int i = 0; i < n; i++) {
            Document doc = new Document();
            doc.add(new StoredField("i", i));
            doc.add(new KnnFloatVectorField("vec", data[i], VectorSimilarityFunction.DOT_PRODUCT));
            w.addDocument(doc);
          }
          w.forceMerge(1);
        }
        double buildSecs = (System.nanoTime() - t0) / 1e9;
        try (DirectoryReader r = DirectoryReader.open(d)) {
          IndexSearcher s = new IndexSearcher(r);
          StoredFields stored = r.storedFields();
          for (String e : args[3].split(",")) {
            int ef = Integer.parseInt(e);
            s.search(new KnnFloatVectorQuery("vec", qs[0], ef), 10); // warm
            long[] lat = new long[queries];
            double hit = 0;
            for (int q = 0; q < queries; q++) {
              long s0 = System.nanoTime();
              ScoreDoc[] top = s.search(new KnnFloatVectorQuery("vec", qs[q], Math.max(10, ef)), 10).scoreDocs;
              lat[q] = System.nanoTime() - s0;
              for (ScoreDoc sd : top) {
                if (exact.get(q).contains(stored.document(sd.doc).getField("i").numericValue().intValue())) hit++;
              }
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("bench", "rag_hnsw");
            line.put("chunks", n);
            line.put("vectors", "random-unit-384");
            line.put("m", m);
            line.put("beam_width", beam);
            line.put("build_s", RagBenchmark.round(buildSecs));
            line.put("ef_search", ef);
            line.put("queries", queries);
            line.put("recall_at_10_vs_exact", RagBenchmark.round(hit / (10.0 * queries)));
            line.put("p50_ms", RagBenchmark.pct(lat, 0.5));
            line.put("p99_ms", RagBenchmark.pct(lat, 0.99));
            line.put("loadavg_1", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            out.println(Json.write(line));
            out.flush();
          }
        }
      }
    }
  }

  private static List<Set<Integer>> exact(float[][] data, float[][] qs) {
    List<Set<Integer>> out = new ArrayList<>();
    for (float[] q : qs) {
      double[] best = new double[10];
      int[] ids = new int[10];
      java.util.Arrays.fill(best, -2);
      for (int i = 0; i < data.length; i++) {
        double s = 0;
        for (int d = 0; d < q.length; d++) s += data[i][d] * q[d];
        if (s > best[9]) {
          int at = 9;
          while (at > 0 && best[at - 1] < s) {
            best[at] = best[at - 1];
            ids[at] = ids[at - 1];
            at--;
          }
          best[at] = s;
          ids[at] = i;
        }
      }
      Set<Integer> set = new HashSet<>();
      for (int id : ids) set.add(id);
      out.add(set);
    }
    return out;
  }
}
