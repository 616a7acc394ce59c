package dev.lamgraph.server.a2a;

import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.runs.FinishedRuns;
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
 *
 * <p>Each task holds its run (all its events), so finished tasks are bounded as finished runs are
 * ({@link dev.lamgraph.server.runs.RunManager#keptFinished}, 1,000 by default): past that the
 * task whose run finished first leaves (unless it waits for input), and its id answers TaskNotFound (its context is still a
 * thread; so does a task of an earlier server process). A task that is running again (an answered {@code input-required} one) is not dropped.
 */
final class A2aTasks {
  private final ServerContext ctx;
  private final Map<String, A2aTask> byId = new ConcurrentHashMap<>();
  private final Map<String, String> lastOfContext = new ConcurrentHashMap<>();
  private final FinishedRuns finished = new FinishedRuns();

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
      task = get(taskId).orElseThrow(() -> notFound(taskId));
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
      byId.putIfAbsent(task.id, task); // dropped while it was being answered: it runs again
      watch(task, next);
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
    watch(t, run);
    return t;
  }

  /**
   * When {@code run} (the task's current run) finishes, the task counts as finished; the oldest
   * finished past the bound leave. Takes no lock of this object: the run completes under the run
   * manager's, which {@link #send} takes while holding this one.
   */
  private void watch(A2aTask task, ServerRun run) {
    run.outcome().whenComplete((v, e) -> {
      if (task.run() != run) return; // answered since: its next run is watched
      finished.keep(ctx.runs().keptFinished());
      for (String id : finished.add(task.id)) {
        A2aTask old = byId.get(id);
        if (old != null && byId.computeIfPresent(id, (k, t) -> leaves(t) ? null : t) == null) {
          lastOfContext.remove(old.contextId, id);
        }
      }
    });
  }

  /**
   * Whether a task past the bound leaves memory: its run finished and it does not wait for an
   * answer. A task in {@code input-required} stays (a client answers it by its id, however many
   * tasks finished since); answered, its next run is watched and bounded again.
   */
  private boolean leaves(A2aTask t) {
    return t.run().finished() && t.paused(ctx) == null;
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

  /**
   * A task by id: one of this server's, or a run of the LangGraph API found by its run id. An A2A
   * task no longer in memory (past the bound, or of an earlier server process) is not rebuilt from
   * its first run, whose state is wrong for a task answered since (and its messages are gone):
   * TaskNotFound, saying so.
   */
  Optional<A2aTask> get(String id) {
    A2aTask t = byId.get(id);
    if (t != null) return Optional.of(t);
    return ctx.runs().get(id).map(r -> {
      Map<?, ?> meta = (Map<?, ?>) r.json().get("metadata");
      if (Boolean.TRUE.equals(meta.get("a2a"))) throw notFound(id);
      String graph = String.valueOf(meta.get("graph_id"));
      A2aTask made = byId.computeIfAbsent(id, k -> new A2aTask(r, graph));
      if (made.run() == r) watch(made, r);
      return made;
    });
  }

  /** TaskNotFound for {@code id}, saying that only the newest finished tasks are kept. */
  RpcError notFound(String id) {
    return new RpcError(RpcError.TASK_NOT_FOUND, "task '" + id + "' not found (the server keeps the last "
        + ctx.runs().keptFinished() + " finished tasks in memory)");
  }

  /** Cancels a task: a running run stops at its next step boundary, a paused one ends as cancelled. */
  A2aTask cancel(String id) throws InterruptedException {
    A2aTask t = get(id).orElseThrow(() -> notFound(id));
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
