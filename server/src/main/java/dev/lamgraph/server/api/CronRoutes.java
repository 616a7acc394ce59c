package dev.lamgraph.server.api;

import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * Crons ({@code client.crons} of the SDK): {@code POST /threads/{id}/runs/crons} (runs on that
 * thread), {@code POST /runs/crons} (each run on a new thread), {@code POST /runs/crons/search},
 * {@code /runs/crons/count}, {@code PATCH} and {@code DELETE /runs/crons/{cron_id}}; the firing is
 * {@code crons.CronService}'s.
 */
public final class CronRoutes implements ServerRoutes {
  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    routes.post("/threads/{id}/runs/crons", c -> Http.json(c, ctx, ctx.crons().create(ThreadRoutes.existing(ctx, c), Http.body(c))));
    routes.post("/runs/crons", c -> Http.json(c, ctx, ctx.crons().create(null, Http.body(c))));
    routes.post("/runs/crons/search", c -> {
      Map<String, Object> body = Http.body(c);
      Http.json(c, ctx, ctx.crons().search(body, Http.integer(body, "limit", 10), Http.integer(body, "offset", 0)));
    });
    routes.post("/runs/crons/count", c -> Http.json(c, ctx, ctx.crons().count(Http.body(c))));
    routes.patch("/runs/crons/{cron_id}", c -> Http.json(c, ctx, ctx.crons().update(c.pathParam("cron_id"), Http.body(c))));
    routes.delete("/runs/crons/{cron_id}", c -> {
      ctx.crons().delete(c.pathParam("cron_id"));
      c.status(204);
    });
  }
}
