package dev.lamgraph.nodes.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene 9 index of memory records: the embedding as an HNSW graph ({@link KnnFloatVectorField},
 * dot product of unit vectors = cosine), the text for BM25 keyword search, and scalar metadata as
 * exact-match fields ({@code m.<key>}) for filters. It is derived data: the SQLite store is the
 * source of truth, and the commit records the store generation it reflects, so a stale or missing
 * index is rebuilt from the store.
 *
 * <pre>{@code
 * try (VectorIndex ix = VectorIndex.open(dir)) {
 *   ix.upsert("docs", "a.md#0", "text", unitVector, Map.of("source", "a.md"));
 *   ix.commit(1);
 *   List<VectorIndex.Scored> top = ix.knn("docs", query, 10, 100, Map.of());
 * }
 * }</pre>
 */
final class VectorIndex implements AutoCloseable {
  private static final String GEN = "lam.generation";
  private final Directory dir;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer = new StandardAnalyzer();

  /** An id with its score (cosine for vectors, BM25 for keywords). */
  record Scored(String id, double score) {}

  private VectorIndex(Directory dir) throws IOException {
    this.dir = dir;
    IndexWriterConfig cfg = new IndexWriterConfig(analyzer);
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    cfg.setRAMBufferSizeMB(64);
    this.writer = new IndexWriter(dir, cfg);
    this.searchers = new SearcherManager(writer, null);
  }

  /** Opens (or creates) the index in a directory; fails when another process holds its write lock. */
  static VectorIndex open(Path path) throws IOException {
    return new VectorIndex(FSDirectory.open(path));
  }

  /** An index held in memory only (benchmarks). */
  static VectorIndex inMemory() {
    try {
      return new VectorIndex(new ByteBuffersDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The store generation of the last commit (-1 for a new index). */
  long generation() {
    for (var e : writer.getLiveCommitData()) if (e.getKey().equals(GEN)) return Long.parseLong(e.getValue());
    return -1;
  }

  int count() {
    return writer.getDocStats().numDocs;
  }

  void upsert(String ns, String id, String text, float[] unit, Map<String, Object> metadata) throws IOException {
    Document d = new Document();
    d.add(new StringField("key", key(ns, id), Field.Store.NO));
    d.add(new StringField("ns", ns, Field.Store.NO));
    d.add(new StringField("id", id, Field.Store.YES));
    d.add(new KnnFloatVectorField("vec", unit, VectorSimilarityFunction.DOT_PRODUCT));
    if (text != null) d.add(new TextField("text", text, Field.Store.NO));
    if (metadata != null) {
      for (var e : metadata.entrySet()) {
        Object v = e.getValue();
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
          d.add(new StringField("m." + e.getKey(), Filters.text(v), Field.Store.NO));
        }
      }
    }
    writer.updateDocument(new Term("key", key(ns, id)), d);
  }

  void delete(String ns, String id) throws IOException {
    writer.deleteDocuments(new Term("key", key(ns, id)));
  }

  void deleteNamespace(String ns) throws IOException {
    writer.deleteDocuments(new Term("ns", ns));
  }

  void deleteAll() throws IOException {
    writer.deleteAll();
  }

  /** Makes the changes durable, recording the store generation they reflect. */
  void commit(long generation) throws IOException {
    writer.setLiveCommitData(Map.of(GEN, Long.toString(generation)).entrySet());
    writer.commit();
  }

  /** Approximate nearest neighbours in a namespace (HNSW, exploring {@code ef} candidates), with cosine scores. */
  List<Scored> knn(String ns, float[] unit, int k, int ef, Map<String, List<String>> filter) throws IOException {
    Query q = new KnnFloatVectorQuery("vec", unit, Math.max(k, ef), scope(ns, filter));
    List<Scored> out = search(q, Math.max(k, ef));
    List<Scored> cos = new ArrayList<>();
    for (Scored s : out.subList(0, Math.min(k, out.size()))) cos.add(new Scored(s.id(), 2 * s.score() - 1)); // (1 + dot) / 2
    return cos;
  }

  /** BM25 over the text in a namespace: any of the query's terms, best first. */
  List<Scored> bm25(String ns, String text, int k, Map<String, List<String>> filter) throws IOException {
    BooleanQuery.Builder terms = new BooleanQuery.Builder();
    int n = 0;
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && n < 1000) {
        terms.add(new TermQuery(new Term("text", t.toString())), BooleanClause.Occur.SHOULD);
        n++;
      }
      ts.end();
    }
    if (n == 0) return List.of();
    BooleanQuery q = new BooleanQuery.Builder().add(terms.build(), BooleanClause.Occur.MUST)
        .add(scope(ns, filter), BooleanClause.Occur.FILTER).build();
    return search(q, k);
  }

  private List<Scored> search(Query q, int k) throws IOException {
    searchers.maybeRefreshBlocking();
    IndexSearcher s = searchers.acquire();
    try {
      List<Scored> out = new ArrayList<>();
      var stored = s.storedFields();
      for (ScoreDoc sd : s.search(q, k).scoreDocs) out.add(new Scored(stored.document(sd.doc).get("id"), sd.score));
      return out;
    } finally {
      searchers.release(s);
    }
  }

  private static Query scope(String ns, Map<String, List<String>> filter) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(new TermQuery(new Term("ns", ns)), BooleanClause.Occur.FILTER);
    for (var e : filter.entrySet()) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String v : e.getValue()) any.add(new TermQuery(new Term("m." + e.getKey(), v)), BooleanClause.Occur.SHOULD);
      b.add(any.build(), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  private static String key(String ns, String id) {
    return ns + '\0' + id;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      dir.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
