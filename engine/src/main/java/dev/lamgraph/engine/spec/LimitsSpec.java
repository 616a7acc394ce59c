package dev.lamgraph.engine.spec;

import java.time.Duration;

/** Run limits: {@code limits: { max_steps: 1000, timeout: 10m }}. */
public record LimitsSpec(long maxSteps, Duration timeout) {
  public static final LimitsSpec DEFAULT = new LimitsSpec(10_000, null);
}
