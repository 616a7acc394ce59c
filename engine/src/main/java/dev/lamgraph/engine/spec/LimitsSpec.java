package dev.lamgraph.engine.spec;

import java.time.Duration;

/**
 * Run limits: {@code limits: { max_steps: 1000, timeout: 10m, max_channel_bytes: 16MiB, max_state_bytes: 64MiB }}.
 *
 * @param maxChannelBytes the largest JSON size of one channel's value
 * @param maxStateBytes the largest JSON size of the whole state, of the run's input and of one step's writes
 */
public record LimitsSpec(long maxSteps, Duration timeout, long maxChannelBytes, long maxStateBytes) {
  public static final long DEFAULT_MAX_CHANNEL_BYTES = 16L * 1024 * 1024;
  public static final long DEFAULT_MAX_STATE_BYTES = 64L * 1024 * 1024;
  public static final LimitsSpec DEFAULT = new LimitsSpec(10_000, null);

  public LimitsSpec(long maxSteps, Duration timeout) {
    this(maxSteps, timeout, DEFAULT_MAX_CHANNEL_BYTES, DEFAULT_MAX_STATE_BYTES);
  }
}
