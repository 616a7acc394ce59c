package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.Placeholders;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolConnector;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolSchemas;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: http}: one HTTP request per call. The URL is a template whose {@code {arg}}
 * placeholders are percent-encoded; headers may use {@code ${env:NAME}} (secrets, redacted);
 * {@code allow_hosts} is required and checked before connecting, on every redirect too; the
 * address a name resolves to must be public unless {@code allow_private: true} (the connection goes
 * to the address that was checked: see {@link PinnedNetwork}).
 *
 * <pre>{@code
 * tools:
 *   issue:
 *     type: http
 *     method: POST
 *     url: "https://api.tracker.test/repos/{repo}/issues"
 *     headers: { Authorization: "Bearer ${env:TRACKER_TOKEN}" }
 *     body: { title: "{title}", labels: ["agent"] }
 *     allow_hosts: [api.tracker.test]
 * }</pre>
 */
public final class HttpConnector implements ToolConnector {
  static final long DEFAULT_MAX_RESPONSE = 1L << 20;

  @Override
  public String name() {
    return "http";
  }

  @Override
  public String summary() {
    return "HTTP request from a URL template; allow_hosts required; private/loopback addresses need allow_private; secrets in headers are redacted.";
  }

  @Override
  public String configSchema() {
    return ToolSchemas.connector("""
        "method": {"enum": ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], "description": "default GET"},
        "url": {"type": "string", "pattern": "^https?://", "description": "URL template; {arg} placeholders are percent-encoded"},
        "headers": {"type": "object", "additionalProperties": {"type": "string"}, "description": "values may use ${env:NAME}"},
        "body": {"description": "JSON body template; a string \\"{arg}\\" becomes the argument's value. Default for POST/PUT/PATCH: the arguments"},
        "allow_hosts": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^(\\\\*\\\\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?$"},
          "description": "hosts this tool may reach (api.example.com, *.example.com, 127.0.0.1:8080)"},
        "max_response": %s,
        "max_redirects": {"type": "integer", "minimum": 0, "maximum": 10},
        "allow_private": {"type": "boolean", "description": "default false: refuse hosts that resolve to loopback, private, link-local, CGNAT, multicast, unspecified or cloud metadata addresses (checked on the address actually connected to, redirects too)"}"""
        .formatted(ToolSchemas.SIZE), List.of("url", "allow_hosts"));
  }

  @Override
  public String example() {
    return """
        tools:
          weather:
            type: http
            description: Current weather of a city.
            url: "https://api.weather.test/v1/current?city={city}"
            headers: { Authorization: "Bearer ${env:WEATHER_TOKEN}" }
            allow_hosts: [api.weather.test]
            timeout: 10s""";
  }

  @Override
  public List<Tool> create(ToolDeclaration d) {
    String url = d.string("url").orElseThrow();
    HostAllowList allow = new HostAllowList(d.strings("allow_hosts"));
    boolean ok = checkStaticHost(d, url, allow);
    Optional<String> resolvedUrl = d.resolveSecret(url, "url");
    Map<String, String> headers = new LinkedHashMap<>();
    for (var h : d.stringMap("headers").entrySet()) {
      Optional<String> v = d.resolveSecret(h.getValue(), "headers");
      if (v.isEmpty()) ok = false;
      else headers.put(h.getKey(), v.get());
    }
    Object body = d.get("body").map(n -> n.plain()).orElse(null);
    Set<String> names = new LinkedHashSet<>(Placeholders.names(url));
    names.addAll(Placeholders.namesIn(body));
    String method = d.string("method").orElse("GET");
    Optional<String> schema = body == null && List.of("POST", "PUT", "PATCH").contains(method) && d.get("parameters").isEmpty()
        ? Optional.of(Placeholders.schemaFor(names, true)) // the arguments become the body
        : d.parametersFor(names, "url");
    if (!ok || resolvedUrl.isEmpty() || schema.isEmpty()) return List.of();
    HttpTool.Settings s = new HttpTool.Settings(method, resolvedUrl.get(), headers, body, allow,
        d.size("max_response", DEFAULT_MAX_RESPONSE), (int) d.integer("max_redirects", 5),
        d.bool("allow_private", false));
    return List.of(new HttpTool(d, schema.get(), s));
  }

  /** A URL whose host is written literally must name an allowed host (checked at compile time). */
  private static boolean checkStaticHost(ToolDeclaration d, String url, HostAllowList allow) {
    int start = url.indexOf("://") + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) end++;
    String authority = url.substring(start, end);
    if (authority.contains("{") || authority.contains("${")) return true; // decided per call
    URI uri;
    try {
      uri = URI.create(url.substring(0, end) + "/");
    } catch (IllegalArgumentException e) {
      d.error(NodesCodes.HTTP_URL, "url", "'" + url + "' is not a valid URL: " + e.getMessage());
      return false;
    }
    if (!allow.allows(uri)) {
      d.error(NodesCodes.HTTP_HOST_NOT_ALLOWED, "url", "host '" + authority + "' is not in allow_hosts; allowed: " + allow);
      return false;
    }
    return true;
  }
}
