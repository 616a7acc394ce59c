package dev.lamgraph.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lamgraph.server.langgraph.ApiException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The webhook policy with a fake resolver (rebinding, metadata addresses), and the sender's give-up. */
class WebhookPolicyTest {
  static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static WebhookPolicy policy(boolean allowPrivate, Map<String, List<String>> dns) {
    return new WebhookPolicy(List.of("hooks.example.com", "ci.example.com:8443"), allowPrivate, host -> {
      List<String> a = dns.get(host);
      if (a == null) throw new UnknownHostException(host);
      return a.stream().map(WebhookPolicyTest::ip).toList();
    });
  }

  static String refusal(WebhookPolicy p, String url) {
    try {
      p.check(url);
      return null;
    } catch (ApiException e) {
      assertThat(e.status()).isEqualTo(422);
      return e.getMessage();
    }
  }

  @Test
  void aPublicAddressOfAListedHostIsPinned() {
    WebhookPolicy p = policy(false, Map.of("hooks.example.com", List.of("93.184.216.34"), "ci.example.com", List.of("93.184.216.35")));
    WebhookPolicy.Target t = p.check("https://Hooks.Example.com/lam?k=v");
    assertThat(t.host()).isEqualTo("hooks.example.com");
    assertThat(t.address().getHostAddress()).isEqualTo("93.184.216.34");
    assertThat(p.check("https://ci.example.com:8443/x").address().getHostAddress()).isEqualTo("93.184.216.35");
    assertThat(refusal(p, "https://ci.example.com/x")).contains("ci.example.com:443 is not in --webhook-allow");
    assertThat(refusal(p, "http://hooks.example.com:8080/")).contains("not in --webhook-allow");
    assertThat(refusal(p, "https://evil.hooks.example.com/")).contains("not in --webhook-allow");
  }

  @Test
  void privateMetadataAndRebindingAnswersAreRefused() {
    for (String a : List.of("127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1",
        "fd00:ec2::254", "0.0.0.0")) {
      WebhookPolicy p = policy(false, Map.of("hooks.example.com", List.of(a)));
      assertThat(refusal(p, "https://hooks.example.com/")).as(a).contains("allowed only with --webhook-allow-private");
      assertThat(policy(true, Map.of("hooks.example.com", List.of(a))).check("https://hooks.example.com/").address()).isEqualTo(ip(a));
    }
    // a rebinding answer mixes a public and a private address: refused as a whole
    WebhookPolicy mixed = policy(false, Map.of("hooks.example.com", List.of("93.184.216.34", "127.0.0.1")));
    assertThat(refusal(mixed, "https://hooks.example.com/")).contains("127.0.0.1, a loopback address");
    assertThat(refusal(policy(false, Map.of()), "https://hooks.example.com/")).contains("does not resolve");
  }

  @Test
  void entriesAreExactHostsAndOffRefusesAll() {
    assertThat(refusal(WebhookPolicy.off(), "https://hooks.example.com/")).contains("webhooks are off");
    assertThatThrownBy(() -> new WebhookPolicy(List.of("*.example.com"), false, WebhookPolicy.SYSTEM))
        .hasMessageContaining("no wildcard");
    assertThatThrownBy(() -> new WebhookPolicy(List.of("example.com:http"), false, WebhookPolicy.SYSTEM))
        .hasMessageContaining("port must be a number");
    WebhookPolicy v6 = new WebhookPolicy(List.of("[2606:2800:220:1::1]:8443"), false, h -> List.of(ip(h)));
    assertThat(v6.check("https://[2606:2800:220:1::1]:8443/x").address()).isEqualTo(ip("2606:2800:220:1::1"));
    assertThat(refusal(v6, "https://[2606:2800:220:1::1]/x")).contains("is not in --webhook-allow");
  }

  @Test
  void aDeliveryFailingEveryTryIsReportedOnce() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    HttpServer rx = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    rx.createContext("/", ex -> {
      tries.incrementAndGet();
      ex.sendResponseHeaders(503, -1);
      ex.close();
    });
    rx.start();
    List<String> warnings = new CopyOnWriteArrayList<>();
    WebhookPolicy p = new WebhookPolicy(List.of("127.0.0.1:" + rx.getAddress().getPort()), true, WebhookPolicy.SYSTEM);
    try (WebhookSender s = new WebhookSender(p, 3, Duration.ofMillis(20), warnings::add)) {
      s.send("http://127.0.0.1:" + rx.getAddress().getPort() + "/hook", () -> "{}", "run r1");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (warnings.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
      Thread.sleep(200); // no further try, nor warning, comes after the last
      assertThat(warnings).containsExactly("webhook for run r1 failed after 3 tries: HTTP 503");
      assertThat(tries.get()).isEqualTo(3);
    } finally {
      rx.stop(0);
    }
  }
}
