package dev.lamgraph.server.studio;

import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.SealedStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.Assistants;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The studio: {@code GET /} (a single page, plain HTML/JS/CSS from the jar, diagrams drawn by the
 * bundled Mermaid) and the read-only JSON its pages need beyond the LangGraph API, under {@code
 * /studio/api/}: {@code workflows} (diagram, diagnostics, input schema), {@code threads} (lamgraph
 * threads, filters {@code status}, {@code workflow}, {@code q}), {@code threads/{id}} (the run on
 * its diagram, timeline, checkpoints with diffs, the LangGraph thread and runs it belongs to) and
 * {@code threads/{id}/events} (SSE: the thread changed). The page acts through the LangGraph API
 * routes ({@code POST /threads/{id}/runs} with {@code input}, {@code command.resume} or {@code
 * checkpoint_id}; {@code .../runs/{run_id}/cancel}). Every answer is masked ({@link
 * ServerContext#maskedJson}). With a token, the page and its files are served without it and the
 * page signs in at {@code /studio/session} ({@link StudioSession}).
 */
public final class StudioRoutes implements ServerRoutes {
  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    StudioAssets assets = new StudioAssets();
    StudioViews views = new StudioViews(ctx);
    StudioEvents events = new StudioEvents(ctx, views);
    routes.get("/", c -> assets.serve(c, "index.html"));
    routes.get("/studio", c -> c.redirect("/"));
    StudioSession.register(routes, ctx); // before /studio/{file}
    routes.get("/studio/{file}", c -> assets.serve(c, c.pathParam("file")));
    routes.get("/studio/api/workflows", c -> json(c, ctx, ctx.registry().all().stream().map(views::workflow).toList()));
    routes.get("/studio/api/workflows/{name}", c -> json(c, ctx, views.workflow(Assistants.find(ctx.registry(), c.pathParam("name")))));
    routes.get("/studio/api/threads", c -> json(c, ctx, threads(c, ctx, views)));
    routes.get("/studio/api/threads/{id}", c -> {
      String id = c.pathParam("id");
      var stored = SealedStore.wrap(ctx.store(), ctx.redactor(), ctx.env()).thread(id);
      json(c, ctx, stored.isPresent() ? views.thread(stored.get())
          : views.starting(id).orElseThrow(() -> ApiException.notFound("thread '" + id + "' not found")));
    });
    routes.sse("/studio/api/threads/{id}/events", client -> {
      String id = client.ctx().pathParam("id");
      events.stream(client, id, () -> views.starting(id).isPresent());
    });
  }

  private static List<Map<String, Object>> threads(Context c, ServerContext ctx, StudioViews views) {
    String status = blankToNull(c.queryParam("status"));
    String workflow = blankToNull(c.queryParam("workflow"));
    String q = blankToNull(c.queryParam("q"));
    int limit = Http.queryInt(c, "limit", 200);
    if (status != null && Arrays.stream(RunStatus.values()).noneMatch(s -> s.id().equals(status))) {
      throw ApiException.invalid("status must be one of " + String.join(", ", Arrays.stream(RunStatus.values()).map(RunStatus::id).toList())
          + "; not '" + status + "'");
    }
    return SealedStore.wrap(ctx.store(), ctx.redactor(), ctx.env()).threads().stream()
        .filter(t -> !t.id().contains("/")) // a subgraph's child thread is shown with its parent
        .filter(t -> status == null || t.status().id().equals(status))
        .filter(t -> workflow == null || t.workflow().equals(workflow))
        .filter(t -> q == null || t.id().contains(q) || t.workflow().contains(q))
        .sorted(Comparator.comparing((ThreadInfo t) -> t.updated() == null ? Instant.EPOCH : t.updated()).reversed())
        .limit(limit)
        .map(views::threadSummary)
        .toList();
  }

  private static void json(Context c, ServerContext ctx, Object value) {
    StudioAssets.headers(c);
    c.header("Cache-Control", "no-store");
    Http.json(c, ctx, value);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
