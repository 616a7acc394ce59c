package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolException;
import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An allowed host name is not enough: the address it resolves to must be public unless
 * {@code allow_private: true}, and the connection goes to the address that was checked. The
 * loopback server records every request it receives (with its Authorization header).
 */
class HttpAddressTest {
  static final String TOKEN = "tok-4b1d-secret";
  HttpServer server;
  int port;
  final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      seen.add(x.getRequestURI().getPath() + " auth=" + x.getRequestHeaders().getFirst("Authorization"));
      if (x.getRequestURI().getPath().equals("/redirect")) {
        x.getResponseHeaders().add("Location", "http://api.booking.test:" + port + "/after");
        x.sendResponseHeaders(302, -1);
      } else {
        byte[] b = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
      }
      x.close();
    });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ToolRegistry tools(String entries) throws Exception {
    return registry(entries.replace("PORT", String.valueOf(port)), Path.of("."), Map.of("API_TOKEN", TOKEN));
  }

  private HttpTool tool(String url, boolean allowPrivate, PinnedNetwork.Resolver resolver) {
    HttpTool.Settings s = new HttpTool.Settings("GET", url.replace("PORT", String.valueOf(port)),
        Map.of("Authorization", "Bearer " + TOKEN), null, new HostAllowList(List.of("api.booking.test", "127.0.0.1")), 1 << 20, 5,
        allowPrivate);
    return new HttpTool("api", "", "{\"type\":\"object\"}", Duration.ofSeconds(2), Set.of(), Set.of(), s, resolver);
  }

  private static Object call(Tool t) throws Exception {
    return t.call(Map.of(), new Tool.ToolCall() {
      public String idempotencyKey() {
        return "local";
      }

      public boolean cancelled() {
        return false;
      }
    });
  }

  private static ToolException failure(Tool t) throws Exception {
    try {
      throw new AssertionError("the call went through: " + call(t));
    } catch (ToolException e) {
      return e;
    }
  }

  @Test
  void anAllowedNameThatResolvesToLoopbackDoesNotGetTheToken() throws Exception {
    String yaml = """
        api:
          type: http
          url: "http://localhost:PORT/bookings"
          headers: { Authorization: "Bearer ${env:API_TOKEN}" }
          allow_hosts: ["localhost"]""";
    try (ToolRegistry r = tools(yaml)) {
      ToolResult res = r.call("api", Map.of(), null);
      assertThat(res.errorKind()).isEqualTo("refused");
      assertThat(res.error()).matches("host 'localhost' resolves to (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1), a loopback address,"
          + " which tool 'api' may reach only with allow_private: true");
    }
    assertThat(seen).isEmpty(); // the token never reached the server
    // the same tool with the protection off: the header arrives
    try (ToolRegistry r = tools(yaml + "\n  allow_private: true")) {
      assertThat(r.call("api", Map.of(), null).ok()).isTrue();
    }
    assertThat(seen).containsExactly("/bookings auth=Bearer " + TOKEN);
  }

  @Test
  void aNameResolvedByDnsToLoopbackOrAMixedAnswerIsRefused() throws Exception {
    for (List<String> answer : List.of(List.of("127.0.0.1"), List.of("93.184.215.14", "127.0.0.1"), List.of("169.254.169.254"),
        List.of("::ffff:127.0.0.1"), List.of("10.1.2.3"))) {
      ToolException e = failure(tool("http://api.booking.test:PORT/x", false, host -> addresses(host, answer)));
      assertThat(e.kind()).as(answer.toString()).isEqualTo("refused");
      assertThat(e.getMessage()).as(answer.toString()).startsWith("host 'api.booking.test' resolves to ");
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void ipLiteralsAreCheckedAtConnect() throws Exception {
    ToolException e = failure(tool("http://127.0.0.1:PORT/x", false, host -> {
      throw new AssertionError("an IP literal is not resolved");
    }));
    assertThat(e.kind()).isEqualTo("refused");
    assertThat(e.getMessage()).isEqualTo("address 127.0.0.1, a loopback address, which tool 'api' may reach only with allow_private: true");
    assertThat(seen).isEmpty();
  }

  @Test
  void theConnectionGoesToTheAddressThatWasCheckedWithNoSecondLookup() throws Exception {
    // a rebinding resolver: a public address for the check, loopback for anyone who asks again
    List<String> lookups = new CopyOnWriteArrayList<>();
    PinnedNetwork.Resolver rebinding = host -> {
      lookups.add(host);
      return addresses(host, List.of(lookups.size() == 1 ? "192.0.2.1" : "127.0.0.1"));
    };
    ToolException e = failure(tool("http://api.booking.test:PORT/x", false, rebinding));
    assertThat(e.kind()).isIn("connect", "timeout"); // 192.0.2.1 (TEST-NET) answers nobody
    assertThat(lookups).containsExactly("api.booking.test");
    assertThat(seen).isEmpty();
  }

  @Test
  void redirectsAreResolvedAndCheckedThroughTheSameNetwork() throws Exception {
    List<String> lookups = new CopyOnWriteArrayList<>();
    HttpTool t = tool("http://127.0.0.1:PORT/redirect", true, host -> {
      lookups.add(host);
      return addresses(host, List.of("127.0.0.1"));
    });
    assertThat(((Map<?, ?>) call(t)).get("status")).isEqualTo(200L);
    assertThat(lookups).containsExactly("api.booking.test"); // the redirect's name, through the pinned resolver
    assertThat(seen).containsExactly("/redirect auth=Bearer " + TOKEN, "/after auth=null"); // no token to another host
  }

  static List<InetAddress> addresses(String host, List<String> ips) throws UnknownHostException {
    List<InetAddress> out = new java.util.ArrayList<>();
    for (String ip : ips) out.add(InetAddress.getByAddress(host, InetAddress.getByName(ip).getAddress()));
    return out;
  }
}
