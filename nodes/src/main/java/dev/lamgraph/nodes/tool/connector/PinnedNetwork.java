package dev.lamgraph.nodes.tool.connector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;
import okhttp3.Dns;

/**
 * The network of one {@code http} tool: names are resolved once per connection by {@link #dns()},
 * every address is checked with {@link AddressPolicy} (unless {@code allow_private: true}), and the
 * client connects to exactly the addresses returned (OkHttp dials what its {@link Dns} gives; no
 * second lookup). The {@link #sockets()} factory checks the address again at {@code connect}, which
 * also covers IP-literal URLs (OkHttp does not resolve them) and every redirect hop.
 *
 * <pre>{@code
 * PinnedNetwork net = new PinnedNetwork("weather", false, PinnedNetwork.SYSTEM);
 * new OkHttpClient.Builder().dns(net.dns()).socketFactory(net.sockets()).proxy(Proxy.NO_PROXY).build();
 * }</pre>
 */
final class PinnedNetwork {
  /** Name resolution, replaceable in tests (a name that resolves to loopback, a rebinding resolver). */
  interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** The system resolver. */
  static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /** A connection refused by the address policy; the message is fit for the tool's observation. */
  static final class Refused extends UnknownHostException {
    Refused(String message) {
      super(message);
    }
  }

  private final String tool;
  private final boolean allowPrivate;
  private final Resolver resolver;

  PinnedNetwork(String tool, boolean allowPrivate, Resolver resolver) {
    this.tool = tool;
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** Resolves a name and refuses the whole answer when one address is restricted (a rebinding answer mixes them). */
  Dns dns() {
    return host -> {
      List<InetAddress> all = resolver.resolve(host);
      for (InetAddress a : all) check(host, a, false);
      return all;
    };
  }

  /** Plain sockets that check the address they connect to (TLS is layered on them by the client). */
  SocketFactory sockets() {
    return new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new Socket() {
          @Override
          public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress isa) || isa.isUnresolved()) {
              throw new Refused("tool '" + tool + "' connects only to resolved addresses, not " + endpoint);
            }
            check(isa.getHostString(), isa.getAddress(), true);
            super.connect(endpoint, timeout);
          }
        };
      }

      // The connecting forms resolve through the checked lookup and connect through the checked
      // socket above, so they hold the same rules (OkHttp itself only uses createSocket()).
      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return connected(dns().lookup(host).get(0), port, null, 0);
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return connected(dns().lookup(host).get(0), port, local, localPort);
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(host, port, null, 0);
      }

      @Override
      public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        return connected(address, port, local, localPort);
      }

      private Socket connected(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        Socket s = createSocket();
        try {
          if (local != null) s.bind(new InetSocketAddress(local, localPort));
          s.connect(new InetSocketAddress(address, port));
          return s;
        } catch (IOException e) {
          s.close();
          throw e;
        }
      }
    };
  }

  private void check(String host, InetAddress a, boolean connecting) throws Refused {
    if (allowPrivate) return;
    Optional<String> why = AddressPolicy.restricted(a);
    if (why.isEmpty()) return;
    String ip = a.getHostAddress();
    String subject = host == null || host.equals(ip) ? "address " + ip : "host '" + host + "' " + (connecting ? "is at " : "resolves to ") + ip;
    throw new Refused(subject + ", " + why.get() + ", which tool '" + tool + "' may reach only with allow_private: true");
  }

  /** The refusal inside a client's exception (OkHttp may wrap it or keep it as suppressed after other routes). */
  static Optional<Refused> refusal(Throwable t) {
    for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof Refused r) return Optional.of(r);
      for (Throwable s : t.getSuppressed()) {
        if (s instanceof Refused r) return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
