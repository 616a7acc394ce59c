package dev.lamgraph.server.webhooks;

import java.io.IOException;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Delivers webhooks in the background: each is one JSON POST to the address its {@link
 * WebhookPolicy#check} resolved (the client's DNS answers that address and nothing else, so the
 * name is resolved once), no redirect followed (a 3xx is a failure), 5 s to connect and to read, no
 * proxy. A failing delivery (an error or a status other than 2xx) is tried again after a backoff,
 * {@code attempts} times in all, then reported once to {@code warn}; it never fails the run.
 */
public final class WebhookSender implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json");
  private final WebhookPolicy policy;
  private final int attempts;
  private final Duration backoff;
  private final Consumer<String> warn;
  private final OkHttpClient client;
  private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "lam-serve-webhook");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param attempts tries in all (at least 1)
   * @param backoff the wait before the second try, doubled for each later one
   * @param warn where a delivery that failed every try is reported (one line)
   */
  public WebhookSender(WebhookPolicy policy, int attempts, Duration backoff, Consumer<String> warn) {
    this.policy = policy;
    this.attempts = Math.max(1, attempts);
    this.backoff = backoff;
    this.warn = warn;
    Duration t = Duration.ofSeconds(5);
    this.client = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false).proxy(Proxy.NO_PROXY)
        .retryOnConnectionFailure(false).connectTimeout(t).readTimeout(t).writeTimeout(t).callTimeout(Duration.ofSeconds(15))
        .build();
  }

  /** 4 tries, 1 s, 2 s and 4 s apart, warnings on stderr. */
  public static WebhookSender standard(WebhookPolicy policy) {
    return standard(policy, w -> System.err.println("lam: warning: " + w));
  }

  /** 4 tries, 1 s, 2 s and 4 s apart, warnings to {@code warn}. */
  public static WebhookSender standard(WebhookPolicy policy, Consumer<String> warn) {
    return new WebhookSender(policy, 4, Duration.ofSeconds(1), warn);
  }

  public WebhookPolicy policy() {
    return policy;
  }

  /** Checks the URL now (a 422 when refused: call it where the run or cron is created). */
  public void check(String url) {
    policy.check(url);
  }

  /**
   * Sends {@code body()} (already masked JSON) to {@code url} in the background; {@code what} names
   * the delivery in the warning ("run R").
   */
  public void send(String url, Supplier<String> body, String what) {
    try {
      pool.execute(() -> attempt(url, body.get(), what, 1));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      warn.accept("webhook for " + what + " not sent: the server is stopping");
    }
  }

  private void attempt(String url, String body, String what, int n) {
    String failure;
    try {
      WebhookPolicy.Target target = policy.check(url);
      OkHttpClient pinned = client.newBuilder().dns(host -> {
        if (!host.equalsIgnoreCase(target.host())) throw new java.net.UnknownHostException("webhook: unexpected host " + host);
        return List.of(target.address());
      }).build();
      Request req = new Request.Builder().url(target.uri().toString()).post(RequestBody.create(body, JSON))
          .header("User-Agent", "lamgraph-serve").build();
      try (Response r = pinned.newCall(req).execute()) {
        if (r.isSuccessful()) return;
        failure = "HTTP " + r.code() + (r.isRedirect() ? " (redirects are not followed)" : "");
      }
    } catch (IOException | RuntimeException e) {
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
    if (n < attempts && !pool.isShutdown()) {
      long wait = backoff.toMillis() << (n - 1);
      String f = failure;
      try {
        pool.schedule(() -> attempt(url, body, what, n + 1), wait, TimeUnit.MILLISECONDS);
        return;
      } catch (java.util.concurrent.RejectedExecutionException e) {
        failure = f;
      }
    }
    warn.accept("webhook for " + what + " failed after " + n + (n == 1 ? " try" : " tries") + ": " + failure);
  }

  /** Reports {@code message} the way a failed delivery is reported (one warning line). */
  public void warn(String message) {
    warn.accept(message);
  }

  /** Stops retrying; deliveries in flight finish. */
  @Override
  public void close() {
    pool.shutdown();
  }
}
