package dev.lamgraph.server.studio;

import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.Sessions;
import dev.lamgraph.server.langgraph.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The studio's sign-in, for a server started with a token (a page cannot attach a bearer header to
 * every request, EventSource none at all): {@code GET /studio/session} says whether a token is
 * needed and whether this browser is signed in; {@code POST /studio/session} with {@code {"token":
 * T}} checks T in constant time and sets the {@link Sessions#COOKIE} cookie (a random session id,
 * never the token); {@code POST /studio/session/logout} (or {@code DELETE /studio/session}) ends it.
 */
final class StudioSession {
  private StudioSession() {}

  static void register(RoutesConfig routes, ServerContext ctx) {
    Sessions sessions = ctx.sessions();
    routes.get("/studio/session", c -> json(c, ctx, Map.of("token_required", ctx.options().token() != null,
        "signed_in", ctx.options().token() == null || sessions.valid(c.cookie(Sessions.COOKIE)))));
    routes.post("/studio/session", c -> {
      String token = ctx.options().token();
      if (token == null) {
        json(c, ctx, Map.of("token_required", false, "signed_in", true));
        return;
      }
      String given = Http.string(Http.body(c), "token");
      if (!Sessions.tokenMatches(given == null ? null : given.strip(), token)) {
        throw new ApiException(401, given == null ? "the body must be {\"token\": \"...\"}" : "invalid token");
      }
      sessions.drop(c.cookie(Sessions.COOKIE));
      c.header("Set-Cookie", sessions.cookie(sessions.create(), secure(c)));
      json(c, ctx, Map.of("token_required", true, "signed_in", true));
    });
    routes.post("/studio/session/logout", c -> logout(c, ctx));
    routes.delete("/studio/session", c -> logout(c, ctx));
  }

  private static void logout(Context c, ServerContext ctx) {
    ctx.sessions().drop(c.cookie(Sessions.COOKIE));
    c.header("Set-Cookie", Sessions.clearCookie(secure(c)));
    json(c, ctx, Map.of("token_required", ctx.options().token() != null, "signed_in", ctx.options().token() == null));
  }

  private static boolean secure(Context c) {
    return "https".equalsIgnoreCase(c.scheme());
  }

  private static void json(Context c, ServerContext ctx, Object value) {
    StudioAssets.headers(c);
    c.header("Cache-Control", "no-store");
    Http.json(c, ctx, value);
  }
}
