package dev.lamgraph.server.langgraph;

import dev.lamgraph.engine.exec.Owner;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LangGraph thread object: {@code thread_id, created_at, updated_at, state_updated_at, metadata,
 * status (idle | busy | interrupted | error), values, interrupts, config, error}, from the head of
 * its chain. {@code lam_status} is lamgraph's own status of the head (done, paused, failed,
 * cancelled, running, interrupted).
 */
public final class ThreadJson {
  private ThreadJson() {}

  /**
   * @param head the chain's head, or null for a thread with no run yet
   * @param busy whether a run of this server is active on it
   */
  public static Map<String, Object> thread(String threadId, Instant created, Map<String, Object> metadata, ThreadInfo head,
      Map<String, Object> values, boolean busy) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread_id", threadId);
    m.put("created_at", created.toString());
    String updated = head == null ? created.toString() : head.updated().toString();
    m.put("updated_at", updated);
    m.put("state_updated_at", updated);
    Map<String, Object> meta = new LinkedHashMap<>(metadata);
    if (head != null) {
      meta.putIfAbsent("graph_id", head.workflow());
      meta.putIfAbsent("assistant_id", Ids.assistantId(head.workflow()));
    }
    m.put("metadata", meta);
    m.put("status", status(head, busy));
    m.put("values", values == null ? Map.of() : values);
    Map<String, Object> interrupts = new LinkedHashMap<>();
    if (head != null && head.status() == RunStatus.PAUSED) {
      Map<String, Object> d = head.detailJson() == null ? Map.of() : Json.readMap(head.detailJson());
      String task = Ids.uuid5(Ids.CHECKPOINT_NAMESPACE, head.id() + "/" + head.step() + "/" + d.get("node")).toString();
      interrupts.put(task, StateJson.interrupts(head));
    }
    m.put("interrupts", interrupts);
    m.put("config", Map.of("configurable", Map.of("thread_id", threadId)));
    m.put("error", head != null && head.status() == RunStatus.FAILED && head.detailJson() != null
        ? Json.readMap(head.detailJson()).get("message") : null);
    m.put("lam_status", head == null ? "new" : label(head));
    m.put("lam_thread", head == null ? null : head.id());
    return m;
  }

  /** LangGraph's thread status. */
  public static String status(ThreadInfo head, boolean busy) {
    if (busy) return "busy";
    if (head == null) return "idle";
    return switch (head.status()) {
      case PAUSED -> "interrupted";
      case FAILED -> "error";
      case RUNNING -> head.owner() != null && Owner.alive(head.owner()) ? "busy" : "idle";
      default -> "idle";
    };
  }

  /** lamgraph's label: a running thread whose process is gone is "interrupted" (resumable), as in {@code lam runs}. */
  public static String label(ThreadInfo t) {
    if (t.status() == RunStatus.RUNNING && (t.owner() == null || !Owner.alive(t.owner()))) return "interrupted";
    return t.status().id();
  }

  /** Whether {@code metadata} holds every entry of {@code filter} (LangGraph's jsonb containment, one level deep). */
  public static boolean matches(Map<String, Object> metadata, Map<String, Object> filter) {
    for (var e : filter.entrySet()) {
      Object v = metadata.get(e.getKey());
      if (e.getValue() instanceof Map<?, ?> want && v instanceof Map<?, ?> have) {
        if (!have.entrySet().containsAll(want.entrySet())) return false;
      } else if (e.getValue() == null ? v != null : !e.getValue().equals(v) && !String.valueOf(e.getValue()).equals(String.valueOf(v))) {
        return false;
      }
    }
    return true;
  }

}
