package dev.lamgraph.engine.spec;

import java.time.Duration;
import java.util.Set;

/**
 * Retry policy of a node: {@code retry: { max_attempts: 3, backoff: { initial: 100ms, max: 2s,
 * multiplier: 2 }, on: [timeout, error] }}; the kinds are
 * {@link FailureKinds}.
 */
public record RetrySpec(int maxAttempts, Duration initial, Duration max, double multiplier, Set<String> on) {
  public static final RetrySpec NONE = new RetrySpec(1, Duration.ZERO, Duration.ZERO, 1.0, Set.of());

  /** The delay before attempt {@code attempt} (2-based: the first retry). */
  public Duration delayBefore(int attempt) {
    double ms = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
    return Duration.ofMillis((long) Math.min(ms, max.toMillis()));
  }

  /**
   * Whether a failure of this kind is retried: {@code on} names it, or names {@code error} and it
   * is not a {@code timeout}; never a {@link FailureKinds#FINAL} kind.
   */
  public boolean retries(String failureKind) {
    return FailureKinds.retried(on, failureKind);
  }
}
