package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.JournalEntry;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and checks the parts of a {@link ThreadArchive} document; each problem names its field. */
final class ArchiveReader {
  private ArchiveReader() {}

  static ThreadArchive.Part part(Map<String, Object> doc, String at) {
    Map<String, Object> th = map(doc.get("thread"), at + "thread");
    String id = string(th, "id", at + "thread", false);
    try {
      ThreadIds.checkExisting(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + "thread.id: " + e.getMessage());
    }
    String st = string(th, "status", at + "thread", false);
    RunStatus status = java.util.Arrays.stream(RunStatus.values()).filter(r -> r.id().equals(st)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(at + "thread.status '" + st + "' is not one of "
            + java.util.Arrays.stream(RunStatus.values()).map(RunStatus::id).toList()));
    long step = number(th, "step", at + "thread");
    ThreadInfo info = new ThreadInfo(id, string(th, "workflow", at + "thread", true), string(th, "file", at + "thread", true),
        string(th, "source", at + "thread", false), th.get("input") == null ? null : Json.write(map(th.get("input"), at + "thread.input")),
        status, step, th.get("detail") == null ? null : Json.write(th.get("detail")), null,
        ThreadArchive.instant(th.get("created"), at + "thread.created"), ThreadArchive.instant(th.get("updated"), at + "thread.updated"));
    List<?> cps = list(doc, "checkpoints", at, false);
    if (cps.size() != step + 1) {
      throw new IllegalArgumentException(at + "checkpoints has " + cps.size() + " entries; thread.step " + step + " needs " + (step + 1));
    }
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (int i = 0; i < cps.size(); i++) {
      String f = at + "checkpoints[" + i + "]";
      Map<String, Object> c = map(cps.get(i), f);
      if (number(c, "step", f) != i) throw new IllegalArgumentException(f + ".step is " + c.get("step") + ", expected " + i);
      if (i == 0 && c.get("snapshot") == null) throw new IllegalArgumentException(f + " has no snapshot (step 0 needs one)");
      checkpoints.add(new Checkpoint(i, strings(c, "ran", f), c.get("writes") == null ? null : Json.write(c.get("writes")),
          strings(c, "next", f), ThreadArchive.instant(c.get("time"), f + ".time"),
          c.get("snapshot") == null ? null : Json.write(map(c.get("snapshot"), f + ".snapshot"))));
    }
    List<TraceEvent> events = new ArrayList<>();
    List<?> evs = list(doc, "events", at, true);
    for (int i = 0; i < evs.size(); i++) {
      String f = at + "events[" + i + "]";
      Map<String, Object> e = map(evs.get(i), f);
      events.add(new TraceEvent(0, id, number(e, "step", f), string(e, "kind", f, false), string(e, "node", f, true),
          ThreadArchive.instant(e.get("time"), f + ".time"), e.get("data") == null ? Map.of() : map(e.get("data"), f + ".data")));
    }
    List<JournalEntry> journal = new ArrayList<>();
    List<?> js = list(doc, "journal", at, true);
    for (int i = 0; i < js.size(); i++) {
      String f = at + "journal[" + i + "]";
      Map<String, Object> e = map(js.get(i), f);
      try {
        journal.add(new JournalEntry(number(e, "step", f), string(e, "node", f, false), (int) number(e, "attempt", f),
            (int) number(e, "call", f), string(e, "kind", f, false), Json.write(e.get("value")),
            ThreadArchive.instant(e.get("time"), f + ".time")));
      } catch (IllegalArgumentException | NullPointerException ex) {
        throw new IllegalArgumentException(f + ": " + ex.getMessage());
      }
    }
    return ThreadArchive.newPart(info, checkpoints, events, journal);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object v, String field) {
    if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new IllegalArgumentException(field + " should be an object, not " + describe(v));
  }

  static List<?> list(Map<String, Object> doc, String key, String at, boolean optional) {
    Object v = doc.get(key);
    if (v == null && optional) return List.of();
    if (v instanceof List<?> l) return l;
    throw new IllegalArgumentException(at + key + " should be a list, not " + describe(v));
  }

  private static String string(Map<String, Object> m, String key, String at, boolean optional) {
    Object v = m.get(key);
    if (v == null && optional) return null;
    if (v instanceof String s) return s;
    throw new IllegalArgumentException(at + "." + key + " should be a string, not " + describe(v));
  }

  private static long number(Map<String, Object> m, String key, String at) {
    if (m.get(key) instanceof Long n && n >= 0) return n;
    throw new IllegalArgumentException(at + "." + key + " should be a whole number >= 0, not " + describe(m.get(key)));
  }

  private static List<String> strings(Map<String, Object> m, String key, String at) {
    if (m.get(key) instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
      return l.stream().map(String.class::cast).toList();
    }
    throw new IllegalArgumentException(at + "." + key + " should be a list of node names, not " + describe(m.get(key)));
  }

  private static String describe(Object v) {
    return v == null ? "missing" : v instanceof Map ? "an object" : v instanceof List ? "a list" : Json.write(v);
  }
}
