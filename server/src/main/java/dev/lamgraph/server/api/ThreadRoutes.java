package dev.lamgraph.server.api;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.exec.ThreadIds;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.ThreadJson;
import dev.lamgraph.server.threads.ThreadBook;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Threads: {@code POST /threads}, {@code /threads/search}, {@code /threads/count}, {@code
 * GET/PATCH/DELETE /threads/{id}}, {@code /threads/{id}/copy}. A thread's state and history are in
 * {@link StateRoutes}.
 */
public final class ThreadRoutes implements ServerRoutes {
  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    routes.post("/threads", c -> create(c, ctx));
    routes.post("/threads/search", c -> search(c, ctx, false));
    routes.post("/threads/count", c -> search(c, ctx, true));
    routes.get("/threads/{id}", c -> Http.json(c, ctx, thread(ctx, existing(ctx, c))));
    routes.patch("/threads/{id}", c -> {
      String id = existing(ctx, c);
      ctx.threads().patch(id, Http.object(Http.body(c), "metadata"));
      Http.json(c, ctx, thread(ctx, id));
    });
    routes.delete("/threads/{id}", c -> {
      String id = existing(ctx, c);
      ctx.runs().delete(id);
      ctx.crons().deleteForThread(id);
      c.status(204);
    });
    routes.post("/threads/{id}/copy", c -> Http.json(c, ctx, thread(ctx, ctx.runs().copy(existing(ctx, c)))));
  }

  private static void create(Context c, ServerContext ctx) {
    Map<String, Object> b = Http.body(c);
    String id = Http.string(b, "thread_id");
    if (id == null) id = UUID.randomUUID().toString();
    try {
      ThreadIds.checkNew(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(e.getMessage());
    }
    if (!ctx.threads().create(id, Http.object(b, "metadata"))) {
      if (!"do_nothing".equals(Http.string(b, "if_exists"))) throw ApiException.conflict("thread '" + id + "' already exists");
    }
    Http.json(c, ctx, thread(ctx, id));
  }

  private static void search(Context c, ServerContext ctx, boolean count) {
    Map<String, Object> b = Http.body(c);
    Map<String, Object> meta = Http.object(b, "metadata");
    Map<String, Object> values = Http.object(b, "values");
    String status = Http.string(b, "status");
    List<String> ids = Http.strings(b, "ids");
    int limit = Http.integer(b, "limit", 10);
    int offset = Http.integer(b, "offset", 0);
    List<Map<String, Object>> out = new ArrayList<>();
    int matched = 0;
    for (String id : ctx.threads().ids()) {
      if (!ids.isEmpty() && !ids.contains(id)) continue;
      // metadata and status first (cheap); the values (a state rebuild) only when filtered on or answered
      Map<String, Object> light = light(ctx, id);
      @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) light.get("metadata");
      if (!ThreadJson.matches(m, meta) || status != null && !status.equals(light.get("status"))) continue;
      Map<String, Object> t = null;
      if (!values.isEmpty()) {
        t = thread(ctx, id);
        // matched as answered (masked): on the exact values a filter would confirm a guessed secret
        @SuppressWarnings("unchecked") Map<String, Object> v = (Map<String, Object>) ctx.redactor().redactValue(t.get("values"));
        if (!ThreadJson.matches(v, values)) continue;
      }
      if (matched++ < offset) continue;
      if (!count && out.size() < limit) out.add(t != null ? t : thread(ctx, id));
    }
    if (count) Http.json(c, ctx, matched);
    else Http.json(c, ctx, out);
  }

  /** The thread id in the path; 404 when there is no such thread. */
  static String existing(ServerContext ctx, Context c) {
    String id = c.pathParam("id");
    if (!ctx.threads().exists(id)) throw ApiException.notFound("thread '" + id + "' not found");
    return id;
  }

  /** The LangGraph thread object, with the head's values. */
  static Map<String, Object> thread(ServerContext ctx, String id) {
    ThreadBook book = ctx.threads();
    ThreadInfo head = book.head(id).orElse(null);
    Map<String, Object> values = Map.of();
    if (head != null) {
      try {
        CompiledGraph g = ctx.graphs().of(head);
        values = StateLog.at(g, ctx.store(), head.id(), head.step()).state();
      } catch (ApiException stale) {
        values = Map.of(); // a thread whose workflow no longer compiles is listed without values
      }
    }
    return ThreadJson.thread(id, book.created(id).orElse(ctx.clock().instant()), book.metadata(id), head, values,
        ctx.runs().busy(id));
  }

  /** The thread object without its values. */
  private static Map<String, Object> light(ServerContext ctx, String id) {
    ThreadBook book = ctx.threads();
    return ThreadJson.thread(id, book.created(id).orElse(ctx.clock().instant()), book.metadata(id), book.head(id).orElse(null),
        Map.of(), ctx.runs().busy(id));
  }

  static Map<String, Object> state(ServerContext ctx, String id, ThreadInfo link, long step) {
    return new dev.lamgraph.server.threads.ThreadHistory(ctx.threads(), ctx.graphs()).state(id, link, step);
  }
}
