package dev.lamgraph.server.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.store.ForwardingStore;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ThreadBook}: threads' metadata stays in the store, read one thread (or one page of labels) at a time. */
class ThreadBookTest {
  /** A store that counts how its labels are read. */
  static final class Probe extends ForwardingStore {
    int allLabels;
    int largestPage;
    int oneLabel;

    Probe() {
      super(new MemoryStore());
    }

    @Override
    public java.util.SortedMap<String, String> labels() {
      allLabels++;
      return super.labels();
    }

    @Override
    public List<Map.Entry<String, String>> labelPage(String after, int max) {
      List<Map.Entry<String, String>> page = super.labelPage(after, max);
      largestPage = Math.max(largestPage, page.size());
      return page;
    }

    @Override
    public Optional<String> label(String id) {
      oneLabel++;
      return super.label(id);
    }
  }

  @Test
  void aStartingBookReadsLabelsAPageAtATimeAndMetadataOnDemand() {
    Probe store = new Probe();
    ThreadBook first = new ThreadBook(store, Clock.systemUTC());
    String big = "x".repeat(10_000);
    for (int i = 0; i < 300; i++) assertThat(first.create("t" + i, Map.of("n", i, "blob", big))).isTrue();
    first.linked("t7", "t7:2", new ThreadBook.Origin("t7", 3, true));
    first.patch("t7", Map.of("extra", true));
    store.setLabels("run/r1", "{\"lam_run\":{}}"); // another kind of label: not a thread

    ThreadBook book = new ThreadBook(store, Clock.systemUTC());
    assertThat(store.allLabels).isZero();
    assertThat(store.largestPage).isEqualTo(ThreadBook.PAGE);
    int reads = store.oneLabel;
    assertThat(book.ids()).hasSize(300).doesNotContain("run/r1");
    assertThat(store.oneLabel).isEqualTo(reads); // listing ids reads no metadata
    assertThat(book.metadata("t7")).containsEntry("n", 7L).containsEntry("extra", true).containsEntry("blob", big);
    assertThat(book.origin("t7", "t7:2")).contains(new ThreadBook.Origin("t7", 3, true));
    assertThat(store.oneLabel).isEqualTo(reads + 1);
    assertThat(book.metadata("run/r1")).isEmpty();
    assertThat(book.exists("t299")).isTrue();
    // a patch merges into what the store holds, and keeps the links
    book.patch("t7", Map.of("n", 70));
    ThreadBook again = new ThreadBook(store, Clock.systemUTC());
    assertThat(again.metadata("t7")).containsEntry("n", 70L).containsEntry("extra", true);
    assertThat(again.origin("t7", "t7:2")).isPresent();
    again.delete("t7");
    assertThat(store.label("t7")).isEmpty();
    assertThat(again.metadata("t7")).isEmpty();
    assertThat(store.allLabels).isZero();
  }
}
