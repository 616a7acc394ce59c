package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.trace.Redactor;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * How runs are executed: clock (fixed in golden tests), the secrets (masked in trace events,
 * sealed in the store), progress listener, the
 * owner name used to lock threads, and a stop request checked between steps (a worker shutting
 * down: the run stops after its current step, still running, for another worker to continue).
 */
public record RunOptions(Clock clock, Redactor redactor, RunListener listener, String owner, BooleanSupplier stop) {
  public static RunOptions defaults() {
    return new RunOptions(Clock.systemUTC(), Redactor.global(), RunListener.NONE, Owner.self(), () -> false);
  }

  public RunOptions withListener(RunListener l) {
    return new RunOptions(clock, redactor, l, owner, stop);
  }

  /** The secrets masked in trace events and sealed in the store (default: {@link Redactor#global()}). */
  public RunOptions withRedactor(Redactor r) {
    return new RunOptions(clock, r, listener, owner, stop);
  }

  public RunOptions withClock(Clock c) {
    return new RunOptions(c, redactor, listener, owner, stop);
  }

  public RunOptions withOwner(String o) {
    return new RunOptions(clock, redactor, listener, o, stop);
  }

  /** Runs stop between steps once {@code s} answers true (status stays running; see {@link RunResult#stopped()}). */
  public RunOptions withStop(BooleanSupplier s) {
    return new RunOptions(clock, redactor, listener, owner, s);
  }
}
