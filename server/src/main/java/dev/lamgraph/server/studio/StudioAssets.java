package dev.lamgraph.server.studio;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The studio's static files, served from the jar ({@code dev/lamgraph/server/studio/}): only the
 * files named here, each with its content type, a Content-Security-Policy that allows scripts,
 * connections and images from this server only, and {@code nosniff}. Inline styles are allowed
 * because the bundled Mermaid writes a {@code <style>} element into every diagram it draws; no
 * inline script or event handler runs.
 */
final class StudioAssets {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
      + " font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
      + " form-action 'self'";
  private static final String ROOT = "/dev/lamgraph/server/studio/";
  private static final Map<String, String> TYPES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "studio.css", "text/css; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8",
      "dom.js", "text/javascript; charset=utf-8",
      "forms.js", "text/javascript; charset=utf-8",
      "workflows.js", "text/javascript; charset=utf-8",
      "threads.js", "text/javascript; charset=utf-8",
      "thread.js", "text/javascript; charset=utf-8",
      "signin.js", "text/javascript; charset=utf-8",
      "mermaid.min.js", "text/javascript; charset=utf-8");
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** Whether {@code name} is one of the studio's files. */
  static boolean known(String name) {
    return TYPES.containsKey(name);
  }

  /** Answers the file {@code name} (404 JSON when it is not one of the studio's). */
  void serve(Context c, String name) {
    String type = TYPES.get(name);
    if (type == null) throw dev.lamgraph.server.langgraph.ApiException.notFound("no studio file '" + name + "'");
    headers(c);
    c.header("Cache-Control", name.equals("mermaid.min.js") ? "public, max-age=86400" : "no-cache");
    c.contentType(type);
    c.result(cache.computeIfAbsent(name, StudioAssets::read));
  }

  /** The security headers of every studio answer. */
  static void headers(Context c) {
    c.header("Content-Security-Policy", CSP);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "same-origin"); // no-referrer would make a POST's Origin "null"
    c.header("X-Frame-Options", "DENY");
  }

  private static byte[] read(String name) {
    try (InputStream in = StudioAssets.class.getResourceAsStream(ROOT + name)) {
      if (in == null) throw new IllegalStateException("the studio file " + name + " is missing from the jar");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
