package dev.lamgraph.server.api;

import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /ok} (no token needed: for health checks) and {@code GET /info} (version and capabilities). */
public final class SystemRoutes implements ServerRoutes {
  private final String version;

  public SystemRoutes(String version) {
    this.version = version;
  }

  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    routes.get("/ok", c -> Http.json(c, ctx, Map.of("ok", true)));
    routes.get("/info", c -> {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("version", version);
      info.put("langgraph_py_version", null);
      info.put("langgraph_js_version", null);
      info.put("server", "lamgraph");
      info.put("flags", Map.of("assistants", true, "crons", true, "langsmith", false, "langsmith_tracing_replicas", false));
      info.put("metadata", Map.of("store", ctx.store().location(), "workflows", ctx.registry().all().size(),
          "workers", ctx.options().workers()));
      Http.json(c, ctx, info);
    });
  }
}
