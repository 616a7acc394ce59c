package dev.lamgraph.server.api;

import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.StateJson;
import dev.lamgraph.server.threads.ThreadBook;
import dev.lamgraph.server.threads.ThreadHistory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A thread's state: {@code GET /threads/{id}/state}, {@code /state/{checkpoint_id}}, {@code POST
 * /state/checkpoint}, {@code POST /state} (an update: a fork with the values, not run), {@code
 * GET|POST /history} (newest first across the chain's links, a tree: {@link ThreadHistory}; {@code limit},
 * {@code before}, {@code metadata}).
 */
public final class StateRoutes implements ServerRoutes {
  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    routes.get("/threads/{id}/state", c -> Http.json(c, ctx, head(ctx, ThreadRoutes.existing(ctx, c))));
    routes.get("/threads/{id}/state/{checkpoint_id}", c -> Http.json(c, ctx, at(ctx, ThreadRoutes.existing(ctx, c),
        c.pathParam("checkpoint_id"))));
    routes.post("/threads/{id}/state/checkpoint", c -> {
      String id = ThreadRoutes.existing(ctx, c);
      Object cid = Http.object(Http.body(c), "checkpoint").get("checkpoint_id");
      Http.json(c, ctx, cid instanceof String s ? at(ctx, id, s) : head(ctx, id));
    });
    routes.post("/threads/{id}/state", c -> update(c, ctx));
    routes.post("/threads/{id}/history", c -> history(c, ctx, Http.body(c)));
    routes.get("/threads/{id}/history", c -> {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("limit", Http.queryInt(c, "limit", 10));
      if (c.queryParam("before") != null) b.put("before", c.queryParam("before"));
      history(c, ctx, b);
    });
  }

  private static Map<String, Object> head(ServerContext ctx, String id) {
    ThreadInfo h = ctx.threads().head(id).orElse(null);
    if (h == null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("values", Map.of());
      s.put("next", List.of());
      s.put("checkpoint", null);
      s.put("metadata", null);
      s.put("created_at", null);
      s.put("parent_checkpoint", null);
      s.put("tasks", List.of());
      return s;
    }
    return ThreadRoutes.state(ctx, id, h, h.step());
  }

  private static Map<String, Object> at(ServerContext ctx, String id, String checkpointId) {
    ThreadBook.Located at = ctx.threads().locate(id, checkpointId);
    return ThreadRoutes.state(ctx, id, ctx.store().thread(at.link()).orElseThrow(), at.step());
  }

  private static void update(Context c, ServerContext ctx) {
    String id = ThreadRoutes.existing(ctx, c);
    Map<String, Object> b = Http.body(c);
    Object values = b.get("values");
    if (values instanceof List<?> l && l.size() == 1) values = l.get(0);
    if (values != null && !(values instanceof Map)) throw ApiException.invalid("values must be a JSON object (channel: value)");
    String cid = Http.string(b, "checkpoint_id");
    if (cid == null && Http.object(b, "checkpoint").get("checkpoint_id") instanceof String s) cid = s;
    @SuppressWarnings("unchecked") Map<String, Object> v = values == null ? Map.of() : (Map<String, Object>) values;
    String link = ctx.runs().updateState(id, v, cid);
    ThreadInfo t = ctx.store().thread(link).orElseThrow();
    Http.json(c, ctx, Map.of("checkpoint", StateJson.checkpoint(id, link, t.step())));
  }

  private static void history(Context c, ServerContext ctx, Map<String, Object> b) {
    String id = ThreadRoutes.existing(ctx, c);
    int limit = Http.integer(b, "limit", 10);
    Map<String, Object> meta = Http.object(b, "metadata");
    Object cp = Http.object(b, "checkpoint").get("checkpoint_id");
    Http.json(c, ctx, new ThreadHistory(ctx.threads(), ctx.graphs()).states(id, limit, before(b.get("before")),
        cp instanceof String s ? s : null, meta, ctx.redactor()::redactValue));
  }

  /** {@code before} as a checkpoint id: a string, a checkpoint object, or a config {@code {configurable: {...}}}. */
  private static String before(Object v) {
    if (v instanceof String s) return s;
    if (v instanceof Map<?, ?> m) {
      if (m.get("checkpoint_id") instanceof String s) return s;
      if (m.get("configurable") instanceof Map<?, ?> c && c.get("checkpoint_id") instanceof String s) return s;
    }
    return null;
  }
}
