package dev.lamgraph.engine.spec;

import java.time.Duration;

/**
 * Run limits: {@code limits: { max_steps: 1000, timeout: 10m, max_cel_iterations: 100000,
 * max_channel_bytes: 16MiB, max_state_bytes: 64MiB }}.
 *
 * <p>{@code timeout} bounds the whole run, including a node still running when it passes: the
 * node is interrupted (its tool processes killed) and the run fails, resumable from its last
 * committed step. {@code max_cel_iterations} bounds the comprehension iterations ({@code map},
 * {@code filter}, {@code all}, {@code exists}...) of one evaluation of one CEL expression.
 *
 * @param maxSteps the step limit, declared or the default
 * @param maxStepsDeclared whether the workflow declares {@code max_steps} (even as the default's value)
 * @param maxChannelBytes the largest JSON size of one channel's value
 * @param maxStateBytes the largest JSON size of the whole state, of the run's input and of one step's writes
 */
public record LimitsSpec(long maxSteps, Duration timeout, boolean maxStepsDeclared, int maxCelIterations,
    long maxChannelBytes, long maxStateBytes) {
  /** Iterations one CEL evaluation may make when {@code limits.max_cel_iterations} is not set (~0.1-1 s of CPU). */
  public static final int DEFAULT_MAX_CEL_ITERATIONS = 100_000;
  public static final long DEFAULT_MAX_CHANNEL_BYTES = 16L * 1024 * 1024;
  public static final long DEFAULT_MAX_STATE_BYTES = 64L * 1024 * 1024;
  public static final LimitsSpec DEFAULT = new LimitsSpec(10_000, null, false, DEFAULT_MAX_CEL_ITERATIONS,
      DEFAULT_MAX_CHANNEL_BYTES, DEFAULT_MAX_STATE_BYTES);

  /** Limits with a declared step limit and the default CEL and size limits. */
  public LimitsSpec(long maxSteps, Duration timeout) {
    this(maxSteps, timeout, true, DEFAULT_MAX_CEL_ITERATIONS, DEFAULT_MAX_CHANNEL_BYTES, DEFAULT_MAX_STATE_BYTES);
  }
}
