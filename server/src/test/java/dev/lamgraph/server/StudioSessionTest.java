package dev.lamgraph.server;

import static dev.lamgraph.server.StudioFixtures.copy;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's sign-in on a server started with a token, attacked over HTTP with a real client: no
 * cookie, a wrong token, a forged, expired or signed-out session id, and cookie-signed requests
 * from a foreign origin (cross-site request forgery); the right ones work and bearer clients are
 * unaffected.
 */
class StudioSessionTest {
  static final String TOKEN = "s3cret-studio-token";
  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);
  final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(skew.get());
    }
  };

  TestServer server() {
    copy("approval.yaml", dir);
    TestServer s = new TestServer(dir, ServerOptions.defaults().withToken(TOKEN), "memory:", Map.of(), clock);
    s.token = null; // requests below carry what each test says, nothing else
    return s;
  }

  HttpResponse<String> send(TestServer s, String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.server.url() + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (headers.length > 0) b.headers(headers);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Signs in with the right token; returns the session id from the cookie. */
  String signIn(TestServer s) {
    HttpResponse<String> r = send(s, "POST", "/studio/session", "{\"token\": \"" + TOKEN + "\"}", "Origin", s.server.url());
    assertThat(r.statusCode()).isEqualTo(200);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(Sessions.COOKIE + "=").contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/")
        .doesNotContain("Secure").doesNotContain(TOKEN);
    String id = cookie.substring(Sessions.COOKIE.length() + 1, cookie.indexOf(';'));
    assertThat(Base64.getUrlDecoder().decode(id)).hasSize(32);
    return id;
  }

  static String cookie(String id) {
    return Sessions.COOKIE + "=" + id;
  }

  @Test
  void theShellLoadsWithoutTheTokenAndEveryDataRouteNeedsIt() {
    try (TestServer s = server()) {
      for (String p : List.of("/", "/studio/app.js", "/studio/signin.js", "/studio/studio.css", "/studio/mermaid.min.js")) {
        assertThat(send(s, "GET", p, null).statusCode()).as(p).isEqualTo(200);
      }
      assertThat(send(s, "GET", "/studio/no-such.js", null).statusCode()).isEqualTo(404);
      assertThat(send(s, "GET", "/studio/session", null).body()).contains("\"token_required\":true").contains("\"signed_in\":false");
      for (String p : List.of("/studio/api/workflows", "/studio/api/threads", "/studio/api/threads/x", "/studio/api/threads/x/events",
          "/studio/api/workflows/approval", "/assistants/approval", "/info", "/threads/x/state")) {
        HttpResponse<String> r = send(s, "GET", p, null);
        assertThat(r.statusCode()).as(p).isEqualTo(401);
        assertThat(r.body()).as(p).doesNotContain("approval\"");
      }
      assertThat(send(s, "POST", "/threads", "{}", "Origin", s.server.url()).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aWrongTokenGetsNoCookieAndAForgedOrEndedSessionIs401() {
    try (TestServer s = server()) {
      for (String body : List.of("{\"token\": \"wrong\"}", "{\"token\": \"" + TOKEN + "x\"}", "{}", "{\"token\": \"\"}")) {
        HttpResponse<String> r = send(s, "POST", "/studio/session", body, "Origin", s.server.url());
        assertThat(r.statusCode()).as(body).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).as(body).isEmpty();
      }
      // the right token from another site's page: refused, no cookie
      HttpResponse<String> foreign = send(s, "POST", "/studio/session", "{\"token\": \"" + TOKEN + "\"}", "Origin", "http://evil.example");
      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(foreign.headers().firstValue("Set-Cookie")).isEmpty();

      String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
      for (String id : List.of(forged, TOKEN, "", "x".repeat(5000))) {
        assertThat(send(s, "GET", "/studio/api/workflows", null, "Cookie", cookie(id)).statusCode()).isEqualTo(401);
      }
      String id = signIn(s);
      assertThat(send(s, "GET", "/studio/api/workflows", null, "Cookie", cookie(id)).statusCode()).isEqualTo(200);
      assertThat(send(s, "GET", "/studio/session", null, "Cookie", cookie(id)).body()).contains("\"signed_in\":true");
      // a bearer header, when there is one, is what counts
      assertThat(send(s, "GET", "/studio/api/workflows", null, "Cookie", cookie(id), "Authorization", "Bearer wrong").statusCode())
          .isEqualTo(401);

      // signed out: the id is dead
      HttpResponse<String> out = send(s, "POST", "/studio/session/logout", "{}", "Cookie", cookie(id), "Origin", s.server.url());
      assertThat(out.statusCode()).isEqualTo(200);
      assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
      assertThat(send(s, "GET", "/studio/api/workflows", null, "Cookie", cookie(id)).statusCode()).isEqualTo(401);

      // expired: 12 hours later
      String other = signIn(s);
      skew.set(Sessions.TTL.minusMinutes(1));
      assertThat(send(s, "GET", "/studio/api/workflows", null, "Cookie", cookie(other)).statusCode()).isEqualTo(200);
      skew.set(Sessions.TTL.plusSeconds(1));
      assertThat(send(s, "GET", "/studio/api/workflows", null, "Cookie", cookie(other)).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aCookieSignedPostMustComeFromTheStudiosOwnPage() {
    try (TestServer s = server()) {
      String id = signIn(s);
      String run = "{\"assistant_id\": \"approval\", \"input\": {}, \"if_not_exists\": \"create\"}";
      String url = s.server.url();
      String host = URI.create(url).getAuthority();
      for (String[] from : List.of(new String[] {"Origin", "http://evil.example"}, new String[] {"Origin", "null"},
          new String[] {"Origin", "http://" + host + ".evil.example"}, new String[] {"Origin", "https://evil.example:" + s.server.port()},
          new String[] {"Referer", "http://evil.example/#/workflow/approval"})) {
        HttpResponse<String> r = send(s, "POST", "/threads/csrf-1/runs", run, "Cookie", cookie(id), from[0], from[1]);
        assertThat(r.statusCode()).as(from[1]).isEqualTo(403);
      }
      HttpResponse<String> none = send(s, "POST", "/threads/csrf-1/runs", run, "Cookie", cookie(id));
      assertThat(none.statusCode()).as("neither Origin nor Referer").isEqualTo(403);
      assertThat(send(s, "DELETE", "/threads/csrf-1", null, "Cookie", cookie(id), "Origin", "http://evil.example").statusCode())
          .isEqualTo(403);
      assertThat(send(s, "GET", "/threads/csrf-1/state", null, "Cookie", cookie(id)).statusCode()).as("nothing was created").isEqualTo(404);

      assertThat(send(s, "POST", "/threads/csrf-1/runs", run, "Cookie", cookie(id), "Origin", url).statusCode()).isEqualTo(200);
      assertThat(send(s, "POST", "/threads/csrf-2/runs", run, "Cookie", cookie(id), "Referer", url + "/#/workflow/approval").statusCode())
          .isEqualTo(200);
      assertThat(send(s, "GET", "/studio/api/threads/csrf-1", null, "Cookie", cookie(id)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void bearerClientsAreUnaffected() {
    try (TestServer s = server()) {
      String run = "{\"assistant_id\": \"approval\", \"input\": {}, \"if_not_exists\": \"create\"}";
      // no Origin (as SDKs send), or any Origin: the header is not sent by a browser on its own
      assertThat(send(s, "POST", "/threads/b-1/runs", run, "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
      assertThat(send(s, "POST", "/threads/b-2/runs", run, "x-api-key", TOKEN, "Origin", "http://elsewhere.example").statusCode())
          .isEqualTo(200);
      assertThat(send(s, "GET", "/studio/api/threads", null, "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
      assertThat(send(s, "GET", "/assistants/approval", null, "Authorization", "Bearer nope").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void withoutATokenThereIsNothingToSignInTo() {
    copy("approval.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      HttpResponse<String> r = send(s, "POST", "/studio/session", "{\"token\": \"anything\"}");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"token_required\":false");
      assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
      assertThat(send(s, "GET", "/studio/api/workflows", null).statusCode()).isEqualTo(200);
    }
  }
}
