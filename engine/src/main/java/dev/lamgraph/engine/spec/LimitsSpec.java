package dev.lamgraph.engine.spec;

import java.time.Duration;

/**
 * Run limits: {@code limits: { max_steps: 1000, timeout: 10m, max_cel_iterations: 100000 }}.
 *
 * <p>{@code timeout} bounds the whole run, including a node still running when it passes: the
 * node is interrupted (its tool processes killed) and the run fails, resumable from its last
 * committed step. {@code max_cel_iterations} bounds the comprehension iterations ({@code map},
 * {@code filter}, {@code all}, {@code exists}...) of one evaluation of one CEL expression.
 */
public record LimitsSpec(long maxSteps, Duration timeout, int maxCelIterations) {
  /** Iterations one CEL evaluation may make when {@code limits.max_cel_iterations} is not set (~0.1-1 s of CPU). */
  public static final int DEFAULT_MAX_CEL_ITERATIONS = 100_000;

  public static final LimitsSpec DEFAULT = new LimitsSpec(10_000, null, DEFAULT_MAX_CEL_ITERATIONS);

  public LimitsSpec(long maxSteps, Duration timeout) {
    this(maxSteps, timeout, DEFAULT_MAX_CEL_ITERATIONS);
  }
}
