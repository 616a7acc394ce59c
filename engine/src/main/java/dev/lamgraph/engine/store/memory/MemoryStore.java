package dev.lamgraph.engine.store.memory;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.JournalEntry;
import dev.lamgraph.engine.store.PruneRule;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** An in-memory store for tests and embedding; same contract as the durable ones. */
public final class MemoryStore implements CheckpointStore {
  private final Map<String, ThreadInfo> threads = new LinkedHashMap<>();
  private final Map<String, TreeMap<Long, Checkpoint>> checkpoints = new LinkedHashMap<>();
  private final Map<String, List<TraceEvent>> events = new LinkedHashMap<>();
  private final Map<String, TreeMap<String, JournalEntry>> journals = new LinkedHashMap<>();
  private final TreeMap<String, String> labels = new TreeMap<>();
  private final MemoryItems items = new MemoryItems();
  private final MemoryCrons crons = new MemoryCrons();

  @Override
  public synchronized void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> evs) {
    if (threads.containsKey(thread.id())) {
      throw new StoreException(StoreException.Reason.EXISTS, "thread '" + thread.id() + "' already exists");
    }
    threads.put(thread.id(), thread);
    TreeMap<Long, Checkpoint> cps = new TreeMap<>();
    cps.put(initial.step(), initial);
    checkpoints.put(thread.id(), cps);
    events.put(thread.id(), new ArrayList<>());
    journals.put(thread.id(), new TreeMap<>());
    append(thread.id(), evs);
  }

  @Override
  public synchronized Optional<ThreadInfo> thread(String id) {
    return Optional.ofNullable(threads.get(id));
  }

  @Override
  public synchronized List<ThreadInfo> threads() {
    List<ThreadInfo> l = new ArrayList<>(threads.values());
    l.sort(Comparator.comparing(ThreadInfo::updated).reversed().thenComparing(ThreadInfo::id));
    return l;
  }

  @Override
  public synchronized void claim(String threadId, String owner, Predicate<String> ownerAlive) {
    ThreadInfo t = require(threadId);
    if (t.owner() != null && !t.owner().equals(owner) && ownerAlive.test(t.owner())) {
      throw new StoreException(StoreException.Reason.LOCKED, "thread '" + threadId + "' is being run by " + t.owner());
    }
    threads.put(threadId, new ThreadInfo(t.id(), t.workflow(), t.file(), t.source(), t.inputJson(), t.status(), t.step(),
        t.detailJson(), owner, t.created(), t.updated()));
  }

  @Override
  public synchronized void release(String threadId, String owner) {
    ThreadInfo t = threads.get(threadId);
    if (t != null && owner.equals(t.owner())) {
      threads.put(threadId, new ThreadInfo(t.id(), t.workflow(), t.file(), t.source(), t.inputJson(), t.status(), t.step(),
          t.detailJson(), null, t.created(), t.updated()));
    }
  }

  @Override
  public synchronized void commit(String threadId, String owner, Checkpoint cp, List<TraceEvent> evs) {
    ThreadInfo t = require(threadId);
    if (!owner.equals(t.owner())) {
      throw new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' is owned by "
          + (t.owner() == null ? "nobody" : t.owner()) + ", not " + owner);
    }
    if (cp.step() != t.step() + 1) {
      throw new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' is at step " + t.step()
          + "; cannot commit step " + cp.step());
    }
    checkpoints.get(threadId).put(cp.step(), cp);
    threads.put(threadId, new ThreadInfo(t.id(), t.workflow(), t.file(), t.source(), t.inputJson(), t.status(), cp.step(),
        t.detailJson(), t.owner(), t.created(), cp.time()));
    append(threadId, evs);
  }

  @Override
  public synchronized void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> evs) {
    ThreadInfo t = require(threadId);
    Instant now = evs.isEmpty() ? Instant.now() : evs.get(evs.size() - 1).time();
    threads.put(threadId, t.withStatus(status, detailJson, now));
    append(threadId, evs);
  }

  @Override
  public synchronized List<Checkpoint> checkpoints(String threadId, long from, long to) {
    require(threadId);
    if (from > to) return List.of(); // an empty range (TreeMap.subMap would throw)
    return new ArrayList<>(checkpoints.get(threadId).subMap(from, true, to, true).values());
  }

  @Override
  public synchronized Optional<Checkpoint> snapshotAtOrBefore(String threadId, long step) {
    require(threadId);
    return checkpoints.get(threadId).headMap(step, true).descendingMap().values().stream()
        .filter(c -> c.snapshotJson() != null).findFirst();
  }

  @Override
  public synchronized List<TraceEvent> events(String threadId) {
    require(threadId);
    return List.copyOf(events.get(threadId));
  }

  @Override
  public synchronized boolean journal(String threadId, JournalEntry entry) {
    require(threadId);
    return journals.get(threadId).putIfAbsent(order(entry), entry) == null;
  }

  @Override
  public synchronized List<JournalEntry> journal(String threadId, long from, long to) {
    require(threadId);
    return journals.get(threadId).values().stream().filter(e -> e.step() >= from && e.step() <= to).toList();
  }

  @Override
  public synchronized int forgetJournal(String threadId, long fromStep) {
    require(threadId);
    var entries = journals.get(threadId).values();
    int before = entries.size();
    entries.removeIf(e -> e.step() >= fromStep);
    return before - entries.size();
  }

  /** A key that sorts as the contract orders: step, node, attempt, call. */
  private static String order(JournalEntry e) {
    return String.format("%019d\u0000%s\u0000%010d\u0000%010d", e.step(), e.node(), e.attempt(), e.call());
  }

  @Override
  public synchronized void setWorkflow(String threadId, String workflow, String file, String source) {
    ThreadInfo t = require(threadId);
    threads.put(threadId, new ThreadInfo(t.id(), workflow, file, source, t.inputJson(), t.status(), t.step(),
        t.detailJson(), t.owner(), t.created(), t.updated()));
  }

  @Override
  public synchronized void setLabels(String id, String json) {
    if (json == null) labels.remove(id);
    else labels.put(id, json);
  }

  @Override
  public synchronized java.util.SortedMap<String, String> labels() {
    return new java.util.TreeMap<>(labels);
  }

  @Override
  public synchronized Optional<String> label(String id) {
    return Optional.ofNullable(labels.get(id));
  }

  @Override
  public synchronized List<java.util.Map.Entry<String, String>> labelPage(String after, int max) {
    var tail = after == null ? labels : labels.tailMap(after, false);
    return tail.entrySet().stream().limit(max).map(e -> java.util.Map.entry(e.getKey(), e.getValue())).toList();
  }

  @Override
  public synchronized boolean delete(String threadId) {
    journals.remove(threadId);
    checkpoints.remove(threadId);
    events.remove(threadId);
    return threads.remove(threadId) != null;
  }

  @Override
  public synchronized PruneRule.Result prune(PruneRule rule) {
    long threadCount = 0, removed = 0, bytes = 0;
    for (ThreadInfo t : threads.values()) {
      if (t.status() != RunStatus.DONE && t.status() != RunStatus.FAILED && t.status() != RunStatus.CANCELLED) continue;
      TreeMap<Long, Checkpoint> cps = checkpoints.get(t.id());
      long keepFrom = rule.keepFrom(t.step(), s -> cps.containsKey(s) ? cps.get(s).time() : null);
      Checkpoint base = cps.headMap(keepFrom, true).descendingMap().values().stream()
          .filter(c -> c.snapshotJson() != null).findFirst().orElse(null);
      if (base == null) continue;
      var old = cps.headMap(base.step(), false);
      if (old.isEmpty()) continue;
      threadCount++;
      removed += old.size();
      for (Checkpoint c : old.values()) bytes += c.bytes();
      old.clear();
    }
    return new PruneRule.Result(threadCount, removed, bytes);
  }

  @Override
  public dev.lamgraph.engine.store.ItemStore items() {
    return items;
  }

  @Override
  public dev.lamgraph.engine.store.CronStore crons() {
    return crons;
  }

  @Override
  public String location() {
    return "memory:";
  }

  @Override
  public void close() {}

  private void append(String threadId, List<TraceEvent> evs) {
    List<TraceEvent> l = events.get(threadId);
    for (TraceEvent e : evs) l.add(e.withSeq(l.size() + 1));
  }

  private ThreadInfo require(String id) {
    ThreadInfo t = threads.get(id);
    if (t == null) throw new StoreException(StoreException.Reason.NOT_FOUND, "no thread '" + id + "'");
    return t;
  }
}
