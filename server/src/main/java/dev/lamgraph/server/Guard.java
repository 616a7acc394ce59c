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
 *
 * <p>Without a token nothing but the loopback address guards the server, and every web page the
 * user visits can reach a loopback address too. So a server without a token answers only requests
 * whose {@code Host} is a loopback name ({@code localhost}, {@code 127.x.y.z}, {@code [::1]}) or the
 * address it is bound to (a page on {@code evil.example} whose name a DNS rebinding points at
 * 127.0.0.1 sends {@code Host: evil.example}: 403), and a request that is not a GET whose {@code
 * Origin} (or {@code Referer}) names another origin that {@code --cors} does not allow is refused
 * with 403 (a form or a {@code no-cors} fetch with a JSON body as {@code text/plain} would start a
 * run). Programs (SDKs, curl) send no {@code Origin} and are not affected.
 */
final class Guard {
  private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
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
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (o.token() == null) {
      checkLocal(c, o, read || method.equals("OPTIONS"));
      return;
    }
    if (path.equals("/ok") || method.equals("OPTIONS")) return;
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

  /** A server without a token: DNS rebinding ({@code Host}) and cross-site writes ({@code Origin}) are refused. */
  private static void checkLocal(Context c, ServerOptions o, boolean read) {
    String host = c.header("Host");
    if (host != null && !localHost(host, o.host())) {
      throw new ApiException(403, "Host '" + shortened(host) + "' is not a loopback name: a server without a token answers"
          + " only localhost, 127.0.0.1 or [::1] (DNS rebinding); serve other names with --token-env");
    }
    if (read) return;
    String from = c.header("Origin");
    if (from == null) from = c.header("Referer");
    if (from == null || sameOrigin(c) || corsAllowed(from, o)) return;
    throw new ApiException(403, "a request from the web page at '" + shortened(from) + "' is refused: a server without a"
        + " token accepts changes only from its own pages and the origins --cors allows (cross-site request forgery)");
  }

  /** Whether a {@code Host} header ({@code name[:port]}) names a loopback address or the address bound. */
  static boolean localHost(String header, String bound) {
    String h = header.strip().toLowerCase(Locale.ROOT);
    int close = h.lastIndexOf(']');
    int colon = h.lastIndexOf(':');
    if (h.startsWith("[")) h = close > 0 ? h.substring(1, close) : h;
    else if (colon >= 0 && h.indexOf(':') == colon) h = h.substring(0, colon);
    String b = bound.strip().toLowerCase(Locale.ROOT);
    if (b.startsWith("[") && b.endsWith("]")) b = b.substring(1, b.length() - 1);
    return h.equals(b) || h.equals("localhost") || h.equals("::1") || LOOPBACK_V4.matcher(h).matches();
  }

  private static boolean corsAllowed(String from, ServerOptions o) {
    String origin = from.strip();
    try {
      URI u = new URI(origin);
      if (u.getScheme() != null && u.getRawAuthority() != null) origin = u.getScheme() + "://" + u.getRawAuthority();
    } catch (java.net.URISyntaxException e) {
      return false;
    }
    for (String allowed : o.corsOrigins()) {
      if (allowed.equals("*") || allowed.equalsIgnoreCase(origin)) return true;
    }
    return false;
  }

  private static String shortened(String s) {
    String one = s.replaceAll("[\\p{Cntrl}]", "?");
    return one.length() > 100 ? one.substring(0, 100) + "..." : one;
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
