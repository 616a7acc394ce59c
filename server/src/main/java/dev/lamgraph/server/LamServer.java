package dev.lamgraph.server;

import dev.lamgraph.server.langgraph.ApiException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server of {@code lam serve}: Javalin on Jetty, with the route groups it is given. It
 * checks the bearer token (every route but {@code /ok} and the studio's static files; {@code
 * Authorization: Bearer T}, LangGraph's {@code x-api-key: T} or a studio session cookie: {@code
 * Guard}), limits request bodies, allows CORS only for the configured
 * origins, and answers every error as JSON {@code {"detail": ...}} without a stack trace.
 *
 * <pre>{@code
 * try (LamServer s = LamServer.start(ctx, dev.lamgraph.server.api.Routes.standard(version))) {
 *   System.out.println("serving on " + s.url());
 * }
 * }</pre>
 */
public final class LamServer implements AutoCloseable {
  private final Javalin app;
  private final ServerContext ctx;

  private LamServer(Javalin app, ServerContext ctx) {
    this.app = app;
    this.ctx = ctx;
  }

  /** Starts listening at {@code ctx.options()} with {@code groups} registered in order. */
  public static LamServer start(ServerContext ctx, List<ServerRoutes> groups) {
    ServerOptions o = ctx.options();
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.host = o.host();
      config.jetty.port = o.port();
      QueuedThreadPool pool = new QueuedThreadPool(512, 8);
      pool.setName("lam-serve");
      pool.setDaemon(true);
      config.jetty.threadPool = pool;
      config.http.maxRequestSize = o.maxBodyBytes();
      config.http.defaultContentType = "application/json";
      if (!o.corsOrigins().isEmpty()) {
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
          for (String origin : o.corsOrigins()) {
            if (origin.equals("*")) rule.anyHost();
            else rule.allowHost(origin);
          }
          rule.exposeHeader("Content-Location");
          rule.exposeHeader("Location");
        }));
      }
      config.routes.before(c -> Guard.check(c, o, ctx.sessions()));
      config.routes.exception(ApiException.class, (e, c) -> Http.json(c, ctx, e.status(), e.body()));
      config.routes.exception(HttpResponseException.class, (e, c) ->
          Http.json(c, ctx, e.getStatus(), Map.of("detail", e.getMessage())));
      config.routes.exception(Exception.class, (e, c) -> Http.json(c, ctx, 500,
          Map.of("detail", "internal error: " + oneLine(e))));
      for (ServerRoutes g : groups) g.register(config.routes, ctx);
    });
    app.start();
    ctx.crons().start(java.time.Duration.ofSeconds(1));
    return new LamServer(app, ctx);
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ");
  }

  public int port() {
    return app.port();
  }

  public ServerContext context() {
    return ctx;
  }

  /** {@code http://HOST:PORT} (IPv6 hosts in brackets). */
  public String url() {
    String h = ctx.options().host();
    if (h.contains(":") && !h.startsWith("[")) h = "[" + h + "]";
    return "http://" + h + ":" + port();
  }

  /** Stops the runs at their next step boundary (they stay resumable), then stops listening. */
  @Override
  public void close() {
    ctx.shutdown(java.time.Duration.ofSeconds(20));
    app.stop();
  }
}
