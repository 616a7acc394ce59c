package dev.lamgraph.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The studio's sign-in sessions, kept in memory: a browser that gave the server's token to {@code
 * POST /studio/session} gets a random session id (32 bytes, never the token) in an HttpOnly,
 * SameSite=Strict cookie, valid for {@link #TTL}; the server keeps only the ids' SHA-256, each with
 * its expiry. A restart signs every browser out.
 *
 * <pre>{@code
 * Sessions s = new Sessions(Clock.systemUTC(), Sessions.TTL);
 * String id = s.create();          // goes in the cookie
 * s.valid(id);                     // true until it expires or s.drop(id)
 * }</pre>
 */
public final class Sessions {
  /** The cookie's name. */
  public static final String COOKIE = "lam_session";
  /** How long a session lasts. */
  public static final Duration TTL = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;

  public Sessions(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A new session's id (base64url of 32 random bytes); forgets the expired ones. */
  public String create() {
    Instant now = clock.instant();
    expiries.values().removeIf(e -> !e.isAfter(now));
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    expiries.put(hash(id), now.plus(ttl));
    return id;
  }

  /** Whether {@code id} names a session that has not expired nor been dropped. */
  public boolean valid(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) return false;
    String key = hash(id);
    Instant until = expiries.get(key);
    if (until == null) return false;
    if (!until.isAfter(clock.instant())) {
      expiries.remove(key);
      return false;
    }
    return true;
  }

  /** Ends the session {@code id} (nothing when there is none). */
  public void drop(String id) {
    if (id != null && id.length() <= 100) expiries.remove(hash(id));
  }

  /** The {@code Set-Cookie} value that stores {@code id} ({@code Secure} when the page came over https). */
  public String cookie(String id, boolean secure) {
    return COOKIE + "=" + id + "; Path=/; Max-Age=" + ttl.toSeconds() + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  /** The {@code Set-Cookie} value that deletes the cookie. */
  public static String clearCookie(boolean secure) {
    return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  /** Whether {@code given} is {@code token}, compared in constant time. */
  public static boolean tokenMatches(String given, String token) {
    return given != null && token != null
        && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private static String hash(String id) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
