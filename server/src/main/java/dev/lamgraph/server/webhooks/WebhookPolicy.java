package dev.lamgraph.server.webhooks;

import dev.lamgraph.nodes.tool.connector.AddressPolicy;
import dev.lamgraph.server.langgraph.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs this server calls (server-side request forgery is the risk: a client, or a
 * model through a client, chooses a URL the server then calls). Off unless hosts are listed
 * ({@code --webhook-allow HOST[:PORT]}); a URL must be http or https, have no user info, name a
 * listed host exactly (an entry without a port allows the scheme's default port only), and resolve
 * to public addresses only (loopback, private, link-local, metadata... as the {@code http} tool's
 * {@link AddressPolicy}) unless {@code allowPrivate}. {@link #check} resolves the name once and
 * returns the address to connect to.
 *
 * <pre>{@code
 * new WebhookPolicy(List.of("hooks.example.com"), false, WebhookPolicy.SYSTEM).check("https://hooks.example.com/lam");
 * }</pre>
 */
public record WebhookPolicy(List<String> allow, boolean allowPrivate, Resolver resolver) {
  /** Name resolution, replaceable in tests. */
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** The system resolver. */
  public static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /** A checked webhook: its URL and the one address it is delivered to. */
  public record Target(URI uri, String host, InetAddress address) {}

  public WebhookPolicy {
    allow = allow.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).toList();
    for (String e : allow) {
      if (e.isEmpty() || e.contains("/") || e.contains("@") || e.contains("*")) {
        throw new IllegalArgumentException("--webhook-allow " + e + ": expected HOST or HOST:PORT (an exact name, no wildcard)");
      }
      String port = entry(e)[1];
      if (port != null && !port.matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("--webhook-allow " + e + ": the port must be a number");
      }
    }
  }

  /** An entry's host and port (null without one): {@code host}, {@code host:port}, {@code [v6]:port}, a bare IPv6 address. */
  private static String[] entry(String e) {
    if (e.startsWith("[")) {
      int end = e.indexOf(']');
      if (end < 0) return new String[] {e, null};
      return new String[] {e.substring(1, end), e.startsWith(":", end + 1) ? e.substring(end + 2) : null};
    }
    int colon = e.lastIndexOf(':');
    if (colon > 0 && e.indexOf(':') == colon) return new String[] {e.substring(0, colon), e.substring(colon + 1)};
    return new String[] {e, null};
  }

  /** Webhooks off. */
  public static WebhookPolicy off() {
    return new WebhookPolicy(List.of(), false, SYSTEM);
  }

  /** Whether any host is allowed. */
  public boolean enabled() {
    return !allow.isEmpty();
  }

  /** The URL checked and resolved once; a 422 with a one-line reason when refused. */
  public Target check(String url) {
    if (!enabled()) throw refused("webhooks are off: start lam serve with --webhook-allow HOST[:PORT]");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw refused("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) throw refused("only http and https URLs are called");
    if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
      throw refused("a URL with user info (user@host) is not called");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) throw refused("the URL has no host");
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    if (!listed(host, port, scheme)) throw refused("host " + host + ":" + port + " is not in --webhook-allow");
    List<InetAddress> all;
    try {
      all = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw refused("host " + host + " does not resolve");
    }
    if (all.isEmpty()) throw refused("host " + host + " does not resolve");
    if (!allowPrivate) {
      for (InetAddress a : all) {
        Optional<String> why = AddressPolicy.restricted(a);
        if (why.isPresent()) {
          throw refused("host " + host + " resolves to " + a.getHostAddress() + ", " + why.get()
              + " (allowed only with --webhook-allow-private)");
        }
      }
    }
    return new Target(uri, host, all.get(0));
  }

  private boolean listed(String host, int port, String scheme) {
    for (String e : allow) {
      String[] hp = entry(e);
      int p = hp[1] != null ? Integer.parseInt(hp[1]) : scheme.equals("https") ? 443 : 80;
      if (hp[0].equals(host) && p == port) return true;
    }
    return false;
  }

  private static ApiException refused(String why) {
    return ApiException.invalid("webhook refused: " + why);
  }
}
