package dev.lamgraph.server;

import io.javalin.config.RoutesConfig;

/**
 * A group of routes (one resource: assistants, threads, runs, the studio...). {@link LamServer}
 * calls {@link #register} once while it configures Javalin; a handler reads what it needs from
 * {@code ctx} and answers errors by throwing {@link dev.lamgraph.server.langgraph.ApiException}.
 *
 * <pre>{@code
 * ServerRoutes ok = (routes, ctx) -> routes.get("/ok", c -> c.json(Map.of("ok", true)));
 * LamServer server = LamServer.start(options, context, List.of(ok));
 * }</pre>
 */
@FunctionalInterface
public interface ServerRoutes {
  void register(RoutesConfig routes, ServerContext ctx);
}
