package dev.lamgraph.server;

import java.util.List;

/**
 * How {@link LamServer} listens: address, port (0 = any free one), the bearer token (null = none;
 * required for a non-loopback address), the origins allowed by CORS (empty = CORS off), the request
 * body limit, and how many runs execute at once in this process (0 = none: runs are queued for
 * {@code lam worker}s, which needs a store with a run queue), and the hosts webhooks may call
 * ({@code HOST[:PORT]}; empty = webhooks off) with whether those may be private addresses.
 */
public record ServerOptions(String host, int port, String token, List<String> corsOrigins, long maxBodyBytes, int workers,
    List<String> webhookAllow, boolean webhookAllowPrivate) {
  public static final long DEFAULT_MAX_BODY = 1L << 20;

  public ServerOptions {
    corsOrigins = List.copyOf(corsOrigins);
    webhookAllow = List.copyOf(webhookAllow);
    new dev.lamgraph.server.webhooks.WebhookPolicy(webhookAllow, webhookAllowPrivate, null); // checks the entries
    if (webhookAllowPrivate && webhookAllow.isEmpty()) {
      throw new IllegalArgumentException("--webhook-allow-private needs --webhook-allow HOST[:PORT]");
    }
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be from 0 to 65535, not " + port);
    if (maxBodyBytes < 1024) throw new IllegalArgumentException("the body limit must be at least 1 KiB");
    if (workers < 0) throw new IllegalArgumentException("workers must be 0 or more, not " + workers);
    if (token != null && token.isBlank()) throw new IllegalArgumentException("the token is empty");
    if (token == null && !isLoopback(host)) {
      throw new IllegalArgumentException("binding " + host + " (not loopback) needs a bearer token: --token-env NAME");
    }
  }

  /** Without webhooks. */
  public ServerOptions(String host, int port, String token, List<String> corsOrigins, long maxBodyBytes, int workers) {
    this(host, port, token, corsOrigins, maxBodyBytes, workers, List.of(), false);
  }

  /** 127.0.0.1:2024, no token, no CORS, 1 MiB bodies, 4 runs at once. */
  public static ServerOptions defaults() {
    return new ServerOptions("127.0.0.1", 2024, null, List.of(), DEFAULT_MAX_BODY, 4);
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(host, p, token, corsOrigins, maxBodyBytes, workers, webhookAllow, webhookAllowPrivate);
  }

  public ServerOptions withHost(String h, String t) {
    return new ServerOptions(h, port, t, corsOrigins, maxBodyBytes, workers, webhookAllow, webhookAllowPrivate);
  }

  public ServerOptions withToken(String t) {
    return new ServerOptions(host, port, t, corsOrigins, maxBodyBytes, workers, webhookAllow, webhookAllowPrivate);
  }

  public ServerOptions withCors(List<String> origins) {
    return new ServerOptions(host, port, token, origins, maxBodyBytes, workers, webhookAllow, webhookAllowPrivate);
  }

  public ServerOptions withMaxBody(long bytes) {
    return new ServerOptions(host, port, token, corsOrigins, bytes, workers, webhookAllow, webhookAllowPrivate);
  }

  public ServerOptions withWorkers(int n) {
    return new ServerOptions(host, port, token, corsOrigins, maxBodyBytes, n, webhookAllow, webhookAllowPrivate);
  }

  /** Webhooks allowed to these hosts ({@code HOST[:PORT]}), private addresses too when {@code allowPrivate}. */
  public ServerOptions withWebhooks(List<String> allow, boolean allowPrivate) {
    return new ServerOptions(host, port, token, corsOrigins, maxBodyBytes, workers, allow, allowPrivate);
  }

  /** Whether {@code host} names the loopback interface (127.x.y.z, ::1, localhost; not a name such as 127.example.com). */
  public static boolean isLoopback(String host) {
    String h = host.strip().toLowerCase();
    return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("::1") || h.equals("[::1]");
  }
}
