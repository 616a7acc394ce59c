package dev.lamgraph.mcpserver;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DNS-rebinding protection for the HTTP transport: the {@code Host} header, and the {@code Origin}
 * header when a browser sends one, must name an allowed host name; the port is not compared (a
 * server started on port 0 learns its port late). Anything else is refused with 403.
 */
final class HostGuard implements ServerTransportSecurityValidator {
  private final Set<String> hosts;

  HostGuard(Set<String> hosts) {
    this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void validateHeaders(Map<String, List<String>> headers) throws ServerTransportSecurityException {
    String host = header(headers, "host");
    if (host == null || !hosts.contains(hostname(host))) {
      throw new ServerTransportSecurityException(403, "Forbidden: Host " + host + " is not allowed");
    }
    String origin = header(headers, "origin");
    if (origin != null && !origin.equals("null")) {
      String name;
      try {
        name = URI.create(origin).getHost();
      } catch (IllegalArgumentException e) {
        name = null;
      }
      if (name == null || !hosts.contains(hostname(name))) {
        throw new ServerTransportSecurityException(403, "Forbidden: Origin " + origin + " is not allowed");
      }
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (var e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) return e.getValue().get(0);
    }
    return null;
  }

  /** {@code host[:port]} or {@code [v6][:port]} without the port, lower case, brackets kept off. */
  static String hostname(String hostPort) {
    String h = hostPort.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(1, end);
    }
    int colon = h.indexOf(':');
    return colon < 0 || h.indexOf(':', colon + 1) >= 0 ? h : h.substring(0, colon);
  }
}
