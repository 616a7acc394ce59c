package dev.lamgraph.nodes.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene index next to the SQLite store: kept in step, rebuilt when stale, skipped when locked. */
class MemoryIndexTest {
  /** A deterministic embedder (hashed character trigrams), so the test is about the index, not the model. */
  static final Embedder TRIGRAMS = new Embedder() {
    @Override
    public String name() {
      return "trigrams";
    }

    @Override
    public int dimensions() {
      return 64;
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[64];
      String t = " " + text.toLowerCase() + " ";
      for (int i = 0; i + 3 <= t.length(); i++) v[Math.floorMod(t.substring(i, i + 3).hashCode(), 64)] += 1;
      v[0] += 0.01f;
      return v;
    }
  };

  static List<String> ids(List<Memory.Hit> hits) {
    return hits.stream().map(Memory.Hit::id).toList();
  }

  static void fill(Memory m, int n) {
    Random r = new Random(7);
    String[] words = "invoice refund order parcel train hotel flight meal badge laptop password account".split(" ");
    List<Memory.Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String t = words[r.nextInt(words.length)] + " " + words[r.nextInt(words.length)] + " " + words[r.nextInt(words.length)];
      items.add(new Memory.Item("r" + i, t, Map.of("group", (long) (i % 3))));
    }
    m.storeAll("ns", items);
  }

  @Test
  void vectorSearchAgreesWithTheExactScanAndFiltersApplyToBoth(@TempDir Path dir) {
    try (SqliteMemory m = new SqliteMemory(dir.resolve("m.db"), TRIGRAMS)) {
      fill(m, 300);
      assertThat(m.indexState()).startsWith("index ");
      for (String q : List.of("hotel refund", "train meal badge", "password")) {
        var f = Filters.of(Map.of("group", 1L));
        List<Memory.Hit> ann = m.recall("ns", new Memory.Query(q, 5, -1, Memory.Search.VECTOR, f));
        List<Memory.Hit> exact = m.recall("ns", new Memory.Query(q, 5, -1, Memory.Search.EXACT, f));
        assertThat(ann.stream().map(Memory.Hit::score).toList()).as(q)
            .usingElementComparator(Comparator.comparingDouble(d -> Math.round(d * 1000))).isEqualTo(exact.stream().map(Memory.Hit::score).toList());
        assertThat(ann).allSatisfy(h -> assertThat(h.metadata().get("group")).isEqualTo(1L));
      }
    }
  }

  @Test
  void keywordAndHybridRankTheLiteralMatchFirst(@TempDir Path dir) {
    try (SqliteMemory m = new SqliteMemory(dir.resolve("m.db"), TRIGRAMS)) {
      fill(m, 100);
      m.store("ns", "special", "the quokka escaped from enclosure 7", Map.of());
      assertThat(ids(m.recall("ns", new Memory.Query("quokka", 3, -1, Memory.Search.KEYWORD, Map.of())))).containsExactly("special");
      assertThat(ids(m.recall("ns", new Memory.Query("where did the quokka go", 3, -1, Memory.Search.HYBRID, Map.of()))).get(0))
          .isEqualTo("special");
      assertThat(m.recall("ns", new Memory.Query("zebra", 3, -1, Memory.Search.KEYWORD, Map.of()))).isEmpty();
    }
  }

  @Test
  void theIndexPersistsIsRebuiltWhenMissingAndFollowsForget(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("m.db");
    List<String> before;
    try (SqliteMemory m = new SqliteMemory(db, TRIGRAMS)) {
      fill(m, 50);
      before = ids(m.recall("ns", "hotel refund", 5, -1));
    }
    assertThat(dir.resolve("m.db.index")).isDirectory();
    try (SqliteMemory m = new SqliteMemory(db, TRIGRAMS)) {
      assertThat(ids(m.recall("ns", "hotel refund", 5, -1))).isEqualTo(before);
      assertThat(m.forget("ns", before.get(0))).isEqualTo(1);
      assertThat(ids(m.recall("ns", "hotel refund", 5, -1))).doesNotContain(before.get(0));
    }
    try (Stream<Path> files = Files.walk(dir.resolve("m.db.index"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    try (SqliteMemory m = new SqliteMemory(db, TRIGRAMS)) { // rebuilt from the store
      assertThat(ids(m.recall("ns", "hotel refund", 4, -1))).isEqualTo(before.subList(1, 5));
      assertThat(m.forget("ns", null)).isEqualTo(49);
      assertThat(m.recall("ns", "hotel refund", 4, -1)).isEmpty();
    }
  }

  @Test
  void aSecondStoreOnTheSameFileScansAndTheFirstCatchesUpWithItsWrites(@TempDir Path dir) {
    Path db = dir.resolve("m.db");
    try (SqliteMemory a = new SqliteMemory(db, TRIGRAMS); SqliteMemory b = new SqliteMemory(db, TRIGRAMS)) {
      assertThat(a.indexState()).startsWith("index ");
      assertThat(b.indexState()).contains("in use by another process; searching by scan");
      fill(a, 20);
      b.store("ns", "from-b", "the quokka escaped", Map.of());
      assertThat(ids(b.recall("ns", "quokka escaped", 1, -1))).containsExactly("from-b");
      assertThat(ids(a.recall("ns", "quokka escaped", 1, -1))).containsExactly("from-b");
      a.store("ns", "from-a", "a second quokka", Map.of());
      assertThat(ids(a.recall("ns", new Memory.Query("quokka", 5, -1, Memory.Search.KEYWORD, Map.of())))).containsExactlyInAnyOrder("from-a", "from-b");
    }
  }
}
