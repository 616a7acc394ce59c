package dev.lamgraph.server.api;

import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.runs.RunRequest;
import dev.lamgraph.server.runs.ServerRun;
import dev.lamgraph.server.workflows.ServedWorkflow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs: background ({@code POST /threads/{id}/runs}), {@code /runs/stream} (SSE), {@code
 * /runs/wait}, list, get, {@code join}, rejoin ({@code GET .../stream} with {@code Last-Event-ID}),
 * {@code cancel}, delete; stateless {@code POST /runs}, {@code /runs/stream}, {@code /runs/wait}
 * (on a new thread, deleted afterwards unless {@code on_completion: keep}).
 */
public final class RunRoutes implements ServerRoutes {
  private static final long WAIT_SECONDS = 3600;

  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    routes.post("/threads/{id}/runs", c -> Http.json(c, ctx, create(c, ctx, c.pathParam("id"), false).json()));
    routes.post("/threads/{id}/runs/stream", c -> stream(c, ctx, create(c, ctx, c.pathParam("id"), false)));
    routes.post("/threads/{id}/runs/wait", c -> waitFor(c, ctx, create(c, ctx, c.pathParam("id"), false)));
    routes.post("/runs", c -> Http.json(c, ctx, create(c, ctx, UUID.randomUUID().toString(), true).json()));
    routes.post("/runs/stream", c -> stream(c, ctx, create(c, ctx, UUID.randomUUID().toString(), true)));
    routes.post("/runs/wait", c -> waitFor(c, ctx, create(c, ctx, UUID.randomUUID().toString(), true)));
    routes.post("/runs/batch", c -> Http.json(c, ctx, batch(c, ctx)));
    routes.get("/threads/{id}/runs", c -> {
      String id = ThreadRoutes.existing(ctx, c);
      int limit = Http.queryInt(c, "limit", 10);
      int offset = Http.queryInt(c, "offset", 0);
      String status = c.queryParam("status");
      List<Map<String, Object>> out = ctx.runs().list(id).stream().filter(r -> status == null || status.equals(r.status()))
          .skip(offset).limit(limit).map(ServerRun::json).toList();
      Http.json(c, ctx, out);
    });
    routes.get("/threads/{id}/runs/{run_id}", c -> Http.json(c, ctx, run(ctx, c, null).json()));
    routes.delete("/threads/{id}/runs/{run_id}", c -> {
      ServerRun r = run(ctx, c, null);
      if (!r.finished()) throw ApiException.conflict("run '" + r.runId() + "' is " + r.status() + "; cancel it first");
      c.status(204);
    });
    routes.get("/threads/{id}/runs/{run_id}/join", c -> waitFor(c, ctx, run(ctx, c, null)));
    routes.get("/threads/{id}/runs/{run_id}/stream", c -> {
      String last = c.header("Last-Event-ID");
      ServerRun r = run(ctx, c, last);
      Sse.stream(c, ctx, r, last, r.modes(c.queryParams("stream_mode")));
    });
    routes.post("/threads/{id}/runs/{run_id}/cancel", c -> {
      ServerRun r = run(ctx, c, null);
      boolean wait = "true".equalsIgnoreCase(c.queryParam("wait")) || "1".equals(c.queryParam("wait"));
      Http.json(c, ctx, ctx.runs().cancel(r.threadId(), r.runId(), wait).json());
    });
  }

  private static ServerRun create(Context c, ServerContext ctx, String threadId, boolean stateless) {
    RunRequest r = RunRequest.parse(Http.body(c), stateless);
    if (stateless && r.assistantId() == null) throw ApiException.invalid("assistant_id is required");
    ServedWorkflow w = r.assistantId() == null ? null : AssistantRoutes.runnable(ctx, r.assistantId());
    RunRequest req = stateless ? withCreate(r) : r;
    ServerRun run = ctx.runs().create(threadId, w, req);
    c.header("Content-Location", "/threads/" + run.threadId() + "/runs/" + run.runId());
    return run;
  }

  /** Stateless runs from a list of payloads: all checked before any starts (422 naming the first bad one). */
  private static List<Map<String, Object>> batch(Context c, ServerContext ctx) {
    List<Object> items = Http.list(c);
    List<RunRequest> requests = new java.util.ArrayList<>();
    List<ServedWorkflow> workflows = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> m)) throw ApiException.invalid("run " + i + " of the batch is not a JSON object");
      try {
        @SuppressWarnings("unchecked")
        RunRequest r = RunRequest.parse((Map<String, Object>) m, true);
        if (r.assistantId() == null) throw ApiException.invalid("assistant_id is required");
        workflows.add(AssistantRoutes.runnable(ctx, r.assistantId()));
        requests.add(withCreate(r));
      } catch (ApiException e) {
        throw new ApiException(e.status(), "run " + i + " of the batch: " + e.getMessage(), without(e.body(), "detail"));
      }
    }
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      out.add(ctx.runs().create(UUID.randomUUID().toString(), workflows.get(i), requests.get(i)).json());
    }
    return out;
  }

  private static Map<String, Object> without(Map<String, Object> m, String key) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(m);
    out.remove(key);
    return out;
  }

  private static RunRequest withCreate(RunRequest r) {
    return new RunRequest(r.assistantId(), r.input(), r.hasCommand(), r.resume(), r.update(), r.config(), r.metadata(),
        r.checkpointId(), r.interruptBefore(), r.interruptAfter(), r.streamModes(), r.multitaskStrategy(), "create",
        r.onCompletion(), r.gotoNodes(), r.webhook(), r.cancelOnDisconnect(), r.streamSubgraphs());
  }

  private static ServerRun run(ServerContext ctx, Context c, String lastEventId) {
    String id = ThreadRoutes.existing(ctx, c);
    String runId = c.pathParam("run_id");
    return ctx.runs().get(id, runId).or(() -> ctx.runs().recover(id, runId, lastEventId))
        .orElseThrow(() -> ApiException.notFound("run '" + runId + "' not found in thread '" + id + "'"));
  }

  /** The stream of the request that created the run; {@code on_disconnect: cancel} cancels the run when its client goes away. */
  private static void stream(Context c, ServerContext ctx, ServerRun run) throws InterruptedException {
    if (!Sse.stream(c, ctx, run, null, run.modes(List.of()), true) && run.cancelsOnDisconnect() && !run.finished()) {
      ctx.runs().cancel(run.threadId(), run.runId(), false);
    }
  }

  private static void waitFor(Context c, ServerContext ctx, ServerRun run) throws InterruptedException {
    c.header("Content-Location", "/threads/" + run.threadId() + "/runs/" + run.runId());
    try {
      Http.json(c, ctx, run.outcome().get(WAIT_SECONDS, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      throw new ApiException(504, "run '" + run.runId() + "' did not finish in time; join it again");
    }
  }
}
