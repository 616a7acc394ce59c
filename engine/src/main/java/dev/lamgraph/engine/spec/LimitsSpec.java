package dev.lamgraph.engine.spec;

import java.time.Duration;

/**
 * Run limits: {@code limits: { max_steps: 1000, timeout: 10m }}.
 *
 * @param maxSteps the step limit, declared or the default
 * @param maxStepsDeclared whether the workflow declares {@code max_steps} (even as the default's value)
 */
public record LimitsSpec(long maxSteps, Duration timeout, boolean maxStepsDeclared) {
  public static final LimitsSpec DEFAULT = new LimitsSpec(10_000, null, false);

  /** Limits with a declared step limit. */
  public LimitsSpec(long maxSteps, Duration timeout) {
    this(maxSteps, timeout, true);
  }
}
