package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.JournalEntry;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A thread as one JSON document ({@code lam export} / {@code lam import}): its info and workflow
 * text, every checkpoint, trace event and journal entry, and its subgraphs' child threads. An
 * imported thread replays ({@code lam replay}) exactly as the original, since the journal holds the
 * recorded tool results and model answers. {@link #read} checks the whole document before anything
 * is written and names the first field that is wrong.
 *
 * <pre>{@code
 * String json = Json.write(ThreadArchive.export(store, "t-1"));
 * List<String> ids = ThreadArchive.read(Json.readMap(json)).importInto(otherStore);
 * }</pre>
 */
public final class ThreadArchive {
  /** The document's format marker and version. */
  public static final String FORMAT = "lamgraph_thread";
  public static final long VERSION = 1;

  private final List<Part> parts;

  record Part(ThreadInfo info, List<Checkpoint> checkpoints, List<TraceEvent> events, List<JournalEntry> journal) {}

  private ThreadArchive(List<Part> parts) {
    this.parts = parts;
  }

  /** The document of thread {@code id} (with its child threads); NOT_FOUND when there is no such thread. */
  public static Map<String, Object> export(CheckpointStore store, String id) {
    ThreadInfo root = store.thread(id).orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND,
        "no thread '" + id + "' in " + store.location()));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(FORMAT, VERSION);
    doc.putAll(part(store, root));
    List<Object> children = new ArrayList<>();
    for (ThreadInfo t : store.threads()) if (t.id().startsWith(id + "/")) children.add(part(store, t));
    doc.put("children", children);
    return doc;
  }

  private static Map<String, Object> part(CheckpointStore store, ThreadInfo t) {
    Map<String, Object> th = new LinkedHashMap<>();
    th.put("id", t.id());
    th.put("workflow", t.workflow());
    th.put("file", t.file());
    th.put("source", t.source());
    th.put("input", t.inputJson() == null ? null : Json.read(t.inputJson()));
    th.put("status", t.status().id());
    th.put("step", t.step());
    th.put("detail", t.detailJson() == null ? null : Json.read(t.detailJson()));
    th.put("created", t.created().toString());
    th.put("updated", t.updated().toString());
    List<Object> cps = new ArrayList<>();
    for (Checkpoint c : store.checkpoints(t.id(), 0, t.step())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", c.step());
      m.put("ran", c.ran());
      m.put("next", c.next());
      m.put("time", c.time().toString());
      m.put("writes", c.writesJson() == null ? null : Json.read(c.writesJson()));
      m.put("snapshot", c.snapshotJson() == null ? null : Json.read(c.snapshotJson()));
      cps.add(m);
    }
    List<Object> evs = new ArrayList<>();
    for (TraceEvent e : store.events(t.id())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", e.step());
      m.put("kind", e.kind());
      m.put("node", e.node());
      m.put("time", e.time().toString());
      m.put("data", e.data());
      evs.add(m);
    }
    List<Object> journal = new ArrayList<>();
    for (JournalEntry e : store.journal(t.id(), 0, Long.MAX_VALUE)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", e.step());
      m.put("node", e.node());
      m.put("attempt", e.attempt());
      m.put("call", e.call());
      m.put("kind", e.kind());
      m.put("time", e.time().toString());
      m.put("value", Json.read(e.valueJson()));
      journal.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("thread", th);
    out.put("checkpoints", cps);
    out.put("events", evs);
    out.put("journal", journal);
    return out;
  }

  /** Checks a whole document; IllegalArgumentException naming the first wrong field. */
  public static ThreadArchive read(Map<String, Object> doc) {
    if (!Long.valueOf(VERSION).equals(doc.get(FORMAT))) {
      throw new IllegalArgumentException(doc.containsKey(FORMAT) ? "unsupported " + FORMAT + " version " + doc.get(FORMAT)
          + " (this build reads " + VERSION + ")" : "not a lamgraph thread export (no \"" + FORMAT + "\" field; make one with `lam export THREAD`)");
    }
    List<Part> parts = new ArrayList<>();
    Part root = ArchiveReader.part(doc, "");
    parts.add(root);
    List<?> children = ArchiveReader.list(doc, "children", "", true);
    for (int i = 0; i < children.size(); i++) {
      String at = "children[" + i + "].";
      Part c = ArchiveReader.part(ArchiveReader.map(children.get(i), at.substring(0, at.length() - 1)), at);
      if (!c.info().id().startsWith(root.info().id() + "/")) {
        throw new IllegalArgumentException(at + "thread.id '" + c.info().id() + "' is not a child of '" + root.info().id() + "'");
      }
      parts.add(c);
    }
    return new ThreadArchive(parts);
  }

  /** The id of the document's thread. */
  public String id() {
    return parts.get(0).info().id();
  }

  /** Writes the thread and its children; EXISTS (nothing written) when one of their ids is taken. */
  public List<String> importInto(CheckpointStore store, String owner) {
    for (Part p : parts) {
      if (store.thread(p.info().id()).isPresent()) {
        throw new StoreException(StoreException.Reason.EXISTS, "thread '" + p.info().id() + "' already exists in " + store.location());
      }
    }
    List<String> ids = new ArrayList<>();
    for (Part p : parts) {
      ThreadInfo t = p.info();
      store.create(new ThreadInfo(t.id(), t.workflow(), t.file(), t.source(), t.inputJson(), RunStatus.RUNNING, 0, null, null,
          t.created(), t.created()), p.checkpoints().get(0), p.events());
      store.claim(t.id(), owner, o -> false);
      try {
        for (Checkpoint c : p.checkpoints().subList(1, p.checkpoints().size())) store.commit(t.id(), owner, c, List.of());
        for (JournalEntry e : p.journal()) store.journal(t.id(), e);
        store.setStatus(t.id(), t.status(), t.detailJson(), List.of());
      } finally {
        store.release(t.id(), owner);
      }
      ids.add(t.id());
    }
    return ids;
  }

  static Part newPart(ThreadInfo info, List<Checkpoint> cps, List<TraceEvent> evs, List<JournalEntry> journal) {
    return new Part(info, cps, evs, journal);
  }

  static Instant instant(Object v, String field) {
    try {
      return Instant.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an ISO-8601 time: " + v);
    }
  }
}
