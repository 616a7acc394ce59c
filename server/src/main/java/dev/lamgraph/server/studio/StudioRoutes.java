package dev.lamgraph.server.studio;

import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.SealedStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.ApiException;
import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.api.AssistantRoutes;
import dev.lamgraph.server.workflows.ServedWorkflow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The studio: {@code GET /} (a single page, plain HTML/JS/CSS from the jar, diagrams drawn by the
 * bundled Mermaid) and the JSON it reads under {@code /studio/api/}: {@code workflows}, {@code
 * threads} (filters {@code status}, {@code workflow}, {@code q}), {@code threads/{id}} (the run on
 * its diagram, timeline, checkpoints with diffs), {@code threads/{id}/events} (SSE), and the
 * actions: {@code POST workflows/{name}/runs {input}}, {@code POST threads/{id}/resume {answer}},
 * {@code POST threads/{id}/fork {step, edits}}, {@code POST threads/{id}/cancel}. Every answer is
 * masked ({@link ServerContext#maskedJson}); actions need {@code Content-Type: application/json}
 * (a cross-site form cannot send it without CORS).
 */
public final class StudioRoutes implements ServerRoutes {
  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    StudioAssets assets = new StudioAssets();
    StudioViews views = new StudioViews(ctx);
    StudioRuns runs = new StudioRuns(ctx);
    StudioEvents events = new StudioEvents(ctx);
    routes.get("/", c -> assets.serve(c, "index.html"));
    routes.get("/studio", c -> c.redirect("/"));
    routes.get("/studio/{file}", c -> assets.serve(c, c.pathParam("file")));
    routes.get("/studio/api/workflows", c -> json(c, ctx, ctx.registry().all().stream().map(views::workflow).toList()));
    routes.get("/studio/api/workflows/{name}", c -> json(c, ctx, views.workflow(AssistantRoutes.find(ctx, c.pathParam("name")))));
    routes.get("/studio/api/threads", c -> json(c, ctx, threads(c, ctx, views, runs.active())));
    routes.get("/studio/api/threads/{id}", c -> json(c, ctx, views.thread(thread(ctx, c), runs.active())));
    routes.sse("/studio/api/threads/{id}/events", client -> events.stream(client, client.ctx().pathParam("id")));
    routes.post("/studio/api/workflows/{name}/runs", c -> {
      Map<String, Object> body = action(c);
      ServedWorkflow w = AssistantRoutes.runnable(ctx, c.pathParam("name"));
      json(c, ctx, 201, Map.of("thread_id", runs.start(w.graph(), Http.object(body, "input"))));
    });
    routes.post("/studio/api/threads/{id}/resume", c -> {
      Map<String, Object> body = action(c);
      ThreadInfo t = thread(ctx, c);
      runs.resume(graph(ctx, t), t, Http.object(body, "answer"));
      json(c, ctx, 202, Map.of("thread_id", t.id()));
    });
    routes.post("/studio/api/threads/{id}/fork", c -> {
      Map<String, Object> body = action(c);
      ThreadInfo t = thread(ctx, c);
      Object step = body.get("step");
      if (!(step instanceof Number n) || n.longValue() < 0 || n.longValue() > t.step()) {
        throw ApiException.invalid("step must be a checkpoint of the thread, from 0 to " + t.step());
      }
      String id = runs.fork(graph(ctx, t), t.id(), n.longValue(), Http.object(body, "edits"));
      json(c, ctx, 201, Map.of("thread_id", id));
    });
    routes.post("/studio/api/threads/{id}/cancel", c -> {
      action(c);
      ThreadInfo t = thread(ctx, c);
      if (t.status() != RunStatus.RUNNING) throw ApiException.conflict("thread '" + t.id() + "' is " + t.status().id() + ", not running");
      if (!runs.stop(t.id())) {
        throw ApiException.conflict("thread '" + t.id() + "' is not run by this studio" + (t.owner() == null ? "" : " (owner " + t.owner() + ")"));
      }
      json(c, ctx, 202, Map.of("thread_id", t.id(), "stopping", true));
    });
  }

  private static List<Map<String, Object>> threads(Context c, ServerContext ctx, StudioViews views, Set<String> active) {
    String status = blankToNull(c.queryParam("status"));
    String workflow = blankToNull(c.queryParam("workflow"));
    String q = blankToNull(c.queryParam("q"));
    int limit = Http.queryInt(c, "limit", 200);
    if (status != null && java.util.Arrays.stream(RunStatus.values()).noneMatch(s -> s.id().equals(status))) {
      throw ApiException.invalid("status must be one of running, paused, done, failed; not '" + status + "'");
    }
    return SealedStore.wrap(ctx.store(), ctx.redactor(), ctx.env()).threads().stream()
        .filter(t -> status == null || t.status().id().equals(status))
        .filter(t -> workflow == null || t.workflow().equals(workflow))
        .filter(t -> q == null || t.id().contains(q) || t.workflow().contains(q))
        .sorted(Comparator.comparing((ThreadInfo t) -> t.updated() == null ? java.time.Instant.EPOCH : t.updated()).reversed())
        .limit(limit)
        .map(t -> views.threadSummary(t, active))
        .toList();
  }

  private static ThreadInfo thread(ServerContext ctx, Context c) {
    String id = c.pathParam("id");
    return SealedStore.wrap(ctx.store(), ctx.redactor(), ctx.env()).thread(id)
        .orElseThrow(() -> ApiException.notFound("thread '" + id + "' not found"));
  }

  private static dev.lamgraph.engine.compile.CompiledGraph graph(ServerContext ctx, ThreadInfo t) {
    ServedWorkflow w = ctx.registry().get(t.workflow()).orElse(null);
    if (w == null || !w.runnable()) throw ApiException.conflict("workflow '" + t.workflow() + "' is not served here: the studio runs served workflows only");
    return w.graph();
  }

  /** An action's body; 415 unless it is sent as JSON. */
  private static Map<String, Object> action(Context c) {
    String type = c.contentType();
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw new ApiException(415, "send the request as Content-Type: application/json");
    }
    return Http.body(c);
  }

  private static void json(Context c, ServerContext ctx, Object value) {
    json(c, ctx, 200, value);
  }

  private static void json(Context c, ServerContext ctx, int status, Object value) {
    StudioAssets.headers(c);
    c.header("Cache-Control", "no-store");
    Http.json(c, ctx, status, value);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
