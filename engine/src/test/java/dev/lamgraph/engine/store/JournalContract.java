package dev.lamgraph.engine.store;

import static dev.lamgraph.engine.store.StoreException.Reason.NOT_FOUND;
import static dev.lamgraph.engine.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The journal part of the {@link CheckpointStore} contract ({@link CheckpointStore#journal},
 * {@link CheckpointStore#setWorkflow}), run against every store: extend it as {@link
 * CheckpointStoreContract} is extended.
 */
public abstract class JournalContract extends StoreContract {

  private void started(String id) {
    store.create(info(id, T0), initial(T0), List.of());
    store.claim(id, OWNER, o -> true);
  }

  private static JournalEntry entry(long step, String node, int attempt, int call, String value) {
    return new JournalEntry(step, node, attempt, call, call % 2 == 0 ? "model" : "tool", value, at(step).plusNanos(call));
  }

  @Test
  void entriesComeBackExactlyInKeyOrderFilteredBySteps() {
    started("t");
    JournalEntry late = entry(3, "act", 1, 1, "{\"ok\":true,\"value\":\"ünïcødé ✓\"}");
    JournalEntry item10 = entry(2, "m[10]", 1, 1, "{\"n\":10}");
    JournalEntry item2b = entry(2, "m[2]", 1, 2, "[1,2.5,null]");
    JournalEntry item2a = entry(2, "m[2]", 1, 1, "\"x\"");
    JournalEntry retry = entry(2, "m[2]", 2, 1, "{}");
    for (JournalEntry e : List.of(late, item2b, retry, item10, item2a)) assertThat(store.journal("t", e)).isTrue();

    assertThat(store.journal("t", 1, 10)).containsExactly(item10, item2a, item2b, retry, late);
    assertThat(store.journal("t", 2, 2)).containsExactly(item10, item2a, item2b, retry);
    assertThat(store.journal("t", 3, 3)).containsExactly(late);
    assertThat(store.journal("t", 4, 9)).isEmpty();
  }

  @Test
  void theFirstEntryForAKeyWins() {
    started("t");
    assertThat(store.journal("t", entry(1, "act", 1, 1, "{\"first\":1}"))).isTrue();
    assertThat(store.journal("t", entry(1, "act", 1, 1, "{\"second\":2}"))).isFalse();
    assertThat(store.journal("t", 1, 1)).extracting(JournalEntry::valueJson).containsExactly("{\"first\":1}");
  }

  @Test
  void forgettingDeletesTheEntriesFromAStepOn() {
    started("t");
    for (long s = 1; s <= 3; s++) store.journal("t", entry(s, "act", 1, 1, String.valueOf(s)));
    assertThat(store.forgetJournal("t", 2)).isEqualTo(2);
    assertThat(store.journal("t", 0, 9)).extracting(JournalEntry::step).containsExactly(1L);
    assertThat(store.journal("t", entry(2, "act", 1, 1, "again"))).isTrue(); // the key is free again
    assertThat(store.forgetJournal("t", 5)).isZero();
    assertThat(failure(() -> store.forgetJournal("nope", 1))).isEqualTo(NOT_FOUND);
  }

  @Test
  void journalsAreKeptPerThread() {
    started("a");
    started("b");
    store.journal("a", entry(1, "act", 1, 1, "1"));
    store.journal("b", entry(1, "act", 1, 1, "2"));
    assertThat(store.journal("a", 0, 9)).extracting(JournalEntry::valueJson).containsExactly("1");
    assertThat(store.journal("b", 0, 9)).extracting(JournalEntry::valueJson).containsExactly("2");
  }

  @Test
  void anUnknownThreadIsNotFound() {
    assertThat(failure(() -> store.journal("nope", entry(1, "act", 1, 1, "1")))).isEqualTo(NOT_FOUND);
    assertThat(failure(() -> store.journal("nope", 0, 9))).isEqualTo(NOT_FOUND);
    assertThat(failure(() -> store.setWorkflow("nope", "wf", null, "x"))).isEqualTo(NOT_FOUND);
  }

  @Test
  void deletingAThreadDeletesItsJournal() {
    started("t");
    store.journal("t", entry(1, "act", 1, 1, "1"));
    assertThat(store.delete("t")).isTrue();
    started("t");
    assertThat(store.journal("t", 0, 9)).isEmpty();
  }

  @Test
  void setWorkflowChangesTheWorkflowAndNothingElse() {
    started("t");
    store.commit("t", OWNER, step(1, false), List.of());
    ThreadInfo before = store.thread("t").orElseThrow();
    store.setWorkflow("t", "review-v2", "/flows/v2.yaml", "name: review-v2\nversion: \"2\"\n");
    ThreadInfo after = store.thread("t").orElseThrow();
    assertThat(after).isEqualTo(new ThreadInfo("t", "review-v2", "/flows/v2.yaml", "name: review-v2\nversion: \"2\"\n",
        before.inputJson(), before.status(), before.step(), before.detailJson(), before.owner(), before.created(),
        before.updated()));
  }

  @Test
  void labelsAreKeptApartFromThreadsAndSurviveReopening() {
    store.setLabels("no-run-yet", "{\"user\":\"ana\"}");
    started("t");
    store.setLabels("t", "{\"a\":1}");
    store.setLabels("t", "{\"a\":2}"); // replaces
    assertThat(store.labels()).containsExactly(
        java.util.Map.entry("no-run-yet", "{\"user\":\"ana\"}"), java.util.Map.entry("t", "{\"a\":2}"));
    assertThat(store.delete("t")).isTrue();
    assertThat(store.labels()).containsKey("t"); // delete leaves labels alone
    store.setLabels("t", null);
    store.setLabels("never", null); // removing nothing is fine
    if (durable()) {
      store.close();
      store = newStore(dir);
    }
    assertThat(store.labels()).containsExactly(java.util.Map.entry("no-run-yet", "{\"user\":\"ana\"}"));
  }

  @Test
  void oneLabelAndPagesOfLabelsAreReadWithoutTheRest() {
    for (String id : List.of("b", "a", "run/r1", "a:2", "c")) store.setLabels(id, "{\"id\":\"" + id + "\"}");
    assertThat(store.label("a:2")).contains("{\"id\":\"a:2\"}");
    assertThat(store.label("zz")).isEmpty();
    for (int size : new int[] {1, 2, 10}) {
      List<String> walked = new java.util.ArrayList<>();
      String after = null;
      for (var page = store.labelPage(null, size); !page.isEmpty(); page = store.labelPage(after, size)) {
        assertThat(page.size()).isLessThanOrEqualTo(size);
        page.forEach(e -> {
          assertThat(e.getValue()).isEqualTo("{\"id\":\"" + e.getKey() + "\"}");
          walked.add(e.getKey());
        });
        after = page.get(page.size() - 1).getKey();
      }
      assertThat(walked).as("pages of %d", size).containsExactly("a", "a:2", "b", "c", "run/r1");
    }
  }

  @Test
  void entriesSurviveReopening() {
    Assumptions.assumeTrue(durable(), "not a durable store");
    started("t");
    JournalEntry e = entry(1, "act", 1, 1, "{\"v\":1}");
    store.journal("t", e);
    store.close();
    store = newStore(dir);
    assertThat(store.journal("t", 0, 9)).containsExactly(e);
  }
}
