package dev.lamgraph.server;

import dev.lamgraph.server.langgraph.ApiException;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@link LamServer} checks before every route: the body limit, then (with a token) who is
 * asking. {@code /ok}, CORS preflights, the studio's static files ({@code GET /}, {@code
 * /studio/FILE}: no data in them) and its sign-in ({@code /studio/session}) need nothing; every
 * other route needs {@code Authorization: Bearer T} (or {@code x-api-key: T}) or a studio session
 * cookie ({@link Sessions}). A cookie is sent by the browser on its own, so a request it
 * authenticates that is not a GET must also come from the studio's own page: its {@code Origin}
 * (or, without one, {@code Referer}) names this server, else 403 (cross-site request forgery).
 */
final class Guard {
  private static final Pattern STATIC = Pattern.compile("/|/studio|/studio/[A-Za-z0-9._-]+");

  private Guard() {}

  static void check(Context c, ServerOptions o, Sessions sessions) {
    String len = c.header("Content-Length");
    if (len != null) {
      try {
        if (Long.parseLong(len.strip()) > o.maxBodyBytes()) {
          throw new ApiException(413, "the request body is larger than " + o.maxBodyBytes() + " bytes");
        }
      } catch (NumberFormatException e) {
        throw new ApiException(400, "bad Content-Length");
      }
    }
    String method = c.method().name();
    String path = c.path();
    if (o.token() == null || path.equals("/ok") || method.equals("OPTIONS")) return;
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (read && STATIC.matcher(path).matches()) return;
    if (path.equals("/studio/session") || path.equals("/studio/session/logout")) {
      if (!read && c.header("Origin") != null && !sameOrigin(c)) throw new ApiException(403, "cross-origin sign-in refused");
      return;
    }
    String auth = c.header("Authorization");
    String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : c.header("x-api-key");
    if (given == null && sessions.valid(c.cookie(Sessions.COOKIE))) {
      if (!read && !sameOrigin(c)) {
        throw new ApiException(403, "a request signed in by the studio's cookie must come from the studio's page (Origin)");
      }
      return;
    }
    if (!Sessions.tokenMatches(given, o.token())) {
      c.header("WWW-Authenticate", "Bearer");
      throw new ApiException(401, given == null ? "missing bearer token" : "invalid bearer token");
    }
  }

  /** Whether the request's Origin (or, without one, Referer) names this server (its Host header). */
  static boolean sameOrigin(Context c) {
    String from = c.header("Origin");
    if (from == null) from = c.header("Referer");
    String host = c.header("Host");
    if (from == null || host == null) return false;
    try {
      URI u = new URI(from.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) return false;
      int dflt = scheme.equals("https") ? 443 : 80;
      String fromAuthority = u.getHost().toLowerCase(Locale.ROOT) + ":" + (u.getPort() == -1 ? dflt : u.getPort());
      return fromAuthority.equals(authority(host.strip().toLowerCase(Locale.ROOT), dflt));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String authority(String host, int dflt) {
    int close = host.lastIndexOf(']');
    int colon = host.lastIndexOf(':');
    return colon > close ? host : host + ":" + dflt;
  }
}
