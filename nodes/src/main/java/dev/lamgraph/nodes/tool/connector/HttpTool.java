package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.Placeholders;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code http} tool. Redirects are followed by hand (at most {@code max_redirects}), each
 * target checked against the allow-list before connecting; headers are not sent to a different
 * host. A non-2xx status is an {@code http_status} failure; a body over {@code max_response} is
 * {@code too_large}. The value is {@code {status, content_type, body}}, the body parsed when JSON.
 */
final class HttpTool extends ConfiguredTool {
  record Settings(String method, String url, Map<String, String> headers, Object body, HostAllowList allow,
      long maxResponse, int maxRedirects) {}

  private final Settings s;
  private final HttpClient client;

  HttpTool(ToolDeclaration d, String schema, Settings s) {
    super(d, schema);
    this.s = s;
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(d.timeout()).build();
  }

  @Override
  public Object call(Map<String, Object> args, ToolCall call) throws Exception {
    URI uri = uri(Placeholders.fill(s.url(), args, Placeholders::urlEncode));
    String method = s.method();
    String body = body(args);
    URI original = uri;
    for (int hop = 0; ; hop++) {
      if (!s.allow().allows(uri)) {
        throw ToolException.refused((hop == 0 ? "" : "redirect to ") + "host '" + uri.getHost() + "' is not in allow_hosts of tool '"
            + name() + "'; allowed: " + s.allow());
      }
      HttpResponse<InputStream> r = send(uri, method, body, sameHost(uri, original), call);
      int status = r.statusCode();
      var location = r.headers().firstValue("location");
      if (status >= 300 && status < 400 && location.isPresent()) {
        r.body().close();
        if (hop >= s.maxRedirects()) throw ToolException.of("http_status", "too many redirects (more than " + s.maxRedirects() + ")");
        uri = uri(uri.resolve(location.get()).toString());
        if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
          method = "GET";
          body = null;
        }
        continue;
      }
      return result(r, method, uri);
    }
  }

  private HttpResponse<InputStream> send(URI uri, String method, String body, boolean sameHost, ToolCall call)
      throws IOException, InterruptedException, ToolException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (sameHost) s.headers().forEach(b::header); // credentials never follow a redirect to another host
    if (body != null && s.headers().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
      b.header("Content-Type", "application/json");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) b.header("Idempotency-Key", call.idempotencyKey());
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw ToolException.of(ToolException.TIMEOUT, method + " " + where(uri) + " timed out after " + timeout().toMillis() + " ms");
    } catch (IOException e) {
      throw ToolException.of("connect", method + " " + where(uri) + " failed: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  private Object result(HttpResponse<InputStream> r, String method, URI uri) throws IOException, ToolException {
    long declared = r.headers().firstValueAsLong("content-length").orElse(-1);
    byte[] bytes;
    try (InputStream in = r.body()) {
      if (declared > s.maxResponse()) throw tooLarge(method, uri, declared);
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, s.maxResponse() + 1));
    }
    if (bytes.length > s.maxResponse()) throw tooLarge(method, uri, -1);
    String text = new String(bytes, StandardCharsets.UTF_8);
    String type = r.headers().firstValue("content-type").orElse("");
    if (r.statusCode() >= 400) {
      throw ToolException.of("http_status", "HTTP " + r.statusCode() + " from " + method + " " + where(uri)
          + (text.isBlank() ? "" : ": " + abbreviate(text.strip(), 300)));
    }
    Object parsed = text;
    if (type.contains("json") && !text.isBlank()) {
      try {
        parsed = Json.read(text);
      } catch (RuntimeException e) {
        parsed = text; // a mislabelled body stays text
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", (long) r.statusCode());
    out.put("content_type", type);
    out.put("body", parsed);
    return out;
  }

  private String body(Map<String, Object> args) throws ToolException {
    if (s.body() != null) return Json.write(Placeholders.fillJson(s.body(), args));
    return List.of("POST", "PUT", "PATCH").contains(s.method()) ? Json.write(args) : null;
  }

  private ToolException tooLarge(String method, URI uri, long declared) {
    return ToolException.of(ToolException.TOO_LARGE, "response of " + method + " " + where(uri) + " is larger than max_response ("
        + s.maxResponse() + " bytes" + (declared > 0 ? "; Content-Length " + declared : "") + ")");
  }

  private static URI uri(String text) throws ToolException {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw ToolException.of("invalid_arguments", "not a valid URL after substitution: " + e.getMessage());
    }
  }

  private static boolean sameHost(URI a, URI b) {
    return String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost())) && a.getPort() == b.getPort()
        && String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()));
  }

  /** Scheme, host and path only: queries may carry keys. */
  private static String where(URI u) {
    return u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath());
  }

  private static String abbreviate(String t, int max) {
    return t.length() <= max ? t : t.substring(0, max) + "…";
  }
}
