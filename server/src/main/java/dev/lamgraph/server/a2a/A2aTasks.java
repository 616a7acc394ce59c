package dev.lamgraph.server.a2a;

import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.runs.RunRequest;
import dev.lamgraph.server.runs.ServerRun;
import dev.lamgraph.server.workflows.ServedWorkflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The A2A tasks of a server. A message starts a run on the thread its {@code contextId} names (a
 * new thread without one), or answers the paused run of its task (its {@code taskId}, or the last
 * task of its context when that one is {@code input-required}); the answer is checked against the
 * question's schema as {@code lam resume} does. Runs go through the server's run manager, so an
 * A2A context is an ordinary thread of the LangGraph API too.
 */
final class A2aTasks {
  private final ServerContext ctx;
  private final Map<String, A2aTask> byId = new ConcurrentHashMap<>();
  private final Map<String, String> lastOfContext = new ConcurrentHashMap<>();

  A2aTasks(ServerContext ctx) {
    this.ctx = ctx;
  }

  /** Starts or continues the task {@code message} (checked by {@link Messages#check}) asks for; returns it. */
  synchronized A2aTask send(ServedWorkflow w, Map<String, Object> message) {
    String taskId = (String) message.get("taskId");
    String contextId = (String) message.get("contextId");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> parts = (List<Map<String, Object>>) message.get("parts");
    A2aTask task = null;
    if (taskId != null) {
      task = get(taskId).orElseThrow(() -> new RpcError(RpcError.TASK_NOT_FOUND, "task '" + taskId + "' not found"));
      if (contextId != null && !contextId.equals(task.contextId)) {
        throw RpcError.params("task '" + taskId + "' belongs to context '" + task.contextId + "', not '" + contextId + "'");
      }
      if (!task.graph.equals(w.name())) throw RpcError.params("task '" + taskId + "' runs workflow '" + task.graph + "', not '" + w.name() + "'");
      String state = task.state(ctx);
      if (!state.equals("input-required")) {
        throw new RpcError(RpcError.INVALID_PARAMS, "task '" + taskId + "' is " + state + ": only an input-required task takes another message");
      }
    } else if (contextId != null && lastOfContext.containsKey(contextId)) {
      A2aTask last = byId.get(lastOfContext.get(contextId));
      if (last != null && last.state(ctx).equals("input-required")) task = last;
    }
    if (task != null) {
      Map<String, Object> answer = Inputs.answer(questionSchema(task), parts);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("command", Map.of("resume", answer));
      ServerRun next = create(task.contextId, w, body);
      task.continueWith(next);
      task.remember(stamped(message, task));
      return task;
    }
    if (!w.runnable()) throw RpcError.params("workflow '" + w.name() + "' does not compile");
    String thread = contextId != null ? contextId : UUID.randomUUID().toString();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("input", Inputs.input(w.graph(), parts));
    body.put("if_not_exists", "create");
    ServerRun run = create(thread, w, body);
    A2aTask t = new A2aTask(run, w.name());
    t.remember(stamped(message, t));
    byId.put(t.id, t);
    lastOfContext.put(thread, t.id);
    return t;
  }

  private Object questionSchema(A2aTask task) {
    Map<String, Object> q = task.question(ctx);
    return q == null ? null : q.get("schema");
  }

  private ServerRun create(String thread, ServedWorkflow w, Map<String, Object> body) {
    body.put("stream_mode", List.of("values"));
    body.put("metadata", Map.of("a2a", true));
    try {
      return ctx.runs().create(thread, w, RunRequest.parse(body, false));
    } catch (ApiException e) {
      throw fromApi(e);
    }
  }

  /** A 4xx of the run manager as invalid params (its diagnostics as data); a 5xx as an internal error. */
  static RpcError fromApi(ApiException e) {
    Object problems = e.body().get("problems");
    int code = e.status() >= 500 ? RpcError.INTERNAL : RpcError.INVALID_PARAMS;
    return new RpcError(code, e.getMessage(), problems == null ? null : Map.of("problems", problems));
  }

  private static Map<String, Object> stamped(Map<String, Object> message, A2aTask t) {
    Map<String, Object> m = new LinkedHashMap<>(message);
    m.put("taskId", t.id);
    m.put("contextId", t.contextId);
    return m;
  }

  /** A task by id: one of this server's, or a run of the LangGraph API found by its run id. */
  Optional<A2aTask> get(String id) {
    A2aTask t = byId.get(id);
    if (t != null) return Optional.of(t);
    return ctx.runs().get(id).map(r -> {
      String graph = String.valueOf(((Map<?, ?>) r.json().get("metadata")).get("graph_id"));
      return byId.computeIfAbsent(id, k -> new A2aTask(r, graph));
    });
  }

  /** Cancels a task: a running run stops at its next step boundary, a paused one ends as cancelled. */
  A2aTask cancel(String id) throws InterruptedException {
    A2aTask t = get(id).orElseThrow(() -> new RpcError(RpcError.TASK_NOT_FOUND, "task '" + id + "' not found"));
    String state = t.state(ctx);
    if (A2aTask.terminal(state)) throw new RpcError(RpcError.TASK_NOT_CANCELABLE, "task '" + id + "' is " + state + " and cannot be canceled");
    try {
      ctx.runs().cancel(t.contextId, t.run().runId(), true);
    } catch (ApiException e) {
      throw new RpcError(RpcError.TASK_NOT_CANCELABLE, e.getMessage());
    }
    return t;
  }
}
