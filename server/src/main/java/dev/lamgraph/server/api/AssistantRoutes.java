package dev.lamgraph.server.api;

import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.langgraph.AssistantJson;
import dev.lamgraph.server.langgraph.Assistants;
import dev.lamgraph.server.workflows.ServedWorkflow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assistants: one system assistant per served workflow ({@code POST /assistants/search}, {@code
 * GET /assistants/{id}}, {@code /graph}, {@code /schemas}, {@code /subgraphs}); an id is the
 * assistant's uuid or the graph name. Assistants are not created or changed over HTTP: a workflow
 * file is the assistant.
 */
public final class AssistantRoutes implements ServerRoutes {
  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    routes.post("/assistants/search", c -> search(c, ctx));
    routes.post("/assistants/count", c -> Http.json(c, ctx, filtered(ctx, Http.body(c)).size()));
    routes.get("/assistants/{id}", c -> Http.json(c, ctx, AssistantJson.assistant(find(ctx, c.pathParam("id")))));
    routes.get("/assistants/{id}/graph", c -> Http.json(c, ctx, AssistantJson.graph(runnable(ctx, c).graph())));
    routes.get("/assistants/{id}/schemas", c -> Http.json(c, ctx, AssistantJson.schemas(runnable(ctx, c))));
    routes.get("/assistants/{id}/subgraphs", c -> subgraphs(c, ctx, null));
    routes.get("/assistants/{id}/subgraphs/{ns}", c -> subgraphs(c, ctx, c.pathParam("ns")));
  }

  /** A workflow's subgraph nodes' schemas by namespace ({@code ?recurse=true}: theirs too). */
  private static void subgraphs(Context c, ServerContext ctx, String namespace) {
    ServedWorkflow w = runnable(ctx, c);
    boolean recurse = "true".equalsIgnoreCase(c.queryParam("recurse"));
    Http.json(c, ctx, AssistantJson.subgraphs(w.name(), w.graph(), namespace, recurse));
  }

  private static void search(Context c, ServerContext ctx) {
    Map<String, Object> body = Http.body(c);
    List<ServedWorkflow> all = filtered(ctx, body);
    int offset = Http.integer(body, "offset", 0);
    int limit = Http.integer(body, "limit", 10);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = offset; i < all.size() && out.size() < limit; i++) out.add(AssistantJson.assistant(all.get(i)));
    Http.json(c, ctx, out);
  }

  private static List<ServedWorkflow> filtered(ServerContext ctx, Map<String, Object> body) {
    String graphId = Http.string(body, "graph_id");
    String name = Http.string(body, "name");
    Map<String, Object> meta = Http.object(body, "metadata");
    return ctx.registry().all().stream()
        .filter(w -> graphId == null || w.name().equals(graphId))
        .filter(w -> name == null || w.name().contains(name))
        .filter(w -> meta.entrySet().stream().allMatch(e -> e.getKey().equals("created_by") && "system".equals(e.getValue())))
        .toList();
  }

  /** The workflow an assistant id or graph name names; 404 when none. */
  public static ServedWorkflow find(ServerContext ctx, String id) {
    return Assistants.find(ctx.registry(), id);
  }

  /** The workflow, which must have compiled at least once (else 422 with its diagnostics). */
  public static ServedWorkflow runnable(ServerContext ctx, String id) {
    return Assistants.runnable(ctx.registry(), id);
  }

  private static ServedWorkflow runnable(ServerContext ctx, Context c) {
    return runnable(ctx, c.pathParam("id"));
  }
}
