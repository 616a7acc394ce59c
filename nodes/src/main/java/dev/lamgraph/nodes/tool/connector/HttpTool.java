package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.Placeholders;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One {@code http} tool. Redirects are followed by hand (at most {@code max_redirects}), each
 * target checked against the allow-list before connecting; headers are not sent to a different
 * host. A non-2xx status is an {@code http_status} failure; a body over {@code max_response} is
 * {@code too_large}. The value is {@code {status, content_type, body}}, the body parsed when JSON.
 * Every connection, redirects included, goes to an address checked by {@link PinnedNetwork}
 * (no loopback, private, link-local or metadata address unless {@code allow_private: true}), with no
 * proxy. GET and HEAD send no body.
 */
final class HttpTool extends ConfiguredTool implements AutoCloseable {
  record Settings(String method, String url, Map<String, String> headers, Object body, HostAllowList allow,
      long maxResponse, int maxRedirects, boolean allowPrivate) {}

  /** Daemon threads for the calls (a finished run must not wait for idle HTTP threads). */
  private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lam-http");
    t.setDaemon(true);
    return t;
  });

  private final Settings s;
  private final OkHttpClient client;

  HttpTool(ToolDeclaration d, String schema, Settings s) {
    this(d.name(), d.description(), schema, d.timeout(), d.needs(), d.gives(), s, PinnedNetwork.SYSTEM);
  }

  /** A tool with its own name resolution (tests: names that resolve to loopback, rebinding answers). */
  HttpTool(String name, String description, String schema, Duration timeout, Set<String> needs, Set<String> gives, Settings s,
      PinnedNetwork.Resolver resolver) {
    super(name, description, schema, timeout, needs, gives);
    this.s = s;
    PinnedNetwork net = new PinnedNetwork(name, s.allowPrivate(), resolver);
    this.client = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false).proxy(Proxy.NO_PROXY)
        .dns(net.dns()).socketFactory(net.sockets()).dispatcher(new Dispatcher(CALLS))
        .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout).build();
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
      Response r = send(uri, method, body, sameHost(uri, original), call);
      int status = r.code();
      String location = r.header("location");
      if (status >= 300 && status < 400 && location != null) {
        r.close();
        if (hop >= s.maxRedirects()) throw ToolException.of("http_status", "too many redirects (more than " + s.maxRedirects() + ")");
        uri = uri(uri.resolve(location).toString());
        if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
          method = "GET";
          body = null;
        }
        continue;
      }
      return result(r, method, uri);
    }
  }

  private Response send(URI uri, String method, String body, boolean sameHost, ToolCall call)
      throws IOException, InterruptedException, ToolException {
    HttpUrl url = HttpUrl.parse(uri.toString());
    if (url == null) throw ToolException.of("invalid_arguments", "not a valid http(s) URL after substitution: " + where(uri));
    boolean noBody = method.equals("GET") || method.equals("HEAD");
    RequestBody rb = noBody ? null : RequestBody.create(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), null);
    Request.Builder b = new Request.Builder().url(url).method(method, rb);
    if (sameHost) s.headers().forEach(b::header); // credentials never follow a redirect to another host
    if (body != null && !noBody && s.headers().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
      b.header("Content-Type", "application/json");
    }
    if (!noBody) b.header("Idempotency-Key", call.idempotencyKey());
    Call c = client.newCall(b.build());
    try {
      return execute(c);
    } catch (IOException e) {
      var refused = PinnedNetwork.refusal(e);
      if (refused.isPresent()) throw ToolException.refused(refused.get().getMessage());
      if (e instanceof InterruptedIOException) {
        throw ToolException.of(ToolException.TIMEOUT, method + " " + where(uri) + " timed out after " + timeout().toMillis() + " ms");
      }
      throw ToolException.of("connect", method + " " + where(uri) + " failed: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  /** Drops the idle connections of this tool's client. */
  @Override
  public void close() {
    client.connectionPool().evictAll();
  }

  /** Runs the call on the client's threads so that interrupting the caller cancels it. */
  private static Response execute(Call c) throws IOException, InterruptedException {
    CompletableFuture<Response> f = new CompletableFuture<>();
    c.enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        f.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response r) {
        if (!f.complete(r)) r.close();
      }
    });
    try {
      return f.get();
    } catch (InterruptedException e) {
      c.cancel();
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(e.getCause());
    }
  }

  private Object result(Response r, String method, URI uri) throws IOException, ToolException {
    long declared = r.body().contentLength();
    byte[] bytes;
    try (r; InputStream in = r.body().byteStream()) {
      if (declared > s.maxResponse()) throw tooLarge(method, uri, declared);
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, s.maxResponse() + 1));
    } catch (InterruptedIOException e) {
      throw ToolException.of(ToolException.TIMEOUT, method + " " + where(uri) + " timed out after " + timeout().toMillis() + " ms");
    }
    if (bytes.length > s.maxResponse()) throw tooLarge(method, uri, -1);
    String text = new String(bytes, StandardCharsets.UTF_8);
    String type = r.header("content-type", "");
    if (r.code() >= 400) {
      throw ToolException.of("http_status", "HTTP " + r.code() + " from " + method + " " + where(uri)
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
    out.put("status", (long) r.code());
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
