package dev.lamgraph.server.threads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LangGraph threads of a store: each is a chain of lamgraph threads ({@code T}, {@code T:2},
 * ...; see the package doc) plus its metadata. The metadata given over HTTP (and so threads created
 * before their first run) is kept in the store's labels ({@link CheckpointStore#setLabels}, a JSON
 * object {@code {created, metadata, links}} per thread), so a restarted server still finds it. The
 * book keeps in memory only each thread's id, creation time and links: metadata (up to the body
 * limit per thread) is read from the store when asked for ({@link CheckpointStore#label}), and a
 * starting book walks the labels a page at a time ({@link CheckpointStore#labelPage}).
 * {@code links} says where each later link came from ({@link Origin}), so the history is one tree
 * whose branches are the links ({@link ThreadHistory}).
 */
public final class ThreadBook {
  private static final Pattern LINK = Pattern.compile("(.+):([0-9]{1,6})");
  private final CheckpointStore store;
  private final Clock clock;
  /** How many labels a starting book reads at a time. */
  static final int PAGE = 64;
  private final Map<String, Meta> meta = new ConcurrentHashMap<>();

  /** A thread given over HTTP: its creation time and where its links came from (its metadata stays in the store). */
  record Meta(String id, Instant created, Map<String, Origin> links) {
    Meta(String id, Instant created) {
      this(id, created, new ConcurrentHashMap<>());
    }
  }

  /**
   * Where a link of a chain came from: link {@code from} at checkpoint {@code step}. A fork
   * ({@code copied}) holds copies of {@code from}'s checkpoints 0 to {@code step}, then its own; a
   * continuation (new input on a finished or paused thread) starts at its own step 0 from that state.
   */
  public record Origin(String from, long step, boolean copied) {}

  /** A checkpoint of a LangGraph thread: the lamgraph thread (link) and step holding it. */
  public record Located(String link, long step) {}

  public ThreadBook(CheckpointStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    String after = null;
    for (var page = store.labelPage(null, PAGE); !page.isEmpty(); page = store.labelPage(after, PAGE)) {
      for (Map.Entry<String, String> e : page) {
        Meta m = read(e.getKey(), e.getValue());
        if (m != null) meta.put(e.getKey(), m);
      }
      after = page.get(page.size() - 1).getKey();
    }
  }

  /** A stored label as a Meta; null (ignored) when it is not one this class wrote. */
  private static Meta read(String id, String json) {
    try {
      JsonNode n = Json.MAPPER.readTree(json);
      if (!n.path("metadata").isObject() || !n.path("created").isTextual()) return null;
      Meta m = new Meta(id, Instant.parse(n.get("created").asText()));
      n.path("links").fields().forEachRemaining(e -> {
        JsonNode o = e.getValue();
        if (o.path("from").isTextual() && o.path("step").canConvertToLong()) {
          m.links().put(e.getKey(), new Origin(o.get("from").asText(), o.get("step").asLong(), o.path("copied").asBoolean()));
        }
      });
      return m;
    } catch (JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
      return null;
    }
  }

  /** The metadata stored for thread {@code id} (empty when none or not one this class wrote). */
  private Map<String, Object> stored(String id) {
    String json = store.label(id).orElse(null);
    if (json == null) return new LinkedHashMap<>();
    try {
      JsonNode md = Json.MAPPER.readTree(json).path("metadata");
      if (!md.isObject()) return new LinkedHashMap<>();
      return Json.MAPPER.convertValue(md, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new LinkedHashMap<>();
    }
  }

  /** Stores the thread's label (call holding {@code m}'s lock, so writes of one thread do not cross). */
  private void save(Meta m, Map<String, Object> metadata) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("created", m.created().toString());
    doc.put("metadata", metadata);
    if (!m.links().isEmpty()) {
      Map<String, Object> links = new java.util.TreeMap<>();
      m.links().forEach((k, o) -> links.put(k, Map.of("from", o.from(), "step", o.step(), "copied", o.copied())));
      doc.put("links", links);
    }
    try {
      store.setLabels(m.id(), Json.MAPPER.writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw ApiException.invalid("thread '" + m.id() + "' metadata is not JSON: " + e.getOriginalMessage());
    }
  }

  public CheckpointStore store() {
    return store;
  }

  /**
   * Registers a thread with no run yet; false when {@code id} exists already. An id shaped like a
   * link ({@code T:2}) is refused (422): it would be taken for a link of thread {@code T}, now or
   * once {@code T} is created, and a run on it would rewrite {@code T}'s head.
   */
  public synchronized boolean create(String id, Map<String, Object> metadata) {
    if (exists(id)) return false;
    if (LINK.matcher(id).matches()) {
      throw ApiException.invalid("thread id '" + id + "' ends in ':' and a number, as the links of a thread (T:2, T:3...)"
          + " that lamgraph continues a LangGraph thread in are named; choose another id");
    }
    Meta m = new Meta(id, clock.instant());
    synchronized (m) {
      save(m, new LinkedHashMap<>(metadata));
    }
    meta.put(id, m);
    return true;
  }

  public boolean exists(String id) {
    return meta.containsKey(id) || store.thread(id).isPresent();
  }

  /** The metadata given to the thread (empty for one only in the store), read from the store. */
  public Map<String, Object> metadata(String id) {
    return meta.containsKey(id) ? stored(id) : new LinkedHashMap<>();
  }

  public Optional<Instant> created(String id) {
    Meta m = meta.get(id);
    if (m != null) return Optional.of(m.created());
    return store.thread(id).map(ThreadInfo::created);
  }

  /** Merges {@code values} into the thread's metadata. */
  public void patch(String id, Map<String, Object> values) {
    Meta m = meta.computeIfAbsent(id, k -> new Meta(k, created(k).orElse(clock.instant())));
    synchronized (m) {
      Map<String, Object> md = stored(id);
      md.putAll(values);
      save(m, md);
    }
  }

  /** Records where {@code link}, a later link of thread {@code id}, comes from (before the link is run). */
  public void linked(String id, String link, Origin origin) {
    Meta m = meta.computeIfAbsent(id, k -> new Meta(k, created(k).orElse(clock.instant())));
    synchronized (m) {
      m.links().put(link, origin);
      save(m, stored(id));
    }
  }

  /** Where {@code link} of thread {@code id} came from; empty for the first link (and links of older servers). */
  public Optional<Origin> origin(String id, String link) {
    Meta m = meta.get(id);
    return m == null ? Optional.empty() : Optional.ofNullable(m.links().get(link));
  }

  /**
   * The step of a thread's root: its start before its first input (LangGraph's step -1 checkpoint),
   * the parent of its first link's step 0, so the first message can be edited into a branch too.
   */
  public static final long ROOT = -1;

  /**
   * The checkpoint at {@code step} of {@code link} as the history shows it: a fork's copy of an
   * earlier checkpoint is that checkpoint; {@link #ROOT} is the thread's root; null for none.
   */
  public Located canonical(String id, String link, long step) {
    if (step < ROOT) return null;
    if (step == ROOT) return new Located(id, ROOT);
    for (int hops = 0; hops < 10_000; hops++) {
      Origin o = origin(id, link).orElse(null);
      if (o == null || !o.copied() || step > o.step()) return new Located(link, step);
      link = o.from();
    }
    return new Located(link, step);
  }

  /**
   * The checkpoint before {@code step} of {@code link}: the step before, where a continuation came
   * from, or the root for the first link's step 0 (null for the root, and for links kept without an origin).
   */
  public Located parent(String id, String link, long step) {
    if (step > 0) return canonical(id, link, step - 1);
    if (step < 0) return null;
    Origin o = origin(id, link).orElse(null);
    if (o == null) return link.equals(id) ? new Located(id, ROOT) : null;
    return o.copied() ? parent(id, o.from(), 0) : canonical(id, o.from(), o.step());
  }

  /** Lamgraph threads of the chain, first to head (empty: no run yet). */
  public List<ThreadInfo> chain(String id) {
    List<ThreadInfo> out = new ArrayList<>();
    Optional<ThreadInfo> first = store.thread(id);
    if (first.isEmpty()) return out;
    out.add(first.get());
    for (int n = 2; ; n++) {
      Optional<ThreadInfo> link = store.thread(id + ":" + n);
      if (link.isEmpty()) return out;
      out.add(link.get());
    }
  }

  public Optional<ThreadInfo> head(String id) {
    List<ThreadInfo> c = chain(id);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(c.size() - 1));
  }

  /** The id of the link after the head ({@code T} itself when the thread has no run yet). */
  public String nextLink(String id) {
    int n = chain(id).size();
    return n == 0 ? id : id + ":" + (n + 1);
  }

  /** The LangGraph thread a lamgraph thread belongs to ({@code T:3} -> {@code T} when {@code T} exists). */
  public String threadOf(String lamId) {
    Matcher m = LINK.matcher(lamId);
    if (m.matches() && store.thread(m.group(1)).isPresent()) return m.group(1);
    return lamId;
  }

  /** Whether a lamgraph thread is the head of its LangGraph thread (earlier links are hidden from lists). */
  public boolean isHead(String lamId) {
    String t = threadOf(lamId);
    return head(t).map(h -> h.id().equals(lamId)).orElse(false);
  }

  /** The LangGraph threads: heads of the stored chains and threads without a run, most recently updated first. */
  public List<String> ids() {
    List<String> out = new ArrayList<>();
    for (ThreadInfo t : store.threads()) {
      if (t.id().contains("/")) continue; // a subgraph's child thread
      String lg = threadOf(t.id());
      if (!out.contains(lg)) out.add(lg);
    }
    for (Meta m : meta.values()) if (!out.contains(m.id())) out.add(0, m.id());
    return out;
  }

  /** Where checkpoint {@code checkpointId} of thread {@code id} is; 404 when none of its links has it. */
  public Located locate(String id, String checkpointId) {
    List<ThreadInfo> chain = chain(id);
    if (!chain.isEmpty() && Ids.checkpointId(id, ROOT).equals(checkpointId)) return new Located(id, ROOT);
    for (ThreadInfo t : chain) {
      for (long s = t.step(); s >= 0; s--) {
        if (Ids.checkpointId(t.id(), s).equals(checkpointId)) return new Located(t.id(), s);
      }
    }
    throw ApiException.notFound("thread '" + id + "' has no checkpoint '" + checkpointId + "'");
  }

  /** Forgets the thread: its metadata and every link of its chain. */
  public void delete(String id) {
    for (ThreadInfo t : chain(id)) store.delete(t.id());
    if (meta.remove(id) != null) store.setLabels(id, null);
  }
}
