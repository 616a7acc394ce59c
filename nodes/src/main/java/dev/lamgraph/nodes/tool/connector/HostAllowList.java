package dev.lamgraph.nodes.tool.connector;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts an {@code http} tool may reach: exact names ({@code api.example.com}), subdomain
 * wildcards ({@code *.example.com}, not the apex) and optional ports ({@code 127.0.0.1:8080}).
 * Checked on every request and every redirect before connecting.
 *
 * <pre>{@code
 * new HostAllowList(List.of("api.example.com")).allows(URI.create("https://evil.test/")); // false
 * }</pre>
 */
public record HostAllowList(List<String> entries) {
  public HostAllowList {
    entries = entries.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
  }

  /** True when the URI is http(s) and its host (and port, when the entry has one) is listed. */
  public boolean allows(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) return false;
    String host = uri.getHost();
    if (host == null || host.isEmpty()) return false;
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    for (String e : entries) {
      String h = e;
      int p = -1;
      int colon = e.lastIndexOf(':');
      if (colon > 0 && !e.endsWith("]") && e.indexOf(':') == colon) {
        h = e.substring(0, colon);
        p = Integer.parseInt(e.substring(colon + 1));
      }
      if (p >= 0 && p != port) continue;
      if (h.startsWith("*.") ? host.endsWith(h.substring(1)) : host.equals(h)) return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return String.join(", ", entries);
  }
}
