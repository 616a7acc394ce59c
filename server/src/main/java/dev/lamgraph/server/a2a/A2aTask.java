package dev.lamgraph.server.a2a;

import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.langgraph.StateJson;
import dev.lamgraph.server.runs.ServerRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One A2A task: the runs that answer one request on one context (LangGraph thread). Its id is the
 * first run's id; a paused run is {@code input-required}, and the run that resumes it (the next
 * message) continues the same task. Its state is read from the current run and its lamgraph thread.
 */
final class A2aTask {
  final String id;
  final String contextId;
  final String graph;
  private volatile ServerRun run;
  private final List<Map<String, Object>> history = new ArrayList<>();

  A2aTask(ServerRun first, String graph) {
    this.id = first.runId();
    this.contextId = first.threadId();
    this.graph = graph;
    this.run = first;
  }

  ServerRun run() {
    return run;
  }

  synchronized void continueWith(ServerRun next) {
    run = next;
  }

  synchronized void remember(Map<String, Object> message) {
    history.add(message);
  }

  /** The A2A state: submitted, working, input-required, completed, failed or canceled. */
  String state(ServerContext ctx) {
    ServerRun r = run;
    if (!r.finished()) return "pending".equals(r.status()) ? "submitted" : "working";
    return switch (r.status()) {
      case "success" -> paused(ctx) != null ? "input-required" : "completed";
      case "error" -> "failed";
      case "interrupted" -> "canceled";
      default -> "working";
    };
  }

  static boolean terminal(String state) {
    return state.equals("completed") || state.equals("failed") || state.equals("canceled");
  }

  /** The lamgraph thread of the current run when it is paused, else null. */
  ThreadInfo paused(ServerContext ctx) {
    ServerRun r = run;
    if (r.link() == null) return null;
    ThreadInfo t = ctx.store().thread(r.link()).orElse(null);
    return t != null && t.status() == RunStatus.PAUSED ? t : null;
  }

  /** The interrupt value of a paused run ({@code prompt, node, when, schema}), or null. */
  @SuppressWarnings("unchecked")
  Map<String, Object> question(ServerContext ctx) {
    ThreadInfo t = paused(ctx);
    if (t == null) return null;
    List<Map<String, Object>> i = StateJson.interrupts(t);
    return i.isEmpty() ? null : (Map<String, Object>) i.get(0).get("value");
  }

  /** The final values of the current run, without the {@code __interrupt__} / {@code __error__} keys. */
  Map<String, Object> values() {
    Map<String, Object> out = new LinkedHashMap<>(run.outcome().getNow(Map.of()));
    out.remove("__interrupt__");
    out.remove("__error__");
    return out;
  }

  /** {@code {state, message?, timestamp}}. */
  Map<String, Object> status(ServerContext ctx) {
    String state = state(ctx);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("state", state);
    Map<String, Object> m = switch (state) {
      case "input-required" -> {
        Map<String, Object> q = question(ctx);
        String prompt = q == null || q.get("prompt") == null ? "an answer is needed" : String.valueOf(q.get("prompt"));
        yield agentMessage(List.of(text(prompt), data(q == null ? Map.of() : q)));
      }
      case "failed" -> {
        Object err = run.outcome().getNow(Map.of()).get("__error__");
        String msg = err instanceof Map<?, ?> e ? String.valueOf(e.get("message")) : "the run failed";
        yield agentMessage(List.of(text("the workflow failed: " + msg)));
      }
      case "canceled" -> agentMessage(List.of(text("the run was cancelled")));
      default -> null;
    };
    if (m != null) s.put("message", m);
    s.put("timestamp", ctx.clock().instant().toString());
    return s;
  }

  /** The result artifact: the final state as a DataPart and as text (the last message's content for a chat). */
  Map<String, Object> artifact() {
    Map<String, Object> values = values();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("artifactId", id + "-result");
    a.put("name", "result");
    a.put("description", "the final state of workflow " + graph);
    a.put("parts", List.of(data(values), text(resultText(values))));
    return a;
  }

  static String resultText(Map<String, Object> values) {
    if (values.get("messages") instanceof List<?> l && !l.isEmpty() && l.get(l.size() - 1) instanceof Map<?, ?> last
        && last.get("content") instanceof String s) {
      return s;
    }
    return Json.write(values);
  }

  /** The task object; {@code historyLength} null = all the history. */
  synchronized Map<String, Object> json(ServerContext ctx, Integer historyLength) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("kind", "task");
    t.put("id", id);
    t.put("contextId", contextId);
    Map<String, Object> status = status(ctx);
    t.put("status", status);
    if ("completed".equals(status.get("state"))) t.put("artifacts", List.of(artifact()));
    List<Map<String, Object>> h = new ArrayList<>(history);
    if (status.get("message") != null) h.add(message(status));
    int from = historyLength == null ? 0 : Math.max(0, h.size() - historyLength);
    t.put("history", h.subList(from, h.size()));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("graph", graph);
    meta.put("run_id", run.runId());
    meta.put("lam_thread", run.link());
    t.put("metadata", meta);
    return t;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> message(Map<String, Object> status) {
    return (Map<String, Object>) status.get("message");
  }

  Map<String, Object> agentMessage(List<Map<String, Object>> parts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "message");
    m.put("messageId", UUID.nameUUIDFromBytes((id + "/" + run.runId() + "/" + parts).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString());
    m.put("role", "agent");
    m.put("parts", parts);
    m.put("taskId", id);
    m.put("contextId", contextId);
    return m;
  }

  static Map<String, Object> text(String s) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kind", "text");
    p.put("text", s);
    return p;
  }

  static Map<String, Object> data(Map<String, Object> d) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kind", "data");
    p.put("data", d);
    return p;
  }
}
