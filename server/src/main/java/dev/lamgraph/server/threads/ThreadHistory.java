package dev.lamgraph.server.threads;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.langgraph.StateJson;
import dev.lamgraph.server.langgraph.ThreadJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A LangGraph thread's states across the links of its chain, as one tree: each link's own
 * checkpoints (a fork's copies of earlier ones are those earlier ones), a link's first checkpoint
 * pointing at the one it came from ({@link ThreadBook.Origin}). A run from a past checkpoint (a
 * regenerated answer, an edited message) is then a second child of that checkpoint, as LangGraph's
 * history shows a branch, and the old branch stays in the history. Newest first.
 */
public final class ThreadHistory {
  private final ThreadBook book;
  private final GraphCache graphs;

  public ThreadHistory(ThreadBook book, GraphCache graphs) {
    this.book = book;
    this.graphs = graphs;
  }

  /** The state at {@code step} of {@code link}, with the checkpoint ids the history uses. */
  public Map<String, Object> state(String id, ThreadInfo link, long step) {
    if (step == ThreadBook.ROOT) return root(id);
    ThreadBook.Located at = book.canonical(id, link.id(), step);
    ThreadInfo t = at.link().equals(link.id()) ? link : book.store().thread(at.link()).orElse(link);
    Map<String, Object> s = StateJson.state(graphs.of(t), book.store(), id, t, at.step());
    ThreadBook.Located parent = book.parent(id, at.link(), at.step());
    s.put("parent_checkpoint", parent == null ? null : StateJson.checkpoint(id, parent.link(), parent.step()));
    return s;
  }

  /** The thread's root: no values yet, its first input to come (LangGraph's step -1 checkpoint). */
  private Map<String, Object> root(String id) {
    ThreadInfo first = book.store().thread(id).orElseThrow();
    Map<String, Object> s = new java.util.LinkedHashMap<>();
    s.put("values", Map.of());
    s.put("next", List.of("__start__"));
    s.put("checkpoint", StateJson.checkpoint(id, id, ThreadBook.ROOT));
    Map<String, Object> meta = new java.util.LinkedHashMap<>();
    meta.put("source", "input");
    meta.put("step", ThreadBook.ROOT);
    meta.put("writes", Map.of("__start__", dev.lamgraph.engine.util.Json.readMap(first.inputJson())));
    meta.put("parents", Map.of());
    s.put("metadata", meta);
    s.put("created_at", first.created().toString());
    s.put("parent_checkpoint", null);
    s.put("tasks", List.of());
    return s;
  }

  /** One checkpoint of the tree: its link (with its place in the chain), step and time. */
  private record Entry(ThreadInfo link, int index, long step, java.time.Instant time) {}

  /**
   * States newest first: after checkpoint {@code before} (null: from the newest), from checkpoint
   * {@code at} on (null: any), those whose metadata matches {@code filter}, at most {@code limit}.
   * The filter sees the metadata as {@code shown} makes it (masked, as answered: its {@code writes}
   * hold the exact updates, and a filter on them would confirm a guessed secret).
   */
  public List<Map<String, Object>> states(String id, int limit, String before, String at, Map<String, Object> filter,
      java.util.function.UnaryOperator<Object> shown) {
    List<ThreadInfo> chain = book.chain(id);
    if (chain.stream().skip(1).anyMatch(t -> book.origin(id, t.id()).isEmpty())) {
      chain = chain.subList(chain.size() - 1, chain.size()); // links made before origins were kept: the head's own history, as before
    }
    List<Entry> all = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      ThreadInfo t = chain.get(i);
      long first = book.origin(id, t.id()).filter(ThreadBook.Origin::copied).map(o -> o.step() + 1).orElse(0L);
      if (first > t.step()) continue;
      // the newest `limit` states are among each link's newest `limit` (a link's steps are in time order): read only those
      // unless a page (before, at) or a filter may need older ones
      boolean top = before == null && at == null && filter.isEmpty();
      long lo = top ? Math.max(first, t.step() - limit + 1) : first;
      for (Checkpoint cp : book.store().checkpoints(t.id(), lo, t.step())) {
        if (cp.step() == 0 && t.id().equals(id)) all.add(new Entry(t, i, ThreadBook.ROOT, cp.time())); // just before its step 0
        all.add(new Entry(t, i, cp.step(), cp.time()));
      }
    }
    all.sort(Comparator.comparing(Entry::time).thenComparingInt(Entry::index).thenComparingLong(Entry::step).reversed());
    int from = 0;
    if (before != null) from = indexOf(all, id, before) + 1;
    if (at != null) from = Math.max(from, indexOf(all, id, at));
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = from; i < all.size() && out.size() < limit; i++) {
      Entry e = all.get(i);
      Map<String, Object> state = state(id, e.link(), e.step());
      @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) shown.apply(state.get("metadata"));
      if (ThreadJson.matches(m, filter)) out.add(state);
    }
    return out;
  }

  /** The place of checkpoint {@code checkpointId} in {@code all} (404 when the thread has none). */
  private int indexOf(List<Entry> all, String id, String checkpointId) {
    ThreadBook.Located l = book.locate(id, checkpointId);
    ThreadBook.Located c = book.canonical(id, l.link(), l.step());
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).link().id().equals(c.link()) && all.get(i).step() == c.step()) return i;
    }
    return all.size();
  }
}
